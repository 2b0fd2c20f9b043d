import { isReportPopulation, type ReportPopulation } from '../../shared/report/cohortReportData';
import type { reportCalls } from '../../shared/report/reportCalls';
import { PDF_MIME } from '../../shared/exports/exportDelivery';
import { deliverExport } from '../exports/exportDelivery';
import { auditReportExport, cohortReportFileName, type BuiltCohortReport } from './cohortReport';
import { listScenarios } from '../settings/scenarios';
import { runBackgroundTask } from '../background/runBackgroundTask';
import type { AppContext } from '../runtime/appContext';
import { WorkspaceError } from '../workspace/workspaceErrors';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import type { HandlerGroup } from '../handlers/handlerTypes';

const HTML_MIME = 'text/html;charset=utf-8';

/**
 * The report is assembled and rendered in a worker (it reads the whole analysis model). Listing the
 * scenarios first, here, seeds the default one if there is none: that writes, and the worker only reads.
 */
async function buildReport(ctx: AppContext, workspace: OpenWorkspace, scenarioId: number | null, population: ReportPopulation): Promise<BuiltCohortReport> {
  listScenarios(workspace, ctx.actor);
  return runBackgroundTask(ctx, { kind: 'cohortReport', scenarioId, population, actor: ctx.actor });
}

export const reportHandlers: HandlerGroup<keyof typeof reportCalls> = {
  'report.html': async (ctx, input, workspace) => {
    const report = await buildReport(ctx, workspace, input.scenarioId, input.population !== undefined && isReportPopulation(input.population) ? input.population : 'auto');
    return {
      html: report.rendered.html,
      previewHtml: report.rendered.previewHtml,
      css: report.rendered.css,
      title: report.rendered.title,
      pdfFileName: cohortReportFileName(report, 'pdf'),
      scenarioId: report.scenarioId,
      scenarioName: report.scenarioName,
      cohortSource: report.source,
      cohortDescription: report.cohortDescription,
      people: report.people,
      marking: report.marking,
      pdfAvailable: ctx.host.printPdf !== undefined,
    };
  },
  'report.pdf': async (ctx, input, workspace) => {
    const print = ctx.host.printPdf;
    if (!print) {
      throw new WorkspaceError('invalid_input', 'Saving the report as PDF needs the desktop app. In this browser preview, save it as HTML and print that to PDF from the browser.');
    }
    const report = await buildReport(ctx, workspace, input.scenarioId, input.population !== undefined && isReportPopulation(input.population) ? input.population : 'auto');
    const bytes = await print(report.rendered.html);
    const file = { fileName: cohortReportFileName(report, 'pdf'), mime: PDF_MIME, bytes };
    return (await deliverExport(ctx, file, { action: 'export.report', record: () => auditReportExport(workspace, report, 'pdf', ctx.actor, 'app') })).delivery;
  },
  'report.saveHtml': async (ctx, input, workspace) => {
    const report = await buildReport(ctx, workspace, input.scenarioId, input.population !== undefined && isReportPopulation(input.population) ? input.population : 'auto');
    const file = { fileName: cohortReportFileName(report, 'html'), mime: HTML_MIME, bytes: new Uint8Array(Buffer.from(report.rendered.html, 'utf8')) };
    return (await deliverExport(ctx, file, { action: 'export.report', record: () => auditReportExport(workspace, report, 'html', ctx.actor, 'app') })).delivery;
  },
};
