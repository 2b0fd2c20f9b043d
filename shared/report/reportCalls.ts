import { workspaceCall } from '../api/defineCall';
import { ExportDeliverySchema } from '../exports/exportDelivery';
import { ScenarioChoiceSchema, ReportPreviewSchema } from './reportSchemas';

export const reportCalls = {
  'report.html': workspaceCall({
    summary: 'The cohort report as HTML for the preview, with the scenario and cohort it describes; nothing is saved or audited.',
    input: ScenarioChoiceSchema,
    output: ReportPreviewSchema,
  }),
  'report.pdf': workspaceCall({
    summary: 'Print the cohort report to PDF (desktop app) and save it through the save dialog; audited as export.report.',
    input: ScenarioChoiceSchema,
    output: ExportDeliverySchema,
  }),
  'report.saveHtml': workspaceCall({
    summary: 'Save the cohort report as one self-contained HTML file (any browser prints it to PDF); audited as export.report.',
    input: ScenarioChoiceSchema,
    output: ExportDeliverySchema,
  }),
};
