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

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).
