/** What passes between the main thread and the demo worker (demoWorker.ts). */
export interface DemoWorkerData {
  path: string;
  /** The new passphrase and its confirmation as bytes; zeroed once the workspace is keyed. */
  passphrase: Uint8Array;
  confirmation: Uint8Array;
  actor: string;
  via: 'cli' | 'app';
}

export type DemoWorkerMessage =
  | { type: 'file'; name: string; index: number; total: number }
  | { type: 'done'; files: number }
  | { type: 'error'; code: string; message: string; name: string; frames: string | null };
