import { z } from 'zod';
import { SHORTLIST_COLUMN_IDS } from './shortlistExport';
import { countFields } from '../api/callOutputs';
import { CANDIDATE_COLUMNS, CandidateFilterSchema, CandidateSortSchema, RuleSetFields } from '../shortlist/candidateSchemas';
import { SessionStatusSchema } from '../panel/panelSchemas';

/**
 * The Exports screen's shortlist export. What is exported is the panel's decided cohort (the
 * accepted people of the latest panel session) or, before any panel, the proposed shortlist; the
 * overview says which are available so the screen can say plainly which one the file holds.
 */

const ShortlistSourceSchema = z.enum(['decided', 'proposed']);
export type ShortlistSource = z.infer<typeof ShortlistSourceSchema>;

const ExportFormatSchema = z.enum(['xlsx', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

const DecidedCohortSchema = z.object({
  sessionId: z.number().int(),
  shortlistId: z.number().int(),
  heldOn: z.string(),
  status: SessionStatusSchema,
  capacity: z.number().int(),
  ...countFields(['accepted', 'rejected', 'deferred', 'undecided']),
});

const ProposedShortlistSchema = z.object({
  shortlistId: z.number().int(),
  createdAt: z.string(),
  ...RuleSetFields,
  capacity: z.number().int(),
  included: z.number().int(),
});

export const ShortlistExportOverviewSchema = z.object({
  workspaceName: z.string(),
  marking: z.string(),
  /** Null before any panel session. */
  decided: DecidedCohortSchema.nullable(),
  /** Null before any shortlist has been made. */
  proposed: ProposedShortlistSchema.nullable(),
  /** What an export without a choice holds: the decided cohort when there is one. */
  defaultSource: ShortlistSourceSchema.nullable(),
  /** True when the workbook will also carry an "Intake plan" sheet. */
  intakePlan: z.boolean(),
});
export type ShortlistExportOverview = z.infer<typeof ShortlistExportOverviewSchema>;

/** The columns an export holds, in the order the analyst chose: at least one, none twice. */
function chosenColumns<C extends readonly [string, ...string[]]>(columns: C) {
  return z
    .array(z.enum(columns))
    .min(1)
    .max(columns.length)
    .refine((c) => new Set(c).size === c.length, { message: 'a column is chosen twice' });
}

export const ShortlistExportInputSchema = z
  .object({
    source: ShortlistSourceSchema,
    format: ExportFormatSchema,
    columns: chosenColumns(SHORTLIST_COLUMN_IDS),
  })
  .strict();

export const CandidatesViewExportInputSchema = z
  .object({
    filter: CandidateFilterSchema,
    sort: CandidateSortSchema,
    format: ExportFormatSchema,
    columns: chosenColumns(CANDIDATE_COLUMNS),
  })
  .strict();
