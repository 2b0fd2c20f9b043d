import { parentPort, workerData } from 'node:worker_threads';
import { createDemoWorkspace } from '../workspace/demoWorkspace';
import { closeWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { stackFrames } from '../logging';
import type { DemoWorkerData, DemoWorkerMessage } from './demoWorkerProtocol';

function post(message: DemoWorkerMessage): void {
  parentPort?.postMessage(message);
}

/**
 * Makes the demo workspace off the main thread, and keeps the synthetic-cohort generator out of
 * the app's main bundle (demoMaker.ts): creates and fills the workspace on a connection of its own,
 * closes it, and says how many files went in; the main thread then opens it.
 */
async function run(): Promise<void> {
  const data = workerData as DemoWorkerData;
  const decoder = new TextDecoder();
  const passphrase = decoder.decode(data.passphrase);
  const confirmation = decoder.decode(data.confirmation);
  data.passphrase.fill(0);
  data.confirmation.fill(0);
  try {
    const { workspace, files } = await createDemoWorkspace(data.path, { passphrase, confirmation }, { actor: data.actor, via: data.via }, (name, index, total) => post({ type: 'file', name, index, total }));
    closeWorkspace(workspace);
    post({ type: 'done', files });
  } catch (error) {
    const isKnown = error instanceof WorkspaceError;
    // Only the code and the message written for the analyst cross back: an unexpected error's text can quote data.
    post({ type: 'error', code: isKnown ? error.code : 'internal', message: isKnown ? error.message : '', name: error instanceof Error ? error.name : typeof error, frames: isKnown ? null : stackFrames(error) });
  }
}

void run();
