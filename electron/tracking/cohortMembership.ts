import type { CohortMembershipRecord } from '../../shared/api/trackingCalls';
import { appendAudit } from '../workspace/auditLog';
import { WorkspaceError } from '../workspace/workspaceErrors';
import type { OpenWorkspace } from '../workspace/workspaceFile';

/**
 * Recorded start dates and exits (migration 014). Each change is one audited transaction; the
 * audit holds the person's id and the dates, and says whether a reason was given, never its words
 * (a reason such as "recalled to prison" is personal data).
 */

const SELECT = 'SELECT person_id AS personId, start_date AS startDate, exit_date AS exitDate, exit_reason AS exitReason, updated_by AS updatedBy, updated_at AS updatedAt FROM cohort_membership';

export function cohortMemberships(workspace: OpenWorkspace): Map<number, CohortMembershipRecord> {
  const rows = workspace.db.prepare(SELECT).all() as CohortMembershipRecord[];
  return new Map(rows.map((r) => [r.personId, r]));
}

function membershipOf(workspace: OpenWorkspace, personId: number): CohortMembershipRecord | null {
  return (workspace.db.prepare(`${SELECT} WHERE person_id = ?`).get(personId) as CohortMembershipRecord | undefined) ?? null;
}

function requirePerson(workspace: OpenWorkspace, personId: number): void {
  if (!workspace.db.prepare('SELECT 1 FROM people WHERE id = ?').get(personId)) throw new WorkspaceError('not_found', 'That person is not in this workspace.');
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
      if (change.startDate === null && change.exitDate === null) db.prepare('DELETE FROM cohort_membership WHERE person_id = ?').run(personId);
      else {
        db.prepare(
          `INSERT INTO cohort_membership (person_id, start_date, exit_date, exit_reason, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (person_id) DO UPDATE SET start_date = excluded.start_date, exit_date = excluded.exit_date, exit_reason = excluded.exit_reason, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        ).run(personId, change.startDate, change.exitDate, change.exitReason, actor, at);
      }
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
