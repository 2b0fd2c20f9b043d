import type { PeopleBatch } from './peopleTransfer';
import type { BackgroundResults, BackgroundTask } from './backgroundTasks';

/** What passes between the main thread and the background worker (backgroundWorker.ts). */
export interface BackgroundWorkerData {
  workspacePath: string;
  /** Passphrase bytes; zeroed once the connection is keyed. */
  secret: Uint8Array;
  task: BackgroundTask;
  /**
   * Two Int32s: [0] set to 1 by the main thread to cancel; [1] the number of people batches it has
   * taken in. The worker sends the next batch only once the last is taken: Node hands a thread every
   * message waiting on a port in one go, and a model's worth decoded at once would hold its loop for seconds.
   */
  control: SharedArrayBuffer;
}

export const CANCEL_SLOT = 0;
export const BATCHES_TAKEN_SLOT = 1;

export type BackgroundWorkerMessage =
  | { type: 'progress'; phase: string; rows: number; fraction: number | null }
  | { type: 'people'; batch: PeopleBatch }
  | { type: 'done'; result: BackgroundResults[BackgroundTask['kind']] }
  | { type: 'error'; code: string; message: string; name: string; frames?: string | null };

