import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AppContext, HostPlatform } from '../runtime/appContext';
import { errorFromWorker } from '../logging';
import { openWorkspaceFile, type OpenWorkspace } from './workspaceFile';
import { WorkspaceError } from './workspaceErrors';
import type { DemoWorkerData, DemoWorkerMessage } from '../background/demoWorkerProtocol';
import { settleOnce } from '../background/settleOnce';

/**
 * Making the demo workspace, as the app's main process sees it. The synthetic-cohort generator is a
 * demo and test tool and is not part of the shipped main or renderer bundles: the app runs it in
 * its own worker (`demoWorker.js`, built beside the import worker), and only the CLI's own bundle
 * (`dist/cli.js`) and the tests run it in their thread (`createDemoWorkspace` in demoWorkspace.ts).
 */

export const DEMO_WORKSPACE_NAME = 'IOM demo (synthetic data)';

export const DEMO_WORKER_FILE = 'demoWorker.js';

/** Creates the demo workspace at `path` with the user's passphrase, fills it and hands it back open. */
export type DemoMaker = (
  path: string,
  secret: { passphrase: string; confirmation: string },
  audit: { actor: string; via: 'cli' | 'app' },
  onFile?: (name: string, index: number, total: number) => void,
) => Promise<{ workspace: OpenWorkspace; files: number }>;

/** The demo workspace's place in the app's own data folder; null where the host has none (CLI, tests). */
export function demoWorkspacePath(host: HostPlatform): string | null {
  return host.dataDir ? join(host.dataDir, 'demo.iomdb') : null;
}

/** The built demo worker beside the import worker (as the background worker); null where none is built. */
export function demoWorkerPath(ctx: Pick<AppContext, 'importWorkerPath'>): string | null {
  return ctx.importWorkerPath ? join(dirname(ctx.importWorkerPath), DEMO_WORKER_FILE) : null;
}

/** The workspace file and the journals a failed build may leave. */
export function removeWorkspaceFiles(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) if (existsSync(file)) rmSync(file, { force: true });
}

/**
 * A DemoMaker that builds in the worker at `workerPath` on a connection of its own, then opens the
 * finished workspace here. The passphrase crosses as bytes, zeroed once sent (as for the other
 * workers). Should the worker die part way, no half-filled workspace is left behind.
 */
export function demoMakerInWorker(workerPath: string): DemoMaker {
  return (path, secret, audit, onFile) =>
    new Promise((resolve, reject) => {
      const encoder = new TextEncoder();
      const data: DemoWorkerData = { path, passphrase: encoder.encode(secret.passphrase), confirmation: encoder.encode(secret.confirmation), actor: audit.actor, via: audit.via };
      const worker = new Worker(workerPath, { workerData: data });
      data.passphrase.fill(0);
      data.confirmation.fill(0);
      const finish = settleOnce();
      worker.on('message', (message: DemoWorkerMessage) => {
        if (message.type === 'file') onFile?.(message.name, message.index, message.total);
        else if (message.type === 'done') {
          finish(() => {
            try {
              resolve({ workspace: openWorkspaceFile(path, secret.passphrase), files: message.files });
            } catch (error) {
              reject(error);
            }
          });
        } else {
          finish(() => reject(message.code === 'internal' ? errorFromWorker('demo worker failed', message.name, message.frames) : new WorkspaceError(message.code as never, message.message)));
        }
      });
      worker.on('error', (error) => finish(() => {
        removeWorkspaceFiles(path);
        reject(error);
      }));
      worker.on('exit', (code) => finish(() => {
        removeWorkspaceFiles(path);
        reject(new WorkspaceError('internal', `Making the demo workspace stopped (worker exit ${code}); nothing was kept.`));
      }));
    });
}
