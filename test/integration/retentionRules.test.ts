import { afterEach, describe, expect, it } from 'vitest';
import type { OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { applyRetention, previewRetention, readRetentionPolicy, setRetentionPolicy } from '../../electron/maintenance/retentionRules';
import { verifyAuditChain } from '../../electron/workspace/auditLog';
import { WorkspaceError } from '../../electron/workspace/workspaceErrors';
import { makeTempWorkspace } from '../support/tempWorkspace';

const NOW = new Date('2014-06-30T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

/**
 * A workspace with one person in each situation the rules distinguish, dated relative to NOW:
 * two closed panels (100 and 10 days ago) and one still open.
 */
function seedPeople(workspace: OpenWorkspace): Record<string, number> {
  const { db } = workspace;
  const ids: Record<string, number> = {};
  db.transaction(() => {
    const importAt = (days: number) =>
      Number(
        db
          .prepare("INSERT INTO imports (kind, file_name, sha256, mapping, imported_by, imported_at, rows_read, rows_imported, rows_linked, rows_rejected) VALUES ('candidates', 'list.csv', ?, '[]', 'tester', ?, 1, 1, 0, 0)")
          .run(`sha-${days}-${Math.random()}`, daysAgo(days)).lastInsertRowid,
      );
    const person = (key: string, importedDaysAgo: number, extra: { cohortStart?: string } = {}) => {
      const importId = importAt(importedDaysAgo);
      const id = Number(db.prepare('INSERT INTO people (surname, forenames, cohort_start_date, created_import_id, created_at) VALUES (?, ?, ?, ?, ?)').run(`Person${key}`, 'Test', extra.cohortStart ?? null, importId, daysAgo(importedDaysAgo)).lastInsertRowid);
      db.prepare("INSERT INTO person_field_sources (person_id, field, value, import_id, row_number) VALUES (?, 'surname', ?, ?, 1)").run(id, `Person${key}`, importId);
      ids[key] = id;
    };
    person('accepted', 200);
    person('rejected', 200);
    person('excluded', 50);
    person('deferredRecently', 200);
    person('neverShortlistedOld', 400);
    person('neverShortlistedRecent', 10);
    person('existingCohort', 400, { cohortStart: '2013-01-01' });
    person('underReview', 200);
    // Imported long ago but named again by a list 20 days ago: the clock restarts.
    person('namedAgain', 400);
    db.prepare("INSERT INTO person_field_sources (person_id, field, value, import_id, row_number) VALUES (?, 'borough', 'Barnet', ?, 1)").run(ids.namedAgain, importAt(20));

    const ruleSet = Number(db.prepare("INSERT INTO rule_sets (name, version, definition, created_by, created_at) VALUES ('r', 1, '{}', 't', ?)").run(daysAgo(150)).lastInsertRowid);
    const shortlist = (members: Array<[string, string]>) => {
      const id = Number(db.prepare("INSERT INTO shortlists (rule_set_id, capacity, summary, created_by, created_at) VALUES (?, 10, '{}', 't', ?)").run(ruleSet, daysAgo(120)).lastInsertRowid);
      for (const [key, status] of members) db.prepare("INSERT INTO shortlist_members (shortlist_id, person_id, status, reason, arrests_in_window) VALUES (?, ?, ?, 'r', 0)").run(id, ids[key], status);
      return id;
    };
    const session = (shortlistId: number, heldDaysAgo: number, status: 'open' | 'closed') =>
      Number(db.prepare("INSERT INTO panel_sessions (shortlist_id, held_on, title, members, status, created_by, created_at) VALUES (?, ?, 'Panel', '[]', ?, 't', ?)").run(shortlistId, daysAgo(heldDaysAgo).slice(0, 10), status, daysAgo(heldDaysAgo)).lastInsertRowid);
    const decide = (sessionId: number, key: string, decision: string) =>
      db.prepare("INSERT INTO panel_decisions (session_id, person_id, decision, decided_by, decided_at) VALUES (?, ?, ?, 't', ?)").run(sessionId, ids[key], decision, daysAgo(5));

    const first = session(shortlist([['accepted', 'included'], ['rejected', 'included'], ['excluded', 'excluded'], ['underReview', 'included']]), 100, 'closed');
    // Rejected first, accepted on a second look: the latest decision counts.
    decide(first, 'accepted', 'reject');
    decide(first, 'accepted', 'accept');
    decide(first, 'rejected', 'reject');
    decide(first, 'underReview', 'reject');
    const second = session(shortlist([['deferredRecently', 'included']]), 10, 'closed');
    decide(second, 'deferredRecently', 'defer');
    session(shortlist([['underReview', 'included']]), 1, 'open');
  })();
  return ids;
}

describe('retention rules', () => {
  let cleanup: (() => void) | null = null;
  afterEach(() => {
    cleanup?.();
    cleanup = null;
  });

  function workspaceWithPeople() {
    const temp = makeTempWorkspace('Retention test');
    cleanup = temp.cleanup;
    return { workspace: temp.workspace, ids: seedPeople(temp.workspace) };
  }

  it('are off until set, and then count who is due under each rule without naming anyone', () => {
    const { workspace } = workspaceWithPeople();
    expect(readRetentionPolicy(workspace)).toEqual({ notAcceptedAfterPanelDays: null, neverShortlistedAfterImportDays: null });
    expect(previewRetention(workspace, NOW).due).toEqual({ notAcceptedAfterPanel: 0, neverShortlisted: 0, total: 0 });

    const preview = setRetentionPolicy(workspace, { notAcceptedAfterPanelDays: 30, neverShortlistedAfterImportDays: 365 }, 'tester', NOW);
    // Panel rule: rejected and excluded (last closed panel 100 days ago); not the deferred one (10
    // days), the accepted one, or the one under review in the open panel.
    // Import rule: only the one last named 400 days ago and never shortlisted.
    expect(preview.due).toEqual({ notAcceptedAfterPanel: 2, neverShortlisted: 1, total: 3 });
    expect(preview).toMatchObject({ asOf: '2014-06-30', people: 9, protectedPeople: 3, panelSessions: { open: 1, closed: 2 }, lastApplied: null });
    const entry = workspace.db.prepare("SELECT detail FROM audit_log WHERE action = 'retention.policy'").pluck().get() as string;
    expect(JSON.parse(entry)).toEqual({ notAcceptedAfterPanelDays: 30, neverShortlistedAfterImportDays: 365 });

    // A longer panel period: nobody is due under it yet.
    expect(setRetentionPolicy(workspace, { notAcceptedAfterPanelDays: 120, neverShortlistedAfterImportDays: null }, 'tester', NOW).due).toEqual({ notAcceptedAfterPanel: 0, neverShortlisted: 0, total: 0 });
  });

  it('purge exactly the people due, in one audited transaction, and keep everyone protected', () => {
    const { workspace, ids } = workspaceWithPeople();
    setRetentionPolicy(workspace, { notAcceptedAfterPanelDays: 30, neverShortlistedAfterImportDays: 365 }, 'tester', NOW);
    const result = applyRetention(workspace, 'tester', { expectedPeople: 3, confirmation: 'PURGE', now: NOW });

    expect(result.purged).toBe(3);
    expect(result.removed).toMatchObject({ people: 3, shortlist_members: 2, panel_decisions: 1 });
    expect(result.compaction).toMatchObject({ compacted: true });
    const left = new Set(workspace.db.prepare('SELECT id FROM people').pluck().all() as number[]);
    expect([...left].sort()).toEqual([ids.accepted, ids.deferredRecently, ids.neverShortlistedRecent, ids.existingCohort, ids.underReview, ids.namedAgain].sort());
    expect(result.preview).toMatchObject({ due: { total: 0 }, lastApplied: { purged: 3 } });

    const detail = JSON.parse(workspace.db.prepare("SELECT detail FROM audit_log WHERE action = 'retention.apply'").pluck().get() as string) as Record<string, unknown>;
    expect(detail).toMatchObject({ purged: 3, asOf: '2014-06-30', due: { notAcceptedAfterPanel: 2, neverShortlisted: 1 } });
    expect((detail.personIds as number[]).sort()).toEqual([ids.rejected, ids.excluded, ids.neverShortlistedOld].sort());
    expect(JSON.stringify(detail)).not.toMatch(/Person/);
    expect(verifyAuditChain(workspace.db).ok).toBe(true);
  });

  it('refuse to run on a stale count or without the typed confirmation, changing nothing', () => {
    const { workspace } = workspaceWithPeople();
    setRetentionPolicy(workspace, { notAcceptedAfterPanelDays: 30, neverShortlistedAfterImportDays: 365 }, 'tester', NOW);
    const people = () => workspace.db.prepare('SELECT COUNT(*) FROM people').pluck().get();
    const audit = () => workspace.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get();
    const before = { people: people(), audit: audit() };
    const attempt = (options: { expectedPeople: number; confirmation: string }) => {
      try {
        applyRetention(workspace, 'tester', { ...options, now: NOW });
      } catch (error) {
        return (error as WorkspaceError).code;
      }
      return 'ran';
    };
    expect(attempt({ expectedPeople: 2, confirmation: 'PURGE' })).toBe('conflict');
    expect(attempt({ expectedPeople: 3, confirmation: 'purge please' })).toBe('invalid_input');
    expect({ people: people(), audit: audit() }).toEqual(before);
  });

  it('with both rules off, purge nobody (and say so in the trail)', () => {
    const { workspace } = workspaceWithPeople();
    const result = applyRetention(workspace, 'tester', { expectedPeople: 0, confirmation: 'PURGE', now: NOW });
    expect(result).toMatchObject({ purged: 0, compaction: null });
    expect(workspace.db.prepare('SELECT COUNT(*) FROM people').pluck().get()).toBe(9);
  });
});
