/**
 * Reading a 200,000-row .xlsx (issue 8 point 6): our workbook reader (`openSpreadsheet` +
 * `readRows`, exactly what an import of a workbook runs before linking) against Python pandas
 * `read_excel` (Debian's python3-pandas with openpyxl) on the same file, in the same run,
 * interleaved. Goal: faster than pandas.
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
import { describeLoad, describeMachine, goalLine, median, millis, spread, times, writeBenchReport } from './benchReport';

const ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 200_000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));

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
    const peerRuns: Array<ReadRun & { version: string }> = [];
    for (let i = 0; i < RUNS; i++) {
      ourRuns.push(ours(path));
      if (python) peerRuns.push(pandas(python, path));
      console.log(`run ${i + 1}: ours ${millis(ourRuns[i]!.readMs)}${python ? `, pandas ${millis(peerRuns[i]!.readMs)}` : ''}`);
    }
    for (const run of [...ourRuns, ...peerRuns]) if (run.rows !== ROWS + 1) throw new Error(`read ${run.rows} rows, expected ${ROWS + 1} (header included)`);

    const readRatios = peerRuns.map((p, i) => ourRuns[i]!.readMs / p.readMs);
    const processRatios = peerRuns.map((p, i) => ourRuns[i]!.processMs / p.processMs);
    const ratio = python ? median(readRatios) : null;
    const goal = python
      ? goalLine('xlsx', `ours / pandas read_excel = ${times(ratio!)} (median of ${RUNS})`, 'below 1× (faster)', ratio! < 1)
      : 'xlsx: skipped: pandas not installed (Debian: apt-get install python3-pandas python3-openpyxl); our reader measured alone';
    const lines = [
      '# Workbook reading benchmark',
      '',
      `${ROWS.toLocaleString('en-GB')}-row arrests extract as .xlsx (${(statSync(path).size / 2 ** 20).toFixed(1)} MiB; ${COLUMNS.length} columns: text as shared strings, dates as date cells), generated with SheetJS, read whole by each side in a fresh process, interleaved.`,
      '',
      '| measure | value |',
      '| --- | --- |',
      `| ours: \`openSpreadsheet\` + \`readRows\` (SheetJS, values only, no formulas evaluated) | ${spread(ourRuns.map((r) => r.readMs), millis)} |`,
      `| ours: whole process (Node start-up included) | ${spread(ourRuns.map((r) => r.processMs), millis)} |`,
      python
        ? `| peer: pandas ${peerRuns[0]!.version} \`read_excel\` (openpyxl) | ${spread(peerRuns.map((r) => r.readMs), millis)} |`
        : '| peer: pandas `read_excel` | skipped: pandas not installed |',
      python ? `| peer: whole process (Python start-up and \`import pandas\` included) | ${spread(peerRuns.map((r) => r.processMs), millis)} |` : '| peer: whole process | skipped |',
      python ? `| **ratio ours / pandas, read call** (run by run) | **${spread(readRatios, times)}** (goal below 1×: ${ratio! < 1 ? 'met' : 'NOT met'}) |` : '| ratio | skipped: pandas not installed |',
      python ? `| ratio ours / pandas, whole process | ${spread(processRatios, times)} |` : '| ratio, whole process | skipped |',
      '',
      `Machine: ${describeMachine()}; ${describeLoad()} at the end of the run.`,
      '',
      goal,
    ];
    console.log(lines.join('\n'));
    console.log(`\nwritten to ${writeBenchReport('xlsx', lines.join('\n'))}`);
  } finally {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--read-child') {
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
