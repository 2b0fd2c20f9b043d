import type { ReactNode } from 'react';

/** The options of a select: each value, shown by its label (from a map of labels, a function, or the value itself). */
export function Options<T extends string | number>({ values, label }: { values: readonly T[]; label?: Readonly<Record<T, string>> | ((value: T) => ReactNode) }) {
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
