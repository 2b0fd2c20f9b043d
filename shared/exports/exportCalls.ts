import { workspaceCall } from '../api/defineCall';
import { NoInput } from '../api/callInputs';
import { ExportDeliverySchema } from './exportDelivery';
import { ShortlistExportOverviewSchema, ShortlistExportInputSchema, CandidatesViewExportInputSchema } from './exportSchemas';

export const exportCalls = {
  'exports.shortlistOverview': workspaceCall({
    summary: 'What a shortlist export would hold: the decided cohort and/or the proposed shortlist with their counts, and the marking.',
    input: NoInput,
    output: ShortlistExportOverviewSchema,
  }),
  'exports.shortlist': workspaceCall({
    summary: 'Export the decided cohort or proposed shortlist as .xlsx (with a Metadata sheet) or .csv, marked; audited with counts and format only.',
    input: ShortlistExportInputSchema,
    output: ExportDeliverySchema,
  }),
  'exports.candidatesView': workspaceCall({
    summary: 'Export the Candidates view (its filter, sort and visible columns; every matching person) as .xlsx with a Metadata sheet or .csv, marked; audited with counts, columns and criterion names only.',
    input: CandidatesViewExportInputSchema,
    output: ExportDeliverySchema,
  }),
};
