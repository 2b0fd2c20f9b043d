import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CLI_BUNDLE = join(ROOT, 'dist/cli.js');

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Tests that run the built CLI rebuild it when it is older than the sources, or they would test yesterday's code. */
export function ensureNodeBuild(): void {
  const sources = Math.max(newestSourceMtime(join(ROOT, 'electron')), newestSourceMtime(join(ROOT, 'shared')));
  if (existsSync(CLI_BUNDLE) && statSync(CLI_BUNDLE).mtimeMs >= sources) return;
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--node-only'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (build.status !== 0) throw new Error(`node build failed: ${build.stderr}`);
}
