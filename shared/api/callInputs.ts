import { z } from 'zod';

/** Input fragments several call groups share, so that the same kind of input is checked the same way. */

/** The input of a call that takes nothing: an empty object, and nothing else. */
export const NoInput = z.object({}).strict();

/** A row's id in the workspace (a person, an import, a review, a preset…): a positive whole number. */
export const RecordIdSchema = z.number().int().positive();

/** Where a page of a long list starts (the explorer's and the shortlist's): the first row by default. */
export const PageOffset = z.number().int().min(0).max(10_000_000).default(0);

/** The input of a call about one record, named by its id under `key`: `{ importId: 7 }`. */
export function idInput<K extends string>(key: K) {
  return z.object({ [key]: RecordIdSchema } as Record<K, typeof RecordIdSchema>).strict();
}
