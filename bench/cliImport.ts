import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { childrenCpuMs } from './benchReport';

/** A peer's `.import` of the CSV: wall and CPU time, and the rows the table ended with. */
export interface CliImportRun {
  ms: number;
  cpuMs: number;
  rows: number;
}

/**
 * Times a SQLite shell's (`sqlite3`, `sqlcipher`) `.import` of the CSV into a new database at
 * `dbPath`, removed before and after; `setup` lines (a `PRAGMA key`) run first, for the count too.
 */
export function timeCliImport(shell: string, csv: string, dbPath: string, setup: readonly string[] = []): CliImportRun {
  rmSync(dbPath, { force: true });
  const setupArgs = setup.flatMap((line) => ['-cmd', line]);
  const cpuBefore = childrenCpuMs();
  const started = performance.now();
  const run = spawnSync(shell, [dbPath, ...setupArgs, '-cmd', '.mode csv', `.import '${csv.replace(/'/g, "''")}' arrests`], { encoding: 'utf8' });
  const ms = performance.now() - started;
  const cpuMs = childrenCpuMs() - cpuBefore;
  if (run.status !== 0) throw new Error(`${basename(shell)} .import failed: ${run.stderr}`);
  // The header line becomes the column names, so the table holds exactly the data rows. The last
  // line: sqlcipher answers the key pragma with a line of its own first.
  const count = spawnSync(shell, [dbPath, ...setupArgs, 'SELECT COUNT(*) FROM arrests'], { encoding: 'utf8' });
  rmSync(dbPath, { force: true });
  return { ms, cpuMs, rows: Number(count.stdout.trim().split('\n').pop()) };
}
