import type { AnalysisPerson } from '../../shared/domain/analysisModel';
import { arrestIndexFromPartsSteps, type ArrestIndex } from '../../shared/domain/analysisModel';
import { backgroundWorkerPath, startBackgroundTask } from '../background/runBackgroundTask';
import type { ModelTransfer } from '../background/backgroundTasks';
import type { AppContext } from '../runtime/appContext';
import type { JobHandle } from '../jobs/jobRegistry';
import { WorkspaceError } from '../workspace/workspaceErrors';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { adoptAnalysisModel, analysisModelGeneration, isAnalysisModelReady, prepareAnalysisModel, type AnalysisModel } from './analysisModelLoader';

/** One build per workspace at a time: a second screen asking while the first load runs follows the same job. */
const running = new WeakMap<OpenWorkspace, string>();

const STOPPED = 'Loading the analysis was stopped. Nothing was changed; load it again when needed.';

/**
 * Makes sure the analysis model is loaded before a screen asks for figures. When it is already
 * current the answer is immediate; otherwise the load runs as a job the screen can follow and
 * cancel: in a worker thread where one is built (the app), so the window never freezes while a
 * large workspace is read, else paced on this thread (the CLI, tests without a build).
 */
export function prepareAnalysis(ctx: AppContext): { ready: true } | { ready: false; jobId: string } {
  const workspace = ctx.session.requireWorkspace();
  if (isAnalysisModelReady(workspace)) return { ready: true };
  const existing = running.get(workspace);
  if (existing && ctx.jobs.status(existing).state === 'running') return { ready: false, jobId: existing };
  const jobId = ctx.jobs.start('analysisModel', async (handle) => {
    try {
      if (backgroundWorkerPath(ctx)) await loadInWorker(ctx, workspace, handle);
      else await loadHere(workspace, handle);
      return null;
    } finally {
      running.delete(workspace);
    }
  });
  running.set(workspace, jobId);
  return { ready: false, jobId };
}

async function loadHere(workspace: OpenWorkspace, handle: JobHandle): Promise<void> {
  const model = await prepareAnalysisModel(workspace, (progress) => {
    handle.report(progress);
    // A lock while loading closes the database: stop rather than read from a closed connection.
    return !handle.isCancelled() && workspace.db.open;
  });
  if (!model) throw new WorkspaceError('cancelled', STOPPED);
}

/**
 * The worker builds (and stores the index for the next unlock); this thread takes the people in
 * small batches and the index as transferred arrays, so no step here holds the loop for long. If
 * the workspace changed while the worker read it, the model is not taken and the job builds again.
 */
async function loadInWorker(ctx: AppContext, workspace: OpenWorkspace, handle: JobHandle): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (handle.isCancelled()) throw new WorkspaceError('cancelled', STOPPED);
    const generation = analysisModelGeneration(workspace);
    const people: AnalysisPerson[] = [];
    const { jobId, result } = startBackgroundTask(ctx, { kind: 'analysisModel' }, { onPeople: (batch) => people.push(...batch) });
    // The worker's own job reports through this one, which the screen follows; a cancel here stops the worker.
    handle.onCancel(() => ctx.jobs.cancel(jobId));
    const progress = setInterval(() => {
      const state = ctx.jobs.status(jobId);
      handle.report({ phase: state.phase, rows: state.rows, fraction: state.fraction });
    }, 100);
    let transfer: ModelTransfer;
    try {
      transfer = await result;
    } catch (error) {
      if (error instanceof WorkspaceError && error.code === 'cancelled') throw new WorkspaceError('cancelled', STOPPED);
      throw error;
    } finally {
      clearInterval(progress);
    }
    if (handle.isCancelled() || !workspace.db.open) throw new WorkspaceError('cancelled', STOPPED);
    if (adoptAnalysisModel(workspace, await assembleModel(people, transfer), transfer.sourceKey, generation)) return;
  }
  throw new WorkspaceError('conflict', 'The workspace kept changing while the analysis loaded (an import?). Load it again once that has finished.');
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** People between two turns of the event loop while the long list is put together. */
const LONG_LIST_STEP = 20_000;

/** Puts the model together in steps with a turn of the event loop between them. */
async function assembleModel(people: AnalysisPerson[], transfer: ModelTransfer): Promise<AnalysisModel> {
  const steps = arrestIndexFromPartsSteps(people, transfer.parts);
  let index: ArrestIndex;
  for (;;) {
    const step = steps.next();
    if (step.done) {
      index = step.value;
      break;
    }
    await nextTurn();
  }
  let longList = people;
  if (transfer.longListIds) {
    const rows = transfer.longListIds;
    longList = new Array<AnalysisPerson>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      if (i % LONG_LIST_STEP === 0) await nextTurn();
      longList[i] = people[index.rowOf(rows[i]!)]!;
    }
  }
  return { people, longList, index, homeBorough: transfer.homeBorough, rules: transfer.rules, overrides: transfer.overrides };
}
