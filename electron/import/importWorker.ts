import { parentPort, workerData } from 'node:worker_threads';
import { closeWorkspace, type OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { openHandedWorkspace } from '../workspace/handedWorkspace';
import { stackFrames } from '../logging';
import { importFile, type ImportRequest } from './importEngine';
import { ReadingWorkerStart, runCsvLineWorkerIfAsked } from './codedCsvRows';
import { checkpointPassively } from '../data/connection';

/**
 * Runs one import on its own connection, off the main thread. The whole import is one transaction
 * on this connection: if the worker is cancelled, fails or is killed, nothing of it is committed.
 */
export interface ImportWorkerData {
  workspacePath: string;
  /** Passphrase bytes; zeroed once the connection is keyed. */
  secret: Uint8Array;
  request: ImportRequest;
  actor: string;
  /** Int32 flag set to 1 by the main thread to cancel. */
  cancelFlag: SharedArrayBuffer;
}

export type ImportWorkerMessage =
  | { type: 'progress'; phase: string; rows: number; fraction: number | null }
  | { type: 'done'; report: import('../../shared/import/importSchemas').ImportReport }
  | { type: 'error'; code: string; message: string; name: string; frames?: string | null };

async function run(): Promise<void> {
  const data = workerData as ImportWorkerData;
  const post = (message: ImportWorkerMessage) => parentPort?.postMessage(message);
  const cancelFlag = new Int32Array(data.cancelFlag);
  // This same script, started again, reads a large CSV in a thread of its own: started now, it
  // is ready by the time the workspace's key is derived.
  const readingWorker = new ReadingWorkerStart(__filename);
  const workspace = openHandedWorkspace(data.workspacePath, data.secret, post);
  if (!workspace) {
    await readingWorker.stop();
    return;
  }
  let lastPost = 0;
  try {
    const report = await importFile(workspace, data.request, {
      actor: data.actor,
      readingWorker,
      privateConnection: true,
      isCancelled: () => Atomics.load(cancelFlag, 0) === 1,
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastPost < 100 && p.fraction !== 1) return;
        lastPost = now;
        post({ type: 'progress', ...p });
      },
    });
    post({ type: 'done', report });
    checkpointAfterReport(workspace);
  } catch (error) {
    const isKnown = error instanceof WorkspaceError;
    post({ type: 'error', code: isKnown ? error.code : 'internal', message: isKnown ? error.message : '', name: error instanceof Error ? error.name : typeof error, frames: isKnown ? null : stackFrames(error) });
  } finally {
    closeWorkspace(workspace);
  }
}

/**
 * The import commits into the write-ahead log and leaves copying its pages into the file for
 * after the report (see `writePlanned`). A passive checkpoint does that copy without blocking the
 * app's own connection, which may read or write meanwhile; closing then only has the rest to do.
 */
function checkpointAfterReport(workspace: OpenWorkspace): void {
  try {
    checkpointPassively(workspace.db);
  } catch {
    // The import is committed and durable; the next checkpoint copies what this one did not.
  }
}

// Started as the import's CSV reading worker, this script does only that.
if (!runCsvLineWorkerIfAsked()) void run();
