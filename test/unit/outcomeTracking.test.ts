import { describe, expect, it } from 'vitest';
import { type AnalysisArrest, CRIME_TYPE_CODE } from '../../shared/domain/analysisModel';
import { buildArrestIndex } from '../support/arrestIndex';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';
import { DEFAULT_SCENARIO, projectCohortFromIndex } from '../../shared/analysis/projection';
import { matchComparisonGroup } from '../../shared/tracking/comparisonMatching';
import { differenceInDifferences } from '../../shared/tracking/differenceInDifferences';
import { personFollowUp } from '../../shared/tracking/followUpCounts';
import { trackOutcomes } from '../../shared/tracking/outcomeTracking';
import { analysisPerson } from '../support/analysisPeople';
import { generateFollowUp, trackGeneratedFollowUp } from '../support/followUpGenerator';

function arrest(personId: number, date: string, crimeType: CrimeTypeId = 'shoplifting'): AnalysisArrest {
  return { personId, date, offence: crimeType, crimeType };
}

describe('one person before and after their start date', () => {
  const index = buildArrestIndex(
    [analysisPerson(1)],
    [
      arrest(1, '2013-02-28'), // before the 12 months: not counted
      arrest(1, '2013-03-01', 'robbery'), // first day of month −12
      arrest(1, '2014-02-28'), // last day before the start: month −1
      arrest(1, '2014-03-01', 'residential_burglary'), // the start day is month 0, "after"
      arrest(1, '2014-04-15'),
      arrest(1, '2014-04-20'), // after the data ends: not counted
    ],
  );

  it('counts the start day as after, cuts the after period at the last day of data, and keeps types', () => {
    const f = personFollowUp(index, 1, '2014-03-01', { beforeMonths: 12, afterMonths: 12, dataTo: '2014-04-15' }, new Map());
    expect(f.beforeArrests).toBe(2);
    expect(f.afterArrests).toBe(2);
    expect(f.monthly[0]).toBe(1);
    expect(f.monthly[11]).toBe(1);
    expect(f.monthly[12]).toBe(1);
    expect(f.monthly[13]).toBe(1);
    // March whole, then 15 of April's 30 days.
    expect(f.afterMonths).toBeCloseTo(1.5, 10);
    expect(f.exposure[13]).toBeCloseTo(0.5, 10);
    expect(f.exposure[14]).toBe(0);
    expect(f.beforeByType[CRIME_TYPE_CODE.robbery]).toBe(1);
    expect(f.afterByType[CRIME_TYPE_CODE.residential_burglary]).toBe(1);
  });
});

describe('the comparison group', () => {
  const window = { referenceDate: '2013-10-31', windowMonths: 24 };
  const people = [
    analysisPerson(1, { dob: '1990-01-01', flags: ['dtoa'] }), // member: 2 shoplifting, 1 robbery
    analysisPerson(2, { dob: '1991-06-01', flags: ['dtoa'] }), // same group and band, same counts: exact
    analysisPerson(3, { dob: '1990-01-01', flags: ['dtoa'] }), // same group and band, 3 shoplifting: distance 2
    analysisPerson(4, { dob: '1990-01-01', flags: [] }), // same counts but no priority group
    analysisPerson(5, { dob: '1990-01-01', flags: ['gangHigh'] }), // member with no one alike in its group
    analysisPerson(6, { dob: '1970-01-01', flags: ['dtoa'] }), // member, different band from everyone
    analysisPerson(7, { dob: '1990-02-02', flags: ['dtoa'] }), // member: 4 shoplifting; nearest is 3
  ];
  const index = buildArrestIndex(people, [
    arrest(1, '2013-01-01'), arrest(1, '2013-02-01'), arrest(1, '2013-03-01', 'robbery'),
    arrest(2, '2013-01-05'), arrest(2, '2013-02-05'), arrest(2, '2013-03-05', 'robbery'),
    arrest(3, '2013-01-05'), arrest(3, '2013-02-05'), arrest(3, '2013-03-05'),
    arrest(4, '2013-01-05'), arrest(4, '2013-02-05'), arrest(4, '2013-03-05', 'robbery'),
    arrest(5, '2013-01-05'),
    arrest(7, '2013-01-05'), arrest(7, '2013-02-05'), arrest(7, '2013-03-05'), arrest(7, '2013-04-05'),
  ]);
  const groups = ['dtoa', 'gangHigh'] as const;

  it('matches exactly where it can, else the nearest within the same priority group and age band, and names who could not be matched', () => {
    const { matches, summary } = matchComparisonGroup(index, window, groups, [1, 5, 6, 7], [2, 3, 4]);
    expect(matches).toEqual([
      { memberId: 1, comparisonId: 2, quality: 'exact', distance: 0 },
      { memberId: 7, comparisonId: 3, quality: 'nearest', distance: 1 },
    ]);
    expect(summary.unmatched.map((u) => u.personId)).toEqual([5, 6]);
    expect(summary.unmatched[0]!.reason).toMatch(/gangHigh/);
    expect(summary.unmatched[1]!.reason).toMatch(/35–44/);
    expect(summary.exact).toBe(1);
    expect(summary.nearest).toBe(1);
    expect(summary.balance[0]).toEqual({ crimeType: 'all', cohortMean: 3.5, comparisonMean: 3 });
  });

  it('never takes a member as a comparison', () => {
    const { matches } = matchComparisonGroup(index, window, groups, [1, 2], [2, 3]);
    expect(matches.map((m) => m.comparisonId)).toEqual([3, 3]);
  });
});

describe('the difference in differences', () => {
  it('takes the comparison’s change off the cohort’s, with its working', () => {
    // Cohort 1 → 0.5 arrests a month (12 in 12 months, 3 in 6); comparison 1 → 0.75 (12 in 12, 4.5 in 6).
    const effect = differenceInDifferences(
      [{ cohortBefore: 12, cohortBeforeMonths: 12, cohortAfter: 3, cohortAfterMonths: 6, comparisonBefore: 12, comparisonBeforeMonths: 12, comparisonAfter: 4.5, comparisonAfterMonths: 6 }],
      null,
    )!;
    expect(effect.cohort.beforeRate).toBe(1);
    expect(effect.cohort.afterRate).toBe(0.5);
    expect(effect.naiveReduction).toBe(0.5);
    expect(effect.comparison.reduction).toBe(0.25);
    expect(effect.difference).toBeCloseTo(-0.25, 12);
    expect(effect.counterfactualAfterRate).toBeCloseTo(0.75, 12);
    expect(effect.reduction).toBeCloseTo(1 / 3, 12);
    expect(effect.differenceWorking).toBe('-0.25 = (0.5 − 1) − (0.75 − 1) arrests a person-month: the cohort’s change less its comparison’s');
  });

  it('gives the same bootstrap interval for the same seed, and a different one for another', () => {
    const pairs = Array.from({ length: 40 }, (_, i) => ({ cohortBefore: 5 + (i % 7), cohortBeforeMonths: 12, cohortAfter: i % 5, cohortAfterMonths: 12, comparisonBefore: 5 + (i % 6), comparisonBeforeMonths: 12, comparisonAfter: 2 + (i % 4), comparisonAfterMonths: 12 }));
    const a = differenceInDifferences(pairs, { iterations: 300, seed: 1 })!.bootstrap!;
    const b = differenceInDifferences(pairs, { iterations: 300, seed: 1 })!.bootstrap!;
    const c = differenceInDifferences(pairs, { iterations: 300, seed: 2 })!.bootstrap!;
    expect(a).toEqual(b);
    expect(c.difference.low).not.toBe(a.difference.low);
    expect(a.difference.low).toBeLessThan(a.difference.high);
  });
});

describe('a generated follow-up with a known effect and regression to the mean', () => {
  const TRUE_REDUCTION = 0.3;
  for (const seed of [11, 12]) {
    it(`seed ${seed}: the before/after fall overstates the effect, the difference in differences recovers it within its interval`, () => {
      const data = generateFollowUp({ seed, people: 20_000, trueReduction: TRUE_REDUCTION });
      const result = trackGeneratedFollowUp(data, { bootstrap: { iterations: 400, seed: 2012 } });
      const effect = result.effect!;
      expect(result.people.length).toBeGreaterThan(500);
      expect(effect.pairs).toBe(result.people.length);
      const interval = effect.bootstrap!.reduction!;
      // The naive figure is well above the truth and above the whole interval.
      expect(effect.naiveReduction!).toBeGreaterThan(TRUE_REDUCTION + 0.1);
      expect(effect.naiveReduction!).toBeGreaterThan(interval.high);
      // The comparison group fell too: that is the regression to the mean.
      expect(effect.comparison.reduction!).toBeGreaterThan(0.1);
      expect(interval.low).toBeLessThanOrEqual(TRUE_REDUCTION);
      expect(interval.high).toBeGreaterThanOrEqual(TRUE_REDUCTION);
      expect(result.statement.join(' ')).toMatch(/regression to the mean/);
      expect(result.statement.join(' ')).toMatch(/Arrests are not convictions/);
    }, 60_000);
  }
});

describe('tracking a small cohort', () => {
  const people = [
    analysisPerson(1, { dob: '1990-01-01', flags: ['dtoa'], statutory: true }),
    analysisPerson(2, { dob: '1990-01-01', flags: ['dtoa'], statutory: false }),
    analysisPerson(3, { dob: '1990-01-01', flags: ['dtoa'] }),
    analysisPerson(4, { dob: '1990-01-01', flags: ['dtoa'] }),
  ];
  const arrests = [
    // In the window (to 2013-10-31) and the 12 months before a 2014-01-01 start.
    arrest(1, '2013-03-01', 'residential_burglary'), arrest(1, '2013-04-01', 'residential_burglary'), arrest(1, '2013-05-01'), arrest(1, '2014-02-01', 'residential_burglary'),
    arrest(2, '2013-06-01'), arrest(2, '2013-07-01'), arrest(2, '2013-08-01', 'robbery'),
    arrest(3, '2013-03-02', 'residential_burglary'), arrest(3, '2013-04-02', 'residential_burglary'), arrest(3, '2013-05-02'), arrest(3, '2014-03-01'), arrest(3, '2014-04-01'),
    arrest(4, '2013-06-02'), arrest(4, '2013-07-02'), arrest(4, '2013-08-02', 'robbery'), arrest(4, '2014-06-01'),
  ];
  const index = buildArrestIndex(people, arrests);
  const result = trackOutcomes(index, {
    scenario: DEFAULT_SCENARIO,
    members: [
      { personId: 1, startDate: '2014-01-01', exit: { date: '2014-06-30', reason: 'moved away' }, statutory: true },
      { personId: 2, startDate: '2014-01-01', exit: null, statutory: false },
      { personId: 9, startDate: null, exit: null, statutory: null },
    ],
    candidates: [3, 4],
    priorityGroups: ['dtoa'],
    dataTo: '2014-12-31',
    beforeMonths: 12,
    afterMonths: 12,
    bootstrap: null,
  });

  it('gives per person and per crime type counts, estimated offences at the scenario’s allegations, and the groups', () => {
    expect(result.leftOut).toEqual([{ personId: 9, reason: 'no start date' }]);
    expect(result.people.map((p) => [p.personId, p.beforeArrests, p.afterArrests, p.comparison?.personId, p.comparison?.quality])).toEqual([
      [1, 3, 1, 3, 'exact'],
      [2, 3, 0, 4, 'exact'],
    ]);
    expect(result.people[0]!.beforeOffencesPerMonth).toBeCloseTo((3 / 12) * 5, 12);
    const burglary = result.byCrimeType.find((c) => c.crimeType === 'residential_burglary')!;
    expect(burglary.cohort).toMatchObject({ people: 2, beforeArrests: 2, afterArrests: 1, beforePersonMonths: 24, afterPersonMonths: 24 });
    expect(burglary.cohort.afterOffencesPerMonth).toBeCloseTo((1 / 24) * 11.6, 12);
    expect(burglary.comparison).toMatchObject({ beforeArrests: 2, afterArrests: 0 });
    expect(result.byGroup.map((g) => [g.group, g.cohort.people, g.cohort.beforeArrests, g.cohort.afterArrests])).toEqual([
      ['statutory', 1, 3, 1],
      ['nonStatutory', 1, 3, 0],
      ['unknown', 0, 0, 0],
    ]);
    expect(result.exits).toBe(1);
    expect(result.monthly.relativeMonths[0]).toBe(-12);
    expect(result.monthly.cohort.arrests.reduce((a, b) => a + b, 0)).toBe(7);
    expect(result.monthly.comparison.arrests.reduce((a, b) => a + b, 0)).toBe(9);
  });

  it('sets the actual offences since joining against the projection the panel saw for the same people', () => {
    const projection = projectCohortFromIndex(DEFAULT_SCENARIO, index, [1, 2]);
    const all = result.projectedVsActual.find((r) => r.crimeType === 'all')!;
    expect(all.projectedAfter).toBe(projection.rows.find((r) => r.crimeType === 'all')!.offencesPerYearAfter);
    // 1 arrest in 24 person-months × 12 × 2 people × 5 allegations.
    expect(all.actualAfter).toBeCloseTo(5, 12);
    expect(all.difference).toBeCloseTo(5 - all.projectedAfter, 12);
    expect(all.working).toContain('actual 5 = 1 arrests / 24 person-months × 12 × 2 people × 5');
  });

  it('says in plain words that the numbers are small', () => {
    expect(result.statement.join(' ')).toMatch(/Small numbers: 2 matched pairs/);
  });
});
