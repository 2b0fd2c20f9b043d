import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/callDispatcher';
import { AppSession } from '../../electron/runtime/appSession';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import type { AppContext } from '../../electron/runtime/appContext';
import { buildDemoWorkspace } from '../../electron/workspace/demoWorkspace';
import { DEFAULT_SCENARIO, type ProjectionResult } from '../../shared/analysis/projection';
import type { FilterResult } from '../../shared/shortlist/filterModel';
import type { OffenceSummaryRow } from '../../shared/analysis/classification';
import type { ConcentrationResult } from '../../shared/analysis/concentration';
import { SEED_SHAPE } from '../../shared/workspace/syntheticCohort';
import type { CalibrationResult } from '../../shared/analysis/calibration';
import type { AttributionEstimate } from '../../shared/analysis/projection';
import { makeTempWorkspace, TEST_PASSPHRASE } from '../support/tempWorkspace';
import { openDemoContext, type DemoContext } from '../support/demoContext';

describe('analysis calls over a demo workspace', () => {
  let demo: DemoContext;
  let ctx: AppContext;
  beforeAll(async () => {
    demo = await openDemoContext('Analysis calls');
    ctx = demo.ctx;
  });
  afterAll(() => demo.cleanup());

  const value = <T,>(name: string, input: unknown): Promise<T> => demo.value<T>(name, input);

  it('projects the long list with the default scenario (central 36%, seed ratios)', async () => {
    const result = await value<ProjectionResult & { population: string }>('analysis.project', { scenario: DEFAULT_SCENARIO, population: { kind: 'longList' } });
    const all = result.rows.find((r) => r.crimeType === 'all')!;
    expect(all.arrests).toBe(973);
    expect(all.offencesPerYear).toBeCloseTo(2432.5, 9);
    expect(all.reductionPerYear).toBeCloseTo(2432.5 * 0.36, 9);
    expect(all.ranges.reductionPerYear?.low).toBeCloseTo(2432.5 * 0.3, 9);
    expect(all.ranges.reductionPerYear?.high).toBeCloseTo(2432.5 * 0.43, 9);
    expect(result.population).toBe('the Potential Candidate List');
  });

  it('filters the long list by flag and counts the priority groups', async () => {
    const result = await value<FilterResult>('analysis.filter', { filter: { referenceDate: '2013-10-31', windowMonths: 24, flags: { any: ['dtoa'] } } });
    expect(result.counts.total).toBe(SEED_SHAPE.flags.dtoa);
    expect(result.personIds).toHaveLength(SEED_SHAPE.flags.dtoa);
    const projected = await value<ProjectionResult>('analysis.project', { scenario: DEFAULT_SCENARIO, population: { kind: 'filter', filter: { referenceDate: '2013-10-31', windowMonths: 24, flags: { any: ['dtoa'] } } } });
    expect(projected.rows[0]!.arrests).toBeLessThan(973);
  });

  it('lists offence descriptions with their types and applies an override', async () => {
    const before = await value<OffenceSummaryRow[]>('classification.offences', {});
    const burglaryRows = before.filter((r) => r.crimeType === 'residential_burglary').map((r) => r.description);
    expect(burglaryRows.sort()).toEqual(['Burglary - Residential', 'Burglary Dwelling', 'Burglary in a dwelling'].sort());
    await value('classification.setOverride', { description: 'Burglary Dwelling', crimeType: 'non_residential_burglary' });
    const after = await value<ProjectionResult>('analysis.project', { scenario: DEFAULT_SCENARIO, population: { kind: 'longList' } });
    expect(after.rows.find((r) => r.crimeType === 'residential_burglary')!.arrests).toBeLessThan(44);
    await value('classification.setOverride', { description: 'Burglary Dwelling', crimeType: null });
    const restored = await value<ProjectionResult>('analysis.project', { scenario: DEFAULT_SCENARIO, population: { kind: 'longList' } });
    expect(restored.rows.find((r) => r.crimeType === 'residential_burglary')!.arrests).toBe(44);
  });

  it('ranks people by arrests for the concentration table', async () => {
    const result = await value<ConcentrationResult>('analysis.concentration', { referenceDate: '2013-10-31', windowMonths: 24, allegationsPerArrest: 5, boroughOffences: 48000, topN: [10, 20, 100], population: 'longList' });
    expect(result.rows.map((r) => r.n)).toEqual([10, 20, 100]);
    expect(result.rows[2]!.arrests).toBeLessThanOrEqual(973);
    expect(result.rows[0]!.arrests).toBeGreaterThan(100);
  });

  it("gives the seed's attribution sum: (2.5 − 1.6) × 11.6 ≈ 10.4 fewer burglaries a month, about 60 over six months", async () => {
    const result = await value<AttributionEstimate>('analysis.attribution', { beforeMonthlyArrests: 2.5, afterMonthlyArrests: 1.6, allegationsPerArrest: 11.6, months: 6 });
    expect(result.fewerOffencesPerMonth).toBeCloseTo(10.44, 10);
    expect(result.fewerOffencesOverPeriod).toBeCloseTo(62.64, 10);
    expect(result.working.fewerOffencesPerMonth).toContain('11.6');
  });

  it('rejects malformed analysis input before any service runs', async () => {
    const bad = await dispatchCall(ctx, 'analysis.project', { scenario: { ...DEFAULT_SCENARIO, windowMonths: -1 }, population: { kind: 'longList' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const badPop = await dispatchCall(ctx, 'analysis.project', { scenario: DEFAULT_SCENARIO, population: { kind: 'everyone' } });
    expect(badPop).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('calibration from the existing cohort in the demo', () => {
  it('computes before/after monthly arrest rates for the people with an IOM start date', async () => {
    const temp = makeTempWorkspace('Calibration');
    try {
      await buildDemoWorkspace(temp.workspace, 'tester');
      const { db } = temp.workspace;
      const members = db.prepare('SELECT COUNT(*) FROM people WHERE cohort_start_date IS NOT NULL').pluck().get() as number;
      const statutory = db.prepare('SELECT COUNT(*) FROM people WHERE statutory = 1').pluck().get() as number;
      expect(members).toBe(42);
      expect(statutory / members).toBeGreaterThan(0.5);
      expect(statutory / members).toBeLessThan(0.65);
      const ctx: AppContext = { session: new AppSession(), host: { kind: 'test' }, actor: 'tester', jobs: new JobRegistry() };
      ctx.session.adopt(temp.workspace, TEST_PASSPHRASE);
      const result = await dispatchCall(ctx, 'analysis.calibrate', { referenceDate: '2013-10-31', beforeMonths: 12, afterMonths: 6, bootstrapIterations: 200 });
      if (!result.ok) throw new Error(result.error.message);
      const calibration = result.value as CalibrationResult;
      expect(calibration.people.length + calibration.leftOut.length).toBe(members);
      const arrestsBefore = calibration.people.reduce((n, p) => n + p.beforeArrests, 0);
      expect(calibration.before.arrests).toBe(arrestsBefore);
      expect(calibration.rateRatio).toBeCloseTo(calibration.after.monthlyRate / calibration.before.monthlyRate, 12);
      expect(calibration.poisson?.reduction.low).toBeLessThanOrEqual(calibration.reduction!);
      expect(calibration.poisson?.reduction.high).toBeGreaterThanOrEqual(calibration.reduction!);
      ctx.session.lock('user');
    } finally {
      temp.temp.remove();
    }
  });
});
