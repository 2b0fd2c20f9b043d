import { useId } from 'react';

/**
 * A text box for a number in a scenario draft, with its error under it. `label` names it for screen
 * readers where a column or group heading shows what it is; `visibleLabel` shows a label instead.
 */
export function DraftInput({ label, value, onChange, error, visibleLabel, className = 'input-number', inputMode = 'decimal' }: { label: string; value: string; onChange(value: string): void; error?: string | undefined; visibleLabel?: string; className?: string; inputMode?: 'decimal' | 'numeric' | 'text' }) {
  const id = useId();
  return (
    <span className="draft-input">
      {visibleLabel ? (
        <label htmlFor={id} className="draft-label">
          {visibleLabel}
        </label>
      ) : null}
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        className={className}
        value={value}
        aria-label={visibleLabel ? undefined : label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
