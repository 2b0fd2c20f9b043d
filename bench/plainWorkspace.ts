/**
 * An UNENCRYPTED workspace, only as the benchmarks' peer ("the same work without encryption"). It
 * lives under bench/, which no app, CLI or worker bundle includes, so nothing the analyst runs can
 * create or open a plaintext database: `workspaceFile` itself always keys the connection and
 * refuses a plain file. Everything else is the app's own code: the same connection settings and
 * the same migrations.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { migrateWorkspace } from '../electron/workspace/migrate';
import { applyConnectionSettings, type OpenWorkspace } from '../electron/workspace/workspaceFile';

export function createPlainBenchWorkspace(path: string, name: string): OpenWorkspace {
  if (existsSync(path)) throw new Error(`${path} exists`);
  const db = new Database(path);
  applyConnectionSettings(db);
  const schemaVersion = migrateWorkspace(db);
  const createdAt = new Date().toISOString();
  db.prepare('INSERT INTO workspace_meta (key, value) VALUES (?, ?), (?, ?)').run('name', name, 'created_at', createdAt);
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { db, path, name, schemaVersion, createdAt };
}

export function openPlainBenchWorkspace(path: string): OpenWorkspace {
  const db = new Database(path, { fileMustExist: true });
  applyConnectionSettings(db);
  const schemaVersion = migrateWorkspace(db);
  const meta = (key: string) => (db.prepare('SELECT value FROM workspace_meta WHERE key = ?').pluck().get(key) as string | undefined) ?? '';
  return { db, path, name: meta('name'), schemaVersion, createdAt: meta('created_at') };
}
