/**
 * Reads .xls / .xlsx / .xlsb / .ods (and the HTML or SpreadsheetML files some systems save as
 * ".xls") into RawRows. Runs in the main process or an import worker, never in the renderer.
 *
 * Decisions, each because restricted data from other agencies arrives in it:
 * - The file is checked before SheetJS parses it: size cap, magic bytes, zip central directory
 *   (zip bombs), OLE container streams (password protection). SheetJS only sees files that passed.
 * - Formulas are never evaluated and never surfaced: SheetJS is asked for values only
 *   (`cellFormula: false`), so a formula cell yields the value Excel cached when it last saved the
 *   file, as a plain value; a formula with no cached value reads as empty. Text that merely looks
 *   like a formula ("=cmd|...") is a string cell and stays a string.
 * - Dates: SheetJS is asked for raw serial numbers (`cellDates: false`) plus each cell's number
 *   format; a number whose format shows a calendar date becomes `{ date: 'YYYY-MM-DD' }` through
 *   integer day arithmetic (1900 system with Excel's phantom 29 Feb 1900, or the 1904 system when
 *   the workbook says so). No local-time Date is ever built, so the time zone cannot shift a day.
 * - Rows are indexed from sheet row 1 (rows[0] is Excel's row 1, so row numbers in messages match
 *   what the analyst sees) and columns from A; trailing empty cells of a row and trailing empty
 *   rows of a sheet are dropped; an empty row is `[]`.
 */
import { readFile } from 'node:fs/promises';
import * as XLSX from 'xlsx';
import type { RawCell, RawRow } from '../../../shared/domain/rawCell';
import { describeKind, detectFileKindFromBytes, bomLength, type FileKindResult } from './detectFileKind';
import { errorCellValue, numberCellValue, textCellValue } from './cellValues';
import { isDateNumberFormat } from './excelDate';
import { ImportFileError, corruptWorkbook, fileSystemError, regularFileSize, type ReaderWarning } from './errors';
import { resolveLimits, type ReaderLimits } from './limits';
import { formatBytes } from '../../../shared/domain/numberFormat';
import { errorMessage } from '../../../shared/domain/errorMessage';
import { decodeWindows1252 } from './windows1252';
import { isXlsxTextPart, openXlsxPackage, XlsxNotHandled, type XlsxPackage, type XlsxSheet } from './readXlsx';
import { checkDeclaredSizes, inflateCheckedEntries, readZipDirectory, verifyInflatedSizes, zipWorkbookFormat } from './zipGuard';

type WorkbookFormat = 'xlsx' | 'xlsb' | 'xls' | 'ods' | 'html' | 'spreadsheetml';
/** Every format the readers produce rows from. */
export type SpreadsheetFormat = WorkbookFormat | 'csv';

type SheetVisibility = 'visible' | 'hidden' | 'veryHidden';

export interface SheetInfo {
  name: string;
  /** 0-based position in the workbook. */
  index: number;
  /** True for hidden and "very hidden" sheets; the import screen shows them but does not pick them by default. */
  hidden: boolean;
  visibility: SheetVisibility;
}

export interface SheetRows {
  sheetName: string;
  format: SpreadsheetFormat;
  /** True when the workbook uses the 1904 date system (dates were converted accordingly). */
  date1904: boolean;
  /** rows[0] is sheet row 1. */
  rows: RawRow[];
  warnings: ReaderWarning[];
}

interface WorkbookReadOptions {
  limits?: Partial<ReaderLimits>;
  /**
   * Which reader parses an .xlsx: the xlsx sheet scanner (readXlsx.ts) where it can, or SheetJS
   * always. Only tests ask for SheetJS, to hold the two to the same rows.
   */
  xlsxReader?: 'scanner' | 'sheetjs';
}

// ---------------------------------------------------------------------------------------------
// SheetJS's CFB helper is typed `any`; this is the part of it we use.

interface CfbEntry {
  name: string;
  type: number;
  content?: Uint8Array | number[] | null;
}
interface CfbContainer {
  FullPaths: string[];
  FileIndex: CfbEntry[];
}
interface CfbApi {
  read(data: Uint8Array, options: { type: 'buffer' }): CfbContainer;
  write(cfb: CfbContainer, options: { type: 'buffer' }): Uint8Array;
  utils: {
    cfb_new(): CfbContainer;
    cfb_add(cfb: CfbContainer, name: string, content: Uint8Array): CfbEntry;
  };
}
export const CFB: CfbApi = XLSX.CFB as CfbApi;

// ---------------------------------------------------------------------------------------------
// Loading and guarding

interface LoadedWorkbookFile {
  bytes: Buffer;
  format: WorkbookFormat;
  kind: FileKindResult;
  /** An .xlsx the scanner reads (null: SheetJS parses the file). */
  xlsx: XlsxPackage | null;
}

function passwordProtected(): ImportFileError {
  return new ImportFileError(
    'password_protected',
    'The workbook is protected with a password. Open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password, clear it), save, and import the saved copy.',
  );
}

/** Stream names inside an OLE compound file, lower-cased, without their folder. */
function cfbStreamNames(bytes: Buffer): Set<string> {
  let container: CfbContainer;
  try {
    container = CFB.read(bytes, { type: 'buffer' });
  } catch (error) {
    throw corruptWorkbook(error);
  }
  return new Set(container.FileIndex.map((entry) => entry.name.toLowerCase()));
}

function decodeMarkup(bytes: Buffer, kind: FileKindResult): string {
  const body = bytes.subarray(bomLength(kind.bom));
  if (kind.bom === 'utf-16le' || kind.bom === 'utf-16be') return new TextDecoder(kind.bom).decode(body);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return decodeWindows1252(body);
  }
}

async function loadWorkbookFile(path: string, limits: ReaderLimits, xlsxReader: WorkbookReadOptions['xlsxReader'] = 'scanner'): Promise<LoadedWorkbookFile> {
  const size = await regularFileSize(path);
  if (size > limits.maxFileBytes) {
    throw new ImportFileError(
      'too_large',
      `The workbook is ${formatBytes(size)}, above the ${formatBytes(limits.maxFileBytes)} limit for spreadsheets. Save the sheet you need as CSV and import that instead.`,
      { path },
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    fileSystemError(error, path);
  }
  const kind = detectFileKindFromBytes(bytes.subarray(0, 4096));
  try {
    return { bytes, kind, ...(await classify(bytes, kind, limits, xlsxReader)) };
  } catch (error) {
    if (error instanceof ImportFileError) {
      throw new ImportFileError(error.code, error.message, { path, cause: error.cause });
    }
    throw error;
  }
}

async function classify(bytes: Buffer, kind: FileKindResult, limits: ReaderLimits, xlsxReader: WorkbookReadOptions['xlsxReader']): Promise<{ format: WorkbookFormat; xlsx: XlsxPackage | null }> {
  const parsedBySheetJs = (format: WorkbookFormat) => ({ format, xlsx: null });
  switch (kind.kind) {
    case 'zip': {
      // The guard's checks (zipGuard.ts), in its order: the directory, the declared sizes, then
      // every part unpacked against its declared size and checksum.
      const entries = readZipDirectory(bytes, limits);
      checkDeclaredSizes(entries, limits);
      const format = zipWorkbookFormat(entries);
      if (format === null) throw notASpreadsheet(kind);
      if (format !== 'xlsx' || xlsxReader === 'sheetjs') {
        await verifyInflatedSizes(bytes, entries);
        return parsedBySheetJs(format);
      }
      // An .xlsx is unpacked once, by the same checks, and its XML parts kept for the scanner.
      const parts = inflateCheckedEntries(bytes, entries, isXlsxTextPart);
      try {
        return { format, xlsx: openXlsxPackage(parts) };
      } catch (error) {
        if (error instanceof XlsxNotHandled) return parsedBySheetJs(format);
        throw error;
      }
    }
    case 'cfb': {
      const streams = cfbStreamNames(bytes);
      // Encrypted xlsx/xlsb: the real workbook is inside "EncryptedPackage", described by "EncryptionInfo".
      if (streams.has('encryptedpackage') || streams.has('encryptioninfo')) throw passwordProtected();
      if (streams.has('workbook') || streams.has('book')) return parsedBySheetJs('xls');
      throw notASpreadsheet(kind);
    }
    case 'markup': {
      const head = decodeMarkup(bytes.subarray(0, 2048), kind);
      return parsedBySheetJs(/urn:schemas-microsoft-com:office:spreadsheet/i.test(head) ? 'spreadsheetml' : 'html');
    }
    case 'text':
      throw new ImportFileError(
        'not_a_spreadsheet',
        'This is a text (CSV) file, not a workbook; it should be read with the CSV reader.',
      );
    default:
      throw notASpreadsheet(kind);
  }
}

function notASpreadsheet(kind: FileKindResult): ImportFileError {
  return new ImportFileError(
    'not_a_spreadsheet',
    `This file is ${describeKind(kind.kind)}, not a spreadsheet, whatever its name says. Choose the .xls, .xlsx or .csv file the agency sent.`,
  );
}

function parse(file: LoadedWorkbookFile, extra: XLSX.ParsingOptions): XLSX.WorkBook {
  const options: XLSX.ParsingOptions = {
    cellFormula: false,
    cellHTML: false,
    cellDates: false,
    cellNF: true,
    cellText: false,
    cellStyles: false,
    bookVBA: false,
    // HTML tables hold text; without `raw` SheetJS would guess numbers and dates from it.
    raw: true,
    dense: true,
    ...extra,
  };
  try {
    if (file.format === 'html' || file.format === 'spreadsheetml') {
      return XLSX.read(decodeMarkup(file.bytes, file.kind), { ...options, type: 'string' });
    }
    return XLSX.read(file.bytes, { ...options, type: 'buffer' });
  } catch (error) {
    const message = errorMessage(error);
    if (/password|encrypt/i.test(message)) throw passwordProtected();
    throw corruptWorkbook(error);
  }
}

function sheetInfos(workbook: XLSX.WorkBook): SheetInfo[] {
  const props = workbook.Workbook?.Sheets ?? [];
  return workbook.SheetNames.map((name, index) => {
    const hiddenCode = props[index]?.Hidden ?? 0;
    const visibility: SheetVisibility = hiddenCode === 2 ? 'veryHidden' : hiddenCode === 1 ? 'hidden' : 'visible';
    return { name, index, hidden: visibility !== 'visible', visibility };
  });
}

function withPath<T>(path: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ImportFileError && error.path === undefined) {
      throw new ImportFileError(error.code, error.message, { path, cause: error.cause });
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Public API

interface SheetHead {
  sheet: SheetInfo;
  /** The sheet's first rows (at most the number asked for), trailing empty rows dropped. */
  rows: RawRow[];
}

/** One sheet's rows a batch at a time: scanned as they are asked for (xlsx), or cut from the parsed sheet. */
export interface SheetRowStream {
  sheetName: string;
  format: WorkbookFormat;
  date1904: boolean;
  /** Filled as the rows are read; complete once `batches` is done. */
  warnings: ReaderWarning[];
  batches: Generator<RawRow[], void, undefined>;
  /** Share of the sheet read so far, 0..1. */
  fraction(): number;
}

/** A workbook file loaded and checked once, read as often as needed. */
interface WorkbookReader {
  format: WorkbookFormat;
  sheets: SheetInfo[];
  /** All rows of one sheet (default: the first visible). */
  readRows(sheet?: string): SheetRows;
  streamRows(sheet: string | undefined, batchRows: number): SheetRowStream;
  /** The first `rows` rows of every visible sheet. */
  heads(rows: number): SheetHead[];
}

function xlsxSheetInfo(sheet: XlsxSheet): SheetInfo {
  return { name: sheet.name, index: sheet.index, hidden: sheet.visibility !== 'visible', visibility: sheet.visibility };
}

function withPathInBatches(path: string, batches: Generator<RawRow[], void, undefined>): Generator<RawRow[], void, undefined> {
  return (function* () {
    for (;;) {
      const item = withPath(path, () => batches.next());
      if (item.done) return;
      yield item.value;
    }
  })();
}

/** Loads and checks the file (see the module comment), then reads it on demand. */
export async function openWorkbookReader(path: string, options: WorkbookReadOptions = {}): Promise<WorkbookReader> {
  const limits = resolveLimits(options.limits);
  const file = await loadWorkbookFile(path, limits, options.xlsxReader);
  const xlsx = file.xlsx;
  if (xlsx) {
    const sheets = xlsx.sheets.map(xlsxSheetInfo);
    if (sheets.length === 0) throw new ImportFileError('no_sheets', noSheets().message, { path });
    const streamRows = (sheet: string | undefined, batchRows: number): SheetRowStream => {
      const chosen = withPath(path, () => chooseSheet(sheets, sheet));
      const warnings: ReaderWarning[] = [];
      const scanner = withPath(path, () => xlsx.scanSheet(xlsx.sheets[chosen.index]!, limits, warnings));
      const batches = (function* () {
        for (let batch = scanner.next(batchRows); batch !== null; batch = scanner.next(batchRows)) yield batch;
      })();
      return { sheetName: chosen.name, format: file.format, date1904: xlsx.date1904, warnings, batches: withPathInBatches(path, batches), fraction: () => scanner.fraction };
    };
    return {
      format: file.format,
      sheets,
      streamRows,
      readRows(sheet) {
        const stream = streamRows(sheet, 65_536);
        const rows: RawRow[] = [];
        for (const batch of stream.batches) for (const row of batch) rows.push(row);
        return { sheetName: stream.sheetName, format: stream.format, date1904: stream.date1904, rows, warnings: stream.warnings };
      },
      heads(rows) {
        return withPath(path, () =>
          sheets
            .filter((sheet) => !sheet.hidden)
            .map((sheet) => {
              const head: RawRow[] = [];
              try {
                const scanner = xlsx.scanSheet(xlsx.sheets[sheet.index]!, limits, [], rows);
                for (let batch = scanner.next(rows); batch !== null; batch = scanner.next(rows)) head.push(...batch);
              } catch (error) {
                // As with SheetJS, which leaves out a sheet it cannot parse: looked at for a list, it is blank.
                if (error instanceof ImportFileError && error.code === 'corrupt') return { sheet, rows: [] };
                throw error;
              }
              return { sheet, rows: head };
            }),
        );
      },
    };
  }
  const listing = withPath(path, () => sheetInfos(parse(file, { sheets: [], sheetRows: 1 })));
  if (listing.length === 0) throw new ImportFileError('no_sheets', noSheets().message, { path });
  const readRows = (wanted: string | undefined): SheetRows =>
    withPath(path, () => {
      const chosen = chooseSheet(listing, wanted);
      // One row more than allowed tells "exactly at the limit" from "over it" without parsing the rest.
      const workbook = parse(file, { sheets: chosen.name, sheetRows: limits.maxRows + 1 });
      const sheet = workbook.Sheets[chosen.name];
      if (!sheet) throw corruptWorkbook();
      const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
      const warnings: ReaderWarning[] = [];
      const rows = sheetToRows(sheet, date1904, limits, warnings);
      return { sheetName: chosen.name, format: file.format, date1904, rows, warnings };
    });
  return {
    format: file.format,
    sheets: listing,
    readRows,
    streamRows(sheet, batchRows) {
      const read = readRows(sheet);
      let handed = 0;
      const batches = (function* () {
        for (; handed < read.rows.length; handed = Math.min(read.rows.length, handed + batchRows)) yield read.rows.slice(handed, handed + batchRows);
      })();
      return { sheetName: read.sheetName, format: read.format as WorkbookFormat, date1904: read.date1904, warnings: read.warnings, batches, fraction: () => (read.rows.length === 0 ? 1 : handed / read.rows.length) };
    },
    heads(rows) {
      return withPath(path, () => {
        const workbook = parse(file, { sheetRows: rows });
        const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
        const heads: SheetHead[] = [];
        for (const sheet of sheetInfos(workbook)) {
          if (sheet.hidden) continue;
          const data = workbook.Sheets[sheet.name];
          heads.push({ sheet, rows: data ? sheetToRows(data, date1904, { ...limits, maxRows: rows }, []) : [] });
        }
        return heads;
      });
    },
  };
}

function noSheets(): ImportFileError {
  return new ImportFileError('no_sheets', 'The workbook has no worksheets to import.');
}

/**
 * The first `rows` rows of every visible sheet, each read no further: enough to see which sheet
 * holds a list before reading one in full.
 */
export async function readSheetHeads(path: string, rows: number, options: WorkbookReadOptions = {}): Promise<SheetHead[]> {
  return (await openWorkbookReader(path, options)).heads(rows);
}

function chooseSheet(sheets: readonly SheetInfo[], wanted: string | undefined): SheetInfo {
  if (wanted === undefined) {
    const first = sheets.find((s) => !s.hidden) ?? sheets[0];
    if (!first) throw noSheets();
    return first;
  }
  const exact = sheets.find((s) => s.name === wanted);
  if (exact) return exact;
  const folded = sheets.filter((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
  if (folded.length === 1 && folded[0]) return folded[0];
  throw new ImportFileError(
    'sheet_not_found',
    `The workbook has no sheet called "${wanted}". Its sheets are: ${sheets.map((s) => `"${s.name}"`).join(', ')}.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Cells to RawCells

type SheetCell = XLSX.CellObject | undefined;

function isCellGrid(value: unknown): value is SheetCell[][] {
  return Array.isArray(value);
}

function fullRefRows(sheet: XLSX.WorkSheet): number | null {
  const fullRef: unknown = sheet['!fullref'];
  if (typeof fullRef !== 'string') return null;
  return XLSX.utils.decode_range(fullRef).e.r + 1;
}

/** The sheet as a grid of cells, whether SheetJS gave it dense (`!data`) or keyed by address. */
function cellGrid(sheet: XLSX.WorkSheet): SheetCell[][] {
  const dense: unknown = sheet['!data'];
  if (isCellGrid(dense)) return dense;
  const grid: SheetCell[][] = [];
  for (const key of Object.keys(sheet)) {
    if (key.startsWith('!')) continue;
    const address = XLSX.utils.decode_cell(key);
    const value: unknown = sheet[key];
    if (typeof value !== 'object' || value === null) continue;
    (grid[address.r] ??= [])[address.c] = value as XLSX.CellObject;
  }
  return grid;
}

function sheetToRows(sheet: XLSX.WorkSheet, date1904: boolean, limits: ReaderLimits, warnings: ReaderWarning[]): RawRow[] {
  const grid = cellGrid(sheet);
  const rows: RawRow[] = [];
  let lastNonEmpty = -1;
  for (let r = 0; r < grid.length; r++) {
    const source = grid[r];
    const row: RawRow = [];
    if (source) {
      for (let c = 0; c < source.length; c++) {
        const value = toRawCell(source[c], date1904, limits, warnings, r + 1, c + 1);
        if (value !== null && c >= limits.maxColumns) {
          throw new ImportFileError(
            'too_many_columns',
            `Row ${r + 1} has a value in column ${c + 1}, beyond the ${limits.maxColumns}-column limit. Delete the stray cells far to the right, or save just the needed columns.`,
          );
        }
        row[c] = value;
      }
    }
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    rows.push(row);
    if (row.length > 0) lastNonEmpty = r;
  }
  rows.length = lastNonEmpty + 1;
  if (rows.length > limits.maxRows) {
    throw new ImportFileError(
      'too_many_rows',
      `The sheet has more than ${limits.maxRows.toLocaleString('en-GB')} rows, the most one import takes. Split it into smaller files.`,
    );
  }
  const declared = fullRefRows(sheet);
  if (declared !== null && declared > limits.maxRows) {
    warnings.push({
      code: 'rows_beyond_limit',
      message: `The sheet's range reaches row ${declared}; only the first ${limits.maxRows} rows were read, and those beyond were empty or not read.`,
    });
  }
  return rows;
}

function toRawCell(
  cell: SheetCell,
  date1904: boolean,
  limits: ReaderLimits,
  warnings: ReaderWarning[],
  row: number,
  column: number,
): RawCell {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
      return textCellValue(typeof cell.v === 'string' ? cell.v : String(cell.v ?? ''), limits, warnings, row, column);
    case 'n':
      return numberCellValue(typeof cell.v === 'number' ? cell.v : Number(cell.v), isDateNumberFormat(typeof cell.z === 'string' ? cell.z : undefined), date1904, warnings, row, column);
    case 'b':
      return typeof cell.v === 'boolean' ? cell.v : Boolean(cell.v);
    case 'd':
      return dateCellValue(cell.v);
    case 'e':
      return errorCellValue(warnings, row, column);
    default:
      return null;
  }
}

/**
 * Type-`d` cells only come from formats that store dates as text (ODS, SpreadsheetML) even with
 * `cellDates: false`. An ISO string is taken as written; a Date (SheetJS parsed it) is read back by
 * its UTC parts when it sits at UTC midnight, else by local parts, since SheetJS builds it in one
 * of the two and the calendar day is what was typed either way.
 */
function dateCellValue(value: unknown): RawCell {
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    return m ? { date: `${m[1]}-${m[2]}-${m[3]}` } : value;
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const utcMidnight = value.getUTCHours() === 0 && value.getUTCMinutes() === 0;
    const y = utcMidnight ? value.getUTCFullYear() : value.getFullYear();
    const m = (utcMidnight ? value.getUTCMonth() : value.getMonth()) + 1;
    const d = utcMidnight ? value.getUTCDate() : value.getDate();
    return { date: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
  }
  return null;
}
