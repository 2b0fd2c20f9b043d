import { Worker } from 'node:worker_threads';
import type { AppContext } from '../runtime/appContext';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { errorFromWorker } from '../logging';
import { importFile, type ImportRequest } from './importEngine';
import type { ImportWorkerData, ImportWorkerMessage } from './importWorker';
import type { ImportReport } from '../../shared/import/importSchemas';
import type { JobHandle } from '../jobs/jobRegistry';

/** Starts an import as a job: in a worker thread when the built worker is there, else in this thread. */
export function startImportJob(ctx: AppContext, request: ImportRequest): string {
  const workspace = ctx.session.requireWorkspace();
  if (!ctx.importWorkerPath) {
    return ctx.jobs.start('import', (handle) => importFile(workspace, request, { actor: ctx.actor, onProgress: (p) => handle.report(p), isCancelled: () => handle.isCancelled() }));
  }
  const workerPath = ctx.importWorkerPath;
  const secret = ctx.session.copySecret();
  return ctx.jobs.start('import', (handle) => runInWorker(workerPath, { workspacePath: workspace.path, secret, request, actor: ctx.actor, cancelFlag: new SharedArrayBuffer(4) }, handle));
}

/**
 * The import worker's JavaScript heap, in MB. A workbook is parsed whole in memory; the reader
 * limits keep a parse near a gigabyte, and this cap is the backstop for whatever slips past them:
 * the worker is stopped, the app and its other work carry on, and the analyst is told what to do.
 */
const IMPORT_WORKER_HEAP_MB = 2048;

/**
 * The young generation, where each row's short-lived cells, parsed values and matches live, in MB
 * (V8 splits it into three semi-spaces of a third each). With the default 16 MB semi-space a
 * million-row extract spends a tenth of its time in scavenges that copy and promote rows still in
 * use; 32 MB semi-spaces cut that by more than half for 64 MB more memory.
 */
const IMPORT_WORKER_YOUNG_MB = 96;

export const IMPORT_WORKER_LIMITS = { maxOldGenerationSizeMb: IMPORT_WORKER_HEAP_MB, maxYoungGenerationSizeMb: IMPORT_WORKER_YOUNG_MB } as const;

/** A worker failure as the analyst should hear of it; running out of memory is about the file. */
export function workerFailure(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new WorkspaceError(
      'bad_file',
      'The file needed more memory than an import may use, so the import was stopped and the workspace is as it was before. Save the sheet as CSV (in Excel: File › Save As › CSV UTF-8) and import that: a CSV is read a piece at a time.',
    );
  }
  return error;
}

function runInWorker(workerPath: string, data: ImportWorkerData, handle: JobHandle): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath, { workerData: data, transferList: [], resourceLimits: { ...IMPORT_WORKER_LIMITS } });
    data.secret.fill(0);
    const flag = new Int32Array(data.cancelFlag);
    handle.onCancel(() => Atomics.store(flag, 0, 1));
    let settled = false;
    worker.on('message', (message: ImportWorkerMessage) => {
      if (message.type === 'progress') handle.report(message);
      else if (message.type === 'done') {
        settled = true;
        resolve(message.report);
      } else {
        settled = true;
        reject(message.code === 'internal' ? errorFromWorker('import worker failed', message.name, message.frames) : new WorkspaceError(message.code as never, message.message));
      }
    });
    worker.on('error', (error) => {
      if (!settled) reject(workerFailure(error));
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new WorkspaceError('internal', `The import stopped unexpectedly (worker exit ${code}); the workspace is as it was before. Try again; if it stops again, save the sheet as CSV (in Excel: File › Save As › CSV UTF-8) and import that.`));
      settled = true;
    });
  });
}
