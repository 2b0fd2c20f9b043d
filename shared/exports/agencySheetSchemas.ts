import { z } from 'zod';
import { AgencySheetConfigSchema } from './agencySheets';
import { countFields } from '../api/callOutputs';
import { RuleSetFields } from '../shortlist/candidateSchemas';

/**
 * Agency pre-review sheets (in the `exports.` group, as the Exports screen shows them): which columns each agency receives, one marked .xlsx per agency, and the
 * returned sheets whose comments attach to the right people for the panel.
 */

export const ExportedSheetSchema = z.object({
  sheetId: z.number().int(),
  fileName: z.string(),
  rows: z.number().int(),
  exportedAt: z.string(),
  exportedBy: z.string(),
  shortlistId: z.number().int(),
  /** False once the shortlist has been re-run: a return of this sheet would be refused. */
  forCurrentShortlist: z.boolean(),
});

const ReturnSummarySchema = z.object({
  returnId: z.number().int(),
  fileName: z.string(),
  importedAt: z.string(),
  importedBy: z.string(),
  ...countFields(['commentsAttached', 'rowsEdited', 'rowsMissing']),
});

export const AgencySheetsOverviewSchema = z.object({
  config: AgencySheetConfigSchema,
  /** False while the built-in defaults are in use. */
  customised: z.boolean(),
  marking: z.string(),
  shortlist: z
    .object({ id: z.number().int(), createdAt: z.string(), included: z.number().int(), ...RuleSetFields })
    .nullable(),
  agencies: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      latestExport: ExportedSheetSchema.nullable(),
      latestReturn: ReturnSummarySchema.nullable(),
      /** Comments from this agency the panel sees now. */
      currentComments: z.number().int(),
    }),
  ),
});
export type AgencySheetsOverview = z.infer<typeof AgencySheetsOverviewSchema>;

const AgencyReturnIssueSchema = z.object({
  /** Row of the returned sheet as the analyst sees it in Excel; null for a finding about the whole sheet. */
  rowNumber: z.number().int().nullable(),
  kind: z.enum(['edited', 'unknown_ref', 'no_ref', 'repeated_ref', 'person_gone', 'missing_column', 'comment_truncated']),
  message: z.string(),
});
export type AgencyReturnIssue = z.infer<typeof AgencyReturnIssueSchema>;

export const AgencyReturnReportSchema = z.object({
  /** needs_confirmation: nothing changed; the return would replace the agency's current comments (the messages say what goes). */
  status: z.enum(['imported', 'duplicate', 'needs_confirmation']),
  agency: z.object({ id: z.string(), name: z.string() }),
  sheetId: z.number().int(),
  /** null while a replacement awaits confirmation. */
  returnId: z.number().int().nullable(),
  fileName: z.string(),
  sheetExportedAt: z.string(),
  rowsSent: z.number().int(),
  /** Rows carrying a reference that was on the sheet sent. */
  rowsReturned: z.number().int(),
  ...countFields(['commentsAttached', 'emptyComments', 'rowsEdited', 'rowsMissing', 'rowsUnknown']),
  /** This agency's comments that the return replaced (kept in the history). */
  commentsReplaced: z.number().int(),
  /** Plain sentences for the result panel and the CLI; never a name or other personal data. */
  messages: z.array(z.string()),
  issues: z.array(AgencyReturnIssueSchema),
});
export type AgencyReturnReport = z.infer<typeof AgencyReturnReportSchema>;
