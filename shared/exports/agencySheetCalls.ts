import { z } from 'zod';
import { AgencyIdSchema, AgencySheetConfigSchema } from './agencySheets';
import { ExportDeliverySchema } from './exportDelivery';
import { workspaceCall } from '../api/defineCall';
import { NoInput } from '../api/callInputs';
import { FilePickSchema, FileTokenSchema } from '../api/chosenFile';
import { ExportedSheetSchema, AgencySheetsOverviewSchema, AgencyReturnReportSchema } from './agencySheetSchemas';

export const agencySheetCalls = {
  'exports.agencySheetsOverview': workspaceCall({
    summary: 'Each agency with its columns, the latest sheet sent and the latest return; the proposed shortlist the sheets are made from.',
    input: NoInput,
    output: AgencySheetsOverviewSchema,
  }),
  'exports.agencySheetsSaveConfig': workspaceCall({
    summary: 'Save the agencies and the columns each receives (or put back the defaults); audited without values.',
    input: z.union([z.object({ config: AgencySheetConfigSchema }).strict(), z.object({ reset: z.literal(true) }).strict()]),
    output: AgencySheetsOverviewSchema,
  }),
  'exports.agencySheet': workspaceCall({
    summary: "Make one agency's marked, protected pre-review .xlsx of the proposed shortlist and deliver it; recorded and audited unless cancelled.",
    input: z.object({ agency: AgencyIdSchema }).strict(),
    output: z.object({ delivery: ExportDeliverySchema, sheet: ExportedSheetSchema.nullable() }),
  }),
  'exports.agencySheetChooseReturn': workspaceCall({
    summary: 'The desktop open dialog for a returned sheet, answered as a token for exports.agencySheetReturn; unsupported in the browser preview.',
    input: NoInput,
    output: FilePickSchema,
  }),
  'exports.agencySheetReturn': workspaceCall({
    summary: "Read a returned agency sheet and attach its comments to the people by row reference, in one transaction; the same file twice changes nothing.",
    input: z.object({ file: FileTokenSchema, replace: z.boolean().optional() }).strict(),
    /** `file`: while a replacement awaits confirmation, a fresh token for the same file to confirm it with; otherwise null. */
    output: AgencyReturnReportSchema.extend({ file: FileTokenSchema.nullable() }),
  }),
};
