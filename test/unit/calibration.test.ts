import { describe, expect, it } from 'vitest';
import {
  Z_95,
  calibrateReductionFromIndex,
  monthsBetween,
  mulberry32,
  percentile,
} from '../../shared/analysis/calibration';
import { type AnalysisArrest, type AnalysisPerson } from '../../shared/domain/analysisModel';
import { buildArrestIndex } from '../support/arrestIndex';
import { analysisPerson } from '../support/analysisPeople';
import { calibrateReduction } from '../support/plainCalibration';

function member(id: number, cohortStartDate: string | null): AnalysisPerson {
  return analysisPerson(id, { statutory: true, cohortStartDate });
}

function arrestsOn(personId: number, dates: string[]): AnalysisArrest[] {
  return dates.map((date) => ({ personId, date, offence: 'x', crimeType: 'other' }));
}

const START = '2012-06-06'; // the seed's IOM start date
const REF = '2013-10-31';

/** Before (12 months): 6, 4, 2, 0 arrests; after (6 months): 2, 1, 0, 0. */
const cohort = [member(1, START), member(2, START), member(3, START), member(4, START)];
const cohortArrests: AnalysisArrest[] = [
  ...arrestsOn(1, ['2011-06-06', '2011-08-01', '2011-10-01', '2012-01-01', '2012-03-01', '2012-06-05', '2012-06-06', '2012-12-05']),
  ...arrestsOn(2, ['2011-07-01', '2011-09-01', '2012-02-01', '2012-05-01', '2012-09-09']),
  ...arrestsOn(3, ['2011-12-25', '2012-04-04']),
  // outside both windows: never counted
  ...arrestsOn(1, ['2011-06-05', '2012-12-06', '2013-05-01']),
  ...arrestsOn(4, ['2010-01-01']),
];

describe('monthsBetween', () => {
  it('counts whole calendar months exactly and part-months by days', () => {
    expect(monthsBetween('2011-06-06', '2012-06-06')).toBe(12);
    expect(monthsBetween('2012-06-06', '2012-12-06')).toBe(6);
    expect(monthsBetween('2013-01-31', '2013-02-28')).toBe(1);
    expect(monthsBetween('2013-09-15', '2013-11-01')).toBe(1 + 17 / 31);
    expect(monthsBetween('2013-09-15', '2013-09-15')).toBe(0);
  });
});

describe('calibrateReduction', () => {
  const result = calibrateReduction(cohort, cohortArrests, { referenceDate: REF });

  it('counts each person before and after joining, boundaries included where the method says', () => {
    expect(result.people.map((p) => [p.personId, p.beforeArrests, p.afterArrests])).toEqual([
      [1, 6, 2],
      [2, 4, 1],
      [3, 2, 0],
      [4, 0, 0],
    ]);
    expect(result.people[0]).toMatchObject({ beforeMonths: 12, afterMonths: 6, beforeRate: 0.5, afterRate: 2 / 6 });
    expect(result.people[3]!.reduction).toBeNull();
  });

  it('pools the cohort rates: 12 / 48 before, 3 / 24 after, a 50% reduction', () => {
    expect(result.before).toMatchObject({ arrests: 12, personMonths: 48, monthlyRate: 0.25 });
    expect(result.after).toMatchObject({ arrests: 3, personMonths: 24, monthlyRate: 0.125 });
    expect(result.rateRatio).toBe(0.5);
    expect(result.reduction).toBe(0.5);
    expect(result.before.working).toBe('0.25 = 12 arrests / 48 person-months in the 12 months before joining');
    expect(result.rateRatioWorking).toBe('0.5 = 0.125 / 0.25; reduction 0.5 (50%)');
  });

  it('gives the Poisson log-normal 95% interval', () => {
    const se = Math.sqrt(1 / 3 + 1 / 12);
    expect(result.poisson!.rateRatio.low).toBeCloseTo(0.5 * Math.exp(-Z_95 * se), 12);
    expect(result.poisson!.rateRatio.high).toBeCloseTo(0.5 * Math.exp(Z_95 * se), 12);
    expect(result.poisson!.rateRatio.low).toBeCloseTo(0.1411, 4);
    expect(result.poisson!.rateRatio.high).toBeCloseTo(1.7718, 4);
    expect(result.poisson!.reduction.low).toBeCloseTo(1 - 0.5 * Math.exp(Z_95 * se), 12);
    expect(result.poisson!.reduction.high).toBeCloseTo(1 - 0.5 * Math.exp(-Z_95 * se), 12);
    expect(result.bootstrap).toBeNull();
  });

  it('reports the mean of individual reductions over people with arrests before', () => {
    expect(result.meanIndividualReduction!.people).toBe(3);
    expect(result.meanIndividualReduction!.value).toBeCloseTo((1 / 3 + 1 / 2 + 1) / 3, 12);
  });

  it('suggests the pooled reduction clamped to 0…1', () => {
    const s = result.suggestedReductionRate!;
    expect(s.central).toBe(0.5);
    expect(s.low).toBe(0); // 1 − 1.77 is negative: the data cannot rule out no effect
    expect(s.high).toBeCloseTo(1 - 0.5 * Math.exp(-Z_95 * Math.sqrt(1 / 3 + 1 / 12)), 12);
    expect(s.basis).toBe('pooled 1 − RR with the Poisson 95% interval, clamped to 0…1');
  });

  it('agrees with the index version', () => {
    const index = buildArrestIndex(cohort, cohortArrests);
    const fromIndex = calibrateReductionFromIndex(cohort, index, { referenceDate: REF });
    expect(fromIndex.people).toEqual(result.people);
    expect(fromIndex.rateRatio).toBe(result.rateRatio);
  });
});

describe('windows cut at the reference date and people left out', () => {
  it('cuts the after window at the reference date and leaves out people who cannot be measured', () => {
    const people = [member(1, '2013-09-15'), member(2, null), member(3, '2013-11-01'), member(4, '2013-10-31')];
    const arrests = arrestsOn(1, ['2013-01-01', '2013-10-31', '2013-11-01']);
    const r = calibrateReduction(people, arrests, { referenceDate: REF });
    expect(r.people).toHaveLength(2);
    expect(r.people[0]).toMatchObject({ personId: 1, beforeArrests: 1, afterArrests: 1, afterMonths: 1 + 17 / 31 });
    expect(r.people[1]).toMatchObject({ personId: 4, afterMonths: 1 / 30 });
    expect(r.leftOut).toEqual([
      { personId: 2, reason: 'no cohort start date' },
      { personId: 3, reason: 'joins after the reference date 2013-10-31' },
    ]);
    const strict = calibrateReduction(people, arrests, { referenceDate: REF, minAfterMonths: 1 });
    expect(strict.people.map((p) => p.personId)).toEqual([1]);
  });

  it('has no rate ratio without arrests before, and corrects zero counts for the interval', () => {
    const none = calibrateReduction([member(1, START)], arrestsOn(1, ['2012-07-01']), { referenceDate: REF });
    expect(none.rateRatio).toBeNull();
    expect(none.poisson).toBeNull();
    expect(none.suggestedReductionRate).toBeNull();
    const zeroAfter = calibrateReduction([member(1, START)], arrestsOn(1, ['2012-01-01', '2012-02-01']), { referenceDate: REF });
    expect(zeroAfter.rateRatio).toBe(0);
    expect(zeroAfter.reduction).toBe(1);
    const se = Math.sqrt(1 / 0.5 + 1 / 2.5);
    const ratio = 0.5 / 6 / (2.5 / 12);
    expect(zeroAfter.poisson!.rateRatio.high).toBeCloseTo(ratio * Math.exp(Z_95 * se), 12);
    expect(zeroAfter.poisson!.rateRatio.working).toContain('(0.5 added to both counts)');
  });
});

describe('bootstrap', () => {
  const big = Array.from({ length: 60 }, (_, i) => member(i + 1, START));
  const arrests: AnalysisArrest[] = [];
  big.forEach((p, i) => {
    const before = i % 5; // 0…4 before
    const after = i % 3 === 0 ? Math.floor(before / 2) : 0;
    for (let k = 0; k < before; k++) arrests.push({ personId: p.id, date: `2011-${String(7 + k).padStart(2, '0')}-10`, offence: 'x', crimeType: 'other' });
    for (let k = 0; k < after; k++) arrests.push({ personId: p.id, date: `2012-${String(7 + k).padStart(2, '0')}-10`, offence: 'x', crimeType: 'other' });
  });

  it('is reproducible from its seed and brackets the pooled estimate', () => {
    const options = { referenceDate: REF, bootstrap: { iterations: 500, seed: 20131104 } };
    const a = calibrateReduction(big, arrests, options);
    const b = calibrateReduction(big, arrests, options);
    expect(a.bootstrap).toEqual(b.bootstrap);
    const c = calibrateReduction(big, arrests, { ...options, bootstrap: { iterations: 500, seed: 1 } });
    expect(c.bootstrap!.rateRatio.low).not.toBe(a.bootstrap!.rateRatio.low);
    const rr = a.rateRatio!;
    expect(a.bootstrap!.rateRatio.low).toBeLessThan(rr);
    expect(a.bootstrap!.rateRatio.high).toBeGreaterThan(rr);
    expect(a.bootstrap!.reduction.low).toBeCloseTo(1 - a.bootstrap!.rateRatio.high, 12);
    expect(a.suggestedReductionRate!.basis).toContain('bootstrap');
    expect(a.method).toContain('bootstrap (500 resamples, seed 20131104)');
  });

  it('refuses a bad iteration count', () => {
    expect(() => calibrateReduction(big, arrests, { referenceDate: REF, bootstrap: { iterations: 0, seed: 1 } })).toThrow();
  });
});

describe('helpers', () => {
  it('percentile interpolates between order statistics', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 12);
    expect(percentile([1, 2, 3, 4], 1)).toBe(4);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('mulberry32 repeats for a seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
