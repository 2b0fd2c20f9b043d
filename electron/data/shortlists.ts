/**
 * Rule sets and shortlists.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

/** A shortlist's stored summary (JSON text), or undefined when there is no such shortlist. */
export function shortlistSummaryText(db: WorkspaceDb, shortlistId: number): string | undefined {
  return cachedStatement(db, 'SELECT summary FROM shortlists WHERE id = ?').pluck().get(shortlistId) as string | undefined;
}

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).

