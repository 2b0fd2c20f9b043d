import type { Database as SqliteDatabase } from 'better-sqlite3-multiple-ciphers';
import { openSqliteDatabase } from './sqliteConnection';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { checkNewPassphrase } from '../../shared/workspace/passphrasePolicy';
import { migrateWorkspace } from './migrate';
import { createEmptyPrivateFile, removeWithJournals } from './privateFile';
import { WorkspaceError } from './workspaceErrors';
import { applyConnectionSettings, applyWorkspaceKey, checkpointAndTruncateLog, probeWorkspaceKey, rekeyOutsideWal } from '../data/connection';
import { recordWorkspaceIdentity, workspaceMetaValue } from '../data/settings';

const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenWorkspace {
  readonly db: SqliteDatabase;
  readonly path: string;
  readonly name: string;
  readonly schemaVersion: number;
  readonly createdAt: string;
}

// Keying and connection settings live in the data layer; re-exported for the callers that key a
// connection themselves (backup checks, the benchmarks' plain peer, the migration tests).
export { applyWorkspaceKey, applyConnectionSettings };

/** The file starts with SQLite's plaintext header, so it is not encrypted (an encrypted file's first bytes are random). */
export function isPlaintextSqlite(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    return readSync(fd, header, 0, 16, 0) === 16 && header.equals(PLAINTEXT_HEADER);
  } finally {
    closeSync(fd);
  }
}

function isSqliteError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function readMeta(db: SqliteDatabase, key: string): string | null {
  return workspaceMetaValue(db, key) ?? null;
}

export function createWorkspaceFile(path: string, name: string, passphrase: string, confirmation: string): OpenWorkspace {
  const check = checkNewPassphrase(passphrase, confirmation, [name]);
  if (!check.ok) throw new WorkspaceError('weak_passphrase', check.message);
  if (existsSync(path)) throw new WorkspaceError('already_exists', 'A file already exists at that path; choose another name or unlock it instead.');
  try {
    createEmptyPrivateFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new WorkspaceError('already_exists', 'A file already exists at that path; choose another name or unlock it instead.');
    if (code === 'ENOENT') throw new WorkspaceError('not_found', 'The folder for the new workspace does not exist; create it first or choose another.');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new WorkspaceError('bad_file', 'The workspace cannot be created there: the folder is not writable. Choose another folder.');
    throw error;
  }
  let db: SqliteDatabase | null = null;
  try {
    db = openSqliteDatabase(path);
    applyWorkspaceKey(db, passphrase);
    applyConnectionSettings(db);
    const schemaVersion = migrateWorkspace(db);
    const createdAt = new Date().toISOString();
    recordWorkspaceIdentity(db, name, createdAt);
    checkpointAndTruncateLog(db);
    if (isPlaintextSqlite(path)) {
      throw new WorkspaceError('internal', 'The workspace was not encrypted (the SQLCipher build is not in use), so it was deleted at once. Reinstall the app, then create the workspace again.');
    }
    return { db, path, name, schemaVersion, createdAt };
  } catch (error) {
    db?.close();
    // Nothing half-made is left under the chosen name: it was created here, and it is empty or unusable.
    removeWithJournals(path);
    throw error;
  }
}

/**
 * Opens and unlocks a workspace. A wrong passphrase fails on the first read, before anything is
 * written, so the file stays byte-for-byte as it was.
 */
export function openWorkspaceFile(path: string, passphrase: string | Uint8Array): OpenWorkspace {
  if (!existsSync(path) || !statSync(path).isFile()) throw new WorkspaceError('not_found', 'There is no workspace file there (it may have been moved, renamed or deleted). Choose the file again.');
  if (isPlaintextSqlite(path)) {
    throw new WorkspaceError('not_a_workspace', 'That file is an unencrypted SQLite database, not a workspace; it will not be opened.');
  }
  const db = openSqliteDatabase(path, { fileMustExist: true });
  try {
    applyWorkspaceKey(db, passphrase);
    try {
      probeWorkspaceKey(db);
    } catch (error) {
      if (isSqliteError(error, 'SQLITE_NOTADB')) {
        throw new WorkspaceError('wrong_passphrase', 'That passphrase does not unlock this workspace (or the file is not a workspace). Check it (it is case-sensitive) and try again; the file was not changed.');
      }
      throw error;
    }
    applyConnectionSettings(db);
    const schemaVersion = migrateWorkspace(db);
    const name = readMeta(db, 'name');
    const createdAt = readMeta(db, 'created_at');
    if (name === null || createdAt === null) throw new WorkspaceError('not_a_workspace', 'That database is not an IOM workspace, so it was not opened. Choose the workspace file (.iomdb).');
    return { db, path, name, schemaVersion, createdAt };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Re-encrypts under a new passphrase (outside WAL mode: see rekeyOutsideWal). */
export function rekeyWorkspace(workspace: OpenWorkspace, newPassphrase: string): void {
  const key = Buffer.from(newPassphrase, 'utf8');
  try {
    rekeyOutsideWal(workspace.db, key);
  } finally {
    key.fill(0);
  }
}

export function closeWorkspace(workspace: OpenWorkspace): void {
  if (!workspace.db.open) return;
  try {
    checkpointAndTruncateLog(workspace.db);
  } finally {
    workspace.db.close();
  }
}
