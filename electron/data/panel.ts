import { cachedStatement, type WorkspaceDb } from './workspaceDb';
/**
 * Panel sessions, decisions, agency comments and the final cohort.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

// Used by analysis, export, workspace and audit.

/** The panel sessions held on a shortlist, newest first. */
export function panelSessionsOnShortlist(db: WorkspaceDb, shortlistId: number): Array<{ id: number; title: string; heldOn: string; status: 'open' | 'closed' }> {
  return cachedStatement(db, 'SELECT id, title, held_on AS heldOn, status FROM panel_sessions WHERE shortlist_id = ? ORDER BY id DESC').all(shortlistId) as Array<{
    id: number;
    title: string;
    heldOn: string;
    status: 'open' | 'closed';
  }>;
}

export interface LatestPanelDecisionRow {
  personId: number;
  decision: string;
  reason: string | null;
  note: string;
  decidedBy: string;
  decidedAt: string;
}

/** Each person's latest decision in a panel session (one row per person decided). */
export function latestDecisionsOfSession(db: WorkspaceDb, sessionId: number): LatestPanelDecisionRow[] {
  return cachedStatement(
    db,
    `SELECT d.person_id AS personId, d.decision, d.reason, d.note, d.decided_by AS decidedBy, d.decided_at AS decidedAt
           FROM panel_decisions d JOIN (SELECT MAX(id) AS id FROM panel_decisions WHERE session_id = ? GROUP BY person_id) latest ON latest.id = d.id`,
  ).all(sessionId) as LatestPanelDecisionRow[];
}

/** A panel session's title; undefined when there is no such session. */
export function panelSessionTitle(db: WorkspaceDb, sessionId: number): string | undefined {
  return cachedStatement(db, 'SELECT title FROM panel_sessions WHERE id = ?').pluck().get(sessionId) as string | undefined;
}

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).

export {};
