import { basename } from 'node:path';
import type { RawRow } from '../../shared/domain/rawCell';
import { detectFileKind } from './readers/detectFileKind';
import { readCsvRowBatches } from './readers/readCsv';
import { listSheets, readSheetRows } from './readers/readWorkbook';
import type { ReaderLimits } from './readers/limits';

export interface RowProgress {
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
  rows(onProgress?: (progress: RowProgress) => void): AsyncGenerator<RawRow>;
  /** The same rows in order, several at a time: what a large import reads, to await less often. */
  batches(onProgress?: (progress: RowProgress) => void): AsyncGenerator<RawRow[]>;
}

/** Rows per batch handed out from a workbook already in memory. */
const WORKBOOK_BATCH_ROWS = 1000;

async function* rowsOf(batches: AsyncGenerator<RawRow[]>): AsyncGenerator<RawRow> {
  for await (const batch of batches) yield* batch;
}

/**
 * Chooses the reader by what the bytes are, not by the file's extension: a ".csv" that is really a
 * workbook is read as a workbook, and a renamed PDF is refused by the readers with a clear error.
 */
export async function openRowSource(path: string, options: { sheet?: string; limits?: Partial<ReaderLimits> } = {}): Promise<RowSource> {
  const kind = await detectFileKind(path);
  const fileName = basename(path);
  if (kind.kind === 'text') {
    const warnings: string[] = [];
    const csv: RowSource = {
      fileName,
      format: 'csv',
      sheets: [],
      sheetName: null,
      sizeBytes: kind.size,
      warnings,
      rows(onProgress) {
        return rowsOf(csv.batches(onProgress));
      },
      async *batches(onProgress) {
        let rows = 0;
        let fraction: number | null = 0;
        let reported = 0;
        for await (const batch of readCsvRowBatches(path, {
          limits: options.limits,
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
    };
    return csv;
  }
  const sheets = await listSheets(path, { limits: options.limits });
  const read = await readSheetRows(path, { sheet: options.sheet, limits: options.limits });
  const workbook: RowSource = {
    fileName,
    format: read.format,
    sheets: sheets.map((s) => ({ name: s.name, hidden: s.hidden })),
    sheetName: read.sheetName,
    sizeBytes: kind.size,
    warnings: read.warnings.map((w) => w.message),
    rows(onProgress) {
      return rowsOf(workbook.batches(onProgress));
    },
    async *batches(onProgress) {
      const total = read.rows.length;
      for (let start = 0; start < total; start += WORKBOOK_BATCH_ROWS) {
        const end = Math.min(total, start + WORKBOOK_BATCH_ROWS);
        if (end % 1000 === 0) onProgress?.({ rows: end, fraction: end / total });
        yield read.rows.slice(start, end);
      }
      onProgress?.({ rows: total, fraction: 1 });
    },
  };
  return workbook;
}
