import { useId, type ReactNode } from 'react';

type OptionLabels<T extends string | number> = Readonly<Record<T, string>> | ((value: T) => ReactNode);

/** The options of a select: each value, shown by its label (from a map of labels, a function, or the value itself). */
export function Options<T extends string | number>({ values, label }: { values: readonly T[]; label?: OptionLabels<T> }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {label === undefined ? value : typeof label === 'function' ? label(value) : label[value]}
        </option>
      ))}
    </>
  );
}

/** A labelled select on one line, as a chart's controls are: one of `values`, shown by its label. */
export function InlineSelect<T extends string>({ label, value, values, labels, onChange }: { label: string; value: T; values: readonly T[]; labels?: OptionLabels<T>; onChange(value: T): void }) {
  const id = useId();
  return (
    <span className="inline-field">
      <label htmlFor={id}>{label}</label>
      {/* The select offers only `values`, so what it holds is one of them. */}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        <Options values={values} label={labels} />
      </select>
    </span>
  );
}
