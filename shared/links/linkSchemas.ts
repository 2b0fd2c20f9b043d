import { z } from 'zod';
import { ImportKindSchema } from '../import/importSchemas';

const LinkFieldSchema = z.object({
  field: z.string(),
  level: z.string(),
  weight: z.number(),
  explanation: z.string(),
  left: z.string().nullable(),
  right: z.string().nullable(),
  /** What the field says in words ("same date of birth"), from shared/links/linkEvidence.ts. */
  reason: z.string(),
  tone: z.enum(['for', 'against', 'none']),
});

export const LinkReviewSchema = z.object({
  id: z.number().int(),
  importId: z.number().int(),
  importKind: ImportKindSchema,
  fileName: z.string(),
  rowNumber: z.number().int(),
  personId: z.number().int().nullable(),
  score: z.number(),
  probability: z.number(),
  fields: z.array(LinkFieldSchema),
  status: z.enum(['pending', 'linked', 'rejected']),
  /** Strong / likely / weak, from the score and whether a field plainly disagrees. */
  strength: z.enum(['strong', 'likely', 'weak']),
  /** The compared person's name as the workspace holds it, for the link to their page. */
  personName: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** A decided review whose decision can still be taken back (decided in this version of the app). */
  undoable: z.boolean(),
});
export type LinkReview = z.infer<typeof LinkReviewSchema>;

const DuplicatePncPersonSchema = z.object({ personId: z.number().int(), pnc: z.string(), surname: z.string().nullable(), forenames: z.string().nullable(), dob: z.string().nullable() });

/** People with different valid PNCs who look alike: never merged, listed for a PNC bureau check. */
export const DuplicatePncReportSchema = z.object({
  total: z.number().int(),
  pairs: z.array(z.object({ score: z.number(), people: z.tuple([DuplicatePncPersonSchema, DuplicatePncPersonSchema]) })),
  /** Surname and date-of-birth groups too large to pair up (a common name keyed with one date). */
  groupsTooLarge: z.number().int(),
  maxGroup: z.number().int(),
});
export type DuplicatePncReport = z.infer<typeof DuplicatePncReportSchema>;
