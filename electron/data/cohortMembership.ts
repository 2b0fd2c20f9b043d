/**
 * Cohort membership: start and exit dates for outcome tracking.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import type { CohortMembershipRecord } from '../../shared/api/trackingCalls';
import { cachedStatement, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

const SELECT_COHORT_MEMBERSHIP = 'SELECT person_id AS personId, start_date AS startDate, exit_date AS exitDate, exit_reason AS exitReason, updated_by AS updatedBy, updated_at AS updatedAt FROM cohort_membership';

export function allCohortMemberships(db: WorkspaceDb): CohortMembershipRecord[] {
  return cachedStatement(db, SELECT_COHORT_MEMBERSHIP).all() as CohortMembershipRecord[];
}

export function cohortMembershipOf(db: WorkspaceDb, personId: number): CohortMembershipRecord | undefined {
  return cachedStatement(db, `${SELECT_COHORT_MEMBERSHIP} WHERE person_id = ?`).get(personId) as CohortMembershipRecord | undefined;
}

/** Sets a person's start, exit and reason, adding their row when they have none. */
export function saveCohortMembership(db: WorkspaceDb, membership: CohortMembershipRecord): void {
  cachedStatement(
    db,
    `INSERT INTO cohort_membership (person_id, start_date, exit_date, exit_reason, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (person_id) DO UPDATE SET start_date = excluded.start_date, exit_date = excluded.exit_date, exit_reason = excluded.exit_reason, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(membership.personId, membership.startDate, membership.exitDate, membership.exitReason, membership.updatedBy, membership.updatedAt);
}

export function deleteCohortMembership(db: WorkspaceDb, personId: number): void {
  cachedStatement(db, 'DELETE FROM cohort_membership WHERE person_id = ?').run(personId);
}

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).
