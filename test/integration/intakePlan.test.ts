import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/callDispatcher';
import { intakePlanForCohort, intakePlanSheetRows, INTAKE_PARAMS_SETTING } from '../../electron/intake/intakePlanService';
import type { IntakePlanView } from '../../shared/intake/intakeSchemas';
import type { ExportDelivery } from '../../shared/exports/exportDelivery';
import { defaultIntakeParams, type IntakeParams } from '../../shared/intake/intakePlan';
import { DEFAULT_EXISTING_COHORT_RULE, SEED_EXIT_RATE } from '../../shared/shortlist/newEntrantCapacity';
import { DEFAULT_SELECTION_RULE_SET, SEED_STAFFING } from '../../shared/shortlist/selectionRules';
import type { FlagName } from '../../shared/domain/flags';
import type { OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { openDemoContext, type DemoContext } from '../support/demoContext';

/**
 * The intake plan over a real encrypted workspace: the synthetic seed-shaped demo through the real
 * import pipeline, the seed's shortlist (capacity 100), and a panel session written as rows (the
 * panel's own screens are tested elsewhere).
 */

let demo: DemoContext;
let workspace: OpenWorkspace;
let included: Array<{ personId: number; position: number; flags: FlagName[] }>;
let sessionId: number;
const PRIORITY: readonly FlagName[] = DEFAULT_SELECTION_RULE_SET.priorityGroups;

function decide(personId: number, decision: 'accept' | 'reject' | 'defer', at: string): void {
  workspace.db
    .prepare("INSERT INTO panel_decisions (session_id, person_id, decision, reason, note, decided_by, decided_at) VALUES (?, ?, ?, NULL, '', 'panel chair', ?)")
    .run(sessionId, personId, decision, at);
}

beforeAll(async () => {
  demo = await openDemoContext('Intake plan');
  workspace = demo.ctx.session.requireWorkspace();
  // A review of the whole caseload (issue 16's rule-set option), so the shortlist fills all 100
  // places and the plans below put 59 accepted people on top of the seed's 72 given by hand.
  await demo.value('shortlist.run', { ruleSet: { ...DEFAULT_SELECTION_RULE_SET, existingCohort: { ...DEFAULT_EXISTING_COHORT_RULE, include: true } } });
  const shortlistId = workspace.db.prepare('SELECT MAX(id) FROM shortlists').pluck().get() as number;
  const rows = workspace.db.prepare("SELECT person_id AS personId, position FROM shortlist_members WHERE shortlist_id = ? AND status = 'included' ORDER BY position").all(shortlistId) as Array<{ personId: number; position: number }>;
  const flags = workspace.db.prepare('SELECT DISTINCT flag FROM person_flags WHERE active = 1 AND person_id = ?').pluck();
  included = rows.map((r) => ({ ...r, flags: flags.all(r.personId) as FlagName[] }));
  sessionId = Number(
    workspace.db
      .prepare("INSERT INTO panel_sessions (shortlist_id, held_on, title, members, status, created_by, created_at) VALUES (?, '2013-12-12', 'Partnership cohort selection panel', '[]', 'open', 'tester', '2013-12-12T10:00:00Z')")
      .run(shortlistId).lastInsertRowid,
  );
}, 120_000);

afterAll(() => demo?.cleanup());

describe('intake plan service', () => {
  it('has no plan before any panel session, with the seed period and the staffing setting as defaults', async () => {
    // A fresh workspace of its own: the shared one already has a session.
    const fresh = await openDemoContext('No panel');
    try {
      const view = await fresh.value<IntakePlanView>('intake.plan', {});
      expect(view.report).toBeNull();
      expect(view.sessions).toEqual([]);
      expect(view.saved).toBeNull();
      // The demo's 42 current clients are on the books, leaving at the seed's rate, as the Shortlist counts them.
      expect(view.defaults).toEqual(defaultIntakeParams(SEED_STAFFING, { existingCaseload: 42, exitRatePerMonth: SEED_EXIT_RATE.perMonth }));
      expect(intakePlanForCohort(fresh.ctx.session.requireWorkspace())).toBeNull();
      const exported = await dispatchCall(fresh.ctx, 'intake.exportCsv', {});
      expect(exported.ok).toBe(false);
      if (!exported.ok) expect(exported.error.code).toBe('not_found');
    } finally {
      fresh.cleanup();
    }
  }, 120_000);

  it('plans the accepted cohort with revised decisions, priority groups first, statutory marked', () => {
    expect(included).toHaveLength(100);
    // Accept the first 60 on the shortlist; then revise: 2 accepted become rejected, 1 deferred becomes accepted.
    const first60 = included.slice(0, 60);
    first60.forEach((p, i) => decide(p.personId, 'accept', `2013-12-12T10:${String(i % 60).padStart(2, '0')}:00Z`));
    decide(included[60]!.personId, 'defer', '2013-12-12T11:00:00Z');
    decide(included[60]!.personId, 'accept', '2013-12-12T11:05:00Z');
    decide(included[1]!.personId, 'reject', '2013-12-12T11:10:00Z');
    decide(included[5]!.personId, 'reject', '2013-12-12T11:11:00Z');
    decide(included[61]!.personId, 'reject', '2013-12-12T11:12:00Z');
    const accepted = [...first60.filter((_, i) => i !== 1 && i !== 5), included[60]!];
    expect(accepted).toHaveLength(59);
    // Statutory from an imported list: the first 33 accepted statutory, the next 20 non-statutory, 6 unknown.
    const setStatutory = workspace.db.prepare('UPDATE people SET statutory = ? WHERE id = ?');
    accepted.forEach((p, i) => setStatutory.run(i < 33 ? 1 : i < 53 ? 0 : null, p.personId));

    const params: IntakeParams = { ...defaultIntakeParams(SEED_STAFFING), existingCaseload: 72 };
    const report = intakePlanForCohort(workspace, { params })!;
    expect(report.session).toMatchObject({ id: sessionId, heldOn: '2013-12-12', accepted: 59 });
    expect(report.shortlistCapacity).toBe(100);
    expect(report.priorityGroups).toEqual(PRIORITY);
    expect(report.paramsSource).toBe('given');
    const { plan } = report;
    expect(plan.totals).toMatchObject({ cohort: 59, statutory: 33, nonStatutory: 20, unknownStatutory: 6 });
    // Seed team: capacity 100 (police leads); on top of 72, room 28.
    // Jan: pace ⌈59/5⌉ = 12 (84); Feb: ⌈47/4⌉ = 12 (96); Mar: room 4 → 4 (100); Apr, May: none.
    expect(plan.months.map((m) => m.starts)).toEqual([12, 12, 4, 0, 0]);
    expect(plan.months.map((m) => m.caseloadAtEnd)).toEqual([84, 96, 100, 100, 100]);
    expect(plan.totals).toMatchObject({ planned: 28, notFitting: 31 });
    expect(plan.binding.role).toBe('police leads');
    expect(plan.notFittingReason?.text).toBe('No room by May 2014: the caseload (100) reaches the capacity of 100, limited by the police leads.');
    // Starters follow priority groups first, then shortlist position; the shortlist already puts them first.
    const expectedOrder = [...accepted].sort((a, b) => Number(b.flags.some((f) => PRIORITY.includes(f))) - Number(a.flags.some((f) => PRIORITY.includes(f))) || a.position - b.position);
    expect([...plan.starters, ...plan.notFitting].map((s) => s.personId)).toEqual(expectedOrder.map((p) => p.personId));
    const priorityCount = accepted.filter((p) => p.flags.some((f) => PRIORITY.includes(f))).length;
    expect(priorityCount).toBeGreaterThan(0);
    expect(plan.totals.priority).toBe(priorityCount);
    for (const s of plan.starters) expect(s.priorityGroups).toEqual(PRIORITY.filter((g) => included.find((p) => p.personId === s.personId)!.flags.includes(g)));
    // The first 28 accepted (in this order) are 33-statutory territory: all statutory.
    expect(plan.statutoryShare).toMatchObject({ statutory: 28, nonStatutory: 0, unknown: 0, share: 1, inBand: false });
    // Names and PNCs come with the report for the page and the sheet.
    expect(report.people).toHaveLength(59);
    expect(report.people.every((p) => p.surname && p.pnc)).toBe(true);
    expect(report.people.map((p) => p.personId)).toEqual(expectedOrder.map((p) => p.personId));
  });

  it('with the expanded team from March, everyone starts and the statutory share is reported', async () => {
    const params: IntakeParams = { ...defaultIntakeParams(SEED_STAFFING), existingCaseload: 72, staffChanges: [{ month: '2014-03', offenderManagers: 5, policeLeads: 4 }] };
    const view = await demo.value<IntakePlanView>('intake.plan', { params });
    const plan = view.report!.plan;
    // Jan 12 (84), Feb 12 (96), Mar ⌈35/3⌉ = 12 (108 of 200), Apr ⌈23/2⌉ = 12, May 11.
    expect(plan.months.map((m) => m.starts)).toEqual([12, 12, 12, 12, 11]);
    expect(plan.notFitting).toEqual([]);
    expect(plan.statutoryShare).toMatchObject({ statutory: 33, nonStatutory: 20, unknown: 6 });
    expect(plan.statutoryShare.share).toBeCloseTo(33 / 53, 12);
    expect(plan.statutoryShare.text).toContain('62.26% (33 of 53 with a known status); 6 unknown, so between 55.93% and 66.1% of all 59');
    expect(view.sessions).toEqual([{ id: sessionId, heldOn: '2013-12-12', title: 'Partnership cohort selection panel', status: 'open', accepted: 59 }]);
  });

  it('saves the parameters per workspace with an audit entry that names no one, and plans with them', async () => {
    const params: IntakeParams = { ...defaultIntakeParams(SEED_STAFFING), startMonth: '2014-02', endMonth: '2014-06', offenderManagers: 5, policeLeads: 4, maxStartsPerMonth: 15, pace: 'asap' };
    const saved = await demo.value<{ saved: IntakeParams }>('intake.saveParams', { params });
    expect(saved.saved).toEqual(params);
    const stored = JSON.parse(workspace.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(INTAKE_PARAMS_SETTING) as string);
    expect(stored).toEqual(params);
    const audit = workspace.db.prepare("SELECT actor, entity, entity_id AS entityId, detail FROM audit_log WHERE action = 'intake.saveParams' ORDER BY id DESC LIMIT 1").get() as { actor: string; entity: string; entityId: string; detail: string };
    expect(audit).toMatchObject({ actor: 'tester', entity: 'setting', entityId: 'intakePlan' });
    expect(JSON.parse(audit.detail)).toEqual({ startMonth: '2014-02', endMonth: '2014-06', offenderManagers: 5, policeLeads: 4, staffChanges: 0 });

    const view = await demo.value<IntakePlanView>('intake.plan', {});
    expect(view.saved).toEqual(params);
    expect(view.report!.paramsSource).toBe('saved');
    // Capacity 200, 15 a month: 15, 15, 15, 14 (the rest), 0.
    expect(view.report!.plan.months.map((m) => [m.month, m.starts])).toEqual([['2014-02', 15], ['2014-03', 15], ['2014-04', 15], ['2014-05', 14], ['2014-06', 0]]);
    // The page's draft overrides the saved parameters without saving them.
    const draft = await demo.value<IntakePlanView>('intake.plan', { params: { ...params, maxStartsPerMonth: null } });
    expect(draft.report!.plan.months[0]!.starts).toBe(59);
    expect((await demo.value<IntakePlanView>('intake.plan', {})).report!.paramsSource).toBe('saved');
  });

  it('refuses bad parameters and an unknown session', async () => {
    const base = defaultIntakeParams(SEED_STAFFING);
    for (const input of [
      { params: { ...base, startMonth: '2014-06', endMonth: '2014-01' } },
      { params: { ...base, offenderManagers: -1 } },
      { params: { ...base, extra: true } },
      { sessionId: 0 },
      { unexpected: 1 },
    ]) {
      const result = await dispatchCall(demo.ctx, 'intake.plan', input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    const saveBad = await dispatchCall(demo.ctx, 'intake.saveParams', { params: { ...base, endMonth: '2020-01' } });
    expect(saveBad.ok).toBe(false);
    const missing = await dispatchCall(demo.ctx, 'intake.plan', { sessionId: 999 });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.code).toBe('not_found');
      expect(missing.error.message).toBe('That panel session does not exist.');
    }
  });

  it('gives the shortlist export an "Intake plan" sheet as rows of text', () => {
    const report = intakePlanForCohort(workspace, { params: { ...defaultIntakeParams(SEED_STAFFING), existingCaseload: 72 } })!;
    const rows = intakePlanSheetRows(report);
    expect(rows.every((row) => row.every((cell) => typeof cell === 'string'))).toBe(true);
    expect(rows[0]).toEqual(['Intake plan']);
    expect(rows).toContainEqual(['Panel session', 'Partnership cohort selection panel (2013-12-12)']);
    expect(rows).toContainEqual(['Period', 'Jan 2014 to May 2014']);
    expect(rows).toContainEqual(['Team', '3 offender managers × 40 clients; 2 police leads × 50 clients']);
    const header = rows.findIndex((r) => r[0] === 'Month');
    expect(rows[header + 1]).toEqual(['Jan 2014', '3', '2', '100', 'police leads', '72', '12', '12', '0', '0', String(report.plan.months[0]!.priority), '84', '16', '0', '0']);
    expect(rows[header + 6]).toEqual(['Total', '', '', '', '', '', '28', '28', '0', '0', String(report.plan.months.reduce((n, m) => n + m.priority, 0)), '', '', '', '']);
    const starts = rows.findIndex((r) => r[0] === 'Starts by month');
    const first = report.people[0]!;
    expect(rows[starts + 2]).toEqual(['1', 'Jan 2014', `${first.surname}, ${first.forenames}`, first.pnc, 'Statutory', expect.any(String), String(first.shortlistPosition)]);
    const notFitting = rows.findIndex((r) => r[0] === 'Not fitting within the period');
    expect(notFitting).toBeGreaterThan(starts);
    expect(rows.slice(notFitting + 2).filter((r) => r.length === 7)).toHaveLength(31);
    expect(rows[notFitting + 2]![6]).toBe('No room by May 2014: the caseload (100) reaches the capacity of 100, limited by the police leads.');
    expect(rows[rows.length - 1]).toEqual(['No one is assumed to leave the caseload during the period.']);
  });

  it('exports the plan as a marked CSV, audited with counts only', async () => {
    workspace.db.prepare("INSERT INTO settings (key, value) VALUES ('protectiveMarking', '\"RESTRICTED\"') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
    const delivery = await demo.value<ExportDelivery>('intake.exportCsv', { params: { ...defaultIntakeParams(SEED_STAFFING), existingCaseload: 72 } });
    expect(delivery.delivered).toBe('download');
    if (delivery.delivered !== 'download') return;
    expect(delivery.fileName).toMatch(/^RESTRICTED IOM intake plan \d{4}-\d{2}-\d{2}\.csv$/);
    expect(delivery.mime).toBe('text/csv;charset=utf-8');
    const text = Buffer.from(delivery.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFFRESTRICTED\r\nIntake plan\r\n')).toBe(true);
    expect(text).toContain('Jan 2014,3,2,100,police leads,72,12,12,0,0,');
    const report = intakePlanForCohort(workspace, { params: { ...defaultIntakeParams(SEED_STAFFING), existingCaseload: 72 } })!;
    expect(text).toContain(report.people[0]!.pnc!);
    const audit = workspace.db.prepare("SELECT entity, entity_id AS entityId, detail FROM audit_log WHERE action = 'intake.export' ORDER BY id DESC LIMIT 1").get() as { entity: string; entityId: string; detail: string };
    expect(audit).toMatchObject({ entity: 'panel_session', entityId: String(sessionId) });
    expect(JSON.parse(audit.detail)).toEqual({ format: 'csv', months: 5, planned: 28, notFitting: 31 });
    // The audit trail never carries a name or PNC of anyone in the plan.
    const trail = (workspace.db.prepare("SELECT detail FROM audit_log WHERE action LIKE 'intake.%'").pluck().all() as string[]).join('\n');
    for (const p of report.people) {
      expect(trail).not.toContain(p.pnc!);
      expect(trail).not.toContain(p.surname!);
    }
  });
});
