import { parentPort, workerData } from 'node:worker_threads';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { openHandedWorkspace } from '../workspace/handedWorkspace';
import { stackFrames } from '../logging';
import { isReadOnlyTask, performBackgroundTask, type BackgroundTask, type BackgroundResults } from './backgroundTasks';
import { encodePeople } from './peopleTransfer';
import { BATCHES_TAKEN_SLOT, CANCEL_SLOT, type BackgroundWorkerData, type BackgroundWorkerMessage } from './workerProtocol';
import { checkpointPassively, makeConnectionReadOnly } from '../data/connection';

function post(message: BackgroundWorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

/** The typed arrays a result holds, moved rather than copied to the main thread. */
function transferablesOf(result: BackgroundResults[BackgroundTask['kind']]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (view: ArrayBufferView | null | undefined) => {
    if (view && view.buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === view.buffer.byteLength) buffers.add(view.buffer);
  };
  if ('bytes' in result) add(result.bytes);
  if ('file' in result) add(result.file.bytes);
  if ('record' in result) add(result.record.rows);
  if ('parts' in result) {
    add(result.parts.offsets);
    add(result.parts.days);
    add(result.parts.crimeCodes);
    add(result.longListIds);
  }
  return [...buffers];
}

/**
 * What a writing task left in the log is copied into the file by a passive checkpoint, which never
 * waits on the app's connection (compaction has already done its own); a reader has nothing to copy.
 * The app's connection stays open, so closing this one does not checkpoint by itself.
 */
function closeQuietly(workspace: OpenWorkspace, task: BackgroundTask): void {
  try {
    if (!isReadOnlyTask(task)) checkpointPassively(workspace.db);
  } catch {
    // Committed and durable in the log; the next checkpoint copies it.
  } finally {
    workspace.db.close();
  }
}

/**
 * Runs one background task (backgroundTasks.ts) on its own connection to the workspace, off the
 * main thread, as the import worker does: the passphrase bytes arrive in `workerData`, key the
 * connection and are zeroed at once; they are never logged nor posted back.
 */
async function run(): Promise<void> {
  const data = workerData as BackgroundWorkerData;
  const control = new Int32Array(data.control);
  let batchesSent = 0;
  const workspace = openHandedWorkspace(data.workspacePath, data.secret, post);
  if (!workspace) return;
  try {
    if (isReadOnlyTask(data.task)) makeConnectionReadOnly(workspace.db);
    let lastPost = 0;
    const result = await performBackgroundTask(workspace, data.task, {
      progress: (p) => {
        const now = Date.now();
        if (now - lastPost < 100) return;
        lastPost = now;
        post({ type: 'progress', phase: p.phase, rows: p.rows, fraction: p.fraction });
      },
      isCancelled: () => Atomics.load(control, CANCEL_SLOT) === 1,
      people: (people) => {
        const { batch, transfer } = encodePeople(people);
        post({ type: 'people', batch }, transfer);
        batchesSent += 1;
        for (;;) {
          const taken = Atomics.load(control, BATCHES_TAKEN_SLOT);
          if (taken >= batchesSent || Atomics.load(control, CANCEL_SLOT) === 1) break;
          Atomics.wait(control, BATCHES_TAKEN_SLOT, taken, 1_000);
        }
      },
    });
    post({ type: 'done', result }, transferablesOf(result));
  } catch (error) {
    const isKnown = error instanceof WorkspaceError;
    // Only the code and the message written for the analyst cross back: an unexpected error's text can quote data.
    post({ type: 'error', code: isKnown ? error.code : 'internal', message: isKnown ? error.message : '', name: error instanceof Error ? error.name : typeof error, frames: isKnown ? null : stackFrames(error) });
  } finally {
    closeQuietly(workspace, data.task);
  }
}

void run();
