// `npm run bench [name…]`: bundles bench/<name>Bench.ts with esbuild and runs it under plain Node.
// Without names, every bench/*Bench.ts runs. Results go to bench/results/<name>.md.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const available = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('Bench.ts')).map((f) => f.replace(/Bench\.ts$/, ''));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : available;
let failed = false;
for (const name of names) {
  if (!available.includes(name)) {
    console.error(`No benchmark "${name}" (have: ${available.join(', ')})`);
    process.exit(64);
  }
  const outfile = join(root, 'dist', 'bench', `${name}Bench.js`);
  await build({ entryPoints: [join(root, 'bench', `${name}Bench.ts`)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3-multiple-ciphers', 'electron'], logLevel: 'warning' });
  console.log(`\n=== ${name} ===`);
  const run = spawnSync(process.execPath, ['--expose-gc', outfile], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
