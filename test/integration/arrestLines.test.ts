/**
 * The coded path of an arrests extract (electron/import/arrestLines.ts, codedCsvRows.ts) must
 * mean exactly what the general path means: a CSV record parsed into a row, then `interpretRow`.
 * Held to that at three levels, on generated messy lines (no real data):
 * - the parser with a line sink hands over the same records, numbered and limited the same, cut
 *   into pieces anywhere;
 * - each line the coder takes decodes to the identity, arrest and borough `interpretRow` gives
 *   the parsed row, which it accepts without a note; and the plain lines of an extract are taken;
 * - a whole messy extract imported coded (in this thread and through the import worker with its
 *   reading worker) leaves the workspace and the report exactly as the general path does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawRow } from '../../shared/domain/rawCell';
import { isoOfYmd } from '../../shared/domain/isoDate';
import { mulberry32 } from '../../shared/domain/seededRandom';
import { ALL_OFFENCE_WORDINGS, SYNTHETIC_MALE_FORENAMES, SYNTHETIC_SURNAMES, makeSyntheticPnc } from '../../shared/workspace/syntheticCohort';
import { interpretRow, type FieldColumns } from '../../shared/import/importRowInterpretation';
import { isBlankRow, totalRowReason } from '../../shared/import/valueParsing';
import { ArrestLineCoder, arrestLineColumns, CODED_ROW_INTS, SLOT, type CodedBatch } from '../../electron/import/arrestLines';
import { openCodedRows } from '../../electron/import/codedCsvRows';
import { importFile, type ImportControl } from '../../electron/import/importEngine';
import { pncTextOfCode } from '../../shared/domain/pnc';
import { CsvRecordParser, sniffCsv, type CsvLineSink } from '../../electron/import/readers/readCsv';
import { DEFAULT_READER_LIMITS, type ReaderLimits } from '../../electron/import/readers/limits';
import { isImportFileError } from '../../electron/import/readers/errors';
import { startImportJob } from '../../electron/import/startImportJob';
import { AppSession } from '../../electron/runtime/appSession';
import type { AppContext } from '../../electron/runtime/appContext';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import { closeWorkspace, type OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { writeLargeArrestsCsv } from '../fixtures/writeFixtures';
import { ensureNodeBuild, IMPORT_WORKER_PATH } from '../support/nodeBuild';
import { importedTablesDigest } from '../support/importedTables';
import { addNumberedWorkspace, makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

const HEADER = 'PNC,Surname,Forename,DOB,Arrest date,Offence,Borough';
/** The columns `fieldColumnsOf` gives that header. */
const COLUMNS: FieldColumns = { pnc: 0, surname: 1, firstNames: 2, dob: 3, arrestDate: 4, offence: 5, borough: 6 };

let temp: TempDir;
const opened: OpenWorkspace[] = [];

beforeAll(() => {
  temp = makeTempDir('iom-arrest-lines-');
  ensureNodeBuild();
}, 180_000);

afterAll(() => {
  for (const workspace of opened) closeWorkspace(workspace);
  temp?.remove();
});

// ---------------------------------------------------------------------------------------------
// A messy extract

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Fields of one line; some are deliberately not what a plain line holds. */
function messyLine(rng: () => number, index: number): string[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  // A small population, so people recur by PNC and by name and date of birth.
  const person = Math.floor(rng() * 60);
  const pnc = makeSyntheticPnc(1985 + (person % 25), 1000 + person * 37);
  const surname = SYNTHETIC_SURNAMES[person % SYNTHETIC_SURNAMES.length]!;
  const forename = SYNTHETIC_MALE_FORENAMES[(person * 7) % SYNTHETIC_MALE_FORENAMES.length]!;
  const dob = `${String(1 + (person % 28)).padStart(2, '0')}/${String(1 + (person % 12)).padStart(2, '0')}/${1970 + (person % 30)}`;
  const arrest = `${String(1 + Math.floor(rng() * 28)).padStart(2, '0')}/${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}/${2011 + Math.floor(rng() * 3)}`;
  const fields = [pnc.long, surname, forename, dob, arrest, pick(ALL_OFFENCE_WORDINGS), 'Barnet'];
  // Two lines in three are plain; the rest carry one of these.
  if (rng() < 0.66) return fields;
  const variants: Array<() => void> = [
    () => (fields[0] = pnc.short),
    () => (fields[0] = pnc.long.toLowerCase()),
    () => (fields[0] = ` ${pnc.long}`),
    () => (fields[0] = `${pnc.long.slice(0, 12)}${pnc.checkLetter === 'A' ? 'B' : 'A'}`),
    () => (fields[0] = `2031/${pnc.long.slice(5)}`),
    () => (fields[0] = ''),
    () => {
      fields[0] = '';
      fields[3] = '';
    },
    () => (fields[1] = `${surname}  Smith`),
    () => (fields[1] = ` ${surname}`),
    () => (fields[1] = `${surname}-Jones`),
    () => (fields[1] = 'Zoë'),
    () => (fields[1] = `O'${surname}`),
    () => (fields[1] = 'x'.repeat(120)),
    () => (fields[1] = `${surname}, Jr`),
    () => (fields[1] = '=cmd|\' /C calc\'!A0'),
    () => (fields[2] = ''),
    () => (fields[2] = forename.charAt(0)),
    () => (fields[2] = '   '),
    () => (fields[3] = '1977-08-10'),
    () => (fields[3] = '3/4/77'),
    () => (fields[3] = '31/02/1980'),
    () => (fields[3] = '12/31/1980'),
    () => (fields[3] = ''),
    () => (fields[3] = '29/02/2000'),
    () => (fields[3] = '29/02/1900'),
    () => (fields[3] = '01/01/0012'),
    () => (fields[4] = ''),
    () => (fields[4] = '31/04/2012'),
    () => (fields[4] = '2012-09-28'),
    () => (fields[4] = '28 Sep 2012'),
    () => (fields[4] = '28/09/2012 00:00'),
    () => (fields[4] = 'unknown'),
    () => (fields[5] = ''),
    () => (fields[5] = '  Theft  from shop '),
    () => (fields[5] = 'Robbery, attempted'),
    () => (fields[5] = 'Line one\nline two'),
    () => (fields[6] = ''),
    () => (fields[6] = 'Barnet '),
    () => fields.push('extra', ''),
    () => fields.splice(6),
    () => fields.splice(0, fields.length, `Total,${index}`),
    () => fields.splice(0, fields.length),
    () => (fields[5] = 'Burglary "dwelling"'),
  ];
  pick(variants)();
  return fields;
}

/** A header and `rows` messy lines, with CRLF, LF and an occasional lone CR between records. */
function messyExtract(rows: number, seed: number): string {
  const rng = mulberry32(seed);
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const fields = messyLine(rng, i);
    lines.push(fields.length === 1 && fields[0]!.startsWith('Total') ? fields[0]! : fields.map(quote).join(','));
  }
  let text = `${lines[0]}\r\n`;
  for (const line of lines.slice(1)) text += line + (rng() < 0.1 ? '\n' : rng() < 0.02 ? '\r' : '\r\n');
  return text;
}

// ---------------------------------------------------------------------------------------------
// The parser with a sink

class Gather implements CsvLineSink {
  readonly rows: RawRow[] = [];
  constructor(private readonly take: boolean) {}
  line(text: string, start: number, end: number): boolean {
    if (!this.take) return false;
    const row: RawRow = text.slice(start, end).split(',').map((f) => (f === '' ? null : f));
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    this.rows.push(row);
    return true;
  }
  row(row: RawRow): void {
    this.rows.push(row);
  }
}

/** Pushes `text` in pieces cut at random places; returns the records and the error, if any. */
function parseInPieces(text: string, sink: CsvLineSink | null, seed: number, limits: ReaderLimits = DEFAULT_READER_LIMITS): { rows: RawRow[]; error: string | null } {
  const parser = new CsvRecordParser(',', limits, () => undefined);
  if (sink) parser.setLineSink(sink);
  const rng = mulberry32(seed);
  try {
    for (let at = 0; at < text.length; ) {
      const size = 1 + Math.floor(rng() * (rng() < 0.5 ? 8 : 4000));
      parser.push(text.slice(at, at + size));
      at += size;
    }
    parser.end();
  } catch (error) {
    return { rows: sink ? (sink as Gather).rows : parser.completed, error: error instanceof Error ? error.message : String(error) };
  }
  return { rows: sink ? (sink as Gather).rows : parser.completed, error: null };
}

describe('the CSV parser with a line sink', () => {
  it('hands over exactly the records parsing alone gives, cut anywhere', () => {
    const text = messyExtract(3_000, 7);
    const plain = parseInPieces(text, null, 1);
    expect(plain.error).toBeNull();
    for (const seed of [2, 3, 4]) {
      expect(parseInPieces(text, new Gather(true), seed)).toEqual(plain);
      expect(parseInPieces(text, new Gather(false), seed)).toEqual(plain);
    }
  });

  it('the same for a file whose lines end in carriage returns alone, and one without any line end', () => {
    const crOnly = messyExtract(2_000, 9).replace(/\r?\n/g, '\r');
    expect(parseInPieces(crOnly, new Gather(true), 2)).toEqual(parseInPieces(crOnly, null, 1));
    const oneLine = 'a,b,c'.repeat(20_000);
    expect(parseInPieces(oneLine, new Gather(true), 3)).toEqual(parseInPieces(oneLine, null, 1));
  });

  it('stops at the row limit with the same message, plain lines counted', () => {
    const text = messyExtract(500, 8);
    const limits = { ...DEFAULT_READER_LIMITS, maxRows: 300 };
    const plain = parseInPieces(text, null, 5, limits);
    expect(plain.error).toMatch(/more than 300 rows/);
    const sunk = parseInPieces(text, new Gather(true), 6, limits);
    expect(sunk.error).toBe(plain.error);
    expect(sunk.rows).toEqual(plain.rows);
  });
});

// ---------------------------------------------------------------------------------------------
// The coder, line by line

/** What the coder's numbers for one record stand for, as `interpretRow` words it. */
function decode(codes: Int32Array, at: number, texts: readonly string[]) {
  const text = (id: number) => (id < 0 ? null : texts[id]!);
  const borough = text(codes[at + SLOT.borough]!);
  return {
    identity: {
      pnc: codes[at + SLOT.pnc]! < 0 ? null : pncTextOfCode(codes[at + SLOT.pnc]!),
      surname: text(codes[at + SLOT.surname]!),
      forenames: text(codes[at + SLOT.firstNames]!),
      dob: codes[at + SLOT.dob]! < 0 ? null : isoOfYmd(codes[at + SLOT.dob]!),
    },
    pncProblem: null,
    fields: borough === null ? {} : { borough },
    flags: [],
    arrests: [{ date: isoOfYmd(codes[at + SLOT.arrestDate]!), offence: text(codes[at + SLOT.offence]!) }],
    notes: [],
  };
}

/** Records of `text` through the coder, with the row each would be when parsed. */
function codeAndParse(text: string): { batch: CodedBatch; texts: string[]; parsed: RawRow[] } {
  const coder = new ArrestLineCoder(',', DEFAULT_READER_LIMITS.maxColumns, false);
  const parser = new CsvRecordParser(',', DEFAULT_READER_LIMITS, () => undefined);
  parser.setLineSink(coder);
  const header = `${HEADER}\r\n`;
  parser.push(header);
  coder.configure(arrestLineColumns(COLUMNS));
  parser.push(text.slice(header.length));
  parser.end();
  const batch = coder.take(0, 0);
  const plain = new CsvRecordParser(',', DEFAULT_READER_LIMITS, () => undefined);
  plain.push(text);
  plain.end();
  return { batch, texts: batch.texts, parsed: plain.completed };
}

describe('coding the lines of an arrests extract', () => {
  it('codes a line only when interpretRow takes its row as it stands, and to the same values', () => {
    const { batch, texts, parsed } = codeAndParse(messyExtract(6_000, 11));
    expect(batch.records).toBe(parsed.length);
    let coded = 0;
    for (let record = 0; record < batch.records; record++) {
      const at = record * CODED_ROW_INTS;
      const row = parsed[record]!;
      const generic = batch.codes[at + SLOT.generic]!;
      if (generic >= 0) {
        expect(batch.generic[generic]).toEqual(row);
        continue;
      }
      coded += 1;
      expect(isBlankRow(row)).toBe(false);
      expect(totalRowReason(row)).toBeNull();
      const interpreted = interpretRow(row, COLUMNS, { kindFlag: null });
      expect(interpreted.ok, `row ${record + 1}: ${JSON.stringify(row)}`).toBe(true);
      if (!interpreted.ok) continue;
      expect(decode(batch.codes, at, texts), `row ${record + 1}: ${JSON.stringify(row)}`).toEqual(interpreted.row);
    }
    // The plain two thirds at least; the rest (quotes, repairs, notes, refusals, a line ended by
    // a lone carriage return) go the general way.
    expect(coded).toBeGreaterThan(batch.records * 0.66);
  });

  it.each(['long', 'short', 'placeholderDob', 'withoutPnc', 'sharedIdentity'] as const)('codes every plain line of an extract as the benchmark writes it (%s)', async (shape) => {
    const path = temp.path(`plain_arrests_${shape}.csv`);
    await writeLargeArrestsCsv(path, 5_000, 3, shape);
    const text = readFileSync(path, 'utf8');
    const { batch, texts, parsed } = codeAndParse(text);
    expect(batch.records).toBe(5_001);
    // The header arrives parsed; every arrest line is coded.
    expect(batch.generic).toEqual([parsed[0]]);
    for (let record = 1; record < batch.records; record++) {
      const interpreted = interpretRow(parsed[record]!, COLUMNS, { kindFlag: null });
      expect(interpreted.ok && decode(batch.codes, record * CODED_ROW_INTS, texts)).toEqual(interpreted.ok && interpreted.row);
    }
  });

  it('leaves every line to the general path until it knows the columns, and for mappings it cannot code', () => {
    expect(arrestLineColumns({ ...COLUMNS, gender: 7 })).toBeNull();
    expect(arrestLineColumns({ ...COLUMNS, fullName: 8 })).toBeNull();
    const { arrestDate: _unused, ...noDate } = COLUMNS;
    expect(arrestLineColumns(noDate)).toBeNull();
    const coder = new ArrestLineCoder(',', 500, false);
    const line = '1994/0132569B,Pseudley,Kerry,10/08/1977,28/09/2012,Robbery - Personal Property,Barnet';
    expect(coder.line(line, 0, line.length)).toBe(false);
    coder.configure(arrestLineColumns(COLUMNS));
    expect(coder.line(line, 0, line.length)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Whole imports

function newWorkspace(): OpenWorkspace {
  return addNumberedWorkspace(temp, opened, 'Lines');
}

const NOW = () => '2026-11-23T09:00:00.000Z';

describe('an arrests extract imported coded', () => {
  let extract: string;
  let second: string;
  let general: { report: unknown; tables: string };

  beforeAll(async () => {
    extract = temp.path('messy_arrests.csv');
    writeFileSync(extract, messyExtract(4_000, 21), 'utf8');
    // A second extract over the same people, so rows link to people a first import created.
    second = temp.path('messy_arrests_2.csv');
    writeFileSync(second, messyExtract(2_000, 22), 'utf8');
    const workspace = newWorkspace();
    const control: Partial<ImportControl> = { codeLines: false, now: NOW };
    const first = await importFile(workspace, { path: extract, kind: 'arrests' }, { actor: 't', ...control });
    const again = await importFile(workspace, { path: second, kind: 'arrests' }, { actor: 't', ...control });
    general = { report: [first, again], tables: importedTablesDigest(workspace) };
    expect(first.rowsRejected).toBeGreaterThan(0);
    expect(first.reviewsQueued + again.reviewsQueued).toBeGreaterThan(0);
  }, 120_000);

  it('in this thread, leaves the workspace and the report exactly as the general path', async () => {
    const workspace = newWorkspace();
    const control: Partial<ImportControl> = { now: NOW, privateConnection: true };
    const first = await importFile(workspace, { path: extract, kind: 'arrests' }, { actor: 't', ...control });
    const again = await importFile(workspace, { path: second, kind: 'arrests' }, { actor: 't', ...control });
    expect([first, again]).toEqual(general.report);
    expect(importedTablesDigest(workspace)).toBe(general.tables);
    expect(workspace.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(workspace.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('through the import worker and its reading worker, the same', async () => {
    const workspace = newWorkspace();
    const ctx: AppContext = { session: new AppSession(), host: { kind: 'test' }, actor: 't', jobs: new JobRegistry(), importWorkerPath: IMPORT_WORKER_PATH };
    ctx.session.adopt(workspace, TEST_PASSPHRASE);
    const states = [];
    for (const path of [extract, second]) states.push(await ctx.jobs.settle(startImportJob(ctx, { path, kind: 'arrests' })));
    expect(states.map((s) => s.state)).toEqual(['done', 'done']);
    const reports = states.map((s) => s.result as Record<string, unknown>);
    // The worker stamps its own time and actor; everything else must agree.
    const comparable = (r: unknown) => ({ ...(r as Record<string, unknown>), importId: 0 });
    expect(reports.map(comparable)).toEqual((general.report as unknown[]).map(comparable));
    const rows = (sql: string) => JSON.stringify(workspace.db.prepare(sql).all());
    const general2 = newWorkspace();
    for (const path of [extract, second]) await importFile(general2, { path, kind: 'arrests' }, { actor: 't', codeLines: false });
    for (const sql of [
      'SELECT id, pnc, surname, forenames, dob, created_import_id, created_row_number FROM people ORDER BY id',
      'SELECT id, person_id, arrest_date, offence, borough, import_id, row_number FROM arrest_details ORDER BY id',
      'SELECT import_id, row_number, reason, raw, disposition FROM rejected_rows ORDER BY rowid',
      'SELECT import_id, row_number, person_id, score, breakdown, record FROM link_reviews ORDER BY rowid',
      'SELECT person_id, field, value, import_id, row_number FROM person_field_provenance ORDER BY person_id, field, import_id',
    ]) {
      expect(rows(sql)).toBe(JSON.stringify(general2.db.prepare(sql).all()));
    }
    ctx.session.lock('user');
  }, 120_000);

  it('on the benchmark\'s extracts with rows without a PNC, links each row as the general path does', async () => {
    // Most PNC-less lines of such an extract are one more arrest of someone already known by the
    // very same names and date of birth, which the coded path links from its codes alone.
    for (const shape of ['withoutPnc', 'sharedIdentity'] as const) {
      const path = temp.path(`bench_shape_${shape}.csv`);
      await writeLargeArrestsCsv(path, 6_000, undefined, shape);
      const digests = [];
      for (const codeLines of [false, true]) {
        const workspace = newWorkspace();
        const report = await importFile(workspace, { path, kind: 'arrests' }, { actor: 't', now: NOW, codeLines, privateConnection: true });
        digests.push({ report, tables: importedTablesDigest(workspace) });
      }
      expect(digests[0]!.report.rowsRead).toBe(6_000);
      expect(digests[0]!.report.reviewsQueued).toBeGreaterThan(0);
      expect(digests[1]).toEqual(digests[0]);
    }
  }, 120_000);

  it('a reading worker that meets a limit fails with the message the reader gives in this thread', async () => {
    const dialect = await sniffCsv(extract);
    const outcome = async (workerScript?: string) => {
      const rows = openCodedRows({ path: extract, dialect, limits: { maxRows: 1_500 }, onWarning: () => undefined, workerScript });
      try {
        let records = 0;
        for (;;) {
          const batch = await rows.next();
          if (!batch) return { records, error: null };
          records += batch.records;
          if (records > 0) rows.configure(arrestLineColumns(COLUMNS));
        }
      } catch (error) {
        return { records: -1, error: isImportFileError(error) ? `${error.code}: ${error.message}` : String(error) };
      } finally {
        await rows.close();
      }
    };
    const inThread = await outcome();
    expect(inThread.error).toMatch(/^too_many_rows: .*more than 1,500 rows/);
    expect(await outcome(IMPORT_WORKER_PATH)).toEqual(inThread);
  });
});
