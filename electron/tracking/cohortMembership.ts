import type { CohortMembershipRecord } from '../../shared/tracking/trackingSchemas';
import { appendAudit } from '../workspace/auditLog';
import { WorkspaceError } from '../workspace/workspaceErrors';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { allCohortMemberships, cohortMembershipOf, deleteCohortMembership, saveCohortMembership } from '../data/cohortMembership';
import { personExists } from '../data/people';

/**
 * Recorded start dates and exits (migration 014). Each change is one audited transaction; the
 * audit holds the person's id and the dates, and says whether a reason was given, never its words
 * (a reason such as "recalled to prison" is personal data).
 */

export function cohortMemberships(workspace: OpenWorkspace): Map<number, CohortMembershipRecord> {
  const rows = allCohortMemberships(workspace.db);
  return new Map(rows.map((r) => [r.personId, r]));
}

function membershipOf(workspace: OpenWorkspace, personId: number): CohortMembershipRecord | null {
  return cohortMembershipOf(workspace.db, personId) ?? null;
}

function requirePerson(workspace: OpenWorkspace, personId: number): void {
  if (!personExists(workspace.db, personId)) throw new WorkspaceError('not_found', 'That person is not in this workspace.');
}

function write(workspace: OpenWorkspace, personId: number, change: Pick<CohortMembershipRecord, 'startDate' | 'exitDate' | 'exitReason'>, actor: string, action: string, now: Date): CohortMembershipRecord | null {
  const { db } = workspace;
  const at = now.toISOString();
  return db
    .transaction(() => {
      requirePerson(workspace, personId);
      const before = membershipOf(workspace, personId);
      if (change.exitDate !== null && change.startDate !== null && change.exitDate < change.startDate) {
        throw new WorkspaceError('invalid_input', `The exit date ${change.exitDate} is before the start date ${change.startDate}.`);
      }
      if (change.startDate === null && change.exitDate === null) deleteCohortMembership(db, personId);
      else saveCohortMembership(db, { personId, ...change, updatedBy: actor, updatedAt: at });
      appendAudit(
        db,
        {
          actor,
          action,
          entity: 'person',
          entityId: personId,
          detail: { startDate: { from: before?.startDate ?? null, to: change.startDate }, exitDate: { from: before?.exitDate ?? null, to: change.exitDate }, reasonGiven: change.exitReason !== null },
        },
        at,
      );
      return membershipOf(workspace, personId);
    })
    .immediate();
}

export function recordStart(workspace: OpenWorkspace, personId: number, startDate: string | null, actor: string, now = new Date()): CohortMembershipRecord | null {
  const current = membershipOf(workspace, personId);
  return write(workspace, personId, { startDate, exitDate: current?.exitDate ?? null, exitReason: current?.exitReason ?? null }, actor, 'tracking.recordStart', now);
}

export function recordExit(workspace: OpenWorkspace, personId: number, exitDate: string, reason: string, actor: string, now = new Date()): CohortMembershipRecord | null {
  const current = membershipOf(workspace, personId);
  return write(workspace, personId, { startDate: current?.startDate ?? null, exitDate, exitReason: reason.trim() }, actor, 'tracking.recordExit', now);
}

export function clearExit(workspace: OpenWorkspace, personId: number, actor: string, now = new Date()): CohortMembershipRecord | null {
  const current = membershipOf(workspace, personId);
  if (!current?.exitDate) throw new WorkspaceError('not_found', 'No exit is recorded for that person.');
  return write(workspace, personId, { startDate: current.startDate, exitDate: null, exitReason: null }, actor, 'tracking.clearExit', now);
}
