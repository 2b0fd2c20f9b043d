/**
 * Named loggers. What is logged is operational only (call names, counts, durations, error codes):
 * never names, PNCs, dates of birth, passphrases or file contents. A test scans logs for imported
 * names after a full journey, so a slip here fails the build.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
type LogFields = Record<string, string | number | boolean | null>;
export type LogSink = (line: string) => void;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let sink: LogSink = (line) => process.stderr.write(`${line}\n`);
let threshold: LogLevel = (process.env.IOM_LOG_LEVEL as LogLevel | undefined) ?? 'warn';

export function setLogSink(next: LogSink, level: LogLevel = threshold): void {
  sink = next;
  threshold = level;
}

interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export function createLogger(module: string): Logger {
  const write = (level: LogLevel) => (message: string, fields: LogFields = {}) => {
    if (LEVELS[level] < LEVELS[threshold]) return;
    sink(JSON.stringify({ at: new Date().toISOString(), level, module, message, ...fields }));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

let logFile: string | null = null;

/** Set by the host that writes a log file (the desktop app, the browser preview); null elsewhere. */
export function setLogFile(path: string | null): void {
  logFile = path;
}

export function logFileLocation(): string | null {
  return logFile;
}

/**
 * The sentence an unexpected-error message ends with: where the details are when a log file is
 * actually written, and nothing when the log only goes to a console the analyst never sees.
 */
export function logFileHint(): string {
  return logFile ? ` The app log (${logFile}) has the details, without any personal data; IT support may ask for it.` : '';
}

/** A frame's file without its folders (`C:\\Users\\Jo Smith\\…`), which can name the analyst. */
function withoutFolders(frame: string): string {
  const fileOnly = (location: string): string => location.slice(Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\')) + 1);
  const named = /^(.*?) \((.*)\)$/.exec(frame);
  return named ? `${named[1]} (${fileOnly(named[2]!)})` : fileOnly(frame);
}

/**
 * Where an unexpected error was thrown, as code locations only: the first line of a stack (the
 * message) can quote data, the frames below it name functions and the app's files.
 */
export function stackFrames(error: unknown, limit = 8): string | null {
  if (!(error instanceof Error) || typeof error.stack !== 'string') return null;
  const frames = error.stack.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, limit).map((line) => withoutFolders(line.trim().slice(3)));
  return frames.length ? frames.join(' < ') : null;
}

/**
 * An unexpected error that happened in a worker, rebuilt in the main process with the worker's
 * frames (its message stays behind, as it can quote data), so the log says where it happened.
 */
export function errorFromWorker(summary: string, name: string, frames: string | null | undefined): Error {
  const error = Object.assign(new Error(summary), { name });
  if (frames) error.stack = [`${name}: ${summary}`, ...frames.split(' < ').map((frame) => `    at ${frame}`)].join('\n');
  return error;
}
