import type { OpenWorkspace } from '../workspace/workspaceFile';

export interface FinalCohortMember {
  personId: number;
  /** Statutory (on licence or order) where an import said so; null when no list gave it. */
  statutory: boolean | null;
  /** Position on the proposed shortlist (priority groups come first there). */
  shortlistPosition: number | null;
  decidedAt: string;
  decidedBy: string;
}

export interface FinalCohort {
  sessionId: number;
  shortlistId: number;
  heldOn: string;
  status: 'open' | 'closed';
  /** The shortlist's capacity, which the accepted set is compared with. */
  capacity: number;
  accepted: FinalCohortMember[];
  rejected: number;
  deferred: number;
  /** Included on the shortlist but with no decision yet. */
  undecided: number;
}

/**
 * The panel's outcome: the people whose current (latest) decision in the session is "accept".
 * Exports, the intake plan and the report all take the cohort from here. Without a session id the
 * most recent session is used; null when there has been no panel yet.
 */
export function finalCohort(workspace: OpenWorkspace, sessionId?: number): FinalCohort | null {
  const { db } = workspace;
  const session = (
    sessionId === undefined
      ? db.prepare('SELECT id, shortlist_id AS shortlistId, held_on AS heldOn, status FROM panel_sessions ORDER BY id DESC LIMIT 1').get()
      : db.prepare('SELECT id, shortlist_id AS shortlistId, held_on AS heldOn, status FROM panel_sessions WHERE id = ?').get(sessionId)
  ) as { id: number; shortlistId: number; heldOn: string; status: 'open' | 'closed' } | undefined;
  if (!session) return null;
  const capacity = db.prepare('SELECT capacity FROM shortlists WHERE id = ?').pluck().get(session.shortlistId) as number;
  const current = db
    .prepare(
      `SELECT d.person_id AS personId, d.decision, d.decided_at AS decidedAt, d.decided_by AS decidedBy, p.statutory, m.position
         FROM panel_decisions d
         JOIN (SELECT person_id, MAX(id) AS id FROM panel_decisions WHERE session_id = ? GROUP BY person_id) latest ON latest.id = d.id
         JOIN people p ON p.id = d.person_id
         LEFT JOIN shortlist_members m ON m.shortlist_id = ? AND m.person_id = d.person_id
        ORDER BY m.position IS NULL, m.position, d.person_id`,
    )
    .all(session.id, session.shortlistId) as Array<{ personId: number; decision: 'accept' | 'reject' | 'defer'; decidedAt: string; decidedBy: string; statutory: number | null; position: number | null }>;
  const included = db.prepare("SELECT COUNT(*) FROM shortlist_members WHERE shortlist_id = ? AND status = 'included'").pluck().get(session.shortlistId) as number;
  const decidedIncluded = db
    .prepare(
      `SELECT COUNT(DISTINCT d.person_id) FROM panel_decisions d JOIN shortlist_members m ON m.shortlist_id = ? AND m.person_id = d.person_id AND m.status = 'included' WHERE d.session_id = ?`,
    )
    .pluck()
    .get(session.shortlistId, session.id) as number;
  return {
    sessionId: session.id,
    shortlistId: session.shortlistId,
    heldOn: session.heldOn,
    status: session.status,
    capacity,
    accepted: current
      .filter((r) => r.decision === 'accept')
      .map((r) => ({ personId: r.personId, statutory: r.statutory === null ? null : r.statutory === 1, shortlistPosition: r.position, decidedAt: r.decidedAt, decidedBy: r.decidedBy })),
    rejected: current.filter((r) => r.decision === 'reject').length,
    deferred: current.filter((r) => r.decision === 'defer').length,
    undecided: included - decidedIncluded,
  };
}
