/**
 * A 200,000-row .xlsx arrests extract against Python pandas `read_excel` (Debian's python3-pandas
 * with openpyxl) merely reading the same file, in the same run, interleaved:
 *   - our full import (issue 15 point 5): `importFile` into a new encrypted workspace in an import
 *     worker, exactly as the app runs it (reading, linking, writing, the durable commit).
 *     Goal: ≤ 0.5× pandas.
 *   - our workbook reader alone (`openSpreadsheet` + `readRows`, issue 8 point 6). Goal: below 1×.
 *
 * Each side runs in a fresh process, so neither has a warm JIT or module cache. The ratio is taken
 * on the read call as each process times it, and also on the whole process (start-up included).
 * Without pandas the benchmark says "skipped: pandas not installed" and still reports our side.
 *
 * BENCH_XLSX_ROWS overrides the row count, BENCH_RUNS the number of runs per side (default 3).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSpreadsheet } from '../electron/import/readers';
import { ARRESTS_WORKBOOK_COLUMNS as COLUMNS, pandas, pythonWithPandas, writeArrestsWorkbook, type ReadRun } from './arrestsWorkbook';
import { describeLoad, describeMachine, goalLine, median, millis, spread, times, printBenchReport, benchRuns } from './benchReport';
import { importInChild, runImportRole, type ImportRun } from './importRunner';

const ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 200_000);
const RUNS = benchRuns();
const IMPORT_RATIO_GOAL = 0.5;
const READ_RATIO_GOAL = 1;

/** Child: read the workbook with our reader and print the time. */
async function readChild(path: string): Promise<void> {
  const started = performance.now();
  const opened = await openSpreadsheet(path);
  const sheet = await opened.readRows();
  const readMs = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ readMs, rows: sheet.rows.length })}\n`);
}

function ours(path: string): ReadRun {
  const started = performance.now();
  const child = spawnSync(process.execPath, [process.argv[1]!, '--read-child', path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const processMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`our reader failed (exit ${child.status})`);
  const out = JSON.parse(child.stdout.trim().split('\n').pop()!) as { readMs: number; rows: number };
  return { ...out, processMs };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'iom-bench-xlsx-'));
  try {
    const path = join(dir, 'arrests_extract.xlsx');
    const generated = performance.now();
    writeArrestsWorkbook(path, ROWS);
    console.log(`generated ${ROWS.toLocaleString('en-GB')} rows (${(statSync(path).size / 2 ** 20).toFixed(1)} MiB .xlsx) in ${millis(performance.now() - generated)}`);

    const python = pythonWithPandas();
    const ourRuns: ReadRun[] = [];
    const importRuns: ImportRun[] = [];
    const peerRuns: Array<ReadRun & { version: string }> = [];
    for (let i = 0; i < RUNS; i++) {
      const workspace = join(dir, `bench_xlsx_${i}.iomdb`);
      importRuns.push(importInChild(path, workspace, 'encrypted'));
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${workspace}${suffix}`, { force: true });
      ourRuns.push(ours(path));
      if (python) peerRuns.push(pandas(python, path));
      const phases = importRuns[i]!.phases.map((p) => `${p.phase} ${millis(p.ms)}`).join(', ');
      console.log(`run ${i + 1}: our import ${millis(importRuns[i]!.importMs)} (${phases}; ${importRuns[i]!.peopleCreated} people, ${importRuns[i]!.reviewsQueued} reviews), our reader ${millis(ourRuns[i]!.readMs)}${python ? `, pandas ${millis(peerRuns[i]!.readMs)}` : ''}`);
    }
    for (const run of [...ourRuns, ...peerRuns]) if (run.rows !== ROWS + 1) throw new Error(`read ${run.rows} rows, expected ${ROWS + 1} (header included)`);
    for (const run of importRuns) if (run.rowsRead !== ROWS || run.rowsRejected !== 0) throw new Error(`our import read ${run.rowsRead} rows and rejected ${run.rowsRejected}, expected ${ROWS} and 0`);

    const importRatios = peerRuns.map((p, i) => importRuns[i]!.importMs / p.readMs);
    const readRatios = peerRuns.map((p, i) => ourRuns[i]!.readMs / p.readMs);
    const processRatios = peerRuns.map((p, i) => ourRuns[i]!.processMs / p.processMs);
    const importRatio = python ? median(importRatios) : null;
    const ratio = python ? median(readRatios) : null;
    const met = python ? importRatio! <= IMPORT_RATIO_GOAL && ratio! < READ_RATIO_GOAL : null;
    const goal = python
      ? goalLine('xlsx', `full import / pandas read_excel = ${times(importRatio!)}, reader alone ${times(ratio!)} (medians of ${RUNS})`, `import ≤ ${IMPORT_RATIO_GOAL}×, reader below ${READ_RATIO_GOAL}×`, met)
      : 'xlsx: skipped: pandas not installed (Debian: apt-get install python3-pandas python3-openpyxl); ours measured alone';
    const phaseNames = [...new Set(importRuns.flatMap((r) => r.phases.map((p) => p.phase)))];
    const phaseMs = (run: ImportRun, name: string) => run.phases.filter((p) => p.phase === name).reduce((sum, p) => sum + p.ms, 0);
    const lines = [
      '# Workbook import and reading benchmark',
      '',
      `${ROWS.toLocaleString('en-GB')}-row arrests extract as .xlsx (${(statSync(path).size / 2 ** 20).toFixed(1)} MiB; ${COLUMNS.length} columns: text as shared strings, dates as date cells), generated with SheetJS, imported in full and read whole by us and read whole by pandas, each in a fresh process, interleaved.`,
      '',
      '| measure | value |',
      '| --- | --- |',
      `| ours: full import (\`importFile\` in an import worker, encrypted workspace, durable commit) | ${spread(importRuns.map((r) => r.importMs), millis)}; peak RSS ${(Math.max(...importRuns.map((r) => r.maxRssKiB)) / 1024).toFixed(0)} MiB |`,
      `| ours: people created, reviews queued | ${importRuns[0]!.peopleCreated.toLocaleString('en-GB')}, ${importRuns[0]!.reviewsQueued.toLocaleString('en-GB')} |`,
      ...phaseNames.map((name) => `| ours: import phase "${name}" | ${spread(importRuns.map((r) => phaseMs(r, name)), millis)} |`),
      `| ours: \`openSpreadsheet\` + \`readRows\` (values only, no formulas evaluated) | ${spread(ourRuns.map((r) => r.readMs), millis)} |`,
      `| ours: whole process (Node start-up included) | ${spread(ourRuns.map((r) => r.processMs), millis)} |`,
      python
        ? `| peer: pandas ${peerRuns[0]!.version} \`read_excel\` (openpyxl) | ${spread(peerRuns.map((r) => r.readMs), millis)} |`
        : '| peer: pandas `read_excel` | skipped: pandas not installed |',
      python ? `| peer: whole process (Python start-up and \`import pandas\` included) | ${spread(peerRuns.map((r) => r.processMs), millis)} |` : '| peer: whole process | skipped |',
      python ? `| **ratio our full import / pandas read call** (run by run) | **${spread(importRatios, times)}** (goal ≤ ${IMPORT_RATIO_GOAL}×: ${importRatio! <= IMPORT_RATIO_GOAL ? 'met' : 'NOT met'}) |` : '| ratio, full import | skipped: pandas not installed |',
      python ? `| **ratio our reader / pandas, read call** (run by run) | **${spread(readRatios, times)}** (goal below ${READ_RATIO_GOAL}×: ${ratio! < READ_RATIO_GOAL ? 'met' : 'NOT met'}) |` : '| ratio | skipped: pandas not installed |',
      python ? `| ratio ours / pandas, whole process | ${spread(processRatios, times)} |` : '| ratio, whole process | skipped |',
      '',
      `Machine: ${describeMachine()}; ${describeLoad()} at the end of the run.`,
      '',
      goal,
    ];
    printBenchReport('xlsx', lines);
  } finally {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

if (runImportRole()) {
  // An import child or its worker: it has done its part.
} else if (process.argv[2] === '--read-child') {
  void readChild(process.argv[3]!).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  void main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
