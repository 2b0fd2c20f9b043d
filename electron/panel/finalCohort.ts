import type { OpenWorkspace } from '../workspace/workspaceFile';
import { decidedIncludedCount, finalCohortDecisions, panelSessionOutline } from '../data/panel';
import { includedCountOnShortlist, shortlistCapacity } from '../data/shortlists';

interface FinalCohortMember {
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
  const session = panelSessionOutline(db, sessionId);
  if (!session) return null;
  const capacity = shortlistCapacity(db, session.shortlistId)!;
  const current = finalCohortDecisions(db, session.id, session.shortlistId);
  const included = includedCountOnShortlist(db, session.shortlistId);
  const decidedIncluded = decidedIncludedCount(db, session.id, session.shortlistId);
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
