import { XLSX_MIME } from '../../shared/exports/exportDelivery';
import { DEFAULT_BOOTSTRAP_ITERATIONS, type ParsedQuarterlyReturnRequest, type ParsedTrackingRequest } from '../../shared/tracking/trackingSchemas';
import { isoFromDayNumber, latestArrestDay } from '../../shared/domain/analysisModel';
import { formatDisplayDate } from '../../shared/domain/dateDisplay';
import type { IsoDate } from '../../shared/domain/isoDate';
import { markedExportFileName } from '../../shared/domain/spreadsheetText';
import { quarterlyReturnFigures, quarterlyReturnSheets } from '../../shared/tracking/quarterlyReturn';
import { parseReturnQuarter, type ReturnQuarter } from '../../shared/tracking/returnQuarter';
import { loadAnalysisModel } from '../analysis/analysisModelLoader';
import { chooseReportScenario } from '../report/cohortReportData';
import { trackCohort } from '../tracking/trackingService';
import { appendAudit } from '../workspace/auditLog';
import { WorkspaceError } from '../workspace/workspaceErrors';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { checkedMarking } from './shortlistExport';
import { workbookBytes } from './xlsxSheets';

/**
 * The quarterly return as a marked .xlsx (issue 20, point 5): the Tracking screen's model run with
 * its data cut at the quarter's last day, laid out by the template in shared/tracking. Builds the
 * bytes only; the caller writes them with their audit entry (record before publish), as every export.
 */

interface QuarterlyReturnRequest {
  quarter: ReturnQuarter;
  /** Which cohort, which scenario, how many months either side (the Tracking screen's choices). */
  tracking: Pick<ParsedTrackingRequest, 'cohort' | 'scenarioId' | 'scenarioName' | 'beforeMonths' | 'afterMonths'>;
  /** The last day the arrest data cover; the latest arrest in the workspace when absent. */
  dataTo?: IsoDate | null;
  marking?: string;
  actor: string;
  now?: Date;
}

export interface QuarterlyReturnExportResult {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  marking: string;
  quarter: string;
  cohortSource: 'new' | 'existing';
  scenarioId: number;
  /** On the cohort at the quarter's end, starts and exits in it: what the audit and the CLI name. */
  atEnd: number;
  starts: number;
  exits: number;
  /** One line for the CLI and the screen, without personal data. */
  description: string;
}

/**
 * A return for a quarter the arrests do not cover to its end would count the missing weeks as weeks
 * without arrests and flatter the cohort, so it is refused with what to do instead.
 */
function requireDataCoverQuarter(workspace: OpenWorkspace, quarter: ReturnQuarter, dataTo: IsoDate | null | undefined): void {
  const latest = latestArrestDay(loadAnalysisModel(workspace).index);
  const coveredTo = dataTo ?? (latest === null ? null : isoFromDayNumber(latest));
  if (coveredTo === null) throw new WorkspaceError('not_found', 'There are no arrests in this workspace, so there is nothing to return; import an arrests extract first.');
  if (coveredTo < quarter.lastDay) {
    throw new WorkspaceError(
      'invalid_input',
      `The arrests ${dataTo ? 'are said to' : 'in this workspace'} run to ${formatDisplayDate(coveredTo)}, before ${quarter.code} ends (${formatDisplayDate(quarter.lastDay)}): import the later arrests extract, or choose an earlier quarter.`,
    );
  }
}

export function buildQuarterlyReturn(workspace: OpenWorkspace, request: QuarterlyReturnRequest): QuarterlyReturnExportResult {
  const marking = checkedMarking(workspace, request.marking);
  const now = request.now ?? new Date();
  const { quarter } = request;
  requireDataCoverQuarter(workspace, quarter, request.dataTo);
  const view = trackCohort(workspace, { ...request.tracking, dataTo: quarter.lastDay, bootstrapIterations: DEFAULT_BOOTSTRAP_ITERATIONS }, request.actor);
  const scenario = chooseReportScenario(workspace, request.actor, { scenarioId: view.scenario.id }).scenario;
  const figures = quarterlyReturnFigures(view.result, quarter, scenario.crimeTypes);
  const sheets = quarterlyReturnSheets(figures, {
    marking,
    workspaceName: workspace.name,
    cohortDescription: view.cohort.description,
    scenarioName: view.scenario.name,
    producedAt: now.toISOString(),
    producedBy: request.actor,
  });
  const bytes = workbookBytes(
    [
      { name: 'Return', rows: sheets.returnRows, widths: [58, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16] },
      { name: 'Definitions', rows: sheets.definitionRows, widths: [48, 110] },
    ],
    { title: `${sheets.title} (${workspace.name})`, subject: marking, author: request.actor },
  );
  const count = (id: string) => figures.caseload.find((r) => r.id === id)?.total ?? 0;
  const atEnd = count('atEnd');
  const starts = count('starts');
  const exits = count('exits');
  return {
    fileName: markedExportFileName(marking, `IOM quarterly return ${quarter.code}`, now.toISOString().slice(0, 10), 'xlsx'),
    mime: XLSX_MIME,
    bytes,
    marking,
    quarter: quarter.code,
    cohortSource: view.cohort.source,
    scenarioId: view.scenario.id,
    atEnd,
    starts,
    exits,
    description: `${quarter.label}: ${atEnd} on the cohort at the quarter's end, ${starts} starts, ${exits} exits (${view.cohort.source === 'new' ? 'the new cohort' : 'the existing cohort'}; scenario “${view.scenario.name}”)`,
  };
}

/** The audit entry: which quarter, cohort and scenario, and the caseload counts; never who. */
export function auditQuarterlyReturn(workspace: OpenWorkspace, result: QuarterlyReturnExportResult, actor: string, via: 'app' | 'cli'): void {
  appendAudit(workspace.db, {
    actor,
    action: 'export.quarterlyReturn',
    detail: { format: 'xlsx', quarter: result.quarter, cohort: result.cohortSource, scenarioId: result.scenarioId, atEnd: result.atEnd, starts: result.starts, exits: result.exits, via },
  });
}

/** The call's (or the CLI's) validated input as a request; the quarter's text is checked once more here. */
export function quarterlyReturnRequest(input: ParsedQuarterlyReturnRequest, actor: string, marking?: string): QuarterlyReturnRequest {
  const quarter = parseReturnQuarter(input.quarter);
  if (!quarter) throw new WorkspaceError('invalid_input', `“${input.quarter}” is not a quarter; write it like 2013Q3 (July to September 2013).`);
  const { cohort, scenarioId, scenarioName, beforeMonths, afterMonths, dataTo } = input;
  return { quarter, tracking: { cohort, scenarioId, scenarioName, beforeMonths, afterMonths }, dataTo: dataTo ?? null, ...(marking !== undefined ? { marking } : {}), actor };
}
