/**
 * Streamed CSV/TSV reader. The arrests extract can hold a million rows, so the file is never held
 * in memory: bytes are decoded chunk by chunk and records are yielded as they complete.
 *
 * - Encoding: a byte-order mark decides (UTF-8, UTF-16LE/BE). Without one, the file is UTF-8 if
 *   the first 64 KB decode strictly, else Windows-1252 (what Excel writes for "CSV" on English
 *   Windows). If a later chunk proves not to be UTF-8 (an "é" on row 40,000), the rest of the file
 *   is read as Windows-1252 and a warning says so.
 * - Delimiter: comma, semicolon or tab, whichever splits the first records most consistently,
 *   counting only outside quotes. Excel's `sep=;` first line is honoured and skipped.
 * - RFC 4180 quoting: quoted fields may hold delimiters, doubled quotes and line breaks. Records end
 *   at CRLF, LF or a lone CR. Malformed quoting is read leniently, with a warning.
 * - Cells are strings exactly as written (the importer trims); an empty field is null; trailing
 *   empty fields are dropped so an Excel-padded row and a hand-written one compare equal.
 * - Nothing is interpreted: "=cmd|..." is text, "00123" keeps its zeros, dates stay text.
 */
import { isAscii } from 'node:buffer';
import type { Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { RawCell, RawRow } from '../../../shared/domain/rawCell';
import { bomLength, detectBom } from './detectFileKind';
import { ImportFileError, fileSystemError, regularFileSize, type ReaderWarning } from './errors';
import { readHead, withReadHandle } from './fileHead';
import { resolveLimits, type ReaderLimits } from './limits';
import { formatBytes } from '../../../shared/domain/numberFormat';
import { decodeWindows1252 } from './windows1252';

type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
type CsvDelimiter = ',' | ';' | '\t';

export interface CsvDialect {
  encoding: CsvEncoding;
  /** Bytes of byte-order mark skipped at the start (0, 2 or 3). */
  bomBytes: number;
  delimiter: CsvDelimiter;
  /** Excel's `sep=X` first line was present; it is skipped and not yielded as a row. */
  sepLine: boolean;
}

export interface CsvProgress {
  bytesRead: number;
  totalBytes: number;
}

export interface CsvReadOptions {
  limits?: Partial<ReaderLimits>;
  /** Skip sniffing and use this dialect (e.g. the one the analyst confirmed on the import screen). */
  dialect?: CsvDialect;
  /** Called after each chunk; bytes are those of the file, BOM included. */
  onProgress?: (progress: CsvProgress) => void;
  onWarning?: (warning: ReaderWarning) => void;
  /**
   * Fed every byte of the file as it is read, BOM included: the import hashes an extract in the
   * same pass that parses it rather than reading it twice.
   */
  hash?: Hash;
}

const SNIFF_SAMPLE_BYTES = 64 * 1024;
/**
 * Bytes read and decoded at a time. Each chunk becomes one string; a string past V8's regular
 * object size (128 KiB, so 64K characters once two bytes each) is a large object, and making one
 * costs tens of times more per character: 256 KiB chunks made decoding a fifth of a reading
 * worker's time. 60 KiB stays a regular string even when every character needs two bytes.
 */
const CHUNK_BYTES = 60 * 1024;
const SNIFF_RECORDS = 50;
const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

// ---------------------------------------------------------------------------------------------
// Sniffing

/** Decides encoding and delimiter from the first bytes of a CSV. `wholeFile`: the sample is the entire file. */
function sniffCsvBytes(sample: Uint8Array, wholeFile: boolean): CsvDialect {
  const bom = detectBom(sample);
  const bomBytes = bomLength(bom);
  const body = sample.subarray(bomBytes);
  let encoding: CsvEncoding;
  let text: string;
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    encoding = bom;
    text = new TextDecoder(bom).decode(body, { stream: !wholeFile });
  } else {
    try {
      // `stream` lets a multi-byte character cut by the end of the sample pass as incomplete.
      text = new TextDecoder('utf-8', { fatal: true }).decode(body, { stream: !wholeFile });
      encoding = 'utf-8';
    } catch {
      text = decodeWindows1252(body);
      encoding = 'windows-1252';
    }
  }
  const sep = /^sep=([,;\t|])\r?\n/i.exec(text);
  if (sep) {
    const declared = sep[1] === '|' ? ',' : (sep[1] as CsvDelimiter);
    return { encoding, bomBytes, delimiter: declared, sepLine: true };
  }
  return { encoding, bomBytes, delimiter: guessDelimiter(text, wholeFile), sepLine: false };
}

/**
 * Counts each candidate delimiter outside quotes per record, then prefers the one whose non-zero
 * count is the same on the most records (a title row with no delimiters is ignored), and on a tie
 * the one that splits into more fields.
 */
function guessDelimiter(text: string, wholeFile: boolean): CsvDelimiter {
  const counts: number[][] = [];
  let current = [0, 0, 0];
  let inQuotes = false;
  let complete = true;
  for (let i = 0; i < text.length && counts.length < SNIFF_RECORDS; i++) {
    const ch = text[i];
    if (ch === '"') {
      inQuotes = !inQuotes;
    } else if (!inQuotes) {
      if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        counts.push(current);
        current = [0, 0, 0];
        complete = true;
        continue;
      }
      const d = DELIMITERS.indexOf(ch as CsvDelimiter);
      if (d >= 0) current[d] = (current[d] ?? 0) + 1;
    }
    complete = false;
  }
  // The last record of a sample may be cut; only count it when the sample is the whole file.
  if (!complete && wholeFile) counts.push(current);

  let best: { delimiter: CsvDelimiter; consistency: number; fields: number } | null = null;
  for (const [d, delimiter] of DELIMITERS.entries()) {
    const relevant = counts.filter((c) => c.some((n) => n > 0)).map((c) => c[d] ?? 0);
    const nonZero = relevant.filter((n) => n > 0);
    if (nonZero.length === 0) continue;
    const frequency = new Map<number, number>();
    for (const n of nonZero) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    let mode = 0;
    let modeCount = 0;
    for (const [n, times] of frequency) {
      if (times > modeCount || (times === modeCount && n > mode)) {
        mode = n;
        modeCount = times;
      }
    }
    const consistency = modeCount / relevant.length;
    const better =
      best === null ||
      consistency > best.consistency + 1e-9 ||
      (Math.abs(consistency - best.consistency) <= 1e-9 && mode > best.fields);
    if (better) best = { delimiter, consistency, fields: mode };
  }
  return best?.delimiter ?? ',';
}

async function statTextFile(path: string, limits: ReaderLimits): Promise<number> {
  const size = await regularFileSize(path);
  if (size > limits.maxTextFileBytes) {
    throw new ImportFileError(
      'too_large',
      `The file is ${formatBytes(size)}, above the ${formatBytes(limits.maxTextFileBytes)} limit. Split it into smaller files.`,
      { path },
    );
  }
  return size;
}

/** Reads the first 64 KB of `path` and sniffs its dialect. */
export async function sniffCsv(path: string, options: { limits?: Partial<ReaderLimits> } = {}): Promise<CsvDialect> {
  return sniffCsvOfSize(path, await statTextFile(path, resolveLimits(options.limits)));
}

/** {@link sniffCsv} of a file whose size is already known (and checked against the limit). */
function sniffCsvOfSize(path: string, size: number): Promise<CsvDialect> {
  return withReadHandle(path, async (handle) => {
    const sample = await readHead(handle, Math.min(size, SNIFF_SAMPLE_BYTES));
    return sniffCsvBytes(sample, sample.length >= size);
  });
}

// ---------------------------------------------------------------------------------------------
// Decoding chunk by chunk

interface ChunkDecoder {
  decode(bytes: Uint8Array): string;
  flush(): string;
}

/** Length of `bytes` without a UTF-8 sequence cut off at its end. */
function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let k = 1; k <= Math.min(3, n); k++) {
    const b = bytes[n - k] ?? 0;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return needed > k ? n - k : n;
    }
    return n;
  }
  return n;
}

/** Bytes known to be ASCII as a string (Latin-1 reads them as ASCII does, into a one-byte string). */
function asciiText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

class Utf8WithFallbackDecoder implements ChunkDecoder {
  private carry: Uint8Array = new Uint8Array(0);
  private fallback = false;
  private readonly strict = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly onFallback: () => void) {}

  decode(chunk: Uint8Array): string {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = new Uint8Array(0);
    if (this.fallback) return decodeWindows1252(bytes);
    // Nearly every extract is ASCII, whose bytes are its characters: copied into a one-byte string
    // they cost a fraction of validating them as UTF-8, a fifth of all the reading worker did.
    if (isAscii(bytes)) return asciiText(bytes);
    const cut = completeUtf8Length(bytes);
    try {
      const text = this.strict.decode(bytes.subarray(0, cut));
      this.carry = bytes.slice(cut);
      return text;
    } catch {
      // The whole chunk goes to Windows-1252: a chunk mixing both encodings is not worth splitting.
      this.fallback = true;
      this.onFallback();
      return decodeWindows1252(bytes);
    }
  }

  flush(): string {
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    if (rest.length === 0) return '';
    if (this.fallback) return decodeWindows1252(rest);
    try {
      return this.strict.decode(rest);
    } catch {
      this.onFallback();
      return decodeWindows1252(rest);
    }
  }
}

function makeDecoder(encoding: CsvEncoding, onFallback: () => void): ChunkDecoder {
  if (encoding === 'utf-8') return new Utf8WithFallbackDecoder(onFallback);
  if (encoding === 'windows-1252') return { decode: decodeWindows1252, flush: () => '' };
  const decoder = new TextDecoder(encoding, { fatal: true });
  const notUtf16 = (error: unknown) =>
    new ImportFileError('corrupt', 'The file says it is UTF-16 text but holds bytes that are not. Save it again as CSV UTF-8.', { cause: error });
  return {
    decode: (bytes) => {
      try {
        return decoder.decode(bytes, { stream: true });
      } catch (error) {
        throw notUtf16(error);
      }
    },
    // The end of the file is checked too: an odd last byte or a lone surrogate there throws here,
    // and a bare TypeError would reach the analyst as "something went wrong".
    flush: () => {
      try {
        return decoder.decode();
      } catch (error) {
        throw notUtf16(error);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// RFC 4180 record parser, fed decoded text in arbitrary pieces

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Where a parser hands its records when one is set (see {@link CsvRecordParser.setLineSink}),
 * instead of collecting them in `completed`: a fast reader of one kind of file looks at each plain
 * line itself and leaves everything else to the parser.
 */
export interface CsvLineSink {
  /**
   * A whole record that is one line with no quote and no carriage return in it, `text` from
   * `start` to `end` (the line break excluded), no longer than a cell may be and within the
   * record-length limit. True when the sink took it as it is; false to have it parsed as usual,
   * when it comes back through {@link CsvLineSink.row}.
   */
  line(text: string, start: number, end: number): boolean;
  /** Every record the sink did not take, in file order with the ones it took. */
  row(row: RawRow): void;
}

export class CsvRecordParser {
  private row: RawCell[] = [];
  private field = '';
  private fieldStarted = false;
  private inQuotes = false;
  /** A quote ended the previous piece inside a quoted field: closing, or the first of a doubled pair. */
  private pendingQuote = false;
  private afterClosingQuote = false;
  private afterCR = false;
  private recordChars = 0;
  private recordNumber = 1;
  private column = 0;
  private readonly delimiterCode: number;
  private sink: CsvLineSink | null = null;
  /**
   * Within the piece being pushed: where the next line feed, quote and carriage return are (its
   * length for none), each found once per piece however many records it holds.
   */
  private nextLF = -1;
  private nextQuote = -1;
  private nextCR = -1;
  readonly completed: RawRow[] = [];

  constructor(
    delimiter: CsvDelimiter,
    private readonly limits: ReaderLimits,
    private readonly warn: (warning: ReaderWarning) => void,
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /**
   * Offers each plain line to `sink` before parsing it, and hands the sink every other record.
   * The records, their numbers and the limits are exactly those of parsing every line: a plain
   * line (no quote, no carriage return inside, shorter than a cell may be) parses to its text
   * split at the delimiter, and a line the sink declines is parsed as usual.
   */
  setLineSink(sink: CsvLineSink | null): void {
    this.sink = sink;
  }

  push(text: string): void {
    const n = text.length;
    let i = 0;
    if (this.pendingQuote && n > 0) {
      this.pendingQuote = false;
      if (text.charCodeAt(0) === QUOTE) {
        this.append('"');
        i = 1;
      } else {
        this.inQuotes = false;
        this.afterClosingQuote = true;
      }
    }
    if (this.sink === null) {
      this.parse(text, i, false);
      return;
    }
    this.nextLF = -1;
    this.nextQuote = -1;
    this.nextCR = -1;
    while (i < n) {
      if (this.atRecordStart()) {
        const next = this.plainLine(text, i);
        if (next >= 0) {
          i = next;
          continue;
        }
      }
      i = this.parse(text, i, true);
    }
  }

  private atRecordStart(): boolean {
    return !this.inQuotes && !this.pendingQuote && !this.fieldStarted && this.column === 0 && this.field === '' && this.row.length === 0;
  }

  /**
   * At the start of a record: when the rest of the line is plain and the sink takes it, counts the
   * record and returns where the next one starts; -1 to parse it as usual.
   */
  private plainLine(text: string, i: number): number {
    if (this.afterCR) {
      this.afterCR = false;
      if (text.charCodeAt(i) === LF) return i + 1;
    }
    if (this.nextLF < i) this.nextLF = indexOrEnd(text, '\n', i);
    const lf = this.nextLF;
    if (lf === text.length) return -1;
    let end = lf;
    if (end > i && text.charCodeAt(end - 1) === CR) end -= 1;
    if (end - i > this.limits.maxCellChars || end - i > this.limits.maxRecordChars) return -1;
    if (this.nextQuote < i) this.nextQuote = indexOrEnd(text, '"', i);
    if (this.nextQuote < end) return -1;
    if (this.nextCR < i) this.nextCR = indexOrEnd(text, '\r', i);
    if (this.nextCR < end) return -1;
    this.checkRowLimit();
    if (!this.sink!.line(text, i, end)) return -1;
    this.recordNumber += 1;
    return lf + 1;
  }

  /**
   * Parses from `i`: to the end of the piece, or with `oneRecord` only until a record ends.
   * Returns where it stopped.
   */
  private parse(text: string, start: number, oneRecord: boolean): number {
    const n = text.length;
    let i = start;
    while (i < n) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.append(text.slice(i));
          return n;
        }
        this.append(text.slice(i, q));
        if (q + 1 >= n) {
          this.pendingQuote = true;
          return n;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          this.append('"');
          i = q + 2;
        } else {
          this.inQuotes = false;
          this.afterClosingQuote = true;
          i = q + 1;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (this.afterCR) {
        this.afterCR = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      if (c === this.delimiterCode) {
        this.consume(1);
        this.endField();
        i++;
        continue;
      }
      if (c === LF || c === CR) {
        this.endField();
        this.endRecord();
        this.afterCR = c === CR;
        i++;
        if (oneRecord) return i;
        continue;
      }
      if (c === QUOTE && !this.fieldStarted) {
        this.inQuotes = true;
        this.fieldStarted = true;
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n) {
        const cj = text.charCodeAt(j);
        if (cj === this.delimiterCode || cj === LF || cj === CR) break;
        j++;
      }
      if (this.afterClosingQuote) {
        this.warn({ code: 'text_after_quote', message: 'Text after a closing quote was kept as part of the field.', row: this.recordNumber });
        this.afterClosingQuote = false;
      }
      this.append(text.slice(i, j));
      this.fieldStarted = true;
      i = j;
    }
    return n;
  }

  /** Call once after the last piece. */
  end(): void {
    if (this.pendingQuote) {
      this.pendingQuote = false;
      this.inQuotes = false;
    }
    if (this.inQuotes) {
      this.warn({ code: 'unterminated_quote', message: 'A quoted field was still open at the end of the file; it was kept as it was.', row: this.recordNumber });
      this.inQuotes = false;
    }
    if (this.fieldStarted || this.column > 0) {
      this.endField();
      this.endRecord();
    }
  }

  private append(text: string): void {
    if (text.length === 0) return;
    this.consume(text.length);
    this.field += text;
  }

  /** Counts characters of the current record, delimiters included, against the record-length cap. */
  private consume(chars: number): void {
    this.recordChars += chars;
    if (this.recordChars > this.limits.maxRecordChars) {
      throw new ImportFileError(
        'line_too_long',
        `Record ${this.recordNumber} is longer than ${this.limits.maxRecordChars.toLocaleString('en-GB')} characters. The file may not be CSV, or a quote may be unbalanced.`,
      );
    }
  }

  private endField(): void {
    let value: RawCell = this.field === '' ? null : this.field;
    if (typeof value === 'string' && value.length > this.limits.maxCellChars) {
      this.warn({
        code: 'cell_truncated',
        message: `Text cut to ${this.limits.maxCellChars} characters.`,
        row: this.recordNumber,
        column: this.column + 1,
      });
      value = value.slice(0, this.limits.maxCellChars);
    }
    this.column += 1;
    if (this.column <= this.limits.maxColumns) {
      this.row.push(value);
    } else if (value !== null) {
      // Empty fields past the limit are only Excel's padding; a value there is a real extra column.
      throw new ImportFileError(
        'too_many_columns',
        `Record ${this.recordNumber} has a value in column ${this.column}, beyond the ${this.limits.maxColumns}-column limit.`,
      );
    }
    this.field = '';
    this.fieldStarted = false;
    this.afterClosingQuote = false;
  }

  private checkRowLimit(): void {
    if (this.recordNumber > this.limits.maxRows) {
      throw new ImportFileError(
        'too_many_rows',
        `The file has more than ${this.limits.maxRows.toLocaleString('en-GB')} rows, the most one import takes. Split it into smaller files.`,
      );
    }
  }

  private endRecord(): void {
    const row = this.row;
    while (row.length > 0 && row[row.length - 1] === null) row.pop();
    this.checkRowLimit();
    if (this.sink !== null) this.sink.row(row);
    else this.completed.push(row);
    this.row = [];
    this.column = 0;
    this.recordChars = 0;
    this.recordNumber += 1;
  }
}

/**
 * The row the parser makes of a plain line (no quote, no carriage return, within the limits, as
 * {@link CsvLineSink.line} is handed): its fields, blanks as null, trailing blanks dropped.
 */
export function plainLineRow(text: string, start: number, end: number, delimiter: string): RawRow {
  const row: RawRow = text.slice(start, end).split(delimiter).map((field) => (field === '' ? null : field));
  while (row.length > 0 && row[row.length - 1] === null) row.pop();
  return row;
}

function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at < 0 ? text.length : at;
}

// ---------------------------------------------------------------------------------------------
// Public reader

/**
 * Yields one RawRow per CSV record, blank records as `[]`, so that record numbers match the file's
 * lines (except inside multi-line quoted fields). Throws `ImportFileError` for limits.
 */
export async function* readCsvRows(path: string, options: CsvReadOptions = {}): AsyncGenerator<RawRow> {
  for await (const batch of readCsvRowBatches(path, options)) yield* batch;
}

/**
 * The same records as {@link readCsvRows}, handed out a chunk's worth at a time. A million-row
 * extract then costs a few thousand awaits instead of a million, which is most of what reading a
 * plain CSV costs beyond the parsing itself.
 */
export async function* readCsvRowBatches(path: string, options: CsvReadOptions = {}): AsyncGenerator<RawRow[]> {
  let skipFirst = false;
  let parser: CsvRecordParser | null = null;
  const drain = (): RawRow[] => {
    const rows = parser!.completed.splice(0, parser!.completed.length);
    if (skipFirst && rows.length > 0) {
      skipFirst = false;
      rows.shift();
    }
    return rows;
  };
  for await (const step of parseCsvFile(path, options, (made, dialect) => {
    parser = made;
    skipFirst = dialect.sepLine;
  })) {
    const rows = drain();
    if (rows.length > 0) yield rows;
    if (step) options.onProgress?.(step);
  }
}

/**
 * Reads the file through a {@link CsvRecordParser} with `sink` set, pausing after each chunk with
 * the bytes read so far: the sink gathers the records (an Excel `sep=` line included; skipping it
 * is the sink's part, see `dialect.sepLine`). The dialect, limits and errors are those of
 * {@link readCsvRowBatches}.
 */
export async function* readCsvIntoSink(path: string, options: CsvReadOptions, sink: CsvLineSink): AsyncGenerator<CsvProgress> {
  let last: CsvProgress | null = null;
  for await (const step of parseCsvFile(path, options, (parser) => parser.setLineSink(sink))) {
    if (step) last = step;
    yield last ?? { bytesRead: 0, totalBytes: 0 };
  }
}

/**
 * The reading loop both readers share: pauses after every chunk with its progress, and once more
 * (with null) after the end of the file. `ready` gets the parser and dialect before the first chunk.
 */
async function* parseCsvFile(path: string, options: CsvReadOptions, ready: (parser: CsvRecordParser, dialect: CsvDialect) => void): AsyncGenerator<CsvProgress | null> {
  const limits = resolveLimits(options.limits);
  const totalBytes = await statTextFile(path, limits);
  const dialect = options.dialect ?? (await sniffCsvOfSize(path, totalBytes));
  const warn = options.onWarning ?? (() => undefined);
  const decoder = makeDecoder(dialect.encoding, () =>
    warn({
      code: 'encoding_fallback',
      message: 'Part of the file is not UTF-8; it was read as Windows-1252. Check accented names.',
    }),
  );
  const parser = new CsvRecordParser(dialect.delimiter, limits, warn);
  ready(parser, dialect);
  const hash = options.hash;
  // A hash needs the BOM too, so then the BOM is read and passed over rather than skipped.
  let bomLeft = hash ? dialect.bomBytes : 0;
  let bytesRead = dialect.bomBytes - bomLeft;

  const stream = createReadStream(path, { start: bytesRead, highWaterMark: CHUNK_BYTES });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytesRead += chunk.length;
      hash?.update(chunk);
      let text = chunk;
      if (bomLeft > 0) {
        text = chunk.subarray(Math.min(bomLeft, chunk.length));
        bomLeft -= chunk.length - text.length;
      }
      try {
        parser.push(decoder.decode(text));
      } catch (error) {
        if (error instanceof ImportFileError) throw new ImportFileError(error.code, error.message, { path, cause: error.cause });
        throw error;
      }
      yield { bytesRead, totalBytes };
    }
    parser.push(decoder.flush());
    parser.end();
    yield null;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    fileSystemError(error, path);
  } finally {
    stream.destroy();
  }
}
