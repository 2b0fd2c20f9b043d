import { z } from 'zod';
import { FilterSchema } from '../shortlist/filterModel';

export const PopulationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('longList') }),
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('shortlist') }),
  z.object({ kind: z.literal('people'), personIds: z.array(z.number().int().positive()).max(1_000_000) }),
  z.object({ kind: z.literal('filter'), filter: FilterSchema }),
  /** The people the latest panel session accepted (their current decision). */
  z.object({ kind: z.literal('accepted') }),
  /** One month's starters in the intake plan of the accepted cohort (saved or default parameters). */
  z.object({ kind: z.literal('tranche'), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month as YYYY-MM') }),
]);
