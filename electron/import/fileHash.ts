import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * Files from this size up are hashed in a thread of their own: a large workbook or list while it
 * is imported (a CSV arrests extract is hashed by its reader instead, see `codedCsvRows.ts`), and
 * any large file the Import screen previews, so that neither the importing thread nor the app's
 * own spends a fifth of a second on it. A smaller file is hashed sooner than a thread can start.
 */
const HASH_IN_THREAD_FROM_BYTES = 8 << 20;

/** Streams the file named by `workerData` through SHA-256 and posts the hex digest, or `{ error }`. */
const HASHING_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
(async () => {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(workerData, { highWaterMark: 1 << 20 })) hash.update(chunk);
  parentPort.postMessage(hash.digest('hex'));
})().catch((error) => parentPort.postMessage({ error: String((error && error.code) || error) }));
`;

async function sha256Streamed(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function sha256InThread(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASHING_THREAD, { eval: true, workerData: path });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.once('message', (message: unknown) => {
      if (typeof message === 'string' && /^[0-9a-f]{64}$/.test(message)) settle(() => resolve(message));
      else settle(() => reject(new Error(`The file could not be hashed (${typeof message === 'object' && message !== null && 'error' in message ? String(message.error) : 'no digest'}).`)));
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`The hashing thread stopped (code ${code}) before giving a digest.`))));
  });
}

/** SHA-256 of a file, streamed: the same file imported twice is recognised without reading it into memory. */
export async function sha256OfFile(path: string): Promise<string> {
  return statSync(path).size >= HASH_IN_THREAD_FROM_BYTES ? sha256InThread(path) : sha256Streamed(path);
}
