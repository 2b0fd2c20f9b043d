/**
 * Cohort membership: start and exit dates for outcome tracking.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import type { CohortMembershipRecord } from '../../shared/tracking/trackingSchemas';
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

// Used by tracking exits and the caseload.

/** A person with an IOM start date from a list, with their recorded exit if any. */
interface CaseloadClientRow {
  personId: number;
  exitDate: string | null;
}

/** Everyone with an IOM start date (the caseload on the books), each with any recorded exit. */
export function caseloadClientRows(db: WorkspaceDb): CaseloadClientRow[] {
  return cachedStatement(db, 'SELECT p.id AS personId, m.exit_date AS exitDate FROM people p LEFT JOIN cohort_membership m ON m.person_id = p.id WHERE p.cohort_start_date IS NOT NULL ORDER BY p.id').all() as CaseloadClientRow[];
}

interface RecordedExitRow {
  personId: number;
  exitDate: string;
  /** 1 when the person has an IOM start date from a list (a client already on the books). */
  existingClient: 0 | 1;
}

/** Every recorded exit, marked by whether the person was a client already on the books. */
export function recordedExitRows(db: WorkspaceDb): RecordedExitRow[] {
  return cachedStatement(
    db,
    'SELECT m.person_id AS personId, m.exit_date AS exitDate, (p.cohort_start_date IS NOT NULL) AS existingClient FROM cohort_membership m JOIN people p ON p.id = m.person_id WHERE m.exit_date IS NOT NULL ORDER BY m.person_id',
  ).all() as RecordedExitRow[];
}
