import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

/** What the field's control needs so that its label, hint and problem are tied to it. */
interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string;
}

interface CheckedFieldProps {
  label: ReactNode;
  /** Shown under the control while the value is acceptable. */
  hint?: ReactNode;
  /** What is wrong with the value; shown instead of the hint, in the error style. */
  problem?: string | null;
  /** The control's id; one is made when not given. */
  id?: string;
  className?: string;
  children(control: FieldControlProps): ReactNode;
}

/**
 * A labelled control with one line under it: its hint, or, once the value is wrong, what is wrong.
 * The line keeps its place, so the form does not jump as the analyst types.
 */
function CheckedField({ label, hint, problem, id: givenId, className, children }: CheckedFieldProps) {
  const ownId = useId();
  const id = givenId ?? ownId;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': problem ? true : undefined, 'aria-describedby': `${id}-hint` })}
      <span id={`${id}-hint`} className={problem ? 'field-error' : 'field-hint'}>
        {problem ?? hint}
      </span>
    </div>
  );
}

interface CheckedInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> {
  label: ReactNode;
  hint?: ReactNode;
  problem?: string | null;
  id?: string;
  value: string;
  onValueChange(value: string): void;
}

/** A `CheckedField` whose control is a text or number input. */
export function CheckedInput({ label, hint, problem, id, value, onValueChange, ...input }: CheckedInputProps) {
  return (
    <CheckedField label={label} hint={hint} problem={problem} id={id}>
      {(control) => <input {...control} {...input} value={value} onChange={(e) => onValueChange(e.target.value)} />}
    </CheckedField>
  );
}
