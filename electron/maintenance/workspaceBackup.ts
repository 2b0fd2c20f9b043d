import type { Database as SqliteDatabase } from 'better-sqlite3-multiple-ciphers';
import { openSqliteDatabase } from '../workspace/sqliteConnection';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, constants, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from '../workspace/migrations';
import { appendAudit, verifyAuditChain } from '../workspace/auditLog';
import { applyWorkspaceKey, closeWorkspace, isPlaintextSqlite, openWorkspaceFile, type OpenWorkspace } from '../workspace/workspaceFile';
import { createEmptyPrivateFile, removeWithJournals } from '../workspace/privateFile';
import { publishWithoutReplacing, syncDirectory } from '../exports/atomicFile';
import { auditExportNotWritten } from '../exports/exportAudit';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { appliedMigrationsIfAny, integrityCheck, useRollbackJournal, vacuumInto, workspaceCounts, workspaceNameOf } from '../data/maintenance';
import { probeWorkspaceKey } from '../data/connection';
import { schemaVersion as recordedSchemaVersion } from '../data/schemaHistory';

/**
 * Encrypted backup and restore. A backup is `VACUUM INTO` a hidden file beside the destination:
 * SQLite3 Multiple Ciphers writes it with the workspace's own key and SQLCipher 4 settings, so it
 * opens with the same passphrase and with nothing else. It is reopened and checked (integrity,
 * schema, the same counts as the workspace) before it takes its final name, so a backup under the
 * chosen name is always complete and readable. Restore checks a copy of the backup the same way
 * before anything at the target is replaced.
 */

interface CopyCheck {
  name: string;
  schemaVersion: number;
  people: number;
  arrests: number;
  imports: number;
  auditEntries: number;
  /** The hash chain of the audit trail verifies; a broken chain is reported, not refused. */
  auditIntact: boolean;
}

function sqliteCode(error: unknown): string | null {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : null;
  return typeof code === 'string' ? code : null;
}

/**
 * Opens a workspace copy with the passphrase and checks it is whole: not plaintext, the right key,
 * `PRAGMA integrity_check` ok, a schema this app knows with this app's migration history. Leaves it
 * in rollback-journal mode so the copy is one self-contained file. The file is changed (journal
 * mode only), so this is for copies the app made, never for the user's own backup file.
 */
function checkWorkspaceCopy(path: string, passphrase: string | Uint8Array): CopyCheck {
  if (!existsSync(path) || !statSync(path).isFile()) throw new WorkspaceError('not_found', 'There is no backup file there (it may have been moved, renamed or deleted); nothing was changed. Choose the backup again.');
  if (statSync(path).size === 0) throw new WorkspaceError('bad_file', 'That backup file is empty (0 bytes), so there is nothing in it to restore; nothing was changed. Choose another backup.');
  if (isPlaintextSqlite(path)) throw new WorkspaceError('not_a_workspace', 'That file is an unencrypted SQLite database, not a workspace backup; it will not be used.');
  let db: SqliteDatabase | null = null;
  try {
    db = openSqliteDatabase(path, { fileMustExist: true });
    // The workspace's own key settings, without the migrations opening would run.
    applyWorkspaceKey(db, passphrase);
    try {
      probeWorkspaceKey(db);
    } catch (error) {
      if (sqliteCode(error) === 'SQLITE_NOTADB') throw new WorkspaceError('wrong_passphrase', 'That passphrase does not open this backup, or the file is not a workspace backup; nothing was changed. Enter the passphrase the workspace had when the backup was made (it is case-sensitive).');
      throw error;
    }
    useRollbackJournal(db);
    const integrity = integrityCheck(db);
    if (integrity !== 'ok') throw new WorkspaceError('bad_file', 'The backup is damaged (its integrity check failed), so it was not used and nothing was changed. Restore an older backup instead.');
    const schemaVersion = recordedSchemaVersion(db);
    if (schemaVersion > LATEST_SCHEMA_VERSION) {
      throw new WorkspaceError('workspace_too_new', `The backup was written by a newer version of the app (schema ${schemaVersion}; this app knows up to ${LATEST_SCHEMA_VERSION}). Update the app to restore it.`);
    }
    const applied = appliedMigrationsIfAny(db);
    const expected = MIGRATIONS.filter((m) => m.version <= schemaVersion);
    const sameHistory = applied.length === expected.length && applied.every((a, i) => a.version === expected[i]!.version && a.name === expected[i]!.name);
    if (!sameHistory || schemaVersion === 0) throw new WorkspaceError('not_a_workspace', 'That database is not an IOM workspace backup, so it was not used and nothing was changed. Choose a backup the app made.');
    const name = workspaceNameOf(db);
    if (name === undefined) throw new WorkspaceError('not_a_workspace', 'That database is not an IOM workspace backup, so it was not used and nothing was changed. Choose a backup the app made.');
    return { name, schemaVersion, ...workspaceCounts(db), auditIntact: verifyAuditChain(db).ok };
  } catch (error) {
    if (error instanceof WorkspaceError) throw error;
    const code = sqliteCode(error);
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code === 'SQLITE_IOERR_SHORT_READ') {
      throw new WorkspaceError('bad_file', 'The backup is damaged (part of it cannot be read), so it was not used and nothing was changed. Restore an older backup instead.');
    }
    throw new WorkspaceError('bad_file', `The backup could not be checked (${code ?? 'unreadable'}), so it was not used and nothing was changed. Check that it is a complete copy (not still being copied), then try again.`);
  } finally {
    db?.close();
  }
}

function hiddenSibling(finalPath: string, suffix: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.${randomBytes(6).toString('hex')}.${suffix}`);
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Gives a finished hidden file its final name the way electron/exports/atomicFile.ts does (a hard
 * link when nothing may be replaced, a rename when the user agreed to replace), for files too
 * large to hold in memory.
 */
function publish(temp: string, finalPath: string, replace: boolean): void {
  // Encrypted, but still nobody else's business on a shared machine (no effect on Windows).
  chmodSync(temp, 0o600);
  fsyncFile(temp);
  if (replace) renameSync(temp, finalPath);
  else publishWithoutReplacing(temp, finalPath);
  syncDirectory(dirname(finalPath));
}

interface BackupOutcome extends CopyCheck {
  path: string;
  fileName: string;
  bytes: number;
}

/**
 * Writes an encrypted, verified copy of the open workspace to `destPath`. The passphrase is used
 * only to reopen the copy, proving it opens with it; it is never written anywhere.
 */
export function backupWorkspace(workspace: OpenWorkspace, destPath: string, passphrase: string | Uint8Array, actor: string, options: { replace: boolean }): BackupOutcome {
  const dest = resolve(destPath);
  if (dest === resolve(workspace.path)) throw new WorkspaceError('conflict', 'A backup cannot replace the workspace itself; choose another file.');
  if (!existsSync(dirname(dest))) throw new WorkspaceError('not_found', 'The folder for the backup does not exist.');
  if (existsSync(dest) && !options.replace) throw new WorkspaceError('already_exists', `${basename(dest)} already exists. Choose another name or confirm that it should be replaced.`);
  const { db } = workspace;
  const temp = hiddenSibling(dest, 'partial');
  try {
    const source = workspaceCounts(db);
    try {
      // Made 0600 first: VACUUM INTO writes into an existing empty file, keeping its mode.
      createEmptyPrivateFile(temp);
      vacuumInto(db, temp);
    } catch (error) {
      throw new WorkspaceError('bad_file', `Could not write the backup (${sqliteCode(error) ?? 'error'}). Check the folder is writable and has space.`);
    }
    const check = checkWorkspaceCopy(temp, passphrase);
    if (check.people !== source.people || check.arrests !== source.arrests || check.imports !== source.imports || check.auditEntries !== source.auditEntries) {
      throw new WorkspaceError('conflict', 'The workspace changed while the backup was written (an import?); nothing was saved. Try again.');
    }
    const bytes = statSync(temp).size;
    // Recorded before the copy takes its name, as every export is, so no backup exists unrecorded.
    // No file name: like every audit entry, counts only (a chosen name could say anything).
    appendAudit(db, { actor, action: 'workspace.backup', detail: { bytes, people: check.people, schemaVersion: check.schemaVersion } });
    try {
      publish(temp, dest, options.replace);
    } catch (error) {
      auditExportNotWritten(workspace, 'workspace.backup', actor, error);
      throw error;
    }
    return { ...check, path: dest, fileName: basename(dest), bytes };
  } finally {
    removeWithJournals(temp);
  }
}

interface RestoreOutcome extends CopyCheck {
  path: string;
}

/**
 * Restores a backup to `targetPath`. A copy of the backup is made beside the target and checked
 * with the passphrase first (the backup file itself is only read); a wrong passphrase, a damaged
 * file or a newer schema stop it there, with the target untouched. An existing target is replaced
 * only with `replace`, and `beforeReplace` runs just before (the app locks the workspace if it is
 * the one being replaced). The restored workspace records the restore in its own audit trail.
 */
export function restoreWorkspace(
  backupPath: string,
  targetPath: string,
  passphrase: string | Uint8Array,
  actor: string,
  options: { replace: boolean; beforeReplace?: () => void },
): RestoreOutcome {
  const backup = resolve(backupPath);
  const target = resolve(targetPath);
  if (!existsSync(backup) || !statSync(backup).isFile()) throw new WorkspaceError('not_found', 'There is no backup file there (it may have been moved, renamed or deleted); nothing was changed. Choose the backup again.');
  if (backup === target) throw new WorkspaceError('conflict', 'The backup and the workspace to restore into are the same file; nothing was changed. Choose another place to restore into.');
  if (!existsSync(dirname(target))) throw new WorkspaceError('not_found', 'The folder to restore into does not exist.');
  const targetExists = existsSync(target);
  if (targetExists && !options.replace) throw new WorkspaceError('already_exists', `${basename(target)} already exists. Choose another name, or confirm that it should be replaced.`);
  const temp = hiddenSibling(target, 'restoring');
  try {
    try {
      copyFileSync(backup, temp, constants.COPYFILE_EXCL);
      // The copy takes the backup's mode; a backup copied around by hand may be readable by all.
      chmodSync(temp, 0o600);
      // A live workspace picked as the backup: its log holds its latest commits.
      if (existsSync(`${backup}-wal`) && statSync(`${backup}-wal`).size > 0) {
        copyFileSync(`${backup}-wal`, `${temp}-wal`, constants.COPYFILE_EXCL);
        chmodSync(`${temp}-wal`, 0o600);
      }
    } catch (error) {
      throw new WorkspaceError('bad_file', `Could not copy the backup (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the folder is writable and has space.`);
    }
    const check = checkWorkspaceCopy(temp, passphrase);
    if (targetExists) {
      options.beforeReplace?.();
      // An old log beside the target would be replayed onto the restored file: it must go first.
      for (const file of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) rmSync(file, { force: true });
    }
    publish(temp, target, targetExists);
    // Opening brings an older backup up to this app's schema, and the trail records the restore.
    const restored = openWorkspaceFile(target, passphrase);
    try {
      appendAudit(restored.db, { actor, action: 'workspace.restore', detail: { people: check.people, backupSchemaVersion: check.schemaVersion } });
      return { ...check, schemaVersion: restored.schemaVersion, path: target };
    } finally {
      closeWorkspace(restored);
    }
  } finally {
    removeWithJournals(temp);
  }
}
