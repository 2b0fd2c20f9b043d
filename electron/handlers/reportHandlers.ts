import { isReportPopulation } from '../../shared/report/cohortReportData';
import type { reportCalls } from '../../shared/api/reportCalls';
import { PDF_MIME } from '../../shared/api/exportDelivery';
import { deliverExport } from '../export/exportDelivery';
import { auditReportExport, buildCohortReport, cohortReportFileName } from '../report/cohortReport';
import { WorkspaceError } from '../workspace/workspaceErrors';
import type { HandlerGroup } from './handlerTypes';

const HTML_MIME = 'text/html;charset=utf-8';

export const reportHandlers: HandlerGroup<keyof typeof reportCalls> = {
  'report.html': (ctx, input) => {
    const report = buildCohortReport(ctx.session.requireWorkspace(), { scenarioId: input.scenarioId, population: input.population !== undefined && isReportPopulation(input.population) ? input.population : 'auto' }, ctx.actor);
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
  'report.pdf': async (ctx, input) => {
    const print = ctx.host.printPdf;
    if (!print) {
      throw new WorkspaceError('invalid_input', 'Saving the report as PDF needs the desktop app. In this browser preview, save it as HTML and print that to PDF from the browser.');
    }
    const workspace = ctx.session.requireWorkspace();
    const report = buildCohortReport(workspace, { scenarioId: input.scenarioId, population: input.population !== undefined && isReportPopulation(input.population) ? input.population : 'auto' }, ctx.actor);
    const bytes = await print(report.rendered.html);
    const file = { fileName: cohortReportFileName(report, 'pdf'), mime: PDF_MIME, bytes };
    return (await deliverExport(ctx, file, { action: 'export.report', record: () => auditReportExport(workspace, report, 'pdf', ctx.actor, 'app') })).delivery;
  },
  'report.saveHtml': async (ctx, input) => {
    const workspace = ctx.session.requireWorkspace();
    const report = buildCohortReport(workspace, { scenarioId: input.scenarioId, population: input.population !== undefined && isReportPopulation(input.population) ? input.population : 'auto' }, ctx.actor);
    const file = { fileName: cohortReportFileName(report, 'html'), mime: HTML_MIME, bytes: new Uint8Array(Buffer.from(report.rendered.html, 'utf8')) };
    return (await deliverExport(ctx, file, { action: 'export.report', record: () => auditReportExport(workspace, report, 'html', ctx.actor, 'app') })).delivery;
  },
};
