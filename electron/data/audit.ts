/**
 * The audit trail.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

export interface AuditEntryBrief {
  at: string;
  /** JSON of the entry's detail. */
  detail: string;
}

/** The newest audit entry of this action, if any. */
export function latestAuditEntryOf(db: WorkspaceDb, action: string): AuditEntryBrief | undefined {
  return cachedStatement(db, 'SELECT at, detail FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1').get(action) as AuditEntryBrief | undefined;
}

// Used by the import's hot path (linking and writing rows).

export {};
