/**
 * The bookkeeping of the schema's migrations: which have been applied (`schema_migrations`) and the
 * version the file says it is at (`user_version`). The migrations' own SQL stays beside them in
 * electron/workspace/migrations/.
 *
 * Part of the workspace data layer (see workspaceDb.ts).
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';
const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`;

export interface AppliedMigration {
  version: number;
  name: string;
}

/** Creates the history table on a new file (the one table no migration makes). */
export function ensureMigrationHistory(db: WorkspaceDb): void {
  db.exec(HISTORY_TABLE);
}

/** The schema version the file records. */
export function schemaVersion(db: WorkspaceDb): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The migrations applied so far, oldest first. */
export function appliedMigrations(db: WorkspaceDb): AppliedMigration[] {
  return db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as AppliedMigration[];
}

/**
 * Runs one migration's SQL and records it, in the caller's transaction: the history row and the
 * version move with the schema change or not at all.
 */
export function applyMigration(db: WorkspaceDb, migration: { version: number; name: string; sql: string }, appliedAt: string): void {
  db.exec(migration.sql);
  cachedStatement(db, 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, appliedAt);
  db.pragma(`user_version = ${migration.version}`);
}
