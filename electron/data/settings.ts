/**
 * Workspace settings and saved projection scenarios.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';

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

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).
