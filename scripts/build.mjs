// Builds main, preload, CLI, workers and the preview bridge with esbuild, and the renderer with Vite.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.includes('--node-only') ? 'node' : process.argv.includes('--renderer-only') ? 'renderer' : 'all';
const started = Date.now();

const nodeCommon = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Native and Electron modules stay outside the bundle; xlsx is large and loaded lazily by Node.
  external: ['electron', 'better-sqlite3-multiple-ciphers'],
};

const nodeEntries = [
  { in: 'electron/main.ts', out: 'dist/electron/main.js' },
  { in: 'electron/preload.ts', out: 'dist/electron/preload.js' },
  { in: 'electron/import/importWorker.ts', out: 'dist/electron/importWorker.js' },
  // The CSV reading worker alone, beside the import worker and the CLI that start it (codedCsvRows.ts).
  { in: 'electron/import/csvLineWorker.ts', out: 'dist/electron/csvLineWorker.js' },
  { in: 'electron/import/csvLineWorker.ts', out: 'dist/csvLineWorker.js' },
  // Exports, the report, compaction and the analysis model's load, off the main thread (beside the import worker).
  { in: 'electron/background/backgroundWorker.ts', out: 'dist/electron/backgroundWorker.js' },
  // The demo workspace's maker: the synthetic-cohort generator lives here, never in main.js or the renderer.
  { in: 'electron/background/demoWorker.ts', out: 'dist/electron/demoWorker.js' },
  { in: 'electron/cli/cliMain.ts', out: 'dist/cli.js' },
  // The preview bridge is a development/test tool: built beside the app, excluded from packaging.
  { in: 'electron/devBridge/previewMain.ts', out: 'dist/devBridge/preview.js' },
];

if (only !== 'renderer') {
  rmSync(join(root, 'dist', 'electron'), { recursive: true, force: true });
  await Promise.all(
    nodeEntries.map((entry) => esbuild({ ...nodeCommon, entryPoints: [join(root, entry.in)], outfile: join(root, entry.out) })),
  );
}
if (only !== 'node') {
  await viteBuild({ configFile: join(root, 'vite.config.mts'), logLevel: 'warn' });
}
console.log(`build: ${only} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
