/**
 * The .xlsx sheet scanner (readXlsx.ts) against SheetJS, the reader it stands in for: on generated
 * workbooks of every shape both must give the same sheets, rows, cells, warnings and errors. Each
 * workbook is also checked to be one the scanner reads itself (not handed back to SheetJS).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openWorkbookReader, readSheetHeads } from '../../electron/import/readers';
import { readSheetRows, type ReadSheetOptions } from '../support/workbookReading';
import { resolveLimits } from '../../electron/import/readers/limits';
import { openXlsxPackage, isXlsxTextPart } from '../../electron/import/readers/readXlsx';
import { checkDeclaredSizes, inflateCheckedEntries, readZipDirectory } from '../../electron/import/readers/zipGuard';
import { openRowSource } from '../../electron/import/rowSource';
import type { RawRow } from '../../shared/domain/rawCell';
import { writeAgencyListShapes } from '../fixtures/agencyListShapes';
import { ARRESTS_HEADER, arrestRows, buildZip, deflatedEntry, sheetXml, storedEntry, xlsxParts } from '../fixtures/hostileCorpus';
import { writeFixtureSet } from '../fixtures/writeFixtures';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iom-xlsx-scanner-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function write(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function writeBook(name: string, book: XLSX.WorkBook, options: Partial<XLSX.WritingOptions> = {}): string {
  return write(name, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true, ...options }) as Buffer);
}

function bookOf(sheets: ReadonlyArray<{ name: string; sheet: XLSX.WorkSheet; hidden?: 0 | 1 | 2 }>, date1904 = false): XLSX.WorkBook {
  const book = XLSX.utils.book_new();
  for (const { name, sheet } of sheets) XLSX.utils.book_append_sheet(book, sheet, name);
  book.Workbook = { ...(book.Workbook ?? {}), Sheets: sheets.map(({ name, hidden }) => ({ name, Hidden: hidden ?? 0 })), WBProps: { date1904 } };
  return book;
}

/** True when the scanner reads the package itself rather than handing it to SheetJS. */
function scannerReads(path: string): boolean {
  const bytes = readFileSync(path);
  const limits = resolveLimits(undefined);
  const entries = readZipDirectory(bytes, limits);
  checkDeclaredSizes(entries, limits);
  try {
    openXlsxPackage(inflateCheckedEntries(bytes, entries, isXlsxTextPart));
    return true;
  } catch {
    return false;
  }
}

async function outcome(path: string, options: ReadSheetOptions): Promise<unknown> {
  try {
    const read = await readSheetRows(path, options);
    return { ...read, warnings: read.warnings.map((w) => `${w.code}@${w.row ?? ''}:${w.column ?? ''} ${w.message}`) };
  } catch (error) {
    return { error: error instanceof Error ? `${(error as { code?: string }).code ?? ''}: ${error.message}` : String(error) };
  }
}

/** Both readers on one file: sheets, every visible sheet's rows and warnings (or the same error), the heads. */
async function expectSameAsSheetJs(path: string, options: ReadSheetOptions = {}): Promise<void> {
  const scanner = await openWorkbookReader(path, options);
  const sheetjs = await openWorkbookReader(path, { ...options, xlsxReader: 'sheetjs' });
  expect(scanner.sheets).toEqual(sheetjs.sheets);
  for (const sheet of scanner.sheets) {
    const ours = await outcome(path, { ...options, sheet: sheet.name });
    const theirs = await outcome(path, { ...options, sheet: sheet.name, xlsxReader: 'sheetjs' });
    expect(ours, `sheet "${sheet.name}" of ${path}`).toEqual(theirs);
  }
  const heads = (reader: ReadSheetOptions['xlsxReader']) => readSheetHeads(path, 30, { ...options, xlsxReader: reader }).catch((error: unknown) => ({ error: String(error) }));
  expect(await heads('scanner')).toEqual(await heads('sheetjs'));
}

const day = 86_400_000;

describe('the scanner reads what SheetJS reads', () => {
  test('an arrests extract as Excel saves it: shared strings, date cells, a header', async () => {
    const aoa: unknown[][] = [[...ARRESTS_HEADER]];
    for (let i = 0; i < 300; i++) {
      aoa.push([`19${80 + (i % 20)}/0${100000 + i}K`, `Surname${i % 37}`, `Forename${i % 11}`, new Date(Date.UTC(1970, 0, 1) + i * 37 * day), new Date(Date.UTC(2012, 0, 1) + i * day), 'Burglary (dwelling)', 'Barnet']);
    }
    const path = writeBook('shared.xlsx', bookOf([{ name: 'Arrests', sheet: XLSX.utils.aoa_to_sheet(aoa, { cellDates: true, dateNF: 'dd/mm/yyyy' }) }]), { bookSST: true });
    expect(scannerReads(path)).toBe(true);
    await expectSameAsSheetJs(path);
    const rows = (await readSheetRows(path)).rows;
    expect(rows[1]![3]).toEqual({ date: '1970-01-01' });
    expect(rows[300]![4]).toEqual({ date: '2012-10-26' });
  });

  test('strings without a shared table, numbers, booleans, error values, empty cells and rows, formulas with cached values', async () => {
    const sheet: XLSX.WorkSheet = {
      A1: { t: 's', v: 'PNC' },
      B1: { t: 's', v: 'Surname' },
      C1: { t: 's', v: 'Count' },
      D1: { t: 's', v: 'Flag' },
      A2: { t: 's', v: '1990/0100001K' },
      C2: { t: 'n', v: 3.25 },
      D2: { t: 'b', v: true },
      E2: { t: 'e', v: 0x2a },
      A4: { t: 's', v: '1990/0100002K' },
      B4: { t: 's', v: 'Cachedby', f: 'CONCAT("Cached","by")' },
      C4: { t: 'n', v: 5, f: '2+3' },
      D4: { t: 'b', v: false },
      F4: { t: 's', v: '' },
      A6: { t: 'n', v: -0.5 },
      '!ref': 'A1:F8',
    };
    const path = writeBook('no-sst.xlsx', bookOf([{ name: 'Mixed', sheet }]), { bookSST: false });
    expect(scannerReads(path)).toBe(true);
    await expectSameAsSheetJs(path);
    const read = await readSheetRows(path);
    expect(read.rows).toEqual([['PNC', 'Surname', 'Count', 'Flag'], ['1990/0100001K', null, 3.25, true], [], ['1990/0100002K', 'Cachedby', 5, false], [], [-0.5]]);
    expect(read.warnings.map((w) => w.code)).toEqual(['error_cell']);
  });

  test('the 1904 date system, custom and built-in date formats, a time of day, a date-formatted number that is no date', async () => {
    const sheet: XLSX.WorkSheet = {
      A1: { t: 's', v: 'DOB' },
      B1: { t: 's', v: 'Seen' },
      A2: { t: 'n', v: 0, z: 'dd/mm/yyyy' },
      B2: { t: 'n', v: 40000.75, z: 'm/d/yy h:mm' },
      A3: { t: 'n', v: 31000, z: 'd-mmm-yy' },
      B3: { t: 'n', v: 0.5, z: 'h:mm' },
      A4: { t: 'n', v: -5, z: 'yyyy-mm-dd' },
      B4: { t: 'n', v: 12345, z: '0.00' },
      '!ref': 'A1:B4',
    };
    for (const date1904 of [true, false]) {
      const path = writeBook(`dates-${date1904}.xlsx`, bookOf([{ name: 'Dates', sheet }], date1904));
      expect(scannerReads(path)).toBe(true);
      await expectSameAsSheetJs(path);
      const read = await readSheetRows(path);
      expect(read.date1904).toBe(date1904);
      expect(read.rows[1]![0]).toEqual(date1904 ? { date: '1904-01-01' } : 0);
      expect(read.rows[2]![0]).toEqual({ date: date1904 ? '1988-11-15' : '1984-11-14' });
    }
  });

  test('text with entities, line breaks, accents, characters beyond the BMP and _xHHHH_ escapes', async () => {
    const texts = ['O\'Brien & "Sons" <Ltd>', 'line one\r\nline two', 'Zoë Ó Súilleabháin', 'emoji 😀 here', 'tab\there', ' padded ', 'literal _x0041_ escape', '=cmd|\' /C calc\'!A0'];
    const aoa = [['Surname', 'Note'], ...texts.map((t, i) => [`Name${i}`, t])];
    for (const bookSST of [true, false]) {
      const path = writeBook(`entities-${bookSST}.xlsx`, bookOf([{ name: 'Text', sheet: XLSX.utils.aoa_to_sheet(aoa) }]), { bookSST });
      expect(scannerReads(path)).toBe(true);
      await expectSameAsSheetJs(path);
      const rows = (await readSheetRows(path)).rows;
      expect(rows[1]![1]).toBe('O\'Brien & "Sons" <Ltd>');
      expect(rows[2]![1]).toBe('line one\nline two');
      expect(rows[4]![1]).toBe('emoji 😀 here');
    }
  });

  test('hand-written parts: rich text runs, phonetic runs, inline strings, numeric character references, prefixed elements, t="str" and t="d" cells', async () => {
    const sst = `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="4" uniqueCount="4"><si><t>Surname</t></si><si><r><rPr><b/></rPr><t>Rich</t></r><r><t xml:space="preserve"> text</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si><si><t>caf&#233; &#x41;&amp;B</t></si><si><t/></si></sst>`;
    const styles = `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const sheet = `${XML_HEAD}<x:worksheet xmlns:x="${NS_MAIN}"><x:dimension ref="A1:D4"/><x:sheetData>`
      + '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>DOB</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:r><x:t>Arrest </x:t></x:r><x:r><x:t>date</x:t></x:r></x:is></x:c></x:row>'
      + '<x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c><x:c r="B2" s="1"><x:v>32874</x:v></x:c><x:c r="C2" s="2"><x:v>41000</x:v></x:c><x:c r="D2" t="str"><x:f>A2&amp;"x"</x:f><x:v>Richx &amp; more</x:v></x:c></x:row>'
      + '<x:row r="4" spans="1:4"><x:c r="A4" t="s"><x:v>2</x:v></x:c><x:c r="B4" s="1" t="d"><x:v>1999-12-31T00:00:00</x:v></x:c><x:c r="C4" t="s"><x:v>3</x:v></x:c><x:c r="D4" t="b"><x:v>1</x:v></x:c></x:row>'
      + '</x:sheetData></x:worksheet>';
    const contentType = (part: string, type: string) => `<Override PartName="${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${type}+xml"/>`;
    const parts = xlsxParts(sheet).map((entry) => {
      if (entry.name === 'xl/_rels/workbook.xml.rels') {
        return deflatedEntry(entry.name, `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${NS_REL}/styles" Target="/xl/styles.xml"/></Relationships>`);
      }
      if (entry.name === '[Content_Types].xml') {
        // SheetJS finds the shared strings and styles by their content types.
        return deflatedEntry(entry.name, `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${contentType('/xl/workbook.xml', 'sheet.main')}${contentType('/xl/worksheets/sheet1.xml', 'worksheet')}${contentType('/xl/sharedStrings.xml', 'sharedStrings')}${contentType('/xl/styles.xml', 'styles')}</Types>`);
      }
      return entry;
    });
    const path = write('handmade.xlsx', buildZip([...parts, deflatedEntry('xl/sharedStrings.xml', sst), storedEntry('xl/styles.xml', styles)]));
    expect(scannerReads(path)).toBe(true);
    await expectSameAsSheetJs(path);
    expect((await readSheetRows(path)).rows).toEqual([
      ['Surname', 'DOB', 'Arrest date'],
      ['Rich text', { date: '1990-01-01' }, { date: '2012-04-01' }, 'Richx & more'],
      [],
      ['café A&B', { date: '1999-12-31' }, null, true],
    ]);
  });

  test('hidden and blank sheets, a sheet chosen by name, heads of each', async () => {
    const list = XLSX.utils.aoa_to_sheet([[...ARRESTS_HEADER], ...arrestRows(25)]);
    const path = writeBook('sheets.xlsx', bookOf([
      { name: 'Sheet1', sheet: XLSX.utils.aoa_to_sheet([]) },
      { name: 'Lookups', sheet: XLSX.utils.aoa_to_sheet([['code', 'meaning'], [1, 'one']]), hidden: 1 },
      { name: 'Arrests & more', sheet: list },
      { name: 'Very', sheet: XLSX.utils.aoa_to_sheet([['x']]), hidden: 2 },
    ]));
    expect(scannerReads(path)).toBe(true);
    await expectSameAsSheetJs(path);
    const heads = await readSheetHeads(path, 5);
    expect(heads.map((h) => [h.sheet.name, h.rows.length])).toEqual([['Sheet1', 0], ['Arrests & more', 5]]);
    const source = await openRowSource(path);
    expect(source.sheetName).toBe('Arrests & more');
  });

  test('limits: too many rows, too many columns, long text cut, rows beyond the limit in the declared range', async () => {
    const aoa = [[...ARRESTS_HEADER], ...arrestRows(60)];
    const path = writeBook('limits.xlsx', bookOf([{ name: 'Arrests', sheet: XLSX.utils.aoa_to_sheet(aoa) }]));
    for (const limits of [{ maxRows: 50 }, { maxRows: 61 }, { maxRows: 200 }, { maxColumns: 3 }, { maxCellChars: 4 }]) await expectSameAsSheetJs(path, { limits });
    const declared = write('declared.xlsx', buildZip(xlsxParts(sheetXml([[...ARRESTS_HEADER], ...arrestRows(3)], { before: '<dimension ref="A1:G90"/>' }))));
    await expectSameAsSheetJs(declared, { limits: { maxRows: 10 } });
    expect((await readSheetRows(declared, { limits: { maxRows: 10 } })).warnings.map((w) => w.code)).toEqual(['rows_beyond_limit']);
  });

  test('a shared string index the table does not have is a damaged workbook, as with SheetJS', async () => {
    const sheet = `${XML_HEAD}<worksheet xmlns="${NS_MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData></worksheet>`;
    const path = write('bad-index.xlsx', buildZip(xlsxParts(sheet)));
    await expectSameAsSheetJs(path);
    expect(await outcome(path, {})).toMatchObject({ error: expect.stringMatching(/^corrupt: The workbook is damaged/) });
  });

  test('every workbook the fixture scripts write', async () => {
    const fixtures = join(dir, 'fixtures');
    await writeFixtureSet(fixtures);
    const shapes = writeAgencyListShapes(join(dir, 'shapes'));
    const paths = [
      ...readdirSync(fixtures).filter((f) => f.endsWith('.xlsx')).map((f) => join(fixtures, f)),
      ...Object.values(shapes).filter((p): p is string => typeof p === 'string' && p.endsWith('.xlsx')),
    ];
    expect(paths.length).toBeGreaterThan(8);
    for (const path of paths) {
      if (path === shapes.imageAsXlsx) continue;
      expect(scannerReads(path), path).toBe(true);
      await expectSameAsSheetJs(path);
    }
  });
});

describe('streaming', () => {
  test('rows flow in batches before the sheet is read to its end, and progress rises', async () => {
    const aoa = [[...ARRESTS_HEADER], ...arrestRows(5_000)];
    const path = writeBook('stream.xlsx', bookOf([{ name: 'Arrests', sheet: XLSX.utils.aoa_to_sheet(aoa) }]));
    const source = await openRowSource(path);
    const fractions: number[] = [];
    const seen: RawRow[] = [];
    for await (const batch of source.batches((p) => fractions.push(p.fraction ?? -1))) {
      expect(batch.length).toBeLessThanOrEqual(1000);
      seen.push(...batch);
    }
    expect(seen).toEqual((await readSheetRows(path, { xlsxReader: 'sheetjs' })).rows);
    expect(fractions.length).toBeGreaterThanOrEqual(5);
    expect(fractions[0]).toBeGreaterThan(0);
    expect(fractions[0]).toBeLessThan(0.5);
    expect(fractions[fractions.length - 1]).toBe(1);
  });

  test('rows out of order are a damaged sheet, refused with the one sentence', async () => {
    const xml = sheetXml([[...ARRESTS_HEADER], ...arrestRows(3)]).replace('<row r="3">', '<row r="1">');
    const path = write('out-of-order.xlsx', buildZip(xlsxParts(xml)));
    expect(await outcome(path, {})).toMatchObject({ error: expect.stringMatching(/^corrupt: The workbook is damaged/) });
  });
});
