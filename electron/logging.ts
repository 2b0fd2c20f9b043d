/**
 * Named loggers. What is logged is operational only (call names, counts, durations, error codes):
 * never names, PNCs, dates of birth, passphrases or file contents. A test scans logs for imported
 * names after a full journey, so a slip here fails the build.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null>;
export type LogSink = (line: string) => void;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let sink: LogSink = (line) => process.stderr.write(`${line}\n`);
let threshold: LogLevel = (process.env.IOM_LOG_LEVEL as LogLevel | undefined) ?? 'warn';

export function setLogSink(next: LogSink, level: LogLevel = threshold): void {
  sink = next;
  threshold = level;
}

export interface Logger {
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
