/**
 * Retention, purge, backup and compaction.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import type { WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

/** How long a statement waits for another connection's write lock before it fails as busy. */
export function setBusyTimeout(db: WorkspaceDb, milliseconds: number): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(milliseconds))}`);
}

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).
