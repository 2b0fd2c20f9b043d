/**
 * One entry point for the importer: open any file an agency sent and get its sheets and rows.
 *
 * The content decides the reader, not the extension, because files are renamed and police systems
 * export CSV or HTML with an ".xls" name:
 *   zip / OLE compound file / HTML or SpreadsheetML  → workbook reader (SheetJS, after the guards)
 *   plain text (whatever the extension, .xlsx too)    → CSV reader, with an `extension_mismatch`
 *                                                       warning when the name promised a workbook
 *   PDF, images, other binaries, empty files          → `not_a_spreadsheet`
 * Reading a text file named .xlsx as CSV, rather than refusing it, is deliberate: the header
 * recognition that follows rejects anything that is not a list, with a clearer message than
 * "wrong extension" would be.
 */
import { basename, extname } from 'node:path';
import type { RawRow } from '../../../shared/domain/rawCell';
import { describeKind, detectFileKind } from './detectFileKind';
import { ImportFileError, type ReaderWarning } from './errors';
import { resolveLimits, type ReaderLimits } from './limits';
import { formatBytes } from '../../../shared/domain/numberFormat';
import { readCsvRows, sniffCsv, type CsvDialect, type CsvProgress } from './readCsv';
import { openWorkbookReader, type SheetInfo, type SheetRows, type SheetRowStream, type SpreadsheetFormat } from './readWorkbook';

interface OpenSpreadsheetOptions {
  limits?: Partial<ReaderLimits>;
}

interface StreamRowsOptions {
  onProgress?: (progress: CsvProgress) => void;
  onWarning?: (warning: ReaderWarning) => void;
}

export interface OpenedSpreadsheet {
  path: string;
  format: SpreadsheetFormat;
  /** A CSV has one pseudo-sheet named after the file. */
  sheets: SheetInfo[];
  /** Encoding and delimiter of a CSV; null for workbooks. */
  csvDialect: CsvDialect | null;
  /** About the file as a whole (e.g. its extension does not match its content). */
  warnings: ReaderWarning[];
  /** All rows of one sheet (default: the first visible). For CSV, collected from the stream. */
  readRows(sheet?: string): Promise<SheetRows>;
  /** Rows one by one: streamed from disk for CSV, from the parsed sheet for workbooks. */
  streamRows(sheet?: string, options?: StreamRowsOptions): AsyncGenerator<RawRow>;
  /**
   * Workbooks only: one sheet's rows in batches, read as they are asked for (an .xlsx is scanned a
   * batch at a time; other formats are cut from the parsed sheet). Null for CSV.
   */
  streamSheet: ((sheet: string | undefined, batchRows: number) => SheetRowStream) | null;
}

const WORKBOOK_EXTENSIONS = new Set(['.xls', '.xlsx', '.xlsm', '.xlsb', '.ods']);
const TEXT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.tab']);

export { ImportFileError, isImportFileError } from './errors';
export type { ImportFileErrorCode, ReaderWarning } from './errors';
export { DEFAULT_READER_LIMITS, resolveLimits } from './limits';
export type { ReaderLimits } from './limits';
export { readCsvRows, sniffCsv } from './readCsv';
export type { CsvDialect, CsvProgress, CsvReadOptions } from './readCsv';
export { openWorkbookReader, readSheetHeads } from './readWorkbook';
export type { SheetInfo, SheetRows, SheetRowStream, SpreadsheetFormat } from './readWorkbook';
export { detectFileKind, detectFileKindFromBytes } from './detectFileKind';
export type { FileKindResult } from './detectFileKind';

export async function openSpreadsheet(path: string, options: OpenSpreadsheetOptions = {}): Promise<OpenedSpreadsheet> {
  const limits = resolveLimits(options.limits);
  const detected = await detectFileKind(path);
  const extension = extname(path).toLowerCase();
  const warnings: ReaderWarning[] = [];

  if (detected.kind === 'text') {
    if (WORKBOOK_EXTENSIONS.has(extension)) {
      warnings.push({
        code: 'extension_mismatch',
        message: `The file is named ${extension} but holds plain text; it was read as CSV.`,
      });
    }
    return openCsv(path, limits, warnings);
  }
  if (detected.kind === 'zip' || detected.kind === 'cfb' || detected.kind === 'markup') {
    if (detected.kind !== 'markup' && TEXT_EXTENSIONS.has(extension)) {
      warnings.push({
        code: 'extension_mismatch',
        message: `The file is named ${extension} but is an Excel workbook; it was read as one.`,
      });
    }
    return openWorkbook(path, limits, warnings);
  }
  if (detected.kind === 'empty') {
    throw new ImportFileError('not_a_spreadsheet', 'The file is empty: it holds no rows to import.', { path });
  }
  throw new ImportFileError(
    'not_a_spreadsheet',
    `This file is ${describeKind(detected.kind)}, not a spreadsheet, whatever its name says (${formatBytes(detected.size)}). Choose the .xls, .xlsx or .csv file the agency sent.`,
    { path },
  );
}

async function openCsv(path: string, limits: ReaderLimits, warnings: ReaderWarning[]): Promise<OpenedSpreadsheet> {
  const dialect = await sniffCsv(path, { limits });
  const sheetName = basename(path, extname(path));
  const sheets: SheetInfo[] = [{ name: sheetName, index: 0, hidden: false, visibility: 'visible' }];
  const checkSheet = (sheet: string | undefined): void => {
    if (sheet !== undefined && sheet !== sheetName) {
      throw new ImportFileError('sheet_not_found', `A CSV file has a single sheet, "${sheetName}".`, { path });
    }
  };
  return {
    path,
    format: 'csv',
    sheets,
    csvDialect: dialect,
    warnings,
    async readRows(sheet) {
      checkSheet(sheet);
      const rowWarnings: ReaderWarning[] = [];
      const rows: RawRow[] = [];
      for await (const row of readCsvRows(path, { limits, dialect, onWarning: (w) => rowWarnings.push(w) })) rows.push(row);
      return { sheetName, format: 'csv', date1904: false, rows, warnings: rowWarnings };
    },
    streamRows(sheet, streamOptions = {}) {
      checkSheet(sheet);
      return readCsvRows(path, { limits, dialect, ...streamOptions });
    },
    streamSheet: null,
  };
}

async function openWorkbook(path: string, limits: ReaderLimits, warnings: ReaderWarning[]): Promise<OpenedSpreadsheet> {
  // Loaded and checked once; every read below reuses it.
  const reader = await openWorkbookReader(path, { limits });
  const read = (sheet: string | undefined): Promise<SheetRows> => Promise.resolve().then(() => reader.readRows(sheet));
  return {
    path,
    format: reader.format,
    sheets: reader.sheets,
    csvDialect: null,
    warnings,
    readRows: read,
    async *streamRows(sheet, streamOptions = {}) {
      const result = await read(sheet);
      for (const warning of result.warnings) streamOptions.onWarning?.(warning);
      yield* result.rows;
    },
    streamSheet: (sheet, batchRows) => reader.streamRows(sheet, batchRows),
  };
}
