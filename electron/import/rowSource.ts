import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { RawRow } from '../../shared/domain/rawCell';
import { openSpreadsheet } from './readers';
import { readCsvRowBatches } from './readers/readCsv';
import { openCodedRows, type CodedRowStream, type ReadingWorkerStart } from './codedCsvRows';
import { openCodedXlsxRows } from './codedXlsxRows';
import type { ReaderLimits } from './readers/limits';
import { chooseListSheet } from './sheetChoice';

interface RowProgress {
  /** Rows handed out so far. */
  rows: number;
  /** Fraction of the file consumed, 0..1, when it can be known. */
  fraction: number | null;
}

/** One sheet (or CSV file) as a stream of rows; rows[0] is sheet row 1. */
export interface RowSource {
  fileName: string;
  format: string;
  sheets: Array<{ name: string; hidden: boolean }>;
  sheetName: string | null;
  sizeBytes: number;
  warnings: string[];
  /**
   * Set when no sheet was asked for and the workbook leaves the choice to the analyst (several
   * sheets hold a list, or none is recognised among several): one line naming them and how to
   * pick. The rows are then those of the likeliest sheet, for a preview; an import refuses.
   */
  sheetProblem: string | null;
  rows(onProgress?: (progress: RowProgress) => void): AsyncGenerator<RawRow>;
  /** The same rows in order, several at a time: what a large import reads, to await less often. */
  batches(onProgress?: (progress: RowProgress) => void): AsyncGenerator<RawRow[]>;
  /** The records as coded batches (see `codedCsvRows.ts`, `codedXlsxRows.ts`), for an arrests extract. */
  openCodedRows?(options: { workerScript?: string; started?: ReadingWorkerStart }): CodedRowStream;
}

/** Rows per batch handed out from a workbook. */
const WORKBOOK_BATCH_ROWS = 1000;

async function* rowsOf(batches: AsyncGenerator<RawRow[]>): AsyncGenerator<RawRow> {
  for await (const batch of batches) yield* batch;
}

/**
 * The import's view of a file: `openSpreadsheet` decides the reader by what the bytes are (a ".csv"
 * that is really a workbook is read as one, a renamed PDF is refused); this adds progress and
 * batching. A CSV is streamed in batches with the dialect already sniffed; an .xlsx sheet is
 * scanned a batch at a time from its unpacked XML; other workbooks are parsed whole, then batched.
 */
export async function openRowSource(path: string, options: { sheet?: string; limits?: Partial<ReaderLimits> } = {}): Promise<RowSource> {
  const opened = await openSpreadsheet(path, { limits: options.limits });
  const fileName = basename(path);
  const sizeBytes = statSync(path).size;
  const warnings = opened.warnings.map((w) => w.message);
  if (opened.csvDialect) {
    const dialect = opened.csvDialect;
    const csv: RowSource = {
      fileName,
      format: 'csv',
      sheets: [],
      sheetName: null,
      sizeBytes,
      warnings,
      sheetProblem: null,
      rows(onProgress) {
        return rowsOf(csv.batches(onProgress));
      },
      async *batches(onProgress) {
        let rows = 0;
        let fraction: number | null = 0;
        let reported = 0;
        for await (const batch of readCsvRowBatches(path, {
          limits: options.limits,
          dialect,
          onWarning: (w) => warnings.push(w.message),
          onProgress: (p) => {
            fraction = p.totalBytes ? p.bytesRead / p.totalBytes : null;
          },
        })) {
          rows += batch.length;
          // As often as before: every thousand rows, counted at the batch boundary.
          if (Math.floor(rows / 1000) > reported) {
            reported = Math.floor(rows / 1000);
            onProgress?.({ rows, fraction });
          }
          yield batch;
        }
        onProgress?.({ rows, fraction: 1 });
      },
      openCodedRows({ workerScript, started }) {
        return openCodedRows({ path, dialect, limits: options.limits, onWarning: (w) => warnings.push(w.message), workerScript, started });
      },
    };
    return csv;
  }
  // Several sheets and none named: the one that holds the list, not simply the first.
  const choice = options.sheet === undefined && opened.sheets.filter((s) => !s.hidden).length > 1 ? await chooseListSheet(path, options.limits) : null;
  // Rows are read as the import asks for them: an .xlsx sheet is scanned a batch at a time.
  const stream = opened.streamSheet!(options.sheet ?? choice?.sheet, WORKBOOK_BATCH_ROWS);
  const workbookWarnings = [...(choice?.note ? [choice.note] : []), ...warnings];
  let warningsTaken = 0;
  /** Warnings the reader has found so far join the source's as they come (the report reads them at the end). */
  const takeWarnings = () => {
    for (; warningsTaken < stream.warnings.length; warningsTaken++) workbookWarnings.push(stream.warnings[warningsTaken]!.message);
  };
  takeWarnings();
  let unread: typeof stream | null = stream;
  const workbook: RowSource = {
    fileName,
    format: stream.format,
    sheets: opened.sheets.map((sheet) => ({ name: sheet.name, hidden: sheet.hidden })),
    sheetName: stream.sheetName,
    sizeBytes,
    warnings: workbookWarnings,
    sheetProblem: choice?.problem ?? null,
    rows(onProgress) {
      return rowsOf(workbook.batches(onProgress));
    },
    async *batches(onProgress) {
      // A second pass reads the sheet again (its warnings were taken on the first).
      const current = unread ?? opened.streamSheet!(stream.sheetName, WORKBOOK_BATCH_ROWS);
      unread = null;
      let rows = 0;
      let reported = 0;
      for (const batch of current.batches) {
        takeWarnings();
        rows += batch.length;
        if (Math.floor(rows / 1000) > reported) {
          reported = Math.floor(rows / 1000);
          onProgress?.({ rows, fraction: current.fraction() });
        }
        yield batch;
      }
      takeWarnings();
      onProgress?.({ rows, fraction: 1 });
    },
    openCodedRows() {
      const current = unread ?? opened.streamSheet!(stream.sheetName, WORKBOOK_BATCH_ROWS);
      unread = null;
      return openCodedXlsxRows(current, takeWarnings);
    },
  };
  return workbook;
}
