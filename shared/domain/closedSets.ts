/**
 * A closed set of codes (a panel's decisions, a purge's reasons…) is written once, as the words a
 * screen shows for each code: the codes are those words' keys in the order written, so a code
 * cannot be added without its words or listed in a different order from them.
 */
type CodeList<K extends string> = readonly [K, ...K[]];

/** The codes, in the order written, and the words for each: `const [CODES, LABELS] = closedSet({ code: 'Words' })`. */
export function closedSet<K extends string>(words: Readonly<Record<K, string>>): readonly [CodeList<K>, Readonly<Record<K, string>>] {
  const [first, ...rest] = Object.keys(words) as K[];
  if (first === undefined) throw new Error('A closed set needs at least one code.');
  return [Object.freeze([first, ...rest] as const), Object.freeze({ ...words })];
}

/** Whether text from outside (a CLI flag, a spreadsheet cell, a stored value) is one of a closed list. */
export function isOneOf<K extends string>(codes: readonly K[], value: string | null): value is K {
  return value !== null && (codes as readonly string[]).includes(value);
}
