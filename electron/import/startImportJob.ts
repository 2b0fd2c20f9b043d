import { Worker } from 'node:worker_threads';
import type { AppContext } from '../services/appContext';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { importFile, type ImportRequest } from './importEngine';
import type { ImportWorkerData, ImportWorkerMessage } from './importWorker';
import type { ImportReport } from '../../shared/api/importCalls';
import type { JobHandle } from '../services/jobRegistry';

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

function runInWorker(workerPath: string, data: ImportWorkerData, handle: JobHandle): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath, { workerData: data, transferList: [] });
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
        reject(message.code === 'internal' ? Object.assign(new Error('import worker failed'), { name: message.name }) : new WorkspaceError(message.code as never, message.message));
      }
    });
    worker.on('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new WorkspaceError('internal', `The import stopped (worker exit ${code}); the workspace is as it was before.`));
      settled = true;
    });
  });
}
