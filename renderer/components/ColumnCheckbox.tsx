/** A tick box choosing one column of a table or an export, with what the column holds beside its name. */
export function ColumnCheckbox({ label, description, checked, disabled, onToggle }: { label: string; description?: string | null | undefined; checked: boolean; disabled?: boolean; onToggle(on: boolean): void }) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onToggle(e.target.checked)} />
      <span>
        {label}
        {description ? <span className="muted"> ({description})</span> : null}
      </span>
    </label>
  );
}
