import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/callDispatcher';
import { verifyAuditChain } from '../../electron/workspace/auditLog';
import { WorkspaceError } from '../../electron/workspace/workspaceErrors';
import { finalCohort } from '../../electron/panel/finalCohort';
import { recordPanelDecision } from '../../electron/panel/panelSessions';
import type { OpenWorkspace } from '../../electron/workspace/workspaceFile';
import type { PanelCohort, PanelDecisionRecord, PanelSession, PanelSessionView } from '../../shared/panel/panelSchemas';
import type { ShortlistMembersPage, ShortlistView } from '../../shared/shortlist/shortlistSchemas';
import { DEFAULT_SELECTION_RULE_SET, SEED_STAFFING } from '../../shared/shortlist/selectionRules';
import { openDemoContext, type DemoContext } from '../support/demoContext';

const MEMBERS = [
  { name: 'DS Example', agency: 'police' },
  { name: 'Offender manager', agency: 'probation' },
  { name: 'YOS lead', agency: 'yos' },
  { name: 'Community safety', agency: 'council' },
];

describe('panel sessions over the encrypted demo workspace', () => {
  let demo: DemoContext;
  let workspace: OpenWorkspace;
  let shortlistId: number;
  let session: PanelSession;
  let people: PanelSessionView['people'];

  beforeAll(async () => {
    demo = await openDemoContext('Panel sessions');
    workspace = demo.ctx.session.requireWorkspace();
  });
  afterAll(() => demo.cleanup());

  const value = <T,>(name: string, input: unknown): Promise<T> => demo.value<T>(name, input);
  const refused = async (name: string, input: unknown) => {
    const result = await dispatchCall(demo.ctx, name, input);
    if (result.ok) throw new Error(`${name} was accepted`);
    return result.error;
  };
  const auditRows = () =>
    workspace.db.prepare('SELECT action, entity, entity_id AS entityId, detail FROM audit_log ORDER BY id').all() as Array<{ action: string; entity: string | null; entityId: string | null; detail: string }>;

  it('has no shortlist to show before the rules have run', async () => {
    expect(await value<{ shortlist: ShortlistView | null }>('shortlist.latest', {})).toEqual({ shortlist: null });
  });

  it('shows the latest shortlist with its rules, capacity working and each status page in order with reasons', async () => {
    await value('shortlist.run', { ruleSet: { ...DEFAULT_SELECTION_RULE_SET, capacity: SEED_STAFFING } });
    const { shortlist } = await value<{ shortlist: ShortlistView }>('shortlist.latest', {});
    shortlistId = shortlist.id;
    // 100 − the demo's 42 current clients + 3 expected exits (issue 16): the places for new entrants.
    expect(shortlist.capacity).toBe(61);
    expect(shortlist.capacityWorking).toContain('constrained by police leads');
    expect(shortlist.ruleSet?.capacity).toEqual(SEED_STAFFING);
    expect(shortlist.counts.included).toBe(61);
    expect(shortlist.counts.included + shortlist.counts.over_capacity + shortlist.counts.excluded + shortlist.counts.not_eligible).toBe(170);
    expect(shortlist.window).toEqual({ referenceDate: '2013-10-31', windowMonths: 24 });
    expect(shortlist.sessions).toEqual([]);

    const included = await value<ShortlistMembersPage>('shortlist.members', { shortlistId, status: 'included', limit: 500 });
    expect(included.total).toBe(61);
    expect(included.rows.map((r) => r.position)).toEqual(Array.from({ length: 61 }, (_, i) => i + 1));
    expect(included.rows.every((r) => r.reason.startsWith('included: '))).toBe(true);
    // Priority groups come first, each with its group named.
    expect(included.rows[0]!.flags.length).toBeGreaterThan(0);
    expect(included.rows[0]!.age).toBeGreaterThan(10);
    const excluded = await value<ShortlistMembersPage>('shortlist.members', { shortlistId, status: 'excluded', limit: 2, offset: 0 });
    expect(excluded.rows).toHaveLength(Math.min(2, shortlist.counts.excluded));
    expect(excluded.rows.every((r) => r.reason.startsWith('excluded: '))).toBe(true);
    const over = await value<ShortlistMembersPage>('shortlist.members', { shortlistId, status: 'over_capacity', limit: 500 });
    expect(over.total).toBe(shortlist.counts.over_capacity);
    const ranks = over.rows.map((r) => r.rank!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(await refused('shortlist.members', { shortlistId, status: 'included', limit: 501 })).toMatchObject({ code: 'invalid_input' });
    expect(await refused('shortlist.members', { shortlistId: 999, status: 'included' })).toMatchObject({ code: 'not_found' });
  });

  it('refuses a session without members, with a bad date, on an unknown shortlist or with extra fields', async () => {
    const good = { shortlistId: 1, heldOn: '2013-12-16', title: 'Selection panel', members: MEMBERS };
    expect(await refused('panel.create', { ...good, shortlistId, members: [] })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('at least one member') });
    expect(await refused('panel.create', { ...good, shortlistId, heldOn: '16/12/2013' })).toMatchObject({ code: 'invalid_input' });
    expect(await refused('panel.create', { ...good, shortlistId, title: '   ' })).toMatchObject({ code: 'invalid_input' });
    expect(await refused('panel.create', { ...good, shortlistId, members: [{ name: 'X', agency: 'army' }] })).toMatchObject({ code: 'invalid_input' });
    expect(await refused('panel.create', { ...good, shortlistId, extra: true })).toMatchObject({ code: 'invalid_input' });
    expect(await refused('panel.create', { ...good, shortlistId: 999 })).toMatchObject({ code: 'not_found' });
    expect(await value<PanelSession[]>('panel.list', {})).toEqual([]);
  });

  it('starts a session that walks the included people in shortlist order, plus the reserves asked for', async () => {
    session = await value<PanelSession>('panel.create', { shortlistId, heldOn: '2013-12-16', title: 'Partnership cohort selection panel', members: MEMBERS, reserves: 5 });
    expect(session).toMatchObject({ shortlistId, status: 'open', onLatestShortlist: true, heldOn: '2013-12-16', createdBy: 'tester', closedAt: null });
    expect(session.members).toEqual(MEMBERS);
    expect(session.progress).toEqual({ agenda: 66, proposed: 61, reserves: 5, decided: 0, accepted: 0, rejected: 0, deferred: 0, capacity: 61 });

    const view = await value<PanelSessionView>('panel.get', { sessionId: session.id });
    people = view.people;
    expect(view.window).toEqual({ referenceDate: '2013-10-31', windowMonths: 24 });
    expect(people.map((p) => p.place)).toEqual(Array.from({ length: 66 }, (_, i) => i + 1));
    const included = await value<ShortlistMembersPage>('shortlist.members', { shortlistId, status: 'included', limit: 500 });
    expect(people.slice(0, 61).map((p) => p.personId)).toEqual(included.rows.map((r) => r.personId));
    const over = await value<ShortlistMembersPage>('shortlist.members', { shortlistId, status: 'over_capacity', limit: 5 });
    expect(people.slice(61).map((p) => p.personId)).toEqual(over.rows.map((r) => r.personId));
    expect(people.slice(61).every((p) => p.role === 'reserve' && p.selectionReason.startsWith('over capacity'))).toBe(true);
    for (const p of people) {
      // Arrests by type add up to the window's total, and only types with arrests are listed.
      expect(p.arrestsByType.reduce((n, t) => n + t.count, 0)).toBe(p.arrestsInWindow);
      expect(p.arrestsByType.every((t) => t.count > 0)).toBe(true);
      expect(p.current).toBeNull();
    }
    expect(people.slice(0, 61).every((p, i) => p.arrestsInWindow === included.rows[i]!.arrestsInWindow)).toBe(true);

    const audit = auditRows().filter((a) => a.action === 'panel.create');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toEqual({ shortlistId, members: 4, agencies: 4, proposed: 61, reserves: 5 });
    expect(audit[0]!.detail).not.toContain('DS Example');
    const latest = await value<{ shortlist: ShortlistView }>('shortlist.latest', {});
    expect(latest.shortlist.sessions).toEqual([{ id: session.id, title: 'Partnership cohort selection panel', heldOn: '2013-12-16', status: 'open' }]);
  });

  it('refuses decisions without the reason or note they need, and people not on the list', async () => {
    const personId = people[1]!.personId;
    const base = { sessionId: session.id, personId };
    expect(await refused('panel.decide', { ...base, decision: 'reject', reason: null })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Choose a reason to reject') });
    expect(await refused('panel.decide', { ...base, decision: 'defer', reason: null })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Choose a reason to defer') });
    expect(await refused('panel.decide', { ...base, decision: 'reject', reason: 'other', note: '  ' })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Other') });
    expect(await refused('panel.decide', { ...base, decision: 'accept', reason: 'unsuitable' })).toMatchObject({ code: 'invalid_input' });
    expect(await refused('panel.decide', { ...base, decision: 'reject', reason: 'moved' })).toMatchObject({ code: 'invalid_input' });
    expect(await refused('panel.decide', { ...base, decision: 'reject', reason: 'other', note: 'x'.repeat(1001) })).toMatchObject({ code: 'invalid_input' });
    const notOnList = (await value<ShortlistMembersPage>('shortlist.members', { shortlistId, status: 'excluded', limit: 1 })).rows[0]!.personId;
    expect(await refused('panel.decide', { ...base, personId: notOnList, decision: 'accept', reason: null })).toMatchObject({ code: 'not_found' });
    expect(await refused('panel.decide', { ...base, sessionId: 999, decision: 'accept', reason: null })).toMatchObject({ code: 'not_found' });
    // The service checks the same rules when called without the contract (CLI, other services).
    expect(() => recordPanelDecision(workspace, { ...base, decision: 'defer', reason: null }, 'tester')).toThrow(WorkspaceError);
    expect(workspace.db.prepare('SELECT COUNT(*) FROM panel_decisions').pluck().get()).toBe(0);
    expect(auditRows().filter((a) => a.action === 'panel.decide')).toHaveLength(0);
  });

  it('records accept, reject and defer, keeps a revision as history, and counts the final cohort', async () => {
    const [a, b, c, d] = people.map((p) => p.personId);
    const decide = (personId: number, decision: string, reason: string | null, note = '') =>
      value<{ decision: PanelDecisionRecord; progress: PanelSession['progress']; decisionCount: number }>('panel.decide', { sessionId: session.id, personId, decision, reason, note });
    const first = await decide(a!, 'accept', null, 'Agreed by all agencies');
    expect(first.decision).toMatchObject({ decision: 'accept', reason: null, note: 'Agreed by all agencies', decidedBy: 'tester' });
    expect(Date.parse(first.decision.decidedAt)).not.toBeNaN();
    await decide(b!, 'reject', 'in_custody');
    await decide(c!, 'defer', 'other', 'Probation to confirm address before the next meeting');
    const fourth = await decide(d!, 'accept', null);
    expect(fourth.progress).toMatchObject({ agenda: 66, decided: 4, accepted: 2, rejected: 1, deferred: 1, capacity: 61 });

    // The panel changes its mind on the first person: a tactical concern raised by the police.
    const revised = await decide(a!, 'reject', 'tactical_concern', 'DV perpetrator: intervention to be agreed first');
    expect(revised.decisionCount).toBe(2);
    expect(revised.progress).toMatchObject({ decided: 4, accepted: 1, rejected: 2, deferred: 1 });
    const history = await value<PanelDecisionRecord[]>('panel.history', { sessionId: session.id, personId: a });
    expect(history.map((h) => [h.decision, h.reason])).toEqual([
      ['accept', null],
      ['reject', 'tactical_concern'],
    ]);
    expect(history[0]!.id).toBeLessThan(history[1]!.id);

    const view = await value<PanelSessionView>('panel.get', { sessionId: session.id });
    const byId = new Map(view.people.map((p) => [p.personId, p]));
    expect(byId.get(a!)!.current).toMatchObject({ decision: 'reject', reason: 'tactical_concern' });
    expect(byId.get(a!)!.decisionCount).toBe(2);
    expect(byId.get(c!)!.current).toMatchObject({ decision: 'defer', reason: 'other', note: 'Probation to confirm address before the next meeting' });

    const cohort = await value<PanelCohort>('panel.cohort', { sessionId: session.id });
    expect(cohort.accepted.map((m) => m.personId)).toEqual([d]);
    expect(cohort.counts).toEqual({ accepted: 1, rejected: 2, deferred: 1, undecided: 57 });
    expect(cohort.capacity).toBe(61);
    expect(cohort.placesLeft).toBe(60);
    expect(cohort.reasons.reject).toMatchObject({ in_custody: 1, tactical_concern: 1, unsuitable: 0 });
    expect(cohort.reasons.defer).toMatchObject({ other: 1 });
    expect(cohort.statutory.statutory + cohort.statutory.nonStatutory + cohort.statutory.unknown).toBe(1);
    // The shared final cohort agrees (exports, the intake plan and the report read it).
    const shared = finalCohort(workspace, session.id)!;
    expect(shared.accepted.map((m) => m.personId)).toEqual([d]);
    expect([shared.rejected, shared.deferred, shared.undecided]).toEqual([2, 1, 57]);
  });

  it('writes one audit entry per decision with ids only, and the chain still verifies', async () => {
    const decisions = workspace.db.prepare('SELECT id, person_id AS personId, note FROM panel_decisions ORDER BY id').all() as Array<{ id: number; personId: number; note: string }>;
    const audit = auditRows().filter((a) => a.action === 'panel.decide');
    expect(audit.map((a) => Number(a.entityId))).toEqual(decisions.map((d) => d.id));
    expect(audit.every((a) => a.entity === 'panel_decision')).toBe(true);
    for (const [i, entry] of audit.entries()) {
      const detail = JSON.parse(entry.detail) as Record<string, unknown>;
      expect(Object.keys(detail).sort()).toEqual(['personId', 'revises', 'sessionId']);
      expect(detail.personId).toBe(decisions[i]!.personId);
    }
    expect(JSON.parse(audit[4]!.detail)).toMatchObject({ revises: decisions[0]!.id });
    // No name, PNC, reason or note text of anyone decided on appears anywhere in the audit trail.
    const allAudit = JSON.stringify(workspace.db.prepare('SELECT * FROM audit_log').all());
    for (const p of people.slice(0, 4)) {
      if (p.surname) expect(allAudit).not.toContain(p.surname);
      if (p.pnc) expect(allAudit).not.toContain(p.pnc);
    }
    for (const text of ['Agreed by all agencies', 'DV perpetrator', 'tactical_concern', 'in_custody']) expect(allAudit).not.toContain(text);
    expect(verifyAuditChain(workspace.db)).toMatchObject({ ok: true });
    // Decisions commit with an fsync of the WAL (synchronous=FULL = 2), so a committed one survives a power cut.
    expect(workspace.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('keeps a decision and its audit entry together: when the audit cannot be written, no decision is kept', async () => {
    const { db } = workspace;
    const before = db.prepare('SELECT COUNT(*) FROM panel_decisions').pluck().get() as number;
    db.exec("CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON main.audit_log BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END");
    try {
      const error = await refused('panel.decide', { sessionId: session.id, personId: people[6]!.personId, decision: 'accept', reason: null });
      expect(error.code).toBe('internal');
    } finally {
      db.exec('DROP TRIGGER temp.refuse_audit');
    }
    expect(db.prepare('SELECT COUNT(*) FROM panel_decisions').pluck().get()).toBe(before);
  });

  it('refuses decisions once closed, and takes them again after reopening', async () => {
    const closed = await value<PanelSession>('panel.close', { sessionId: session.id });
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    const personId = people[5]!.personId;
    expect(await refused('panel.decide', { sessionId: session.id, personId, decision: 'accept', reason: null })).toMatchObject({ code: 'conflict' });
    expect(await refused('panel.close', { sessionId: session.id })).toMatchObject({ code: 'conflict' });
    const reopened = await value<PanelSession>('panel.reopen', { sessionId: session.id });
    expect(reopened).toMatchObject({ status: 'open', closedAt: null });
    await value('panel.decide', { sessionId: session.id, personId, decision: 'accept', reason: null });
    expect(auditRows().filter((a) => a.action === 'panel.close' || a.action === 'panel.reopen').map((a) => a.action)).toEqual(['panel.close', 'panel.reopen']);
  });

  it('a reserve accepted in place of a rejection joins the cohort, and a newer shortlist is noticed', async () => {
    const reserve = people[61]!;
    await value('panel.decide', { sessionId: session.id, personId: reserve.personId, decision: 'accept', reason: null });
    const cohort = await value<PanelCohort>('panel.cohort', { sessionId: session.id });
    expect(cohort.accepted.map((m) => m.personId)).toContain(reserve.personId);
    expect(cohort.accepted.find((m) => m.personId === reserve.personId)).toMatchObject({ role: 'reserve', place: 62 });
    await value('shortlist.run', { ruleSet: DEFAULT_SELECTION_RULE_SET });
    const [listed] = await value<PanelSession[]>('panel.list', {});
    expect(listed).toMatchObject({ id: session.id, onLatestShortlist: false });
  });

  it('shows the comments agencies returned, where the agency comments table exists', async () => {
    const { db } = workspace;
    const personId = people[2]!.personId;
    const columns = new Set(db.prepare("SELECT name FROM pragma_table_info('agency_comments')").pluck().all() as string[]);
    const now = new Date().toISOString();
    if (columns.has('return_id')) {
      // The agency-sheet import's tables (migration 006): a sheet, its return, and two comment rows.
      const sheetId = db
        .prepare("INSERT INTO agency_sheets (token, agency, agency_name, shortlist_id, columns, sheet_name, header_row, file_name, row_count, exported_by, exported_at) VALUES ('t1', 'probation', 'NPS London', ?, '[]', 'Review', 3, 'sheet.xlsx', 100, 'tester', ?)")
        .run(shortlistId, now).lastInsertRowid;
      const returnId = db
        .prepare("INSERT INTO agency_sheet_returns (sheet_id, sha256, file_name, rows_returned, comments_attached, empty_comments, rows_edited, rows_missing, rows_unknown, comments_replaced, imported_by, imported_at) VALUES (?, 'abc', 'sheet.xlsx', 100, 1, 99, 1, 0, 0, 0, 'tester', ?)")
        .run(sheetId, now).lastInsertRowid;
      const insert = db.prepare("INSERT INTO agency_comments (person_id, agency, agency_name, comment, return_id, row_number, row_edited, created_by, created_at) VALUES (?, ?, 'NPS London', ?, ?, 4, ?, 'tester', ?)");
      insert.run(personId, 'probation', 'Known to probation: on licence', returnId, 1, now);
      insert.run(personId, 'probation', '   ', returnId, 0, now);
    } else {
      // Before that migration exists, a minimal table stands in for it.
      db.exec('CREATE TABLE agency_comments (person_id INTEGER NOT NULL, agency TEXT NOT NULL, comment TEXT NOT NULL)');
      db.prepare("INSERT INTO agency_comments (person_id, agency, comment) VALUES (?, 'probation', 'Known to probation: on licence'), (?, 'police', '   ')").run(personId, personId);
    }
    const view = await value<PanelSessionView>('panel.get', { sessionId: session.id });
    expect(view.agencyCommentsAvailable).toBe(true);
    const comments = view.people.find((p) => p.personId === personId)!.agencyComments;
    expect(comments).toEqual([expect.objectContaining({ agency: 'probation', comment: 'Known to probation: on licence' })]);
    if (columns.has('row_edited')) expect(comments[0]).toMatchObject({ agencyName: 'NPS London', rowEdited: true, receivedAt: now });
    expect(view.people.find((p) => p.personId === people[3]!.personId)!.agencyComments).toEqual([]);
  });
});
