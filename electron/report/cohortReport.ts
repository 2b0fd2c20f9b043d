import { markedExportFileName } from '../../shared/domain/spreadsheetText';
import type { CohortSource } from '../../shared/report/cohortReportData';
import { renderCohortReport, type RenderedReport } from '../../shared/report/cohortReportHtml';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { appendAudit } from '../workspace/auditLog';
import { assembleCohortReportData, chooseReportScenario, REPORT_TITLE, type ReportScenarioChoice } from './cohortReportData';

/** A report ready to print or save: the HTML and what the audit and file name need. */
export interface BuiltCohortReport {
  rendered: RenderedReport;
  scenarioId: number;
  scenarioName: string;
  source: CohortSource;
  cohortDescription: string;
  people: number;
  marking: string;
  /** The date part of file names (the day the report was made). */
  isoDate: string;
}

export function buildCohortReport(workspace: OpenWorkspace, choice: ReportScenarioChoice, actor: string, now: Date = new Date()): BuiltCohortReport {
  const saved = chooseReportScenario(workspace, actor, choice);
  const { data, source, people } = assembleCohortReportData(workspace, { scenario: saved.scenario, actor, now, population: choice.population ?? 'auto' });
  return {
    rendered: renderCohortReport(data),
    scenarioId: saved.id,
    scenarioName: saved.name,
    source,
    cohortDescription: data.cohort.description,
    people,
    marking: data.marking,
    isoDate: data.generatedAt.slice(0, 10),
  };
}

/** "OFFICIAL-SENSITIVE IOM cohort report 2026-11-23.pdf": the marking first, as on every export. */
export function cohortReportFileName(report: BuiltCohortReport, format: 'pdf' | 'html'): string {
  return markedExportFileName(report.marking, REPORT_TITLE, report.isoDate, format);
}

/** The audit entry for a delivered report: format, cohort source, head count and scenario id; never who is in it. */
export function auditReportExport(workspace: OpenWorkspace, report: BuiltCohortReport, format: 'pdf' | 'html', actor: string, via: 'app' | 'cli'): void {
  appendAudit(workspace.db, {
    actor,
    action: 'export.report',
    entity: 'scenario',
    entityId: report.scenarioId,
    detail: { format, source: report.source, people: report.people, via },
  });
}
