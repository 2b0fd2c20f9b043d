import { basename } from 'node:path';
import type { RawRow } from '../../shared/domain/rawCell';
import { detectFileKind } from './readers/detectFileKind';
import { readCsvRows } from './readers/readCsv';
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
    return {
      fileName,
      format: 'csv',
      sheets: [],
      sheetName: null,
      sizeBytes: kind.size,
      warnings,
      async *rows(onProgress) {
        let rows = 0;
        let fraction: number | null = 0;
        for await (const row of readCsvRows(path, {
          limits: options.limits,
          onWarning: (w) => warnings.push(w.message),
          onProgress: (p) => {
            fraction = p.totalBytes ? p.bytesRead / p.totalBytes : null;
          },
        })) {
          rows += 1;
          if (rows % 1000 === 0) onProgress?.({ rows, fraction });
          yield row;
        }
        onProgress?.({ rows, fraction: 1 });
      },
    };
  }
  const sheets = await listSheets(path, { limits: options.limits });
  const read = await readSheetRows(path, { sheet: options.sheet, limits: options.limits });
  return {
    fileName,
    format: read.format,
    sheets: sheets.map((s) => ({ name: s.name, hidden: s.hidden })),
    sheetName: read.sheetName,
    sizeBytes: kind.size,
    warnings: read.warnings.map((w) => w.message),
    async *rows(onProgress) {
      const total = read.rows.length;
      for (let i = 0; i < total; i += 1) {
        if ((i + 1) % 1000 === 0) onProgress?.({ rows: i + 1, fraction: (i + 1) / total });
        yield read.rows[i]!;
      }
      onProgress?.({ rows: total, fraction: 1 });
    },
  };
}
