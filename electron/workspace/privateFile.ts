import { closeSync, openSync, rmSync } from 'node:fs';

/**
 * Creates an empty file only its owner can read or write (0600, whatever the umask), failing if
 * anything is already there. SQLite gives a database's -wal, -shm and -journal the mode of the
 * database file, so a workspace or backup created this way keeps all of them private.
 */
export function createEmptyPrivateFile(path: string): void {
  closeSync(openSync(path, 'wx', 0o600));
}

/** A SQLite file and the journals beside it, gone (no error for those that are not there). */
export function removeWithJournals(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) rmSync(file, { force: true });
}
