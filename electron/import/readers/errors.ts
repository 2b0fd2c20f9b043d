import { stat } from 'node:fs/promises';
/**
 * Errors and warnings the file readers hand to the importer. Messages are shown to the analyst as
 * they are, so they say what to do and never quote cell contents (which could be personal data).
 */

export type ImportFileErrorCode =
  | 'not_found'
  | 'unreadable'
  | 'too_large'
  | 'zip_bomb'
  | 'password_protected'
  | 'corrupt'
  | 'not_a_spreadsheet'
  | 'no_sheets'
  | 'sheet_not_found'
  | 'too_many_columns'
  | 'too_many_rows'
  | 'line_too_long';

export class ImportFileError extends Error {
  readonly code: ImportFileErrorCode;
  /** The file concerned, for logs; kept out of `message` because paths can contain names. */
  readonly path: string | undefined;

  constructor(code: ImportFileErrorCode, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ImportFileError';
    this.code = code;
    this.path = options.path;
  }
}

/** A workbook whose parts do not read as a workbook: one sentence, the same whichever reader found it. */
export function corruptWorkbook(cause?: unknown): ImportFileError {
  return new ImportFileError(
    'corrupt',
    'The workbook is damaged or incomplete and cannot be read. If it came by e-mail or download, fetch it again; otherwise open it in Excel and save a fresh copy.',
    cause === undefined ? {} : { cause },
  );
}

export function isImportFileError(error: unknown, code?: ImportFileErrorCode): error is ImportFileError {
  return error instanceof ImportFileError && (code === undefined || error.code === code);
}

type ReaderWarningCode =
  /** A cell held an Excel error such as #N/A or #REF!; read as empty. */
  | 'error_cell'
  /** A cell's text was longer than the limit and was cut. */
  | 'cell_truncated'
  /** A date-formatted number that is no calendar date (Excel's 29 Feb 1900, negatives, beyond 9999). */
  | 'not_a_date'
  /** The CSV turned out not to be UTF-8 part way through; the rest was read as Windows-1252. */
  | 'encoding_fallback'
  /** A quoted CSV field was still open at the end of the file. */
  | 'unterminated_quote'
  /** Text followed a closing quote before the delimiter; it was kept. */
  | 'text_after_quote'
  /** The sheet declares more rows than were read (declared range beyond the row limit, but empty). */
  | 'rows_beyond_limit'
  /** The file's name says one format but its content is another; the content won. */
  | 'extension_mismatch';

export interface ReaderWarning {
  code: ReaderWarningCode;
  message: string;
  /** 1-based row (sheet row or CSV record) when the warning is about one place. */
  row?: number;
  /** 1-based column. */
  column?: number;
}

/** The size of a regular file, with missing, unreadable and directory paths in the reader's vocabulary. */
export async function regularFileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) notARegularFile(path);
    return info.size;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    fileSystemError(error, path);
  }
}

/** A path that exists but is a folder or a device: said as the file system would say a folder. */
export function notARegularFile(path: string): never {
  fileSystemError(Object.assign(new Error('not a file'), { code: 'EISDIR' }), path);
}

/** Maps a Node file-system error to the reader's vocabulary; anything else is rethrown unchanged. */
export function fileSystemError(error: unknown, path: string): never {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    throw new ImportFileError('not_found', 'The file was not found. It may have been moved, renamed or deleted.', {
      path,
      cause: error,
    });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR' || code === 'EBUSY') {
    throw new ImportFileError(
      'unreadable',
      'The file could not be opened. Close it in Excel (or any other program) and check that it is a file you can read.',
      { path, cause: error },
    );
  }
  throw error;
}
