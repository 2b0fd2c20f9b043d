/**
 * Workspace settings and saved projection scenarios.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, insertedId, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

/** Whether the setting has been saved (as against read with its default). */
export function isSettingStored(db: WorkspaceDb, key: string): boolean {
  return cachedStatement(db, 'SELECT 1 FROM settings WHERE key = ?').pluck().get(key) !== undefined;
}

/** Forgets a saved setting, so its default applies again. */
export function removeSetting(db: WorkspaceDb, key: string): void {
  cachedStatement(db, 'DELETE FROM settings WHERE key = ?').run(key);
}

/** A saved setting's value as its JSON text; undefined when it has not been saved. */
export function storedSettingJson(db: WorkspaceDb, key: string): string | undefined {
  return cachedStatement(db, 'SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
}

// Used by analysis, export, workspace and audit.

/** One value of `workspace_meta` (the workspace's name, creation time, id counters), if set. */
export function workspaceMetaValue(db: WorkspaceDb, key: string): string | undefined {
  return cachedStatement(db, 'SELECT value FROM workspace_meta WHERE key = ?').pluck().get(key) as string | undefined;
}

/** The name and creation time of a new workspace, written once when it is created. */
export function recordWorkspaceIdentity(db: WorkspaceDb, name: string, createdAt: string): void {
  db.prepare('INSERT INTO workspace_meta (key, value) VALUES (?, ?), (?, ?)').run('name', name, 'created_at', createdAt);
}

/** Raises a numeric `workspace_meta` counter to `value`; never moves it back. */
export function raiseWorkspaceCounter(db: WorkspaceDb, key: string, value: number): void {
  cachedStatement(
    db,
    `INSERT INTO workspace_meta (key, value) VALUES (?, CAST(? AS TEXT))
     ON CONFLICT(key) DO UPDATE SET value = CAST(MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)`,
  ).run(key, value);
}

export function storeSettingJson(db: WorkspaceDb, key: string, json: string): void {
  cachedStatement(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, json);
}

/** Which of `keys` have a stored value. */
export function storedSettingKeys(db: WorkspaceDb, keys: readonly string[]): string[] {
  const placeholders = keys.map(() => '?').join(', ');
  return db.prepare(`SELECT key FROM settings WHERE key IN (${placeholders})`).pluck().all(...keys) as string[];
}

export interface ScenarioRow {
  id: number;
  name: string;
  definition: string;
  updatedBy: string;
  updatedAt: string;
}

export function scenarioCount(db: WorkspaceDb): number {
  return cachedStatement(db, 'SELECT COUNT(*) FROM scenarios').pluck().get() as number;
}

/** Every saved scenario, most recently changed first. */
export function scenarioRows(db: WorkspaceDb): ScenarioRow[] {
  return cachedStatement(db, 'SELECT id, name, definition, updated_by AS updatedBy, updated_at AS updatedAt FROM scenarios ORDER BY updated_at DESC, id DESC').all() as ScenarioRow[];
}

/** Adds a scenario; returns its id. */
export function insertScenarioRow(db: WorkspaceDb, name: string, definition: string, updatedBy: string, updatedAt: string): number {
  return insertedId(db, 'INSERT INTO scenarios (name, definition, updated_by, updated_at) VALUES (?, ?, ?, ?)', name, definition, updatedBy, updatedAt);
}

/** Replaces scenario `id`; returns how many rows changed (0 when it no longer exists). */
export function updateScenarioRow(db: WorkspaceDb, id: number, name: string, definition: string, updatedBy: string, updatedAt: string): number {
  return cachedStatement(db, 'UPDATE scenarios SET name = ?, definition = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(name, definition, updatedBy, updatedAt, id).changes;
}

/** Deletes scenario `id`; returns how many rows went. */
export function deleteScenarioRow(db: WorkspaceDb, id: number): number {
  return cachedStatement(db, 'DELETE FROM scenarios WHERE id = ?').run(id).changes;
}

/** The id of the scenario called `name`, if any. */
export function scenarioIdNamed(db: WorkspaceDb, name: string): number | null {
  return (cachedStatement(db, 'SELECT id FROM scenarios WHERE name = ?').pluck().get(name) as number | undefined) ?? null;
}

/** The most recently changed scenario's name and stored definition, read without creating one. */
export function newestScenarioRow(db: WorkspaceDb): { name: string; definition: string } | undefined {
  return cachedStatement(db, 'SELECT name, definition FROM scenarios ORDER BY updated_at DESC, id DESC LIMIT 1').get() as { name: string; definition: string } | undefined;
}

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).
