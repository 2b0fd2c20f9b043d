import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
/** The built CLI (`node dist/cli.js …`). */
const CLI_BUNDLE = join(ROOT, 'dist/cli.js');
/** The built import worker, handed to the services as `importWorkerPath`. */
export const IMPORT_WORKER_PATH = join(ROOT, 'dist/electron/importWorker.js');
/** The built background worker (exports, report, compaction, model load), found beside the import worker. */
export const BACKGROUND_WORKER_PATH = join(ROOT, 'dist/electron/backgroundWorker.js');

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Tests that run the built CLI or import worker rebuild them when missing or older than the
 * sources, or they would test yesterday's code and pass or fail for the wrong reason.
 */
export function ensureNodeBuild(timeoutMs = 120_000): void {
  const sources = Math.max(newestSourceMtime(join(ROOT, 'electron')), newestSourceMtime(join(ROOT, 'shared')));
  const fresh = [CLI_BUNDLE, IMPORT_WORKER_PATH, BACKGROUND_WORKER_PATH].every((path) => existsSync(path) && statSync(path).mtimeMs >= sources);
  if (fresh) return;
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--node-only'], { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs });
  if (build.status !== 0) throw new Error(`node build failed: ${build.stderr}`);
}
