import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WorkspaceError } from './workspaceErrors';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations';
import type { Migration } from './migrations/migrationTypes';
import { applyMigration, appliedMigrations, ensureMigrationHistory, schemaVersion } from '../data/schemaHistory';

/**
 * Brings a workspace up to the newest schema, one transaction per migration, recording each in
 * `schema_migrations` and `user_version`. Refuses a workspace written by a newer app, and one whose
 * applied history does not match this app's migrations, rather than guessing.
 */
export function migrateWorkspace(db: Database, migrations: readonly Migration[] = MIGRATIONS, now: () => string = () => new Date().toISOString()): number {
  ensureMigrationHistory(db);
  const current = schemaVersion(db);
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  if (current > latest) {
    throw new WorkspaceError('workspace_too_new', `This workspace was written by a newer version of the app (schema ${current}; this app knows up to ${latest}). Update the app to open it.`);
  }
  verifyHistory(db, migrations, current);
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => applyMigration(db, migration, now()))();
  }
  return schemaVersion(db);
}

function verifyHistory(db: Database, migrations: readonly Migration[], current: number): void {
  const applied = appliedMigrations(db);
  const expected = migrations.filter((m) => m.version <= current);
  const same = applied.length === expected.length && applied.every((a, i) => a.version === expected[i]!.version && a.name === expected[i]!.name);
  if (!same) {
    throw new WorkspaceError('not_a_workspace', `This workspace's schema history (${applied.map((a) => `${a.version}:${a.name}`).join(', ') || 'none'}) does not match this app's migrations; it will not be changed.`);
  }
}

export { LATEST_SCHEMA_VERSION };
