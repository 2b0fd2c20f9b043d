/**
 * The audit trail.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

/** When the workspace was last backed up, as the audit recorded it; null when never. */
export function lastBackupAt(db: WorkspaceDb): string | null {
  return (cachedStatement(db, "SELECT at FROM audit_log WHERE action = 'workspace.backup' ORDER BY id DESC LIMIT 1").pluck().get() as string | undefined) ?? null;
}

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).
