import { appendFileSync, chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { setLogFile, setLogSink, type LogLevel, type LogSink } from './logging';

export const LOG_FILE_NAME = 'app.log';
const LOG_MAX_BYTES = 1024 * 1024;
/** app.log plus app.log.1 and app.log.2: the oldest is dropped when app.log fills again. */
const LOG_FILES_KEPT = 3;

interface RotatingLogOptions {
  dir: string;
  maxBytes?: number;
  filesKept?: number;
  /** Told once when the file stops being written, so nothing goes on pointing to it. */
  onBroken?: () => void;
}

/**
 * A sink appending each line to `dir/app.log`, rotated by size. The folder is 0700 and each file
 * 0600 (the log names calls and error kinds only, but it is still the analyst's own business).
 * Writes are synchronous so nothing is lost when the process ends right after an error; a log that
 * cannot be written never breaks the call that logged, it only stops the file.
 */
export function createRotatingFileSink(options: RotatingLogOptions): { sink: LogSink; path: string } {
  const maxBytes = options.maxBytes ?? LOG_MAX_BYTES;
  const filesKept = Math.max(1, options.filesKept ?? LOG_FILES_KEPT);
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  chmodSync(options.dir, 0o700);
  const path = join(options.dir, LOG_FILE_NAME);
  const open = (): void => {
    closeSync(openSync(path, 'a', 0o600));
    // A file left by an older version or another umask is narrowed too.
    chmodSync(path, 0o600);
  };
  open();
  let size = statSync(path).size;
  let broken = false;

  const rotate = (): void => {
    for (let n = filesKept - 1; n >= 1; n -= 1) {
      const from = n === 1 ? path : `${path}.${n - 1}`;
      if (existsSync(from)) renameSync(from, `${path}.${n}`);
    }
    if (filesKept === 1) truncateSync(path, 0);
    open();
    size = 0;
  };

  const sink: LogSink = (line) => {
    if (broken) return;
    const bytes = Buffer.byteLength(line, 'utf8') + 1;
    try {
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(path, `${line}\n`, { mode: 0o600 });
      size += bytes;
    } catch {
      broken = true;
      options.onBroken?.();
      process.stderr.write('iom-cohort: the log file could not be written; logging to the console only.\n');
    }
  };
  return { sink, path };
}

/**
 * Logs go to the console as before and to `dataDir/logs/app.log`; from then on the messages for
 * unexpected errors name that file. Used by the desktop app and the browser preview only: the CLI
 * and tests keep the console sink and so never claim a log file.
 */
export function installFileLog(dataDir: string, options: { console?: LogSink; level?: LogLevel } = {}): string | null {
  try {
    const { sink, path } = createRotatingFileSink({ dir: join(dataDir, 'logs'), onBroken: () => setLogFile(null) });
    const console: LogSink = options.console ?? ((line) => process.stderr.write(`${line}\n`));
    setLogSink((line) => {
      console(line);
      sink(line);
    }, options.level);
    setLogFile(path);
    return path;
  } catch {
    process.stderr.write('iom-cohort: the log folder could not be created; logging to the console only.\n');
    return null;
  }
}
