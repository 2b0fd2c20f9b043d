import { useId } from 'react';
import { FieldProblem, problemLink } from '../../components/FieldProblem';

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
        {...problemLink(`${id}-error`, error)}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldProblem id={`${id}-error`} problem={error} />
    </span>
  );
}
