import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTempWorkspace } from '../support/tempWorkspace';
import { fillExportWorkspace, recordPanel } from '../support/exportWorkspace';
import { projectPopulation } from '../../electron/analysis/analysisService';
import { intakePlanForCohort } from '../../electron/intake/intakePlanService';
import { assembleCohortReportData } from '../../electron/report/cohortReportData';
import { renderCohortReport } from '../../shared/report/cohortReportHtml';
import { ScenarioSchema, SEED_STATUTORY_SCENARIO, SEED_TABLE_SCENARIO, type Scenario } from '../../shared/analysis/projection';
import { WorkspaceError } from '../../electron/workspace/workspaceErrors';

/** The fill gives person `id` 1 + (id mod 4) arrests in the 24 months to 2013-10-31 (and one before). */
const arrestsOf = (ids: readonly number[]) => ids.reduce((sum, id) => sum + 1 + (id % 4), 0);

const SCENARIO: Scenario = { ...SEED_TABLE_SCENARIO, crimeTypes: SEED_TABLE_SCENARIO.crimeTypes.filter((c) => c.id === 'all') };

describe('projection and report for the panel’s accepted cohort and each intake tranche', () => {
  const fixture = makeTempWorkspace('Populations');
  const { workspace } = fixture;
  let accepted: number[];

  beforeAll(() => {
    const shortlistId = fillExportWorkspace(workspace, 30, 20);
    const included = workspace.db.prepare("SELECT person_id FROM shortlist_members WHERE shortlist_id = ? AND status = 'included' ORDER BY position").pluck().all(shortlistId) as number[];
    accepted = included.slice(0, 12);
    recordPanel(workspace, shortlistId, [...accepted.map((personId) => ({ personId, decision: 'accept' as const })), { personId: included[12]!, decision: 'reject' }, { personId: included[13]!, decision: 'defer' }]);
  });
  afterAll(() => fixture.cleanup());

  it('takes the scenario as its caller parsed it: no second check per request or per statutory group', () => {
    const parse = vi.spyOn(ScenarioSchema, 'parse');
    const safeParse = vi.spyOn(ScenarioSchema, 'safeParse');
    try {
      const result = projectPopulation(workspace, SEED_STATUTORY_SCENARIO, { kind: 'accepted' });
      expect(result.byGroup).toBeTruthy();
      expect(parse).not.toHaveBeenCalled();
      expect(safeParse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
      safeParse.mockRestore();
    }
  });

  it('projects the accepted people only', () => {
    const result = projectPopulation(workspace, SCENARIO, { kind: 'accepted' });
    expect(result.people).toBe(12);
    expect(result.rows[0]!.arrests).toBe(arrestsOf(accepted));
    expect(result.population).toMatch(/^the panel's accepted cohort \(12 people, panel of 2013-11-20\)$/);
  });

  it('projects each intake tranche, the tranches adding up to the planned starters', () => {
    const plan = intakePlanForCohort(workspace)!.plan;
    const months = plan.months.filter((m) => m.starts > 0);
    expect(months.length).toBeGreaterThan(0);
    let people = 0;
    for (const month of months) {
      const result = projectPopulation(workspace, SCENARIO, { kind: 'tranche', month: month.month });
      expect(result.people).toBe(month.personIds.length);
      expect(result.rows[0]!.arrests).toBe(arrestsOf(month.personIds));
      expect(result.population).toContain(`the intake tranche starting ${month.label}`);
      people += result.people ?? 0;
    }
    expect(people).toBe(plan.totals.planned);
    expect(() => projectPopulation(workspace, SCENARIO, { kind: 'tranche', month: '1999-01' })).toThrow(/has no month 1999-01/);
  });

  it('makes the report for a tranche or the accepted cohort, saying which and which rate', () => {
    const month = intakePlanForCohort(workspace)!.plan.months.find((m) => m.starts > 0)!;
    const tranche = assembleCohortReportData(workspace, { scenario: SCENARIO, actor: 'tester', population: `tranche:${month.month}` });
    expect(tranche.source).toBe('tranche');
    expect(tranche.people).toBe(month.personIds.length);
    expect(tranche.data.cohort.description).toMatch(new RegExp(`^Intake tranche starting ${month.label}: accepted by the selection panel`));
    expect(tranche.data.projection.rows[0]!.arrests).toBe(arrestsOf(month.personIds));
    const html = renderCohortReport(tranche.data).html;
    expect(html).toContain('Reduction rate used: 36.34%: As the seed computed it: 884 / 2432.5');
    expect(html).toContain('one month’s starters in the intake plan');

    const split = assembleCohortReportData(workspace, { scenario: SEED_STATUTORY_SCENARIO, actor: 'tester', population: 'accepted' });
    const splitHtml = renderCohortReport(split.data).html;
    expect(split.data.projection.byGroup?.groups.reduce((n, g) => n + g.people, 0)).toBe(12);
    expect(splitHtml).toContain('<h3>By statutory status</h3>');
    expect(splitHtml).toContain('<h3>Cost of crime avoided by agency</h3>');
    expect(splitHtml).toContain('Statutory: 27.27% = 1 − 40% / 55%');

    const shortlist = assembleCohortReportData(workspace, { scenario: SCENARIO, actor: 'tester', population: 'shortlist' });
    expect([shortlist.source, shortlist.people]).toEqual(['shortlist', 20]);
    const auto = assembleCohortReportData(workspace, { scenario: SCENARIO, actor: 'tester' });
    expect([auto.source, auto.people]).toEqual(['panel', 12]);
  });

  it('refuses the accepted cohort or a tranche before any panel, never substituting another population', () => {
    const empty = makeTempWorkspace('No panel');
    try {
      fillExportWorkspace(empty.workspace, 5, 5);
      expect(() => projectPopulation(empty.workspace, SCENARIO, { kind: 'accepted' })).toThrow(WorkspaceError);
      expect(() => assembleCohortReportData(empty.workspace, { scenario: SCENARIO, actor: 'tester', population: 'accepted' })).toThrow(/No panel has recorded a decision/);
      expect(() => assembleCohortReportData(empty.workspace, { scenario: SCENARIO, actor: 'tester', population: 'tranche:2014-01' })).toThrow(/no intake plan/);
    } finally {
      empty.cleanup();
    }
  });
});
