import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData, type MessagePort } from 'node:worker_threads';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { ArrestLineCoder, type ArrestLineColumns, type CodedBatch } from './arrestLines';
import { ImportFileError, type ImportFileErrorCode, type ReaderWarning } from './readers/errors';
import { resolveLimits, type ReaderLimits } from './readers/limits';
import { readCsvIntoSink, type CsvDialect } from './readers/readCsv';

/**
 * A CSV file as {@link CodedBatch}es: every record in file order, plain arrests-extract lines as
 * numbers once {@link CodedRowStream.configure} has named the columns, all others as parsed rows.
 *
 * With a worker script the reading, parsing and coding run in a worker thread of their own, a
 * step ahead of the importing thread, which then only links and writes: the two halves of a large
 * import use both cores. Batches cross as transferred buffers and a handful of new texts, never
 * as a million row objects. Without one (the CLI, tests) the same coder runs in this thread.
 */
export interface CodedRowStream {
  /** The next batch, or null after the last. */
  next(): Promise<CodedBatch | null>;
  /**
   * Once, after the header is known: the columns to code plain lines by from now on, or null to
   * leave every line to the general path. Until then every record comes as a parsed row.
   */
  configure(columns: ArrestLineColumns | null): void;
  /**
   * A CSV's SHA-256, worked out from its bytes as they are read (the hash reads nothing again),
   * known once the last of them is read: with a worker that reads ahead of the importer, before
   * the last batch is taken. Rejected when the file stops being read first. Absent where the
   * rows come from a file read before (a workbook).
   */
  readonly sha256?: Promise<string>;
  close(): Promise<void>;
}

interface CodedRowsOptions {
  path: string;
  dialect: CsvDialect;
  limits?: Partial<ReaderLimits>;
  onWarning(warning: ReaderWarning): void;
  /** A script that calls {@link runCsvLineWorkerIfAsked} first thing: reading then runs there. */
  workerScript?: string;
  /** A reading worker started already (see {@link ReadingWorkerStart}), used before starting one from `workerScript`. */
  started?: ReadingWorkerStart;
}

export function openCodedRows(options: CodedRowsOptions): CodedRowStream {
  const worker = options.started?.take() ?? (options.workerScript ? startLineWorker(readingWorkerScript(options.workerScript)) : null);
  return worker ? new WorkerCodedRows(worker, options) : new InThreadCodedRows(options);
}

/**
 * A reading worker started before the import knows it needs one: while the import's workspace is
 * opened (deriving its key takes a third of a second), so that a CSV extract's first row waits for
 * no thread to start. It idles, holding nothing open and not keeping its parent alive, until the
 * import's first coded CSV read takes it; one that no read takes is stopped with {@link stop}.
 */
export class ReadingWorkerStart {
  private worker: Worker | null;

  /** `script` as for {@link CodedRowsOptions.workerScript}. */
  constructor(script: string) {
    this.worker = startLineWorker(readingWorkerScript(script));
    this.worker.unref();
  }

  /** The worker, once; null after that or after {@link stop}. */
  take(): Worker | null {
    const worker = this.worker;
    this.worker = null;
    worker?.ref();
    return worker;
  }

  /** Stops the worker if no read took it. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}

function startLineWorker(script: string): Worker {
  const data: LineWorkerStart = { role: LINE_WORKER_ROLE };
  return new Worker(script, { workerData: data, resourceLimits: { ...LINE_WORKER_LIMITS } });
}

/** The file name the build gives the reading worker's own bundle (electron/import/csvLineWorker.ts). */
const CSV_LINE_WORKER_FILE = 'csvLineWorker.js';

/**
 * The reading worker's own bundle when the build put one beside `script`, else `script` itself
 * (which calls {@link runCsvLineWorkerIfAsked} first thing): the small bundle starts far sooner.
 */
export function readingWorkerScript(script: string): string {
  const own = join(dirname(script), CSV_LINE_WORKER_FILE);
  return existsSync(own) ? own : script;
}

class InThreadCodedRows implements CodedRowStream {
  private readonly coder: ArrestLineCoder;
  private readonly steps: AsyncGenerator<{ bytesRead: number; totalBytes: number }>;
  private readonly hash = createHash('sha256');
  private readonly digest = new Settlement<string>();
  readonly sha256 = this.digest.promise;
  private finished = false;

  constructor(options: CodedRowsOptions) {
    const limits = resolveLimits(options.limits);
    this.coder = new ArrestLineCoder(options.dialect.delimiter, limits.maxColumns, options.dialect.sepLine);
    this.steps = readCsvIntoSink(options.path, { limits, dialect: options.dialect, onWarning: options.onWarning, hash: this.hash }, this.coder);
  }

  async next(): Promise<CodedBatch | null> {
    while (!this.finished) {
      let step: IteratorResult<{ bytesRead: number; totalBytes: number }>;
      try {
        step = await this.steps.next();
      } catch (error) {
        this.digest.reject(error);
        throw error;
      }
      if (step.done) {
        this.finished = true;
        this.digest.resolve(this.hash.digest('hex'));
        break;
      }
      if (this.coder.pending > 0) return this.coder.take(step.value.bytesRead, step.value.totalBytes);
    }
    return null;
  }

  configure(columns: ArrestLineColumns | null): void {
    this.coder.configure(columns);
  }

  async close(): Promise<void> {
    this.digest.reject(new Error('The file was not read to the end.'));
    await this.steps.return(undefined);
  }
}

/** A promise settled from outside, once; later calls are ignored. Never an unhandled rejection: its reader is the import's hash check. */
class Settlement<T> {
  readonly promise: Promise<T>;
  private settle: { resolve(value: T): void; reject(error: unknown): void } | null = null;

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.promise.catch(() => undefined);
  }

  resolve(value: T): void {
    this.settle?.resolve(value);
    this.settle = null;
  }

  reject(error: unknown): void {
    this.settle?.reject(error);
    this.settle = null;
  }
}

/** What the reading worker is started with: only its role, so it can be started before the file is known. */
interface LineWorkerStart {
  role: typeof LINE_WORKER_ROLE;
}

/** The file to read, the worker's first message. */
interface LineWorkerData {
  path: string;
  dialect: CsvDialect;
  limits: ReaderLimits;
}

type ToWorker = { type: 'read'; data: LineWorkerData } | { type: 'configure'; columns: ArrestLineColumns | null } | { type: 'ack' };
type FromWorker =
  | { type: 'batch'; batch: CodedBatch }
  | { type: 'hash'; sha256: string }
  | { type: 'warning'; warning: ReaderWarning }
  | { type: 'end' }
  | { type: 'error'; code: ImportFileErrorCode | 'internal'; message: string };

const LINE_WORKER_ROLE = 'iom-csv-line-coder';
/** Records the reading worker gathers before handing a batch over (fewer at the end of the file). */
const BATCH_RECORDS = 4096;
/**
 * Records enough for the first batch, which the importer reads for the header (among the first 30
 * records, see importFile) before it names the columns: every record until then is parsed in full
 * and goes the general interpreter's slower way, so the worker hands over the first chunk's
 * records as soon as it has them, and codes from then on.
 */
const FIRST_BATCH_RECORDS = 64;
/**
 * Batches the worker may read ahead of the importer once coding; one until it knows the columns.
 * At about 180 KB of codes a batch; reading ahead also brings the file's hash (see
 * {@link CodedRowStream.sha256}) that many batches before the end.
 */
const READ_AHEAD_BATCHES = 32;
/**
 * The reading worker holds a few batches and the texts of the file; far less than the import's own
 * worker, and a cap in case a hostile file makes its general-path rows huge.
 */
const LINE_WORKER_LIMITS = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 48 } as const;

class WorkerCodedRows implements CodedRowStream {
  private readonly worker: Worker;
  private readonly queue: CodedBatch[] = [];
  private ended = false;
  private failure: unknown = null;
  private wake: (() => void) | null = null;
  private taken = 0;
  private closed = false;
  private readonly digest = new Settlement<string>();
  readonly sha256 = this.digest.promise;

  constructor(worker: Worker, options: CodedRowsOptions) {
    this.worker = worker;
    this.worker.on('message', (message: FromWorker) => {
      if (message.type === 'batch') this.queue.push(message.batch);
      else if (message.type === 'hash') this.digest.resolve(message.sha256);
      else if (message.type === 'warning') options.onWarning(message.warning);
      else if (message.type === 'end') this.ended = true;
      else this.fail(message.code === 'internal' ? new Error('The file could not be read.') : new ImportFileError(message.code, message.message, { path: options.path }));
      this.notify();
    });
    this.worker.on('error', (error) => this.fail(readerFailure(error)));
    this.worker.on('exit', () => {
      if (!this.ended && !this.closed) this.fail(new Error('The file reader stopped before the end of the file.'));
    });
    this.post({ type: 'read', data: { path: options.path, dialect: options.dialect, limits: resolveLimits(options.limits) } });
  }

  async next(): Promise<CodedBatch | null> {
    // Acknowledged only now, so a `configure` sent while the importer looked at the last batch
    // reaches the worker before it reads on.
    if (this.taken > 0) this.post({ type: 'ack' });
    for (;;) {
      if (this.failure !== null) throw this.failure;
      const batch = this.queue.shift();
      if (batch) {
        this.taken += 1;
        return batch;
      }
      if (this.ended) return null;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  configure(columns: ArrestLineColumns | null): void {
    this.post({ type: 'configure', columns });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.digest.reject(new Error('The file was not read to the end.'));
    await this.worker.terminate();
  }

  private post(message: ToWorker): void {
    if (!this.closed && this.failure === null) this.worker.postMessage(message);
  }

  private fail(error: unknown): void {
    if (this.failure === null && !this.closed) this.failure = error;
    this.digest.reject(error);
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

function readerFailure(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new WorkspaceError('bad_file', 'Reading the file needed more memory than an import may use, so the import was stopped and the workspace is as it was before. Check that the file is the arrests extract and not damaged.');
  }
  return error;
}

/**
 * Call first in a worker script's entry: when this thread was started as the CSV reading worker,
 * runs it and returns true (the script must then do nothing else); otherwise returns false.
 */
export function runCsvLineWorkerIfAsked(): boolean {
  const start = workerData as Partial<LineWorkerStart> | undefined;
  const port = parentPort;
  if (isMainThread || !port || start?.role !== LINE_WORKER_ROLE) return false;
  // Started ahead of the file (see ReadingWorkerStart): the first message names it.
  port.once('message', (message: ToWorker) => {
    if (message.type === 'read') void runLineWorker(port, message.data);
    else port.close();
  });
  return true;
}

async function runLineWorker(port: MessagePort, data: LineWorkerData): Promise<void> {
  const post = (message: FromWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);
  const coder = new ArrestLineCoder(data.dialect.delimiter, data.limits.maxColumns, data.dialect.sepLine);
  const hash = createHash('sha256');
  let window = 1;
  let batchRecords = FIRST_BATCH_RECORDS;
  let sent = 0;
  let acked = 0;
  let resume: (() => void) | null = null;
  port.on('message', (message: ToWorker) => {
    if (message.type === 'configure') {
      coder.configure(message.columns);
      window = READ_AHEAD_BATCHES;
      batchRecords = BATCH_RECORDS;
    } else {
      acked += 1;
    }
    const wake = resume;
    resume = null;
    wake?.();
  });
  try {
    let last = { bytesRead: 0, totalBytes: 0 };
    const send = async () => {
      const batch = coder.take(last.bytesRead, last.totalBytes);
      post({ type: 'batch', batch }, [batch.codes.buffer as ArrayBuffer]);
      sent += 1;
      while (sent - acked >= window) {
        await new Promise<void>((resolve) => {
          resume = resolve;
        });
      }
    };
    for await (const step of readCsvIntoSink(data.path, { limits: data.limits, dialect: data.dialect, onWarning: (warning) => post({ type: 'warning', warning }), hash }, coder)) {
      last = step;
      // Chunks are small (see readCsv's CHUNK_BYTES); a batch gathers several, so the importer
      // is woken and a message crosses once per few thousand records.
      if (coder.pending >= batchRecords) await send();
    }
    // Sent before the last batch, which may wait for the importer to catch up.
    post({ type: 'hash', sha256: hash.digest('hex') });
    if (coder.pending > 0) await send();
    post({ type: 'end' });
  } catch (error) {
    if (error instanceof ImportFileError) post({ type: 'error', code: error.code, message: error.message });
    else post({ type: 'error', code: 'internal', message: '' });
  } finally {
    port.close();
  }
}
