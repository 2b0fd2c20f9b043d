import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import type { AnalysisPerson } from '../../shared/domain/analysisModel';
import type { AppContext } from '../runtime/appContext';
import type { JobHandle } from '../jobs/jobRegistry';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { errorFromWorker } from '../logging';
import { CANCELLED_MESSAGE, isReadOnlyTask, performBackgroundTask, type BackgroundResults, type BackgroundTask } from './backgroundTasks';
import { decodePeople } from './peopleTransfer';
import { settleOnce } from './settleOnce';
import { BATCHES_TAKEN_SLOT, CANCEL_SLOT, type BackgroundWorkerData, type BackgroundWorkerMessage } from './workerProtocol';

export const BACKGROUND_WORKER_FILE = 'backgroundWorker.js';

/**
 * The built background worker, which the build puts beside the import worker and packaging
 * unpacks with it: found from wherever the app found the import worker, so one locator serves
 * both. Null where no worker is built (the CLI, unit tests): the work then runs in the caller's thread.
 */
export function backgroundWorkerPath(ctx: AppContext): string | null {
  return ctx.importWorkerPath ? join(dirname(ctx.importWorkerPath), BACKGROUND_WORKER_FILE) : null;
}

/** The same heap caps as an import: a 40,000-row workbook is built whole in memory. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 2048, maxYoungGenerationSizeMb: 96 } as const;

type Result<K extends BackgroundTask['kind']> = BackgroundResults[K];
type TaskOf<K extends BackgroundTask['kind']> = Extract<BackgroundTask, { kind: K }>;

interface BackgroundOptions {
  /** The analysis model's people as they arrive, a batch at a time. */
  onPeople?: (batch: AnalysisPerson[]) => void;
}

/**
 * Runs a background task as a job (followed with `jobs.status`, stopped with `jobs.cancel`): in a
 * worker thread with its own connection when the worker is built, so the main thread's event loop
 * stays free; otherwise here. Returns the job's id and a promise of its result.
 */
export function startBackgroundTask<K extends BackgroundTask['kind']>(ctx: AppContext, task: TaskOf<K>, options: BackgroundOptions = {}): { jobId: string; result: Promise<Result<K>> } {
  const workspace = ctx.session.requireWorkspace();
  const workerPath = backgroundWorkerPath(ctx);
  if (!workerPath) {
    return ctx.jobs.run(jobKind(task), (handle) =>
      Promise.resolve().then(
        () =>
          performBackgroundTask(workspace, task, {
            progress: (p) => handle.report(p),
            isCancelled: () => handle.isCancelled(),
            people: (batch) => options.onPeople?.(batch),
          }) as Result<K>,
      ),
    );
  }
  const secret = ctx.session.copySecret();
  return ctx.jobs.run(jobKind(task), (handle) => runInWorker<K>(workerPath, { workspacePath: workspace.path, secret, task, control: new SharedArrayBuffer(8) }, handle, options));
}

/** Jobs are named by their task: `background.shortlistExport`… */
function jobKind(task: BackgroundTask): string {
  return `background.${task.kind}`;
}

/** Runs a background task and waits for its result. */
export function runBackgroundTask<K extends BackgroundTask['kind']>(ctx: AppContext, task: TaskOf<K>, options: BackgroundOptions = {}): Promise<Result<K>> {
  return startBackgroundTask(ctx, task, options).result;
}

function failureOf(message: Extract<BackgroundWorkerMessage, { type: 'error' }>): Error {
  return message.code === 'internal' ? errorFromWorker('background worker failed', message.name, message.frames) : new WorkspaceError(message.code as never, message.message);
}

function runInWorker<K extends BackgroundTask['kind']>(workerPath: string, data: BackgroundWorkerData, handle: JobHandle, options: BackgroundOptions): Promise<Result<K>> {
  return new Promise((resolve, reject) => {
    // Cancelled before it could start (a job held back, or stopped at once): no worker at all.
    if (handle.isCancelled()) {
      data.secret.fill(0);
      reject(new WorkspaceError('cancelled', CANCELLED_MESSAGE));
      return;
    }
    const worker = new Worker(workerPath, { workerData: data, resourceLimits: { ...WORKER_LIMITS } });
    data.secret.fill(0);
    const finish = settleOnce();
    const control = new Int32Array(data.control);
    handle.onCancel(() => {
      Atomics.store(control, CANCEL_SLOT, 1);
      Atomics.notify(control, BATCHES_TAKEN_SLOT);
      // A task that only reads can be stopped on the spot; the model build stops at its next step,
      // and a purge or compaction, once begun, is left to finish.
      if (isReadOnlyTask(data.task)) {
        finish(() => reject(new WorkspaceError('cancelled', CANCELLED_MESSAGE)));
        void worker.terminate();
      }
    });
    worker.on('message', (message: BackgroundWorkerMessage) => {
      if (message.type === 'progress') handle.report(message);
      else if (message.type === 'people') {
        options.onPeople?.(decodePeople(message.batch));
        Atomics.add(control, BATCHES_TAKEN_SLOT, 1);
        Atomics.notify(control, BATCHES_TAKEN_SLOT);
      }
      else if (message.type === 'done') finish(() => resolve(message.result as Result<K>));
      else finish(() => reject(failureOf(message)));
    });
    worker.on('error', (error) => {
      const outOfMemory = (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish(() => reject(outOfMemory ? new WorkspaceError('internal', 'The task needed more memory than it may use, so it was stopped and nothing was changed. For an export or a report, choose a smaller population or a narrower filter and try again.') : error));
    });
    worker.on('exit', (code) => finish(() => reject(new WorkspaceError('internal', `The task stopped unexpectedly (worker exit ${code}), so nothing was changed. Try again.`))));
  });
}
