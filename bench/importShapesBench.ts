/**
 * Imports of extracts shaped like the ones agencies send (issue 15 point 5), each against
 * `sqlcipher .import` of the very same file into an encrypted database (Debian's sqlcipher, the
 * encrypted peer), in the same run: per shape {@link RUNS} runs of ours, each just after one of
 * the peer's, and the peer once more at the end (after one small untimed import each way). The
 * ratio is the median over the runs of each of ours over the peer's run just before it (the ratio
 * of the two medians is printed beside it). The runs go in rounds, every shape once a round: the
 * shared two-core machine this runs on varies by a quarter from one run to the next, and at times
 * slows for minutes, mostly for the side that touches more memory (ours), which consecutive runs
 * of one shape would all take for that shape's figure. Goals
 * (issue 15 point 5): each of the five shapes ≤ 2× the peer, peak RSS < 1 GB, and the placeholder
 * shape queueing reviews for at most 0.5% of its people. The linking worst case (a fifth of the
 * people sharing one surname and date of birth; point 4) is held to what point 4 asks, that
 * linking stays linear: it is timed at a quarter of the rows too, and four times the rows may take
 * at most {@link LINEAR_GROWTH_GOAL} times as long (quadratic linking would take sixteen); its
 * ratio to the peer is printed beside the others, outside the 2× goal.
 * Then a 200,000-row .xlsx arrests extract imported in full against pandas `read_excel` merely
 * reading it: ≤ 0.5×. Without sqlcipher or pandas the comparison says why it was skipped.
 *
 * BENCH_ROWS overrides the CSV row count (default 1,000,000), BENCH_XLSX_ROWS the workbook's
 * (default 200,000), BENCH_SHAPES a comma-separated subset of the shapes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARRESTS_EXTRACT_SHAPES, writeLargeArrestsCsv, type ArrestsExtractShape } from '../test/fixtures/writeFixtures';
import { describeLoad, describeMachine, goalLine, seconds, times, writeBenchReport } from './benchReport';
import { importInChild, runImportRole, type ImportRun } from './importRunner';
import { timeCliImport, type CliImportRun } from './cliImport';
import { pandas, pythonWithPandas, writeArrestsWorkbook } from './arrestsWorkbook';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 200_000);
const SHAPES = (process.env.BENCH_SHAPES?.split(',') ?? ARRESTS_EXTRACT_SHAPES) as ArrestsExtractShape[];
const SQLCIPHER = '/usr/bin/sqlcipher';
const RATIO_GOAL = 2;
const RSS_GOAL_MIB = 1024;
const REVIEW_SHARE_GOAL = 0.005;
const XLSX_RATIO_GOAL = 0.5;
/** The linking worst case: the shape, and how much longer four times its rows may take (linear: 4; quadratic: 16). */
const WORST_CASE: ArrestsExtractShape = 'sharedIdentity';
const LINEAR_GROWTH_GOAL = 5;
/** Timed imports of ours per shape (see the top of this file). */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** The phases the per-shape table shows, as `importFile` reports them. */
const PHASES = ['Checking the file', 'Importing rows', 'Linking rows without a PNC', 'Writing arrests', 'Saving'] as const;

const SHAPE_LABEL: Record<ArrestsExtractShape, string> = {
  short: 'short-form PNCs (`91/100511K`)',
  long: 'long-form PNCs (`1991/0100511K`)',
  placeholderDob: 'a tenth of people with DOB 01/01/1900',
  withoutPnc: '15% of rows without a PNC',
  windows1252: 'Windows-1252, CRLF, accented names',
  sharedIdentity: 'worst case: a fifth of people share one surname and DOB, 15% rows without PNC',
};

type PeerRun = CliImportRun;

/** `.import` of the CSV into a new SQLCipher database keyed with a passphrase, as the peer. */
function timeSqlcipher(csv: string, dbPath: string): PeerRun {
  return timeCliImport(SQLCIPHER, csv, dbPath, ["PRAGMA key = 'benchmark passphrase 2013'"]);
}

interface ShapeResult {
  shape: ArrestsExtractShape;
  mib: number;
  /** The run of median time. */
  ours: ImportRun;
  oursRuns: ImportRun[];
  peer: PeerRun[] | null;
  /** The median over the rounds of each run of ours over the peer's run just before it, on the same file. */
  ratio: number | null;
  /** The median of ours over the median of the peer's (what earlier runs of this bench reported). */
  ratioOfMedians: number | null;
  reviewShare: number;
}

/** A shape's extract, written once for all its runs. */
interface ShapeFile {
  shape: ArrestsExtractShape;
  rows: number;
  csv: string;
  mib: number;
  oursRuns: ImportRun[];
  peer: PeerRun[] | null;
}

async function writeShape(dir: string, shape: ArrestsExtractShape, rows: number, hasPeer: boolean): Promise<ShapeFile> {
  const csv = join(dir, `arrests_${shape}_${rows}.csv`);
  const file = await writeLargeArrestsCsv(csv, rows, undefined, shape);
  return { shape, rows, csv, mib: file.bytes / 2 ** 20, oursRuns: [], peer: hasPeer ? [] : null };
}

/** One import of ours of the shape's file, after one of the peer's. */
function runOnce(dir: string, file: ShapeFile): void {
  file.peer?.push(timeSqlcipher(file.csv, join(dir, 'peer.db')));
  const workspace = join(dir, `bench_${file.shape}.iomdb`);
  const ours = importInChild(file.csv, workspace, 'encrypted');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${workspace}${suffix}`, { force: true });
  if (ours.rowsRead !== file.rows || ours.rowsRejected !== 0) throw new Error(`our import of ${file.shape} read ${ours.rowsRead} rows and rejected ${ours.rowsRejected}`);
  file.oursRuns.push(ours);
}

/** The shape's figures once every round has run, and the peer once more. */
function shapeResult(file: ShapeFile): ShapeResult {
  const { shape, rows, peer, oursRuns } = file;
  if (peer) for (const run of peer) if (run.rows !== rows) throw new Error(`sqlcipher imported ${run.rows} rows of ${shape}, expected ${rows}`);
  const ours = [...oursRuns].sort((a, b) => a.importMs - b.importMs)[Math.floor(oursRuns.length / 2)]!;
  const ratio = peer ? median(oursRuns.map((run, round) => run.importMs / peer[round]!.ms)) : null;
  const ratioOfMedians = peer ? ours.importMs / median(peer.map((p) => p.ms)) : null;
  const reviewShare = ours.reviewsQueued / Math.max(1, ours.peopleCreated);
  console.log(`${shape}${rows === ROWS ? '' : ` (${rows.toLocaleString('en-GB')} rows)`}: ours ${oursRuns.map((r) => seconds(r.importMs)).join(' / ')}${peer ? `, sqlcipher ${peer.map((p) => seconds(p.ms)).join(' / ')}, ratio ${times(ratio!)} (of medians ${times(ratioOfMedians!)})` : ''}, peak RSS ${(ours.maxRssKiB / 1024).toFixed(0)} MiB, ${ours.peopleCreated.toLocaleString('en-GB')} people, ${ours.reviewsQueued.toLocaleString('en-GB')} reviews`);
  return { shape, mib: file.mib, ours, oursRuns, peer, ratio, ratioOfMedians, reviewShare };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * One small import each way before anything is timed: the first run of either side pays for
 * loading its program and libraries from disk, which would otherwise count against whichever
 * shape happens to run first.
 */
async function warmUp(dir: string, hasPeer: boolean): Promise<void> {
  const csv = join(dir, 'warm_up.csv');
  await writeLargeArrestsCsv(csv, 20_000, undefined, SHAPES[0]);
  if (hasPeer) timeSqlcipher(csv, join(dir, 'peer.db'));
  const workspace = join(dir, 'warm_up.iomdb');
  importInChild(csv, workspace, 'encrypted');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${workspace}${suffix}`, { force: true });
  rmSync(csv, { force: true });
}

async function main(): Promise<void> {
  const hasPeer = existsSync(SQLCIPHER) && spawnSync(SQLCIPHER, ['-version']).status === 0;
  const peerVersion = hasPeer ? spawnSync(SQLCIPHER, ['-version'], { encoding: 'utf8' }).stdout.trim().split(' ')[0] : null;
  const dir = mkdtempSync(join(tmpdir(), 'iom-bench-shapes-'));
  try {
    await warmUp(dir, hasPeer);
    const files: ShapeFile[] = [];
    for (const shape of SHAPES) files.push(await writeShape(dir, shape, ROWS, hasPeer));
    const quarter = SHAPES.includes(WORST_CASE) ? await writeShape(dir, WORST_CASE, Math.round(ROWS / 4), hasPeer) : null;
    if (quarter) files.push(quarter);
    // In rounds, every file once a round: a slow spell of the machine (minutes, at times) then
    // falls on one run of each shape, which the median leaves out, not on every run of one shape.
    for (let round = 0; round < RUNS; round++) for (const file of files) runOnce(dir, file);
    for (const file of files) file.peer?.push(timeSqlcipher(file.csv, join(dir, 'peer.db')));
    for (const file of files) rmSync(file.csv, { force: true });
    const results = files.filter((file) => file !== quarter).map(shapeResult);
    const worst = results.find((r) => r.shape === WORST_CASE);
    const worstQuarter = quarter ? shapeResult(quarter) : null;
    const growth = worst && worstQuarter ? worst.ours.importMs / worstQuarter.ours.importMs : null;
    const peerGrowth = worst?.peer && worstQuarter?.peer ? median(worst.peer.map((p) => p.ms)) / median(worstQuarter.peer.map((p) => p.ms)) : null;

    // The .xlsx extract: our full import against pandas reading the same file.
    const xlsx = join(dir, 'arrests_extract.xlsx');
    writeArrestsWorkbook(xlsx, XLSX_ROWS);
    const python = pythonWithPandas();
    const pandasRun = python ? pandas(python, xlsx) : null;
    const xlsxWorkspace = join(dir, 'bench_xlsx.iomdb');
    const xlsxOurs = importInChild(xlsx, xlsxWorkspace, 'encrypted');
    if (xlsxOurs.rowsRead !== XLSX_ROWS) throw new Error(`our .xlsx import read ${xlsxOurs.rowsRead} rows, expected ${XLSX_ROWS}`);
    const xlsxRatio = pandasRun ? xlsxOurs.importMs / pandasRun.readMs : null;
    console.log(`xlsx: ours ${seconds(xlsxOurs.importMs)}${pandasRun ? `, pandas read_excel ${seconds(pandasRun.readMs)}, ratio ${times(xlsxRatio!)}` : ', pandas not installed'}`);

    const ratioMet = results.every((r) => r.shape === WORST_CASE || r.ratio === null || r.ratio <= RATIO_GOAL);
    const linearMet = growth === null ? null : growth <= LINEAR_GROWTH_GOAL;
    const rssMet = [...results.flatMap((r) => r.oursRuns), xlsxOurs].every((r) => r.maxRssKiB / 1024 < RSS_GOAL_MIB);
    const placeholder = results.find((r) => r.shape === 'placeholderDob');
    const reviewsMet = placeholder ? placeholder.reviewShare <= REVIEW_SHARE_GOAL : null;
    const xlsxMet = xlsxRatio === null ? null : xlsxRatio <= XLSX_RATIO_GOAL;
    const ratioText = results.map((r) => `${r.shape} ${r.ratio === null ? 'skipped' : times(r.ratio)}`).join(', ');
    const growthText = growth === null ? 'worst case not run' : `worst case 4× the rows took ${times(growth)} as long${peerGrowth === null ? '' : ` (sqlcipher ${times(peerGrowth)})`}`;
    const figure = `${hasPeer ? `ours / sqlcipher .import: ${ratioText}` : 'sqlcipher not installed, ratios skipped'}; ${growthText}; xlsx ours / pandas ${xlsxRatio === null ? 'skipped (pandas not installed)' : times(xlsxRatio)}; placeholder reviews ${placeholder ? `${(placeholder.reviewShare * 100).toFixed(2)}% of people` : 'not run'}`;
    const allMet = (hasPeer ? ratioMet : null) !== false && linearMet !== false && rssMet && reviewsMet !== false && xlsxMet !== false;
    const goal = goalLine('importShapes', figure, `each shape but the worst case ≤ ${RATIO_GOAL}×, worst case 4× the rows ≤ ${LINEAR_GROWTH_GOAL}× the time, RSS < 1 GB, reviews ≤ 0.5%, xlsx ≤ ${XLSX_RATIO_GOAL}×`, allMet);

    const lines = [
      '# Import benchmark: extracts shaped like real ones',
      '',
      `${ROWS.toLocaleString('en-GB')}-row arrests extracts (generated by \`writeLargeArrestsCsv\`, one shape each, about six arrests per person in random order), each imported ${RUNS} times the way the app does (import worker, encrypted workspace, one durable transaction), each run just after a run of ${hasPeer ? `Debian's sqlcipher ${peerVersion}` : 'sqlcipher (not installed: skipped)'} \`.import\` of the same file into a keyed database, and the peer once more at the end; in ${RUNS} rounds of every shape, so that a slow spell of the shared machine falls on one run of each shape rather than on all runs of one; after one untimed 20,000-row import each way (so that neither side's first run loads its program from disk inside a timed shape). The ratio is the median over the rounds of each run of ours over the peer's run just before it: a pair a few seconds apart meets the same state of the machine, where the medians of the two sides may come from different spells. The ratio of the medians is shown beside it.`,
      '',
      `| shape | CSV | ours (median; ${RUNS} runs) | sqlcipher .import (runs, in order) | **ratio** | ratio of medians | peak RSS | people | reviews queued |`,
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...results.map((r) =>
        `| ${SHAPE_LABEL[r.shape]} | ${r.mib.toFixed(0)} MiB | ${seconds(r.ours.importMs)} (${r.oursRuns.map((o) => seconds(o.importMs)).join(' / ')}) | ${r.peer ? r.peer.map((p) => seconds(p.ms)).join(' / ') : 'skipped'} | **${r.ratio === null ? 'skipped' : times(r.ratio)}** | ${r.ratioOfMedians === null ? 'skipped' : times(r.ratioOfMedians)} | ${(Math.max(...r.oursRuns.map((o) => o.maxRssKiB)) / 1024).toFixed(0)} MiB | ${r.ours.peopleCreated.toLocaleString('en-GB')} | ${r.ours.reviewsQueued.toLocaleString('en-GB')} (${(r.reviewShare * 100).toFixed(2)}%) |`,
      ),
      '',
      worst && worstQuarter
        ? `The linking worst case stays linear (point 4): at ${worstQuarter.ours.rowsRead.toLocaleString('en-GB')} rows our import took ${seconds(worstQuarter.ours.importMs)} (${worstQuarter.oursRuns.map((o) => seconds(o.importMs)).join(' / ')}; ${worstQuarter.ours.peopleCreated.toLocaleString('en-GB')} people, ${worstQuarter.ours.reviewsQueued.toLocaleString('en-GB')} reviews), at ${worst.ours.rowsRead.toLocaleString('en-GB')} rows ${seconds(worst.ours.importMs)}: **4× the rows took ${times(growth!)} the time** (goal ≤ ${LINEAR_GROWTH_GOAL}×, quadratic linking would take 16×: ${linearMet ? 'met' : 'NOT met'})${peerGrowth === null ? '' : `; sqlcipher's \`.import\` of the same two files grew ${times(peerGrowth)}`}. Its ratio to the peer is in the table for comparison; the 2× goal is for the five shapes of point 5.`
        : 'The linking worst case was not run (BENCH_SHAPES).',
      '',
      `${XLSX_ROWS.toLocaleString('en-GB')}-row arrests extract as .xlsx (${(statSync(xlsx).size / 2 ** 20).toFixed(1)} MiB): our full import ${seconds(xlsxOurs.importMs)} (peak RSS ${(xlsxOurs.maxRssKiB / 1024).toFixed(0)} MiB); ${pandasRun ? `pandas ${pandasRun.version} \`read_excel\` (openpyxl) reading it ${seconds(pandasRun.readMs)}; **ratio ${times(xlsxRatio!)}** (goal ≤ ${XLSX_RATIO_GOAL}×: ${xlsxMet ? 'met' : 'NOT met'})` : 'pandas not installed (Debian: apt-get install python3-pandas python3-openpyxl): comparison skipped'}.`,
      '',
      'Where the time goes, per shape (importing thread, the median run; phases as `importFile` reports them):',
      '',
      `| shape | ${PHASES.join(' | ')} |`,
      `| --- |${' --- |'.repeat(PHASES.length)}`,
      ...results.map((r) => `| ${r.shape} | ${PHASES.map((name) => seconds(r.ours.phases.filter((p) => p.phase === name).reduce((sum, p) => sum + p.ms, 0))).join(' | ')} |`),
      '',
      `Machine: ${describeMachine()}; ${describeLoad()} at the end of the run. ${RUNS} runs of ours per shape in ${RUNS} rounds, each after a run of the peer (the shared machine has two cores).`,
      '',
      goal,
    ];
    console.log(lines.join('\n'));
    console.log(`\nwritten to ${writeBenchReport('importShapes', lines.join('\n'))}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!runImportRole()) {
  void main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
