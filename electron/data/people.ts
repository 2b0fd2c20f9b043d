import { cachedStatement, type WorkspaceDb } from './workspaceDb';

/**
 * People: the person records and their identifying fields.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

// Used by analysis, export, workspace and audit.

/** The highest person id in use (0 with nobody). */
export function highestPersonId(db: WorkspaceDb): number {
  return cachedStatement(db, 'SELECT COALESCE(MAX(id), 0) FROM people').pluck().get() as number;
}

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).

export {};
