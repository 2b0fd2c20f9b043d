/**
 * A workspace connection's own settings: the cipher and its key, the journal, checkpoints and
 * read-only mode. Every other statement of the app reads or writes tables; these shape the
 * connection they run on.
 *
 * Part of the workspace data layer (see workspaceDb.ts).
 */

import type { WorkspaceDb } from './workspaceDb';

/**
 * SQLCipher v4 settings chosen explicitly (the library defaults to ChaCha20) so a workspace can be
 * opened with the standard `sqlcipher` tool for recovery. Exported for backup checks, which key a
 * copy without migrating it.
 */
export function applyWorkspaceKey(db: WorkspaceDb, passphrase: string | Uint8Array): void {
  db.pragma("cipher='sqlcipher'");
  db.pragma('legacy=4');
  const key = typeof passphrase === 'string' ? Buffer.from(passphrase, 'utf8') : Buffer.from(passphrase);
  try {
    db.key(key);
  } finally {
    key.fill(0);
  }
}

/** The connection settings every workspace connection uses (exported for the benchmarks' plain peer). */
export function applyConnectionSettings(db: WorkspaceDb): void {
  db.pragma('journal_mode = WAL');
  // FULL: panel decisions and audit entries must survive a power cut, and imports are one
  // transaction each, so the extra fsync is paid once per import, not per row.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Waits for another connection's write (an import worker's) instead of failing. A transaction
  // that reads and then writes begins IMMEDIATE (`db.transaction(…).immediate()`): a deferred one
  // would read a snapshot that the other writer's commit makes stale, and then fail to write.
  db.pragma('busy_timeout = 5000');
  // Sorts, index builds and VACUUM spill to temporary files that the cipher does not encrypt:
  // keep them in memory so no plaintext page ever reaches the temp folder.
  db.pragma('temp_store = MEMORY');
}

/**
 * Reads the schema once, which is the first read of the file: with a wrong key it throws
 * SQLITE_NOTADB before anything is written.
 */
export function probeWorkspaceKey(db: WorkspaceDb): void {
  db.prepare('SELECT count(*) FROM sqlite_master').get();
}

/** Copies the write-ahead log into the file and empties it (on create, rekey and close). */
export function checkpointAndTruncateLog(db: WorkspaceDb): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Copies what the log holds into the file without waiting on other connections. */
export function checkpointPassively(db: WorkspaceDb): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

/**
 * Re-encrypts under a new key. Rekey in WAL mode is refused or corrupts the file (library issues
 * #64, #91), so the journal is switched to DELETE around it.
 */
export function rekeyOutsideWal(db: WorkspaceDb, key: Buffer): void {
  checkpointAndTruncateLog(db);
  db.pragma('journal_mode = DELETE');
  try {
    db.rekey(key);
  } finally {
    db.pragma('journal_mode = WAL');
  }
}

/** Refuses every write on this connection (a background reader's). */
export function makeConnectionReadOnly(db: WorkspaceDb): void {
  db.pragma('query_only = 1');
}

/**
 * Runs `write` without waiting on another connection's write lock: it fails at once with
 * SQLITE_BUSY instead. The connection's usual wait is put back afterwards.
 */
export function withoutBusyWait<T>(db: WorkspaceDb, write: () => T): T {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return write();
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

/** The settings an import changes for its transaction, as they were before it (see useImportSettings). */
interface ConnectionSettingsBeforeImport {
  cacheSize: number;
  autoCheckpoint: number;
  foreignKeys: number;
}

/**
 * A page cache of `cacheKib` KiB, no automatic checkpoint and, when `foreignKeysOff`, no
 * foreign-key checks, for an import's transaction (why: see the import engine's `writePlanned`).
 * Returns the settings to put back with {@link restoreSettingsAfterImport}.
 */
export function useImportSettings(db: WorkspaceDb, cacheKib: number, foreignKeysOff: boolean): ConnectionSettingsBeforeImport {
  const before = {
    cacheSize: db.pragma('cache_size', { simple: true }) as number,
    autoCheckpoint: db.pragma('wal_autocheckpoint', { simple: true }) as number,
    foreignKeys: db.pragma('foreign_keys', { simple: true }) as number,
  };
  db.pragma(`cache_size = ${-cacheKib}`);
  db.pragma('wal_autocheckpoint = 0');
  if (foreignKeysOff) db.pragma('foreign_keys = OFF');
  return before;
}

export function restoreSettingsAfterImport(db: WorkspaceDb, before: ConnectionSettingsBeforeImport): void {
  db.pragma(`cache_size = ${before.cacheSize}`);
  db.pragma(`wal_autocheckpoint = ${before.autoCheckpoint}`);
  db.pragma(`foreign_keys = ${before.foreignKeys}`);
}

/**
 * A write transaction taken by hand, for work that awaits between its statements (an import reads
 * its file as it writes), which `db.transaction` cannot hold: IMMEDIATE, so the write lock is
 * held from the first read (see applyConnectionSettings).
 */
export function beginWriteTransaction(db: WorkspaceDb): void {
  db.exec('BEGIN IMMEDIATE');
}

export function commitTransaction(db: WorkspaceDb): void {
  db.exec('COMMIT');
}

export function rollBackTransaction(db: WorkspaceDb): void {
  db.exec('ROLLBACK');
}
