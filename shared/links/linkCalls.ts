import { z } from 'zod';
import { workspaceCall } from '../api/defineCall';
import { idInput, NoInput, RecordIdSchema } from '../api/callInputs';
import { ImportKindSchema } from '../import/importCalls';

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

const LinkReviewSchema = z.object({
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
const DuplicatePncReportSchema = z.object({
  total: z.number().int(),
  pairs: z.array(z.object({ score: z.number(), people: z.tuple([DuplicatePncPersonSchema, DuplicatePncPersonSchema]) })),
  /** Surname and date-of-birth groups too large to pair up (a common name keyed with one date). */
  groupsTooLarge: z.number().int(),
  maxGroup: z.number().int(),
});
export type DuplicatePncReport = z.infer<typeof DuplicatePncReportSchema>;

export const linkCalls = {
  'links.pending': workspaceCall({
    summary: 'Uncertain matches waiting for the analyst, with the field-by-field evidence.',
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ total: z.number().int(), reviews: z.array(LinkReviewSchema) }),
  }),
  'links.duplicatePncs': workspaceCall({
    summary: 'Possible duplicate PNC records: people with different valid PNCs whose names and date of birth agree. Never merged.',
    input: NoInput,
    output: DuplicatePncReportSchema,
  }),
  'links.decide': workspaceCall({
    summary: 'Accept (link the row to the person) or reject an uncertain match.',
    input: z.object({ reviewId: RecordIdSchema, decision: z.enum(['link', 'reject']) }).strict(),
    output: LinkReviewSchema,
  }),
  'links.recent': workspaceCall({
    summary: 'The most recently decided matches, newest first, each saying whether it can be undone.',
    input: z.object({ limit: z.number().int().min(1).max(100).default(10) }).strict(),
    output: z.array(LinkReviewSchema),
  }),
  'links.undo': workspaceCall({
    summary: 'Take back a link decision: the match waits for review again and both records are as they were. Audited; refused if the person changed since.',
    input: idInput('reviewId'),
    output: LinkReviewSchema,
  }),
};
