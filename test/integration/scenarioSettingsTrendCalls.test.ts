import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/callDispatcher';
import type { AppContext } from '../../electron/runtime/appContext';
import { idleLockMinutes } from '../../electron/runtime/idleLock';
import { verifyAuditChain } from '../../electron/workspace/auditLog';
import { DEFAULT_SCENARIO, type Scenario } from '../../shared/analysis/projection';
import type { SavedScenario, ScenarioList } from '../../shared/analysis/scenarioSchemas';
import type { SettingsSnapshot } from '../../shared/analysis/settingsSchemas';
import type { MonthlyTrendResult } from '../../shared/analysis/arrestTrend';
import { DEFAULT_SELECTION_RULE_SET, SEED_EXPANDED_STAFFING } from '../../shared/shortlist/selectionRules';
import { DEFAULT_UNIT_COST_SETTINGS } from '../../shared/analysis/unitCostSettings';
import { openDemoContext, type DemoContext } from '../support/demoContext';

describe('scenario, settings and trend calls over a demo workspace', () => {
  let demo: DemoContext;
  let ctx: AppContext;
  beforeAll(async () => {
    demo = await openDemoContext('Scenario calls');
    ctx = demo.ctx;
  });
  afterAll(() => demo.cleanup());

  const value = <T,>(name: string, input: unknown): Promise<T> => demo.value<T>(name, input);

  function auditActions(): Array<{ action: string; entityId: string | null; detail: string }> {
    return ctx.session
      .requireWorkspace()
      .db.prepare('SELECT action, entity_id AS entityId, detail FROM audit_log ORDER BY id')
      .all() as Array<{ action: string; entityId: string | null; detail: string }>;
  }

  describe('scenarios', () => {
    const seedScenario: Scenario = {
      name: 'Seed table (36.34%)',
      referenceDate: '2013-10-31',
      windowMonths: 24,
      reductionRate: 0.3634,
      crimeTypes: [
        { id: 'all', label: 'All crime', allegationsPerArrest: 5 },
        { id: 'residential_burglary', label: 'Residential burglary', allegationsPerArrest: 11.6 },
        { id: 'robbery', label: 'Robbery', allegationsPerArrest: 3 },
      ],
    };

    it('seeds the default scenario the first time the list is asked for, once', async () => {
      const first = await value<ScenarioList>('scenarios.list', {});
      expect(first.scenarios).toHaveLength(1);
      expect(first.scenarios[0]!.scenario).toEqual(DEFAULT_SCENARIO);
      expect(first.unreadable).toBe(0);
      const again = await value<ScenarioList>('scenarios.list', {});
      expect(again.scenarios.map((s) => s.id)).toEqual(first.scenarios.map((s) => s.id));
      expect(auditActions().filter((a) => a.action === 'scenario.save')).toHaveLength(1);
    });

    it('saves a new scenario, refuses a second with the same name, and updates by id (renaming too)', async () => {
      const saved = await value<SavedScenario>('scenarios.save', { id: null, scenario: seedScenario });
      expect(saved.name).toBe('Seed table (36.34%)');
      expect(saved.updatedBy).toBe('tester');
      const duplicate = await dispatchCall(ctx, 'scenarios.save', { id: null, scenario: seedScenario });
      expect(duplicate).toMatchObject({ ok: false, error: { code: 'already_exists' } });

      const renamed = await value<SavedScenario>('scenarios.save', { id: saved.id, scenario: { ...seedScenario, name: '  Seed table, renamed ', windowMonths: 12 } });
      expect(renamed.id).toBe(saved.id);
      expect(renamed.name).toBe('Seed table, renamed');
      const list = await value<ScenarioList>('scenarios.list', {});
      expect(list.scenarios[0]!.id).toBe(saved.id);
      expect(list.scenarios[0]!.scenario.windowMonths).toBe(12);
      expect(list.scenarios).toHaveLength(2);

      // Taking another scenario's name by renaming is refused as well.
      const clash = await dispatchCall(ctx, 'scenarios.save', { id: saved.id, scenario: { ...seedScenario, name: DEFAULT_SCENARIO.name } });
      expect(clash).toMatchObject({ ok: false, error: { code: 'already_exists' } });
    });

    it('projects a saved scenario to the seed table', async () => {
      const list = await value<ScenarioList>('scenarios.list', {});
      const saved = list.scenarios.find((s) => s.name === 'Seed table, renamed')!;
      const result = await value<{ rows: Array<{ crimeType: string; arrests: number; arrestsPerYear: number; offencesPerYear: number; working: { arrestsPerYear: string } }> }>('analysis.project', {
        scenario: { ...saved.scenario, windowMonths: 24 },
        population: { kind: 'longList' },
      });
      const all = result.rows.find((r) => r.crimeType === 'all')!;
      expect([all.arrests, all.arrestsPerYear, all.offencesPerYear]).toEqual([973, 486.5, 2432.5]);
      expect(all.working.arrestsPerYear).toBe('486.5 = 973 × 12 / 24');
      const burglary = result.rows.find((r) => r.crimeType === 'residential_burglary')!;
      expect(burglary.arrests).toBe(44);
      expect(burglary.offencesPerYear).toBeCloseTo(255.2, 9);
    });

    it('deletes by id, says when the scenario is gone, and audits ids only', async () => {
      const list = await value<ScenarioList>('scenarios.list', {});
      const target = list.scenarios.find((s) => s.name === 'Seed table, renamed')!;
      await value('scenarios.delete', { id: target.id });
      expect((await dispatchCall(ctx, 'scenarios.delete', { id: target.id }))).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect((await dispatchCall(ctx, 'scenarios.save', { id: target.id, scenario: seedScenario }))).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect((await value<ScenarioList>('scenarios.list', {})).scenarios).toHaveLength(1);
      const entries = auditActions().filter((a) => a.action.startsWith('scenario.'));
      expect(entries.map((a) => a.action)).toEqual(['scenario.save', 'scenario.save', 'scenario.save', 'scenario.delete']);
      for (const entry of entries) expect(entry.detail).not.toMatch(/Seed table/);
      expect(verifyAuditChain(ctx.session.requireWorkspace().db).ok).toBe(true);
    });

    it('refuses malformed scenarios and unknown fields', async () => {
      expect(await dispatchCall(ctx, 'scenarios.save', { id: null, scenario: { ...seedScenario, name: '   ' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await dispatchCall(ctx, 'scenarios.save', { id: null, scenario: { ...seedScenario, reductionRate: 1.5 } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await dispatchCall(ctx, 'scenarios.save', { id: null, scenario: seedScenario, extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await dispatchCall(ctx, 'scenarios.delete', { id: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    });
  });

  describe('settings', () => {
    it('reads defaults where nothing is set', async () => {
      const snapshot = await value<SettingsSnapshot>('settings.get', {});
      expect(snapshot.customised).toEqual([]);
      expect(snapshot.values.protectiveMarking).toBe('OFFICIAL-SENSITIVE');
      expect(snapshot.values.idleLockMinutes).toBe(15);
      expect(snapshot.values.unitCosts).toEqual(DEFAULT_UNIT_COST_SETTINGS);
      expect(snapshot.values.staffing.offenderManagers).toBe(3);
    });

    it('stores each key through its own schema and the idle lock reads the new value', async () => {
      await value('settings.update', { key: 'idleLockMinutes', value: 30 });
      expect(idleLockMinutes(ctx.session)).toBe(30);
      const marked = await value<SettingsSnapshot>('settings.update', { key: 'protectiveMarking', value: '  RESTRICTED ' });
      expect(marked.values.protectiveMarking).toBe('RESTRICTED');
      await value('settings.update', { key: 'staffing', value: SEED_EXPANDED_STAFFING });
      const costs = { ...DEFAULT_UNIT_COST_SETTINGS, costs: DEFAULT_UNIT_COST_SETTINGS.costs.map((c) => (c.crimeType === 'robbery' ? { ...c, unitCost: 12000 } : c)), upliftToYear: 2024 };
      const snapshot = await value<SettingsSnapshot>('settings.update', { key: 'unitCosts', value: costs });
      expect(snapshot.customised.sort()).toEqual(['idleLockMinutes', 'protectiveMarking', 'staffing', 'unitCosts']);
      expect(snapshot.values.staffing.policeLeads).toBe(4);
      expect(snapshot.values.unitCosts.upliftToYear).toBe(2024);
      expect(snapshot.values.unitCosts.costs.find((c) => c.crimeType === 'robbery')!.unitCost).toBe(12000);
    });

    it('refuses values outside each schema', async () => {
      for (const bad of [
        { key: 'idleLockMinutes', value: 0 },
        { key: 'idleLockMinutes', value: 241 },
        { key: 'idleLockMinutes', value: 2.5 },
        { key: 'protectiveMarking', value: '' },
        { key: 'protectiveMarking', value: 'A/B' },
        { key: 'staffing', value: { ...SEED_EXPANDED_STAFFING, clientsPerManager: 0 } },
        { key: 'unitCosts', value: { ...DEFAULT_UNIT_COST_SETTINGS, upliftToYear: 1990 } },
        { key: 'unitCosts', value: { costs: [DEFAULT_UNIT_COST_SETTINGS.costs[0], DEFAULT_UNIT_COST_SETTINGS.costs[0]], upliftToYear: null } },
        { key: 'homeBorough', value: 'Barnet' },
        { key: 'idleLockMinutes', value: 10, extra: 1 },
      ]) {
        expect(await dispatchCall(ctx, 'settings.update', bad), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
    });

    it('puts a default back, and audits each change by key name only', async () => {
      const snapshot = await value<SettingsSnapshot>('settings.update', { key: 'protectiveMarking', reset: true });
      expect(snapshot.values.protectiveMarking).toBe('OFFICIAL-SENSITIVE');
      expect(snapshot.customised).not.toContain('protectiveMarking');
      const entries = auditActions().filter((a) => a.action === 'settings.update');
      expect(entries.map((e) => e.entityId)).toEqual(['idleLockMinutes', 'protectiveMarking', 'staffing', 'unitCosts', 'protectiveMarking']);
      for (const entry of entries) expect(entry.detail).not.toMatch(/RESTRICTED|12000|30/);
    });
  });

  describe('monthly arrest-rate trend', () => {
    const request = { cohort: 'shortlist', comparison: 'longList', fromMonth: '2011-11', toMonth: '2013-10', baseMonth: '2012-06', alpha: 0.3 };

    it('says when there is no shortlist yet', async () => {
      expect(await dispatchCall(ctx, 'analysis.monthlyTrend', request)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });

    it('takes the people with a cohort start date as the cohort when asked (or says there are none)', async () => {
      const { db } = ctx.session.requireWorkspace();
      const withStart = db.prepare('SELECT COUNT(*) FROM people WHERE cohort_start_date IS NOT NULL').pluck().get() as number;
      const result = await dispatchCall(ctx, 'analysis.monthlyTrend', { ...request, cohort: 'cohortStartDate', comparison: 'all' });
      if (withStart === 0) {
        expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
        return;
      }
      if (!result.ok) throw new Error(result.error.message);
      const trend = result.value as MonthlyTrendResult;
      const everyone = db.prepare('SELECT COUNT(*) FROM people').pluck().get() as number;
      expect(trend.series[0]!.people).toBe(withStart);
      expect(trend.series[1]!.people).toBe(everyone - withStart);
    });

    it('splits the long list into the shortlist and the rest, counting every arrest of the window once', async () => {
      await value('shortlist.run', { ruleSet: DEFAULT_SELECTION_RULE_SET });
      const trend = await value<MonthlyTrendResult>('analysis.monthlyTrend', request);
      expect(trend.months).toHaveLength(24);
      const [cohort, rest] = trend.series;
      expect(cohort!.people + rest!.people).toBe(170);
      // 100 places less the demo's 42 current IOM clients plus 3 expected exits (issue 16).
      expect(cohort!.people).toBe(61);
      // The 24 months are the projection window (2011-11-01 … 2013-10-31): the seed's 973 arrests.
      expect(cohort!.arrests + rest!.arrests).toBe(973);
      for (const series of trend.series) {
        const base = series.points.find((p) => p.month === '2012-06')!;
        expect(base.index).toBe(100);
        expect(base.trendIndex).toBe(100);
        for (const point of series.points) {
          expect(point.personMonths).toBe(series.people);
          expect(point.rate).toBeCloseTo(point.arrests / series.people, 12);
        }
      }
      expect(trend.groupDescriptions[0]).toMatch(/latest shortlist \(61 people/);
      expect(trend.latestArrestDate! >= '2013-10-01').toBe(true);
    });

    it('counts one crime type when asked, and refuses a base month outside the range', async () => {
      const burglary = await value<MonthlyTrendResult>('analysis.monthlyTrend', { ...request, crimeType: 'residential_burglary', baseMonth: '2011-11', alpha: 1 });
      expect(burglary.series[0]!.arrests + burglary.series[1]!.arrests).toBe(44);
      expect(await dispatchCall(ctx, 'analysis.monthlyTrend', { ...request, baseMonth: '2014-01' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    });
  });
});
