/**
 * Arrests and the arrest terms (offence wording to crime type) they are coded with.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

/** Deletes the arrests an import brought in. Returns how many. */
export function deleteArrestsOfImport(db: WorkspaceDb, importId: number): number {
  return cachedStatement(db, 'DELETE FROM arrests WHERE import_id = ?').run(importId).changes;
}

// Used by the import's hot path (linking and writing rows).

export {};
