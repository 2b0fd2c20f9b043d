import { cachedStatement, type WorkspaceDb } from './workspaceDb';

/**
 * Links: record-linkage reviews and decisions, and their undo.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

export function pendingLinkReviewCount(db: WorkspaceDb): number {
  return cachedStatement(db, "SELECT COUNT(*) FROM link_reviews WHERE status = 'pending'").pluck().get() as number;
}

// Used by analysis, export, workspace and audit.

/** The link reviews still waiting on this person, oldest first. */
export function pendingLinkReviewsOfPerson(db: WorkspaceDb, personId: number): Array<{ id: number; importId: number; fileName: string; kind: string; rowNumber: number; breakdown: string }> {
  return cachedStatement(
    db,
    `SELECT r.id, r.import_id AS importId, i.file_name AS fileName, i.kind, r.row_number AS rowNumber, r.breakdown
       FROM link_reviews r JOIN imports i ON i.id = r.import_id WHERE r.person_id = ? AND r.status = 'pending' ORDER BY r.id`,
  ).all(personId) as Array<{ id: number; importId: number; fileName: string; kind: string; rowNumber: number; breakdown: string }>;
}

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).
