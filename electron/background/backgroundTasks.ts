import type { AuditFilter } from '../../shared/audit/auditSchemas';
import type { Compaction, PurgeReason, PurgeResult, RetentionApplyResult } from '../../shared/maintenance/maintenanceSchemas';
import { purgePerson } from '../maintenance/personPurge';
import { applyRetention } from '../maintenance/retentionRules';
import type { ShortlistColumnId } from '../../shared/exports/shortlistExport';
import type { ExportFormat, ShortlistSource } from '../../shared/exports/exportSchemas';
import type { AnalysisPerson, ArrestIndexParts } from '../../shared/domain/analysisModel';
import type { ClassificationRule } from '../../shared/analysis/classification';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';
import { analysisModelBuildSteps, storeModelSnapshot, type ModelBuildProgress } from '../analysis/analysisModelLoader';
import { buildAgencySheet, recordAgencySheet, type AgencySheetRecord, type BuiltAgencySheet, type ExportedSheet } from '../exports/agencySheets/agencySheetExport';
import { importAgencyReturn } from '../exports/agencySheets/agencySheetReturn';
import type { AgencyReturnReport } from '../../shared/exports/agencySheetSchemas';
import { writeRecordedExport } from '../exports/exportAudit';
import { buildAuditCsv, type AuditCsv } from '../audit/auditService';
import { buildShortlistExport, type ShortlistExportResult } from '../exports/shortlistExport';
import { buildCohortReport, type BuiltCohortReport } from '../report/cohortReport';
import { buildQuarterlyReturn, quarterlyReturnRequest, type QuarterlyReturnExportResult } from '../exports/quarterlyReturnExport';
import type { ParsedQuarterlyReturnRequest } from '../../shared/tracking/trackingSchemas';
import type { ReportPopulation } from '../../shared/report/cohortReportData';
import { compactWorkspace } from '../maintenance/personRemoval';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';

/**
 * The slow work the app must not do on its main thread (issue 14, point 6), each as plain data in
 * and plain data out so that it can run in a worker thread on a connection of its own
 * (backgroundWorker.ts) or, where no worker is built (CLI, unit tests), in the caller's thread.
 * A purge (its removal, then the compaction), compaction, the analysis model's stored copy, an
 * agency sheet's recording and an agency's return write; every other task reads.
 */
export type BackgroundTask =
  | { kind: 'analysisModel' }
  | { kind: 'shortlistExport'; source: ShortlistSource | 'auto'; format: ExportFormat; columns: ShortlistColumnId[]; actor: string }
  | { kind: 'agencySheet'; agency: string; actor: string; originId: string }
  /**
   * Stores a delivered agency sheet (its rows' references and fingerprints, and the audit entry).
   * With `write`, the file is written there atomically with the recording committed before it takes
   * its name (as every export); without it (the preview's download) only the recording.
   */
  | { kind: 'recordAgencySheet'; sheet: AgencySheetRecord; write: { path: string; bytes: Uint8Array } | null; actor: string }
  | { kind: 'agencyReturn'; path: string; replace: boolean; actor: string }
  | { kind: 'auditCsv'; filter: AuditFilter; actor: string }
  | { kind: 'cohortReport'; scenarioId: number | null; population: ReportPopulation; actor: string }
  | { kind: 'compact' }
  | { kind: 'purgePerson'; personId: number; reason: PurgeReason; actor: string }
  | { kind: 'applyRetention'; expectedPeople: number; confirmation: string; now: string; actor: string }
  | { kind: 'quarterlyReturn'; request: ParsedQuarterlyReturnRequest; actor: string };

/** The analysis model in pieces a thread can send: the people in batches, the index as typed arrays. */
export interface ModelTransfer {
  /** Null when the long list is everyone; otherwise the long list's ids. */
  longListIds: Int32Array | null;
  parts: ArrestIndexParts;
  homeBorough: string | null;
  rules: ClassificationRule[];
  overrides: Map<string, CrimeTypeId>;
  sourceKey: string;
}

export interface BackgroundResults {
  analysisModel: ModelTransfer;
  shortlistExport: ShortlistExportResult;
  agencySheet: BuiltAgencySheet;
  recordAgencySheet: ExportedSheet;
  agencyReturn: AgencyReturnReport;
  auditCsv: AuditCsv;
  cohortReport: BuiltCohortReport;
  compact: Compaction;
  purgePerson: PurgeResult;
  applyRetention: RetentionApplyResult;
  quarterlyReturn: QuarterlyReturnExportResult;
}


/** Tasks that only read: their connection is opened with `query_only`, so none can write by mistake. */
export function isReadOnlyTask(task: BackgroundTask): boolean {
  return task.kind === 'shortlistExport' || task.kind === 'agencySheet' || task.kind === 'auditCsv' || task.kind === 'cohortReport' || task.kind === 'quarterlyReturn';
}

interface TaskHooks {
  progress(progress: ModelBuildProgress | { phase: string; rows: number; fraction: number | null }): void;
  isCancelled(): boolean;
  /** The model's people, a batch at a time, before the task's result. */
  people(batch: AnalysisPerson[]): void;
}

/** People per message: small enough that the receiving thread decodes one in a few milliseconds (5,000 took 50–150 ms on a loaded machine). */
const PEOPLE_PER_BATCH = 1_000;

export const CANCELLED_MESSAGE = 'Stopped before it finished. Nothing was changed.';

function stopIfCancelled(hooks: TaskHooks): void {
  if (hooks.isCancelled()) throw new WorkspaceError('cancelled', CANCELLED_MESSAGE);
}

/** Most tasks finish in one go; reading an agency's returned file is asynchronous. */
export function performBackgroundTask(workspace: OpenWorkspace, task: BackgroundTask, hooks: TaskHooks): BackgroundResults[BackgroundTask['kind']] | Promise<BackgroundResults[BackgroundTask['kind']]> {
  switch (task.kind) {
    case 'analysisModel':
      return buildModelForTransfer(workspace, hooks);
    case 'shortlistExport':
      return buildShortlistExport(workspace, { source: task.source, format: task.format, columns: task.columns, actor: task.actor });
    case 'agencySheet':
      return buildAgencySheet(workspace, task.agency, { originId: task.originId });
    case 'recordAgencySheet':
      return recordSheet(workspace, task, hooks);
    case 'agencyReturn':
      return importAgencyReturn(workspace, task.path, task.actor, {
        replace: task.replace,
        progress: (phase, rows, total) => {
          stopIfCancelled(hooks);
          hooks.progress({ phase, rows, fraction: total > 0 ? rows / total : null });
        },
      });
    case 'auditCsv':
      return buildAuditCsv(workspace, task.filter, task.actor);
    case 'cohortReport':
      return buildCohortReport(workspace, { scenarioId: task.scenarioId, population: task.population }, task.actor);
    case 'compact':
      return compactWorkspace(workspace);
    case 'purgePerson':
      return purgePerson(workspace, task.personId, task.actor, task.reason);
    case 'applyRetention':
      return applyRetention(workspace, task.actor, { expectedPeople: task.expectedPeople, confirmation: task.confirmation, now: new Date(task.now) });
    case 'quarterlyReturn':
      return buildQuarterlyReturn(workspace, quarterlyReturnRequest(task.request, task.actor));
  }
}

function buildModelForTransfer(workspace: OpenWorkspace, hooks: TaskHooks): ModelTransfer {
  const steps = analysisModelBuildSteps(workspace);
  for (;;) {
    stopIfCancelled(hooks);
    const step = steps.next();
    if (step.done) {
      const build = step.value;
      // Stored here, by the thread that built it, so the next unlock reads it in one go.
      storeModelSnapshot(workspace, build);
      const { model } = build;
      for (let i = 0; i < model.people.length; i += PEOPLE_PER_BATCH) hooks.people(model.people.slice(i, i + PEOPLE_PER_BATCH));
      const { offsets, days, crimeCodes, skipped } = model.index;
      return {
        longListIds: model.longList === model.people ? null : Int32Array.from(model.longList, (p) => p.id),
        parts: { offsets, days, crimeCodes, skipped: { ...skipped } },
        homeBorough: model.homeBorough,
        rules: model.rules,
        overrides: model.overrides,
        sourceKey: build.sourceKey,
      };
    }
    hooks.progress(step.value);
  }
}

function recordSheet(workspace: OpenWorkspace, task: Extract<BackgroundTask, { kind: 'recordAgencySheet' }>, hooks: TaskHooks): ExportedSheet {
  const record = () =>
    recordAgencySheet(workspace, task.sheet, task.actor, {
      progress: (rows, total) => {
        stopIfCancelled(hooks);
        hooks.progress({ phase: 'Recording the sheet', rows, fraction: total > 0 ? rows / total : null });
      },
    });
  if (!task.write) return record();
  return writeRecordedExport(workspace, task.write.path, task.write.bytes, { overwrite: true, action: 'export.agencySheet', actor: task.actor }, record);
}
