import { z } from 'zod';

/** Output fragments several call groups share, so that the same kind of figure is declared the same way. */

/**
 * Count fields, in the order named, all of one schema (a whole number unless another is given).
 * A count that needs a word of explanation keeps a line of its own with its comment.
 */
export function countFields<const K extends string>(names: readonly K[], count: z.ZodNumber = z.number().int()): Record<K, z.ZodNumber> {
  return Object.fromEntries(names.map((name) => [name, count])) as Record<K, z.ZodNumber>;
}
