import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakePlanForCohort, intakePlanSheetRows } from '../../electron/intake/intakePlanService';
import { recordExit } from '../../electron/tracking/cohortMembership';
import type { OpenWorkspace } from '../../electron/workspace/workspaceFile';
import type { CandidateOverview } from '../../shared/shortlist/candidateSchemas';
import type { IntakePlanView } from '../../shared/intake/intakeSchemas';
import type { PanelCohort } from '../../shared/panel/panelSchemas';
import type { IntakeParams } from '../../shared/intake/intakePlan';
import { DEFAULT_EXISTING_COHORT_RULE } from '../../shared/shortlist/newEntrantCapacity';
import { DEFAULT_SELECTION_RULE_SET, type Shortlist } from '../../shared/shortlist/selectionRules';
import { openDemoContext, type DemoContext } from '../support/demoContext';

/**
 * Recorded exits on a real encrypted workspace (the synthetic demo: 42 current clients): recorded
 * through the tracking service and its call, they take people off the caseload the Home page and
 * the Shortlist count, and free places month by month in the intake plan; taking an exit back
 * puts the place back.
 */
let demo: DemoContext;
let workspace: OpenWorkspace;
let clients: number[];
let accepted: number[];
let sessionId: number;

beforeAll(async () => {
  demo = await openDemoContext('Exit capacity');
  workspace = demo.ctx.session.requireWorkspace();
  clients = workspace.db.prepare('SELECT id FROM people WHERE cohort_start_date IS NOT NULL ORDER BY id').pluck().all() as number[];
  await demo.value('shortlist.run', { ruleSet: { ...DEFAULT_SELECTION_RULE_SET, existingCohort: { ...DEFAULT_EXISTING_COHORT_RULE, include: false } } });
  const shortlistId = workspace.db.prepare('SELECT MAX(id) FROM shortlists').pluck().get() as number;
  const included = workspace.db.prepare("SELECT person_id FROM shortlist_members WHERE shortlist_id = ? AND status = 'included' ORDER BY position").pluck().all(shortlistId) as number[];
  sessionId = Number(
    workspace.db.prepare("INSERT INTO panel_sessions (shortlist_id, held_on, title, members, status, created_by, created_at) VALUES (?, '2013-12-12', 'Panel', '[]', 'closed', 'tester', '2013-12-12T10:00:00Z')").run(shortlistId).lastInsertRowid,
  );
  accepted = included.slice(0, 40);
  const decide = workspace.db.prepare("INSERT INTO panel_decisions (session_id, person_id, decision, reason, note, decided_by, decided_at) VALUES (?, ?, ?, NULL, '', 'chair', '2013-12-12T11:00:00Z')");
  for (const id of included) decide.run(sessionId, id, accepted.includes(id) ? 'accept' : 'reject');
}, 120_000);

afterAll(() => demo?.cleanup());

/** The seed team (capacity 100) with 90 on the books, no forecast exits, starts as fast as room allows: only recorded exits make room after January. */
async function tightParams(): Promise<IntakeParams> {
  const view = await demo.value<IntakePlanView>('intake.plan', {});
  return { ...view.defaults, existingCaseload: 90, exitRatePerMonth: 0, pace: 'asap' };
}

describe('recorded exits and capacity', () => {
  it('takes people who left off the caseload the Home page and the Shortlist count', async () => {
    expect(clients).toHaveLength(42);
    let overview = await demo.value<CandidateOverview>('candidates.overview', {});
    expect(overview).toMatchObject({ currentClients: 42, clientsLeft: 0 });

    recordExit(workspace, clients[0]!, '2013-11-30', 'Moved out of the borough', 'tester');
    await demo.value('tracking.recordExit', { personId: clients[1]!, exitDate: '2014-02-10', reason: 'Sentenced to custody' });
    overview = await demo.value<CandidateOverview>('candidates.overview', {});
    expect(overview).toMatchObject({ currentClients: 40, clientsLeft: 2 });
    // The latest shortlist counted 42: the Home page says the places it shows are out of date.
    expect(overview.shortlist?.caseloadCounted).toBe(42);

    // A new shortlist counts 40 clients on the books, so two more places for new entrants than with 42.
    const run = await demo.value<{ shortlist: Shortlist }>('shortlist.run', { ruleSet: { ...DEFAULT_SELECTION_RULE_SET, existingCohort: { ...DEFAULT_EXISTING_COHORT_RULE, include: false } } });
    expect(run.shortlist.summary.newEntrants).toMatchObject({ currentCaseload: 40, caseloadSource: 'workspace' });
    expect(run.shortlist.summary.newEntrants?.working).toContain('40 current clients');
    expect((await demo.value<CandidateOverview>('candidates.overview', {})).shortlist?.caseloadCounted).toBe(40);
  });

  it('frees places in the intake plan from each exit’s month, and gives them back when an exit is taken back', async () => {
    // The workspace's own caseload for the plan leaves out the client who left before January 2014 only.
    const view = await demo.value<IntakePlanView>('intake.plan', {});
    expect(view.defaults.existingCaseload).toBe(41);

    const params = await tightParams();
    const before = intakePlanForCohort(workspace, { params })!.plan;
    // The February exit of a client on the books frees one place in February.
    expect(before.months.map((m) => m.starts)).toEqual([10, 1, 0, 0, 0]);
    expect(before.months[1]).toMatchObject({ recordedExitsSoFar: 1, exitsSoFar: 1 });

    // Two more clients leave in March, and January's first starter leaves in April.
    await demo.value('tracking.recordExit', { personId: clients[2]!, exitDate: '2014-03-01', reason: 'Completed the programme' });
    await demo.value('tracking.recordExit', { personId: clients[3]!, exitDate: '2014-03-31', reason: 'Died' });
    const firstStarter = before.starters[0]!.personId;
    await demo.value('tracking.recordExit', { personId: firstStarter, exitDate: '2014-04-15', reason: 'Recalled to prison' });
    const after = intakePlanForCohort(workspace, { params })!.plan;
    expect(after.months.map((m) => m.starts)).toEqual([10, 1, 2, 1, 0]);
    expect(after.months.map((m) => m.caseloadAtEnd)).toEqual([100, 100, 100, 100, 100]);
    expect(after.months.map((m) => m.startersLeftSoFar)).toEqual([0, 0, 0, 1, 1]);
    expect(after.totals.planned).toBe(before.totals.planned + 3);
    expect(after.working.join('\n')).toContain('Recorded exits: 3 existing clients left during the period');
    // The plan's sheet (CSV and the shortlist workbook) shows who has left by each month.
    const sheet = intakePlanSheetRows(intakePlanForCohort(workspace, { params })!);
    const header = sheet.findIndex((r) => r[0] === 'Month');
    expect(sheet[header]!.slice(-2)).toEqual(['Left by then', 'Of whom recorded']);
    expect(sheet.slice(header + 1, header + 6).map((r) => r.slice(-2))).toEqual([['0', '0'], ['1', '1'], ['3', '3'], ['4', '4'], ['4', '4']]);

    // The tracking screen's new cohort starts in these tranches, so the same people are followed.
    await demo.value('tracking.clearExit', { personId: clients[2]! });
    const cleared = intakePlanForCohort(workspace, { params })!.plan;
    expect(cleared.months.map((m) => m.starts)).toEqual([10, 1, 1, 1, 0]);
    const audit = workspace.db.prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'tracking.%Exit' ORDER BY id").all() as Array<{ action: string; detail: string }>;
    expect(audit.map((a) => a.action)).toEqual(['tracking.recordExit', 'tracking.recordExit', 'tracking.recordExit', 'tracking.recordExit', 'tracking.recordExit', 'tracking.clearExit']);
    // The panel's summary says the shortlist it sized its capacity on counted 42 clients; 39 are on the books now.
    const cohort = await demo.value<PanelCohort>('panel.cohort', { sessionId });
    expect(cohort.caseload).toEqual({ counted: 42, now: 39 });
    // The audit names no reason, only that one was given.
    expect(audit.some((a) => a.detail.includes('Died') || a.detail.includes('prison'))).toBe(false);
  });
});
