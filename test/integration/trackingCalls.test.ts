import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/callDispatcher';
import { intakePlanForCohort } from '../../electron/intake/intakePlanService';
import type { OpenWorkspace } from '../../electron/workspace/workspaceFile';
import type { CohortMembershipRecord, TrackingView } from '../../shared/tracking/trackingSchemas';
import { DEFAULT_EXISTING_COHORT_RULE } from '../../shared/shortlist/newEntrantCapacity';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';
import { arrestRowWriter } from '../support/arrestRows';
import { openDemoContext, type DemoContext } from '../support/demoContext';

/**
 * The tracking calls through the real dispatcher on the encrypted demo workspace: the panel's
 * accepted cohort, starting in its intake-plan tranches (Jan–May 2014), followed on arrests added
 * after the demo's data ends, with a recorded start date and an exit.
 */
let demo: DemoContext;
let workspace: OpenWorkspace;
let accepted: number[];

beforeAll(async () => {
  demo = await openDemoContext('Tracking calls');
  workspace = demo.ctx.session.requireWorkspace();
  await demo.value('shortlist.run', { ruleSet: { ...DEFAULT_SELECTION_RULE_SET, existingCohort: { ...DEFAULT_EXISTING_COHORT_RULE, include: false } } });
  const shortlistId = workspace.db.prepare('SELECT MAX(id) FROM shortlists').pluck().get() as number;
  const included = workspace.db.prepare("SELECT person_id FROM shortlist_members WHERE shortlist_id = ? AND status = 'included' ORDER BY position").pluck().all(shortlistId) as number[];
  const sessionId = Number(
    workspace.db.prepare("INSERT INTO panel_sessions (shortlist_id, held_on, title, members, status, created_by, created_at) VALUES (?, '2013-12-12', 'Panel', '[]', 'closed', 'tester', '2013-12-12T10:00:00Z')").run(shortlistId).lastInsertRowid,
  );
  accepted = included.slice(0, 40);
  const decide = workspace.db.prepare("INSERT INTO panel_decisions (session_id, person_id, decision, reason, note, decided_by, decided_at) VALUES (?, ?, ?, NULL, '', 'chair', '2013-12-12T11:00:00Z')");
  for (const id of included) decide.run(sessionId, id, accepted.includes(id) ? 'accept' : 'reject');
  // A later extract's arrests, written as the importer stores them: one a month for some members into 2014.
  const importId = Number(workspace.db.prepare("INSERT INTO imports (kind, file_name, sha256, mapping, imported_by, imported_at, rows_read, rows_imported, rows_linked, rows_rejected) VALUES ('arrests', 'later.csv', 'later', '[]', 'tester', '2015-01-05', 10, 10, 10, 0)").run().lastInsertRowid);
  const arrests = arrestRowWriter(workspace.db);
  arrests.add({ personId: accepted[0]!, date: '2014-06-10', offence: 'Theft from shop', importId, rowNumber: 2 });
  arrests.add({ personId: accepted[1]!, date: '2014-12-31', offence: 'Burglary - Residential', importId, rowNumber: 3 });
  arrests.finish();
}, 120_000);

afterAll(() => demo?.cleanup());

describe('tracking calls', () => {
  it('tracks the accepted cohort from its intake-plan tranches, with a comparison from the rest of the long list', async () => {
    const view = await demo.value<TrackingView>('tracking.track', { bootstrapIterations: 200 });
    expect(view.cohort.source).toBe('new');
    expect(view.dataTo).toBe('2014-12-31');
    const plan = intakePlanForCohort(workspace)!.plan;
    const trancheOf = new Map(plan.starters.map((s) => [s.personId, `${s.month}-01`]));
    expect(view.result.people.length + view.result.leftOut.length).toBe(accepted.length);
    for (const p of view.result.people) expect(p.startDate).toBe(trancheOf.get(p.personId));
    for (const l of view.result.leftOut) expect(trancheOf.has(l.personId)).toBe(false);
    // Nobody taken on (accepted, or a current client) stands in the comparison.
    const clients = new Set(workspace.db.prepare('SELECT id FROM people WHERE cohort_start_date IS NOT NULL').pluck().all() as number[]);
    for (const p of view.result.people) {
      if (!p.comparison) continue;
      expect(accepted).not.toContain(p.comparison.personId);
      expect(clients.has(p.comparison.personId)).toBe(false);
    }
    expect(view.names.map((n) => n.personId).sort()).toEqual([...accepted].sort());
    expect(view.result.byCrimeType[0]!.cohort.afterArrests).toBe(2);
  });

  it('records a start date and an exit, refuses an exit before the start, and takes the exit back', async () => {
    const personId = accepted[0]!;
    const started = await demo.value<CohortMembershipRecord>('tracking.recordStart', { personId, startDate: '2014-02-17' });
    expect(started).toMatchObject({ personId, startDate: '2014-02-17', exitDate: null, updatedBy: 'tester' });
    let view = await demo.value<TrackingView>('tracking.track', { bootstrapIterations: 0 });
    expect(view.result.people.find((p) => p.personId === personId)!.startDate).toBe('2014-02-17');

    const refused = await dispatchCall(demo.ctx, 'tracking.recordExit', { personId, exitDate: '2014-01-31', reason: 'Custody' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const empty = await dispatchCall(demo.ctx, 'tracking.recordExit', { personId, exitDate: '2014-08-31', reason: '  ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    await demo.value('tracking.recordExit', { personId, exitDate: '2014-08-31', reason: 'Recalled to prison' });
    view = await demo.value<TrackingView>('tracking.track', { bootstrapIterations: 0 });
    expect(view.result.exits).toBe(1);
    expect(view.result.people.find((p) => p.personId === personId)!.exit).toEqual({ date: '2014-08-31', reason: 'Recalled to prison' });
    const audit = workspace.db.prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'tracking.%' ORDER BY id").all() as Array<{ action: string; detail: string }>;
    expect(audit.map((a) => a.action)).toEqual(['tracking.recordStart', 'tracking.recordExit']);
    expect(audit.map((a) => a.detail).join(' ')).not.toMatch(/prison/i);

    await demo.value('tracking.clearExit', { personId });
    expect((await demo.value<TrackingView>('tracking.track', { bootstrapIterations: 0 })).result.exits).toBe(0);
    await demo.value('tracking.recordStart', { personId, startDate: null });
    expect(workspace.db.prepare('SELECT COUNT(*) FROM cohort_membership').pluck().get()).toBe(0);
  });

  it('refuses unknown fields, months out of range and an unknown person', async () => {
    expect(await dispatchCall(demo.ctx, 'tracking.track', { afterMonths: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatchCall(demo.ctx, 'tracking.track', { cohort: 'everyone' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatchCall(demo.ctx, 'tracking.track', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatchCall(demo.ctx, 'tracking.recordStart', { personId: 999_999, startDate: '2014-01-01' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
