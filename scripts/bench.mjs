// `npm run bench [name…]`: bundles bench/<name>Bench.ts with esbuild and runs it under plain Node.
// Without names, every benchmark runs, one after another (never two at once: they time each other).
// Each writes bench/results/<name>.md; this script then writes bench/results/summary.md with the
// goal line of each and the machine they ran on.
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The order of a full run: the issue's list. Any other bench/*Bench.ts runs after these. */
const ORDER = ['import', 'encryption', 'xlsx', 'analysis', 'coldStart'];
const found = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('Bench.ts')).map((f) => f.replace(/Bench\.ts$/, ''));
const available = [...ORDER.filter((n) => found.includes(n)), ...found.filter((n) => !ORDER.includes(n)).sort()];
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : available;

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {
    // Not Linux.
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}

/** The "name: figure; goal …: met / NOT met" line a benchmark ends its report with. */
function goalLineOf(name) {
  const path = join(root, 'bench', 'results', `${name}.md`);
  if (!existsSync(path)) return null;
  const line = readFileSync(path, 'utf8').split('\n').find((l) => l.startsWith(`${name}: `));
  return line ?? null;
}

let failed = false;
const summary = [];
for (const name of names) {
  if (!available.includes(name)) {
    console.error(`No benchmark "${name}" (have: ${available.join(', ')})`);
    process.exit(64);
  }
  const outfile = join(root, 'dist', 'bench', `${name}Bench.js`);
  await build({ entryPoints: [join(root, 'bench', `${name}Bench.ts`)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3-multiple-ciphers', 'electron'], logLevel: 'warning' });
  // The CSV reading worker's own bundle beside the bench, as the build puts it beside the import worker.
  await build({ entryPoints: [join(root, 'electron', 'import', 'csvLineWorker.ts')], outfile: join(root, 'dist', 'bench', 'csvLineWorker.js'), bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3-multiple-ciphers', 'electron'], logLevel: 'warning' });
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--expose-gc', outfile], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) failed = true;
  const line = run.status === 0 ? goalLineOf(name) : `${name}: FAILED (exit ${run.status})`;
  summary.push({ name, line: line ?? `${name}: no goal line`, minutes: (Date.now() - started) / 60000 });
}

console.log('\n=== summary ===');
for (const { line } of summary) console.log(line);

if (!wanted.length) {
  const machine = `${cpuModel()} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
  const lines = [
    '# Benchmark results',
    '',
    `\`npm run bench\`, ${new Date().toISOString()}, on ${machine}. Each benchmark measures its peer in the same run, interleaved, and gives the spread of its repeated runs; the machine may have been shared, which moves every figure (see the load average in each file).`,
    '',
    '| benchmark | result | took |',
    '| --- | --- | --- |',
    ...summary.map(({ name, line, minutes }) => `| [${name}](${name}.md) | ${line.slice(name.length + 2)} | ${minutes.toFixed(1)} min |`),
    '',
  ];
  writeFileSync(join(root, 'bench', 'results', 'summary.md'), lines.join('\n'));
  console.log('\nwritten to bench/results/summary.md');
}
process.exit(failed ? 1 : 0);
