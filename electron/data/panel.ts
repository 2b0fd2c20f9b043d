/**
 * Panel sessions, decisions, agency comments and the final cohort.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

export interface PanelSessionCounts {
  open: number;
  closed: number;
}

export function panelSessionCounts(db: WorkspaceDb): PanelSessionCounts {
  return cachedStatement(db, "SELECT COALESCE(SUM(status = 'open'), 0) AS open, COALESCE(SUM(status = 'closed'), 0) AS closed FROM panel_sessions").get() as PanelSessionCounts;
}

// Used by the import's hot path (linking and writing rows).

export {};
