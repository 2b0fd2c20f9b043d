/**
 * Hostile and broken input, end to end: every file of a generated corpus (test/fixtures/
 * hostileCorpus.ts, over a thousand files) is fed to the real importer on a real encrypted
 * workspace, one after another, as an analyst picking the wrong file would. Each must end in
 * either a WorkspaceError a person can act on, leaving the workspace exactly as it was, or a
 * correct import; each within a time bound; and the process's memory must stay bounded over the
 * whole run. A crash, a hang, a leak or an unexplained error fails the test and names the file.
 */
import { writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../electron/import/importEngine';
import { workerFailure } from '../../electron/import/startImportJob';
import { ImportFileError, readCsvRows } from '../../electron/import/readers';
import { verifyAuditChain } from '../../electron/workspace/auditLog';
import { closeWorkspace, createWorkspaceFile, type OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { WorkspaceError } from '../../electron/workspace/workspaceErrors';
import { SYNTHETIC_SURNAMES } from '../../shared/workspace/syntheticCohort';
import type { ImportReport } from '../../shared/import/importSchemas';
import { ARRESTS_HEADER, arrestRows, buildZip, sheetXml, storedEntry, writeHostileCorpus, xlsxParts, type HostileFile } from '../fixtures/hostileCorpus';
import { makeTempDir, makeTempWorkspace, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

/** One file may take this long; the slowest take well under a second, so this only catches hangs. */
const PER_FILE_MS = 10_000;
/** The whole run, worker process included, must stay under this resident size. */
const PEAK_RSS_BYTES = 1.5 * 1024 * 1024 * 1024;
const MIN_CORPUS_FILES = 1000;
const TABLES = ['imports', 'people', 'person_field_sources', 'arrests', 'person_flags', 'rejected_rows', 'link_reviews', 'header_mappings', 'audit_log', 'workspace_meta'] as const;

let temp: TempDir;
let corpus: HostileFile[];
let workspace: OpenWorkspace;
let peakRss = 0;
let sampler: NodeJS.Timeout | undefined;
const outcomes = new Map<string, { imported: number; refused: number; slowestMs: number }>();

function sampleRss(): void {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

beforeAll(() => {
  temp = makeTempDir('iom-hostile-');
  corpus = writeHostileCorpus(temp.path('corpus'));
  workspace = createWorkspaceFile(temp.path('hostile.iomdb'), 'Hostile input', TEST_PASSPHRASE, TEST_PASSPHRASE);
  // The timer only runs between awaits; resourceUsage().maxRSS below also catches peaks inside synchronous parsing.
  sampler = setInterval(sampleRss, 20);
}, 120_000);

afterAll(() => {
  if (sampler) clearInterval(sampler);
  if (workspace) closeWorkspace(workspace);
  temp?.remove();
});

interface Snapshot {
  counts: Record<string, number>;
  auditEntries: number;
}

function snapshot(): Snapshot {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = workspace.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  const audit = verifyAuditChain(workspace.db);
  if (!audit.ok) throw new Error(`audit chain broken: ${audit.problem}`);
  return { counts, auditEntries: audit.entries };
}

/** Rejects after `ms` so an import that never settles is reported rather than waited on forever. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Why an error message would not help an analyst, or null when it would. */
function unhelpfulMessage(message: string): string | null {
  if (message.length < 30) return 'too short to say what to do';
  if (!/^[A-Z]/.test(message) || !/[.)]$/.test(message.trim())) return 'not a sentence';
  if (/\bundefined\b|\bnull\b|\[object |NaN|Error:|\n\s+at |TypeError|RangeError|ENOENT|EISDIR/.test(message)) return 'leaks internals';
  // The message is shown as is and may be logged: it must not quote the file's cells.
  const quoted = SYNTHETIC_SURNAMES.find((s) => message.includes(s));
  if (quoted) return `quotes a name from the file (${quoted})`;
  return null;
}

/** Runs one file and returns what went wrong, or null when it behaved. */
async function check(file: HostileFile): Promise<string | null> {
  const before = snapshot();
  const started = performance.now();
  let report: ImportReport | null = null;
  let failure: unknown = null;
  try {
    report = await withTimeout(importFile(workspace, { path: file.path, kind: file.kind }, { actor: 'hostile-test' }), PER_FILE_MS);
  } catch (error) {
    failure = error;
  }
  const ms = performance.now() - started;
  sampleRss();
  const stats = outcomes.get(file.category) ?? { imported: 0, refused: 0, slowestMs: 0 };
  stats.slowestMs = Math.max(stats.slowestMs, ms);
  outcomes.set(file.category, stats);
  if (ms > PER_FILE_MS) return `took ${Math.round(ms)} ms`;
  if (workspace.db.inTransaction) return 'left a transaction open';
  const after = snapshot();

  if (failure !== null) {
    stats.refused += 1;
    if (!(failure instanceof WorkspaceError)) {
      const name = failure instanceof Error ? failure.name : typeof failure;
      return `threw ${name} instead of a WorkspaceError: ${failure instanceof Error ? failure.message.slice(0, 200) : String(failure)}`;
    }
    const expectedCode = file.code ?? 'bad_file';
    if (failure.code !== expectedCode) return `refused with code ${failure.code}, expected ${expectedCode}: ${failure.message}`;
    const why = unhelpfulMessage(failure.message);
    if (why) return `message ${why}: ${failure.message.slice(0, 300)}`;
    if (file.message && !file.message.test(failure.message)) return `message does not match ${String(file.message)}: ${failure.message}`;
    if (JSON.stringify(after) !== JSON.stringify(before)) return `the workspace changed after a refusal: ${JSON.stringify(before.counts)} → ${JSON.stringify(after.counts)}`;
    if (file.expect === 'import') return `refused a file that should import: ${failure.message}`;
    return null;
  }

  stats.imported += 1;
  if (!report) return 'no report';
  if (file.expect === 'error') return `imported a file that should be refused (${report.rowsRead} rows read, ${report.rowsImported} imported)`;
  if (report.status !== 'imported') return `status ${report.status}: every file in the corpus is new to the workspace`;
  if (after.counts.imports !== (before.counts.imports ?? 0) + 1) return 'an import that left no import record';
  if (after.auditEntries !== before.auditEntries + 1) return `an import with ${after.auditEntries - before.auditEntries} audit entries instead of one`;
  if (file.rows !== undefined && report.rowsRead !== file.rows) return `read ${report.rowsRead} rows, expected ${file.rows}`;
  const accounted = report.rowsImported + report.rowsRejected + report.rowsSkipped + report.rowsUnmatched;
  if (accounted !== report.rowsRead - countReviewOnly(report)) return `rows unaccounted for: read ${report.rowsRead}, accounted ${accounted}`;
  if (file.sameRowsAsControl) {
    // The control already imported these very rows: a faithful read links every row by PNC and
    // adds nothing; any change means damaged bytes were taken for data.
    const changed = report.rowsRejected + report.peopleCreated + report.arrestsAdded + report.reviewsQueued + report.issues.length;
    if (changed !== 0) return `imported damaged content as data (${report.rowsRejected} rejected, ${report.peopleCreated} people and ${report.arrestsAdded} arrests added, ${report.issues.length} issues)`;
  }
  for (const surname of file.storedSurnames ?? []) {
    const stored = workspace.db.prepare('SELECT COUNT(*) FROM people WHERE surname = ? AND created_import_id = ?').pluck().get(surname, report.importId) as number;
    if (stored !== 1) return `surname ${JSON.stringify(surname)} stored ${stored} times by this import, expected once exactly as written`;
  }
  return null;
}

/** Rows that only queued a review (no person created) are counted by reviewsQueued, not the others. */
function countReviewOnly(report: ImportReport): number {
  return report.kind === 'candidates' || report.kind === 'arrests' ? 0 : report.reviewsQueued;
}

describe('hostile and broken files', () => {
  it(`has a corpus of at least ${MIN_CORPUS_FILES} files`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(MIN_CORPUS_FILES);
  });

  it('refuses each bad file clearly and unchanged, or imports it correctly, within time and memory', async () => {
    const problems: string[] = [];
    for (const file of corpus) {
      const problem = await check(file);
      if (problem) problems.push(`${file.path.split('/').pop()} (${file.category}, expected ${file.expect}): ${problem}`);
      // An import past its time may still be running and would write under the next file's
      // checks, so the run stops there rather than report noise.
      if (problem?.startsWith('took ') || problem?.startsWith('threw Error instead of a WorkspaceError: no result after')) break;
    }
    const table = [...outcomes.entries()].map(([category, s]) => `${category}: ${s.imported} imported, ${s.refused} refused, slowest ${Math.round(s.slowestMs)} ms`);
    console.log(`hostile corpus: ${corpus.length} files\n  ${table.join('\n  ')}`);
    expect(problems, problems.slice(0, 40).join('\n')).toEqual([]);
    // Controls must import, or a broken importer could pass by refusing everything.
    expect(outcomes.get('control')).toMatchObject({ imported: 4, refused: 0 });
  }, 600_000);

  it(`kept the process under ${PEAK_RSS_BYTES / 2 ** 30} GiB resident throughout`, () => {
    sampleRss();
    // maxRSS is in KiB and covers this whole worker process, synchronous parsing included.
    const maxRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
    console.log(`hostile corpus: peak RSS ${Math.round(maxRss / 2 ** 20)} MiB`);
    expect(maxRss).toBeLessThan(PEAK_RSS_BYTES);
    const audit = verifyAuditChain(workspace.db);
    expect(audit.ok).toBe(true);
    expect(workspace.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

/** Each found by the corpus above; kept as small direct cases so a regression names its cause. */
describe('regressions found by the hostile corpus', () => {
  async function refusal(promise: Promise<unknown>): Promise<WorkspaceError> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof WorkspaceError) return error;
      throw error;
    }
    throw new Error('expected the import to be refused');
  }

  it('a UTF-16 CSV ending in half a character is refused as damaged, not an internal error', async () => {
    const ws = makeTempWorkspace('utf16');
    try {
      const path = ws.temp.path('odd.csv');
      // Before the fix the decoder's final flush threw a bare TypeError, shown as "something went wrong".
      writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${ARRESTS_HEADER.join(',')}\r\n,Testwood,Jordan,01/02/1990,03/04/2013,Theft,Barnet\r\n`, 'utf16le'), Buffer.from([0x41])]));
      const rows = async () => {
        for await (const row of readCsvRows(path)) void row;
      };
      await expect(rows()).rejects.toBeInstanceOf(ImportFileError);
      const error = await refusal(importFile(ws.workspace, { path, kind: 'arrests' }, { actor: 'tester' }));
      expect(error.code).toBe('bad_file');
      expect(error.message).toMatch(/UTF-16/);
    } finally {
      ws.cleanup();
    }
  });

  it('a list with headings and no rows is refused, and the current list keeps its flags', async () => {
    const ws = makeTempWorkspace('empty list');
    try {
      const people = arrestRows(3, 900);
      const candidates = ws.temp.path('candidates.csv');
      writeFileSync(candidates, ['Surname,First Name(s),DOB,PNC number', ...people.map((r) => [r[1], r[2], r[3], r[0]].join(','))].join('\r\n'));
      await importFile(ws.workspace, { path: candidates, kind: 'candidates' }, { actor: 'tester' });
      const dtoa = ws.temp.path('dtoa.csv');
      writeFileSync(dtoa, ['Forename,Surname,Date of Birth,PNC ID', ...people.map((r) => [r[2], r[1], r[3], r[0]].join(','))].join('\r\n'));
      expect((await importFile(ws.workspace, { path: dtoa, kind: 'list:dtoa' }, { actor: 'tester' })).flagsSet).toBe(3);
      const activeDtoa = () => ws.workspace.db.prepare("SELECT COUNT(*) FROM person_flags WHERE flag = 'dtoa' AND active = 1").pluck().get() as number;
      expect(activeDtoa()).toBe(3);
      // Before the fix this file was recorded as the newest DTOA list and retired all three flags.
      const headerOnly = ws.temp.path('dtoa-new.csv');
      writeFileSync(headerOnly, 'Forename,Surname,Date of Birth,PNC ID\r\n\r\n');
      const error = await refusal(importFile(ws.workspace, { path: headerOnly, kind: 'list:dtoa' }, { actor: 'tester' }));
      expect(error.code).toBe('bad_file');
      expect(error.message).toMatch(/no rows of data/);
      expect(activeDtoa()).toBe(3);
      expect(ws.workspace.db.prepare("SELECT COUNT(*) FROM imports WHERE kind = 'list:dtoa'").pluck().get()).toBe(1);
    } finally {
      ws.cleanup();
    }
  });

  it('a "surname" thousands of characters long is set aside, and imports after it stay fast', async () => {
    const ws = makeTempWorkspace('long names');
    try {
      const long = 'Sampleton'.repeat(3400);
      const rows = arrestRows(200, 901).map((r, i) => (i % 2 ? [r[0], long, r[2], r[3], r[4], r[5], r[6]] : ['', long, r[2], r[3], r[4], r[5], r[6]]));
      const path = ws.temp.path('long.csv');
      writeFileSync(path, [ARRESTS_HEADER.join(','), ...rows.map((r) => r.join(','))].join('\r\n'));
      const report = await importFile(ws.workspace, { path, kind: 'arrests' }, { actor: 'tester' });
      // Rows with a PNC are kept without the name; rows with nothing else to go on are refused.
      expect(report.rowsRejected).toBe(100);
      expect(report.issues.some((i) => /characters long, more than a name can be/.test(i.reason))).toBe(true);
      expect(ws.workspace.db.prepare('SELECT MAX(LENGTH(surname)) FROM people').pluck().get()).toBeNull();
      // Before the fix each name comparison against those people cost seconds (about 17 s for 10 rows).
      const next = ws.temp.path('next.csv');
      writeFileSync(next, [ARRESTS_HEADER.join(','), ...arrestRows(10, 902).map((r) => ['', 'Sampleton', r[2], r[3], r[4], r[5], r[6]].join(','))].join('\r\n'));
      const started = performance.now();
      await importFile(ws.workspace, { path: next, kind: 'arrests' }, { actor: 'tester' });
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      ws.cleanup();
    }
  });

  it('a workbook part whose bytes do not match its checksum is refused, not read as data', async () => {
    const ws = makeTempWorkspace('checksum');
    try {
      const rows = arrestRows(3, 903);
      const sheet = sheetXml([[...ARRESTS_HEADER], ...rows]);
      const good = xlsxParts(sheet).map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? storedEntry(e.name, sheet) : e));
      const goodPath = ws.temp.path('good.xlsx');
      writeFileSync(goodPath, buildZip(good));
      expect((await importFile(ws.workspace, { path: goodPath, kind: 'arrests' }, { actor: 'tester' })).rowsImported).toBe(3);
      // One letter of a stored name changed after the checksum was taken, as bit rot would.
      const damaged = buildZip(good.map((e) => (e.name === 'xl/worksheets/sheet1.xml' ? { ...e, data: Buffer.from(sheet.replace(`<t>${String(rows[0]![1])}`, `<t>Q${String(rows[0]![1]).slice(1)}`)) } : e)));
      expect(damaged.equals(buildZip(good))).toBe(false);
      const damagedPath = ws.temp.path('damaged.xlsx');
      writeFileSync(damagedPath, damaged);
      const error = await refusal(importFile(ws.workspace, { path: damagedPath, kind: 'arrests' }, { actor: 'tester' }));
      expect(error.code).toBe('bad_file');
      expect(error.message).toMatch(/damaged/);
    } finally {
      ws.cleanup();
    }
  });

  it('an import worker that runs out of memory ends in a clear refusal, not an internal error', async () => {
    const worker = new Worker('const keep = []; for (;;) keep.push(new Array(1e5).fill(Math.random()));', { eval: true, resourceLimits: { maxOldGenerationSizeMb: 16 } });
    const error = await new Promise<unknown>((resolve) => worker.on('error', resolve));
    const mapped = workerFailure(error);
    expect(mapped).toBeInstanceOf(WorkspaceError);
    expect((mapped as WorkspaceError).code).toBe('bad_file');
    expect((mapped as WorkspaceError).message).toMatch(/memory.*CSV/s);
  });
});
