import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, constants as zlibConstants } from 'node:zlib';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FLAG_NAMES, type FlagName } from '../../shared/domain/flags';
import type { IsoDate } from '../../shared/domain/isoDate';
import type { RawCell, RawRow } from '../../shared/domain/rawCell';
import { ACCENTED_PERSON, FORMULA_INJECTION_SURNAME, SEED_SHAPE, type SyntheticCandidate } from '../../shared/workspace/syntheticCohort';
import { isDateNumberFormat } from '../../electron/import/readers/excelDate';
import { excelSerialToIsoDate, isoDateToExcelSerial } from '../../shared/domain/excelSerialDate';
import {
  ImportFileError,
  openSpreadsheet,
  readCsvRows,
  sniffCsv,
  type CsvReadOptions,
  type ImportFileErrorCode,
  type ReaderWarning,
} from '../../electron/import/readers';
import { listSheets, readSheetRows } from '../support/workbookReading';
import { CsvRecordParser } from '../../electron/import/readers/readCsv';
import { CFB } from '../../electron/import/readers/readWorkbook';
import { DEFAULT_READER_LIMITS } from '../../electron/import/readers/limits';
import {
  CANDIDATE_LIST_HEADERS,
  CANDIDATE_LIST_TITLE,
  arrestDetailsText,
  dobIsTextInXlsx,
  flagMark,
  writeFixtureSet,
  writeLargeArrestsCsv,
  type FixtureSet,
} from '../fixtures/writeFixtures';

let root: string;
let set: FixtureSet;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'iom-readers-'));
  set = await writeFixtureSet(join(root, 'fixtures'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const scratch = (name: string): string => join(root, name);

async function csvRows(path: string, options: CsvReadOptions = {}): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of readCsvRows(path, options)) rows.push(row);
  return rows;
}

function dmy(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** A cell as a CSV would hold it, to compare formats whose cells are typed differently. */
function asText(cell: RawCell): string | null {
  if (cell === null) return null;
  if (typeof cell === 'object') return dmy(cell.date);
  return String(cell);
}

async function expectImportError(promise: Promise<unknown>, code: ImportFileErrorCode): Promise<ImportFileError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    const importError = error as ImportFileError;
    expect(importError.code, importError.message).toBe(code);
    expect(importError.message.length).toBeGreaterThan(20);
    return importError;
  }
  throw new Error(`expected ImportFileError ${code}, got success`);
}

const LONG_LIST_FLAGS: readonly FlagName[] = ['dtoa', 'gangHigh', 'gangMidLow', 'dv', 'female', 'asb', 'yos'];

/** A person's long-list row as each format should read it, built from the cohort, not the writer's grid. */
function expectedPersonRow(c: SyntheticCandidate, format: 'xls' | 'xlsx' | 'csv'): RawRow {
  const asDate = (d: IsoDate): RawCell => (format === 'csv' ? dmy(d) : { date: d });
  const asNumber = (n: number): RawCell => (format === 'csv' ? String(n) : n);
  const dobCell = format === 'xlsx' && dobIsTextInXlsx(c.ref) ? dmy(c.dob) : asDate(c.dob);
  const marks = LONG_LIST_FLAGS.map((flag, i): RawCell => {
    if (!c.flags[flag]) return null;
    const m = flagMark(c.ref, i);
    return typeof m === 'number' ? asNumber(m) : m;
  });
  return [
    c.forenames,
    c.surname,
    dobCell,
    asNumber(c.ageAtReference),
    c.ref % 5 === 0 ? c.pnc.long : c.pnc.short,
    c.address,
    c.borough,
    asDate(c.addressDate),
    asNumber(c.arrestsInWindow),
    asNumber(c.arrestsLast10Months),
    asNumber(c.arrestsLast22Months),
    arrestDetailsText(c),
    ...marks,
    c.pinsResult ?? (c.ref % 25 === 0 ? 'awaits' : null),
    asNumber(c.ref),
  ];
}

describe('Potential Candidate List in xls, xlsx and csv', () => {
  let xls: RawRow[];
  let xlsx: RawRow[];
  let csv: RawRow[];

  beforeAll(async () => {
    xls = (await readSheetRows(set.files.candidatesXls)).rows;
    xlsx = (await readSheetRows(set.files.candidatesXlsx)).rows;
    csv = await csvRows(set.files.candidatesCsv);
  });

  test('title row, blank row, the seed’s 21 headers', () => {
    for (const rows of [xls, xlsx, csv]) {
      expect(rows[0]).toEqual([CANDIDATE_LIST_TITLE]);
      expect(rows[1]).toEqual([]);
      expect(rows[2]).toEqual([...CANDIDATE_LIST_HEADERS]);
      expect(rows[2]).toHaveLength(21);
    }
  });

  test('every person row holds exactly the generated values, typed per format', () => {
    const { rowOfRef } = set.candidateListLayout;
    for (const c of set.cohort.candidates) {
      const r = rowOfRef[c.ref] ?? -1;
      expect(xls[r], `xls ref ${c.ref}`).toEqual(expectedPersonRow(c, 'xls'));
      expect(xlsx[r], `xlsx ref ${c.ref}`).toEqual(expectedPersonRow(c, 'xlsx'));
      expect(csv[r], `csv ref ${c.ref}`).toEqual(expectedPersonRow(c, 'csv'));
    }
  });

  test('the three formats agree row for row once dates and numbers are compared as text', () => {
    expect(xls).toHaveLength(set.candidateListLayout.totalRow + 1);
    expect(xlsx.map((r) => r.map(asText))).toEqual(xls.map((r) => r.map(asText)));
    expect(csv.map((r) => r.map(asText))).toEqual(xls.map((r) => r.map(asText)));
  });

  test('dates: real date cells in xls and xlsx, text in some xlsx rows and in CSV', () => {
    const first = set.cohort.candidates[0];
    if (!first) throw new Error('no candidates');
    const r = set.candidateListLayout.rowOfRef[first.ref] ?? -1;
    expect(xls[r]?.[2]).toEqual({ date: first.dob });
    expect(csv[r]?.[2]).toBe(dmy(first.dob));
    const textDob = set.cohort.candidates.find((c) => dobIsTextInXlsx(c.ref));
    if (!textDob) throw new Error('no text-DOB row');
    expect(xlsx[set.candidateListLayout.rowOfRef[textDob.ref] ?? -1]?.[2]).toBe(dmy(textDob.dob));
  });

  test('blank rows between people and a trailing Total row (formula read as its cached value)', () => {
    const { rowOfRef, totalRow } = set.candidateListLayout;
    expect(xlsx[(rowOfRef[10] ?? 0) + 1]).toEqual([]);
    expect(csv[(rowOfRef[10] ?? 0) + 1]).toEqual([]);
    const sum10 = set.cohort.candidates.reduce((s, c) => s + c.arrestsLast10Months, 0);
    const sum22 = set.cohort.candidates.reduce((s, c) => s + c.arrestsLast22Months, 0);
    const nulls = Array.from({ length: 7 }, () => null);
    expect(xlsx[totalRow]).toEqual(['Total', ...nulls, 973, sum10, sum22]);
    expect(xls[totalRow]).toEqual(['Total', ...nulls, 973, sum10, sum22]);
    expect(csv[totalRow]).toEqual(['Total', ...nulls, '973', String(sum10), String(sum22)]);
  });

  test('arrest details keep their separators: "; " and line breaks inside one cell', () => {
    const { rowOfRef } = set.candidateListLayout;
    const even = set.cohort.candidates.find((c) => c.ref % 2 === 0 && c.arrests.length > 3);
    if (!even) throw new Error('no even ref');
    const cell = csv[rowOfRef[even.ref] ?? -1]?.[11];
    expect(typeof cell === 'string' && cell.split('\n').length).toBe(even.arrests.length);
  });

  test('the formula-injection surname comes back as plain text from every format', async () => {
    const probe = set.cohort.candidates.find((c) => c.surname === FORMULA_INJECTION_SURNAME);
    if (!probe) throw new Error('no probe');
    const r = set.candidateListLayout.rowOfRef[probe.ref] ?? -1;
    for (const rows of [xls, xlsx, csv]) expect(rows[r]?.[1]).toBe("=cmd|' /C calc'!A0");
    // And SheetJS stored it as a string cell, not a formula.
    const wb = XLSX.read(await readFile(set.files.candidatesXlsx), { type: 'buffer', cellFormula: true, dense: true });
    const cell = wb.Sheets['IOM long list']?.['!data']?.[r]?.[1];
    expect(cell?.t).toBe('s');
    expect(cell?.f).toBeUndefined();
  });

  test('accented names survive xls and xlsx', () => {
    const accented = set.cohort.candidates.find((c) => c.surname === ACCENTED_PERSON.surname);
    if (!accented) throw new Error('no accented person');
    const r = set.candidateListLayout.rowOfRef[accented.ref] ?? -1;
    for (const rows of [xls, xlsx, csv]) expect(rows[r]?.slice(0, 2)).toEqual(['Renée', 'O’Testley']);
  });

  test('hidden sheets are listed and marked; the default sheet is the first visible one', async () => {
    for (const path of [set.files.candidatesXls, set.files.candidatesXlsx]) {
      const sheets = await listSheets(path);
      expect(sheets.map((s) => [s.name, s.hidden])).toEqual([
        ['IOM long list', false],
        ['Lookups', true],
      ]);
      const lookups = await readSheetRows(path, { sheet: 'lookups' });
      expect(lookups.sheetName).toBe('Lookups');
      expect(lookups.rows[0]).toEqual(['Mark', 'Meaning']);
    }
  });

  test('dates do not move with the time zone', async () => {
    const saved = process.env.TZ;
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Los_Angeles', 'Europe/London']) {
        process.env.TZ = zone;
        expect((await readSheetRows(set.files.candidatesXlsx)).rows, zone).toEqual(xlsx);
        expect((await readSheetRows(set.files.candidatesXls)).rows, zone).toEqual(xls);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('CSV dialects', () => {
  let reference: RawRow[];
  beforeAll(async () => {
    reference = await csvRows(set.files.candidatesCsv);
  });
  const accentedRow = (rows: RawRow[]): RawRow | undefined => rows.find((r) => r[1] === ACCENTED_PERSON.surname);

  test('UTF-8 with BOM: BOM skipped, names decoded', async () => {
    expect(await sniffCsv(set.files.candidatesCsvUtf8Bom)).toEqual({ encoding: 'utf-8', bomBytes: 3, delimiter: ',', sepLine: false });
    const rows = await csvRows(set.files.candidatesCsvUtf8Bom);
    expect(rows).toEqual(reference);
    expect(rows[0]?.[0]).toBe(CANDIDATE_LIST_TITLE);
    expect(accentedRow(rows)?.[0]).toBe('Renée');
  });

  test('Windows-1252: detected, é and ’ decoded', async () => {
    const bytes = await readFile(set.files.candidatesCsvWindows1252);
    expect(bytes.includes(0x92)).toBe(true); // ’
    expect(bytes.includes(0xe9)).toBe(true); // é
    expect((await sniffCsv(set.files.candidatesCsvWindows1252)).encoding).toBe('windows-1252');
    const rows = await csvRows(set.files.candidatesCsvWindows1252);
    expect(rows).toEqual(reference);
    expect(accentedRow(rows)?.slice(0, 2)).toEqual(['Renée', 'O’Testley']);
  });

  test('semicolon and tab delimiters are detected', async () => {
    expect((await sniffCsv(set.files.candidatesCsvSemicolon)).delimiter).toBe(';');
    expect((await sniffCsv(set.files.candidatesTabDelimited)).delimiter).toBe('\t');
    expect((await sniffCsv(set.files.candidatesCsv)).delimiter).toBe(',');
    expect(await csvRows(set.files.candidatesCsvSemicolon)).toEqual(reference);
    expect(await csvRows(set.files.candidatesTabDelimited)).toEqual(reference);
  });

  test('RFC 4180: quoted delimiters, doubled quotes, embedded line breaks, lone CR, empty fields', async () => {
    const path = scratch('rfc4180.csv');
    await writeFile(
      path,
      'a,"b,c","say ""hi""",\r\n"multi\r\nline",,"",x\n\r\n"end"\rlast,row',
      'utf8',
    );
    expect(await csvRows(path)).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['multi\r\nline', null, null, 'x'],
      [],
      ['end'],
      ['last', 'row'],
    ]);
  });

  test('the parser gives the same records however the text is split', () => {
    const text = 'h1,h2\r\n"a ""q"" b","x\ny"\r\n1,2\r\n"",z\r"tail"""';
    const parse = (pieces: string[]): RawRow[] => {
      const parser = new CsvRecordParser(',', DEFAULT_READER_LIMITS, () => undefined);
      for (const p of pieces) parser.push(p);
      parser.end();
      return parser.completed;
    };
    const whole = parse([text]);
    expect(whole).toEqual([['h1', 'h2'], ['a "q" b', 'x\ny'], ['1', '2'], [null, 'z'], ['tail"']]);
    expect(parse([...text])).toEqual(whole);
    for (let cut = 1; cut < text.length; cut++) expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
  });

  test('a UTF-8 character split across read chunks is decoded whole', async () => {
    const path = scratch('split-utf8.csv');
    const filler = 'x'.repeat(256 * 1024 - 1 - 'name\n'.length);
    // "é" is two bytes; its first byte is the last byte of the first 256 KB chunk.
    await writeFile(path, `name\n${filler}é\nZoë\n`, 'utf8');
    const rows = await csvRows(path, { limits: { maxCellChars: 1_000_000 } });
    expect(rows[1]?.[0]).toBe(`${filler}é`);
    expect(rows[2]).toEqual(['Zoë']);
  });

  test('Windows-1252 bytes after a long UTF-8-looking start: rest read as 1252, with a warning', async () => {
    const path = scratch('late-1252.csv');
    const head = Buffer.from(`Surname,Forename\n${'Sampleton,Jordan\n'.repeat(10_000)}`, 'latin1');
    await writeFile(path, Buffer.concat([head, Buffer.from([0x4f, 0x92, 0x54, 0x65, 0x73, 0x74, 0x2c, 0x52, 0x65, 0x6e, 0xe9, 0x65, 0x0a])]));
    const warnings: ReaderWarning[] = [];
    const rows = await csvRows(path, { onWarning: (w) => warnings.push(w) });
    expect(rows.at(-1)).toEqual(['O’Test', 'Renée']);
    expect(warnings.map((w) => w.code)).toContain('encoding_fallback');
  });

  test('Excel’s sep= line sets the delimiter and is skipped', async () => {
    const path = scratch('sep.csv');
    await writeFile(path, 'sep=;\r\nSurname;Forename\r\nSampleton;Jordan\r\n', 'utf8');
    expect((await sniffCsv(path)).sepLine).toBe(true);
    expect(await csvRows(path)).toEqual([['Surname', 'Forename'], ['Sampleton', 'Jordan']]);
  });

  test('progress is reported by bytes up to the file size', async () => {
    const size = (await stat(set.files.arrestsExtract)).size;
    const seen: number[] = [];
    await csvRows(set.files.arrestsExtract, { onProgress: (p) => seen.push(p.bytesRead) });
    expect(seen.at(-1)).toBe(size);
  });

  test('limits: rows, columns, record length, cell length, file size', async () => {
    await expectImportError(csvRows(set.files.candidatesCsv, { limits: { maxRows: 50 } }), 'too_many_rows');
    await expectImportError(csvRows(set.files.candidatesCsv, { limits: { maxColumns: 5 } }), 'too_many_columns');
    await expectImportError(csvRows(set.files.candidatesCsv, { limits: { maxTextFileBytes: 100 } }), 'too_large');
    const noNewlines = scratch('one-line.csv');
    await writeFile(noNewlines, 'a,'.repeat(600_000));
    await expectImportError(csvRows(noNewlines, { limits: { maxColumns: 10_000_000 } }), 'line_too_long');
    const warnings: ReaderWarning[] = [];
    const rows = await csvRows(set.files.candidatesCsv, { limits: { maxCellChars: 20 }, onWarning: (w) => warnings.push(w) });
    expect(rows[0]?.[0]).toBe(CANDIDATE_LIST_TITLE.slice(0, 20));
    expect(warnings.some((w) => w.code === 'cell_truncated')).toBe(true);
    // Excel pads rows with empty fields; empties past the column limit are not an error.
    const padded = scratch('padded.csv');
    await writeFile(padded, `a,b${','.repeat(40)}\r\n`);
    expect(await csvRows(padded, { limits: { maxColumns: 5 } })).toEqual([['a', 'b']]);
  });
});

describe('agency lists, PINS results and the arrests extract', () => {
  test('each list reads back with its own headers and one row per list entry', async () => {
    for (const flag of FLAG_NAMES) {
      const path = set.files.lists[flag];
      const opened = await openSpreadsheet(path);
      const { rows } = await opened.readRows();
      const body = rows.filter((r) => r.length > 0);
      const headerIndex = flag === 'dtoa' ? 1 : 0; // the DTOA list has a title row
      expect(body.length - headerIndex - 1, flag).toBe(set.cohort.agencyLists[flag].length);
      expect(body[headerIndex]?.some((h) => typeof h === 'string' && /forename|first name/i.test(h)), flag).toBe(true);
    }
    const ogrs = (await readSheetRows(set.files.lists.ogrsMandatory)).rows;
    expect(ogrs[0]).toEqual(['Forename', 'Surname', 'Date of Birth', 'PNC ID', 'OGRS score']);
    expect(ogrs.slice(1).every((r) => typeof r[4] === 'number')).toBe(true);
    const dtoa = (await readSheetRows(set.files.lists.dtoa)).rows;
    expect(dtoa.some((r) => r[1] === 'Outlister')).toBe(true);
  });

  test('the large arrests CSV is streamed to disk and reads back row for row', async () => {
    const path = scratch('large-arrests.csv');
    const written = await writeLargeArrestsCsv(path, 20_000, 11);
    expect(written.bytes).toBe((await stat(path)).size);
    let count = 0;
    let header: RawRow | undefined;
    for await (const row of readCsvRows(path)) {
      if (count === 0) header = row;
      else expect(row).toHaveLength(7);
      count += 1;
    }
    expect(header).toEqual(['PNC', 'Surname', 'Forename', 'DOB', 'Arrest date', 'Offence', 'Borough']);
    expect(count).toBe(20_001);
    const again = scratch('large-arrests-again.csv');
    await writeLargeArrestsCsv(again, 20_000, 11);
    expect((await readFile(again)).equals(await readFile(path))).toBe(true);
  });

  test('PINS results and the arrests extract', async () => {
    const pins = await csvRows(set.files.pins);
    expect(pins[0]).toEqual(['PNC ID', 'Surname', 'Forename', 'Date of Birth', 'PINS result', 'Checked on']);
    expect(pins).toHaveLength(SEED_SHAPE.pinsChecked + 1);
    const arrests = await csvRows(set.files.arrestsExtract);
    expect(arrests[0]).toEqual(['PNC', 'Surname', 'Forename', 'DOB', 'Arrest date', 'Offence', 'Borough']);
    expect(arrests).toHaveLength(set.cohort.arrestsExtract.length + 1);
    const iso = (text: RawCell): string => {
      const [d, m, y] = String(text).split('/');
      return `${y}-${m}-${d}`;
    };
    const inWindow = arrests.slice(1).filter((r) => iso(r[4] ?? null) > '2011-10-31' && iso(r[4] ?? null) <= '2013-10-31');
    expect(inWindow).toHaveLength(973);
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile and broken files

interface ZipEntrySpec {
  name: string;
  data: Buffer;
  method: 0 | 8;
  /** What the headers claim; defaults to the truth for stored entries. */
  declaredSize: number;
}

/** A minimal zip writer, so hostile archives are built in the test and never stored in the repo. */
function buildZip(entries: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(0, 14); // CRC: SheetJS does not check it and neither do the guards
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const stored = (name: string, content: string): ZipEntrySpec => {
  const data = Buffer.from(content, 'utf8');
  return { name, data, method: 0, declaredSize: data.length };
};

/**
 * A deflate stream of `mebibytes` MiB of zeros, about 1 KB per MiB, built without ever holding the
 * zeros: one full-flushed segment (byte-aligned, history reset) repeated, then a final empty block.
 */
function zerosDeflated(mebibytes: number): Buffer {
  const segment = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: zlibConstants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: mebibytes }, () => segment), Buffer.from([0x03, 0x00])]);
}

function workbookSkeleton(): ZipEntrySpec[] {
  return [
    stored('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    stored('xl/workbook.xml', '<?xml version="1.0"?><workbook/>'),
  ];
}

describe('errors', () => {
  test('missing file → not_found', async () => {
    await expectImportError(readSheetRows(scratch('nope.xlsx')), 'not_found');
    await expectImportError(csvRows(scratch('nope.csv')), 'not_found');
    await expectImportError(openSpreadsheet(scratch('nope.xls')), 'not_found');
  });

  test('truncated xlsx and xls → corrupt', async () => {
    const xlsxBytes = await readFile(set.files.candidatesXlsx);
    const cutXlsx = scratch('truncated.xlsx');
    await writeFile(cutXlsx, xlsxBytes.subarray(0, Math.floor(xlsxBytes.length * 0.6)));
    await expectImportError(readSheetRows(cutXlsx), 'corrupt');
    await expectImportError(openSpreadsheet(cutXlsx), 'corrupt');
    const xlsBytes = await readFile(set.files.candidatesXls);
    const cutXls = scratch('truncated.xls');
    await writeFile(cutXls, xlsBytes.subarray(0, Math.floor(xlsBytes.length * 0.6)));
    await expectImportError(readSheetRows(cutXls), 'corrupt');
  });

  test('a PNG or PDF renamed .xlsx → not_a_spreadsheet', async () => {
    const png = scratch('photo.xlsx');
    await writeFile(png, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]));
    await expectImportError(readSheetRows(png), 'not_a_spreadsheet');
    const error = await expectImportError(openSpreadsheet(png), 'not_a_spreadsheet');
    expect(error.message).toMatch(/image/);
    const pdf = scratch('report.xls');
    await writeFile(pdf, '%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n');
    await expectImportError(openSpreadsheet(pdf), 'not_a_spreadsheet');
    const empty = scratch('empty.xlsx');
    await writeFile(empty, '');
    await expectImportError(openSpreadsheet(empty), 'not_a_spreadsheet');
  });

  test('a zip that holds no workbook (a Word document) → not_a_spreadsheet', async () => {
    const docx = scratch('letter.xlsx');
    await writeFile(docx, buildZip([stored('[Content_Types].xml', '<Types/>'), stored('word/document.xml', '<w:document/>')]));
    await expectImportError(readSheetRows(docx), 'not_a_spreadsheet');
  });

  test('zip bomb with honest headers (1 GiB of zeros) → zip_bomb, without inflating it', async () => {
    const bomb = scratch('bomb.xlsx');
    const data = zerosDeflated(1024);
    expect(data.length).toBeLessThan(2 * 1024 * 1024);
    await writeFile(bomb, buildZip([...workbookSkeleton(), { name: 'xl/worksheets/sheet1.xml', data, method: 8, declaredSize: 1024 * 1024 * 1024 }]));
    const started = Date.now();
    const error = await expectImportError(readSheetRows(bomb), 'zip_bomb');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.message).toMatch(/unpacked|compressed/);
  });

  test('zip bomb whose headers lie about the size → zip_bomb, memory stays flat', async () => {
    const bomb = scratch('lying-bomb.xlsx');
    await writeFile(
      bomb,
      buildZip([...workbookSkeleton(), { name: 'xl/worksheets/sheet1.xml', data: zerosDeflated(1024), method: 8, declaredSize: 100 * 1024 }]),
    );
    const before = process.memoryUsage();
    await expectImportError(readSheetRows(bomb), 'zip_bomb');
    const after = process.memoryUsage();
    const grewBy = after.rss - before.rss + (after.arrayBuffers - before.arrayBuffers);
    expect(grewBy).toBeLessThan(200 * 1024 * 1024);
  });

  test('zip with too many entries or a too-large total → zip_bomb', async () => {
    const many = scratch('many.xlsx');
    await writeFile(many, buildZip([...workbookSkeleton(), ...Array.from({ length: 30 }, (_, i) => stored(`xl/media/${i}.txt`, 'x'))]));
    await expectImportError(readSheetRows(many, { limits: { maxZipEntries: 20 } }), 'zip_bomb');
    await expectImportError(readSheetRows(set.files.candidatesXlsx, { limits: { maxZipUncompressedBytes: 10_000 } }), 'zip_bomb');
  });

  test('file over the size limit → too_large', async () => {
    await expectImportError(readSheetRows(set.files.candidatesXlsx, { limits: { maxFileBytes: 1024 } }), 'too_large');
    await expectImportError(listSheets(set.files.candidatesXls, { limits: { maxFileBytes: 1024 } }), 'too_large');
  });

  test('unknown sheet → sheet_not_found, naming the sheets there are', async () => {
    const error = await expectImportError(readSheetRows(set.files.candidatesXlsx, { sheet: 'Sheet9' }), 'sheet_not_found');
    expect(error.message).toContain('IOM long list');
  });

  test('rows and columns over the limits → too_many_rows / too_many_columns', async () => {
    await expectImportError(readSheetRows(set.files.candidatesXlsx, { limits: { maxRows: 50 } }), 'too_many_rows');
    await expectImportError(readSheetRows(set.files.candidatesXls, { limits: { maxRows: 50 } }), 'too_many_rows');
    await expectImportError(readSheetRows(set.files.candidatesXlsx, { limits: { maxColumns: 5 } }), 'too_many_columns');
  });

  test('password-protected workbook (OLE container with EncryptedPackage) → password_protected', async () => {
    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, 'EncryptionInfo', Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]));
    CFB.utils.cfb_add(container, 'EncryptedPackage', Buffer.alloc(8192, 0x5a));
    const path = scratch('protected.xlsx');
    await writeFile(path, CFB.write(container, { type: 'buffer' }));
    const error = await expectImportError(readSheetRows(path), 'password_protected');
    expect(error.message).toMatch(/password/i);
    await expectImportError(openSpreadsheet(path), 'password_protected');
  });

  test('a zip with encrypted entries → password_protected', async () => {
    const zip = buildZip(workbookSkeleton());
    // Set the "encrypted" flag bit on the first central-directory entry.
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt16LE(1, central + 8);
    const path = scratch('encrypted-zip.xlsx');
    await writeFile(path, zip);
    await expectImportError(readSheetRows(path), 'password_protected');
  });
});

describe('openSpreadsheet chooses by content', () => {
  test('a workbook named .csv is read as a workbook', async () => {
    const path = scratch('really-xlsx.csv');
    await copyFile(set.files.candidatesXlsx, path);
    const opened = await openSpreadsheet(path);
    expect(opened.format).toBe('xlsx');
    expect(opened.warnings.map((w) => w.code)).toEqual(['extension_mismatch']);
    expect((await opened.readRows()).rows).toEqual((await readSheetRows(set.files.candidatesXlsx)).rows);
  });

  test('text named .xlsx is read as CSV, with a warning', async () => {
    const path = scratch('really-csv.xlsx');
    await copyFile(set.files.candidatesCsvSemicolon, path);
    const opened = await openSpreadsheet(path);
    expect(opened.format).toBe('csv');
    expect(opened.csvDialect?.delimiter).toBe(';');
    expect(opened.warnings.map((w) => w.code)).toEqual(['extension_mismatch']);
    expect((await opened.readRows()).rows).toEqual(await csvRows(set.files.candidatesCsv));
  });

  test('xls: format, sheets, and streamed rows equal the whole-sheet read', async () => {
    const opened = await openSpreadsheet(set.files.candidatesXls);
    expect(opened.format).toBe('xls');
    expect(opened.sheets.map((s) => s.hidden)).toEqual([false, true]);
    const streamed: RawRow[] = [];
    for await (const row of opened.streamRows()) streamed.push(row);
    expect(streamed).toEqual((await opened.readRows()).rows);
  });

  test('ODS and SpreadsheetML 2003 read like xlsx: dates as dates, formula-like text as text', async () => {
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(
      workbook,
      { A1: { t: 's', v: '=HYPERLINK("x")' }, B1: { t: 'n', v: isoDateToExcelSerial('1990-05-17'), z: 'dd/mm/yyyy' }, C1: { t: 'n', v: 7 }, '!ref': 'A1:C1' },
      'List',
    );
    const ods = scratch('list.ods');
    await writeFile(ods, XLSX.write(workbook, { type: 'buffer', bookType: 'ods' }) as Buffer);
    const xml = scratch('list-2003.xml');
    await writeFile(xml, XLSX.write(workbook, { type: 'string', bookType: 'xlml' }) as string);
    for (const [path, format] of [
      [ods, 'ods'],
      [xml, 'spreadsheetml'],
    ] as const) {
      const opened = await openSpreadsheet(path);
      expect(opened.format).toBe(format);
      expect((await opened.readRows()).rows).toEqual([['=HYPERLINK("x")', { date: '1990-05-17' }, 7]]);
    }
  });

  test('an HTML table saved as .xls is read as a workbook, its text kept as text', async () => {
    const path = scratch('cris-export.xls');
    await writeFile(
      path,
      '<html><body><table><tr><td>Surname</td><td>DOB</td><td>PNC</td></tr>' +
        '<tr><td>=cmd|\' /C calc\'!A0</td><td>17/05/1990</td><td>00123</td></tr></table></body></html>',
    );
    const opened = await openSpreadsheet(path);
    expect(opened.format).toBe('html');
    const { rows } = await opened.readRows();
    expect(rows).toEqual([
      ['Surname', 'DOB', 'PNC'],
      ["=cmd|' /C calc'!A0", '17/05/1990', '00123'],
    ]);
  });
});

describe('Excel serial dates', () => {
  test('1900 system, with the phantom 29 Feb 1900', () => {
    expect(excelSerialToIsoDate(1, false)).toBe('1900-01-01');
    expect(excelSerialToIsoDate(59, false)).toBe('1900-02-28');
    expect(excelSerialToIsoDate(60, false)).toBeNull();
    expect(excelSerialToIsoDate(61, false)).toBe('1900-03-01');
    expect(excelSerialToIsoDate(41578, false)).toBe('2013-10-31');
    expect(excelSerialToIsoDate(41578.99, false)).toBe('2013-10-31');
    expect(excelSerialToIsoDate(0, false)).toBeNull();
    expect(excelSerialToIsoDate(2958465, false)).toBe('9999-12-31');
    expect(excelSerialToIsoDate(2958466, false)).toBeNull();
    for (const iso of ['1900-01-01', '1900-02-28', '1900-03-01', '1990-05-17', '2013-10-31']) {
      expect(excelSerialToIsoDate(isoDateToExcelSerial(iso), false)).toBe(iso);
    }
  });

  test('1904 system', () => {
    expect(excelSerialToIsoDate(0, true)).toBe('1904-01-01');
    expect(excelSerialToIsoDate(41578 - 1462, true)).toBe('2013-10-31');
  });

  test('which number formats are dates', () => {
    for (const f of ['m/d/yy', 'dd/mm/yyyy', 'd-mmm-yy', 'mmm-yy', 'yyyy-mm-dd', '[$-809]dd/mm/yyyy', 'dd/mm/yyyy hh:mm', 'mmmm', 'mmm"/"d"/"yy']) {
      expect(isDateNumberFormat(f), f).toBe(true);
    }
    for (const f of ['General', '0', '0.00', '#,##0', '0.00E+00', 'h:mm', '[h]:mm:ss', 'mm:ss', '#,##0 "days"', '0.0 "yrs"', '@', undefined]) {
      expect(isDateNumberFormat(f), String(f)).toBe(false);
    }
  });

  test('a 1904-system workbook reads its dates right', async () => {
    const sheet: XLSX.WorkSheet = {
      A1: { t: 's', v: 'DOB' },
      A2: { t: 'n', v: isoDateToExcelSerial('1990-05-17', true), z: 'dd/mm/yyyy' },
      '!ref': 'A1:A2',
    };
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, sheet, 'Mac list');
    workbook.Workbook = { WBProps: { date1904: true } };
    const path = scratch('mac-1904.xlsx');
    await writeFile(path, XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const result = await readSheetRows(path);
    expect(result.date1904).toBe(true);
    expect(result.rows).toEqual([['DOB'], [{ date: '1990-05-17' }]]);
  });

  test('a formula without a cached value reads as empty; one with a value reads as the value', async () => {
    const sheet: XLSX.WorkSheet = {
      A1: { t: 'n', v: 5, f: 'B1+4' },
      B1: { t: 'n', v: 1 },
      C1: { t: 'n', f: 'NOW()' } as XLSX.CellObject,
      D1: { t: 'e', v: 0x2a },
      '!ref': 'A1:D1',
    };
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, sheet, 'Formulas');
    const path = scratch('formulas.xlsx');
    await writeFile(path, XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const result = await readSheetRows(path);
    expect(result.rows).toEqual([[5, 1]]);
    expect(result.warnings.map((w) => w.code)).toContain('error_cell');
  });
});
