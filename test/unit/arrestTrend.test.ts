import { describe, expect, it } from 'vitest';
import {
  addMonthsToMonth,
  arrestTrend,
  exponentialSmoothing,
  fixedGroupExposure,
  monthlyArrestCounts,
  monthRange,
  MonthlyTrendRequestSchema,
} from '../../shared/analysis/arrestTrend';
import { type AnalysisArrest, type AnalysisPerson } from '../../shared/domain/analysisModel';
import { buildArrestIndex } from '../support/arrestIndex';
import { analysisPerson } from '../support/analysisPeople';

const person = (id: number): AnalysisPerson => analysisPerson(id);

describe('calendar months', () => {
  it('lists the months from the first to the last inclusive, across a year end', () => {
    expect(monthRange('2012-11', '2013-02')).toEqual(['2012-11', '2012-12', '2013-01', '2013-02']);
    expect(monthRange('2013-02', '2013-02')).toEqual(['2013-02']);
    expect(monthRange('2013-03', '2013-02')).toEqual([]);
    expect(addMonthsToMonth('2013-10', -23)).toBe('2011-11');
    expect(addMonthsToMonth('2012-12', 1)).toBe('2013-01');
  });
});

describe('exponential smoothing', () => {
  it('starts from the first value and blends each next one by α', () => {
    // s = 10; 0.5 × 20 + 0.5 × 10 = 15; 0.5 × 30 + 0.5 × 15 = 22.5
    expect(exponentialSmoothing([10, 20, 30], 0.5)).toEqual([10, 15, 22.5]);
    // α = 1 is no smoothing at all.
    expect(exponentialSmoothing([3, 1, 4], 1)).toEqual([3, 1, 4]);
    // 0.25 × 8 + 0.75 × 4 = 5
    expect(exponentialSmoothing([4, 8], 0.25)).toEqual([4, 5]);
  });

  it('carries the trend through months without a value', () => {
    expect(exponentialSmoothing([null, 4, null, 8], 0.5)).toEqual([null, 4, 4, 6]);
  });

  it('refuses an α outside (0, 1]', () => {
    expect(() => exponentialSmoothing([1], 0)).toThrow(/α/);
    expect(() => exponentialSmoothing([1], 1.5)).toThrow(/α/);
  });
});

describe('arrest-rate trend indexed to a base month', () => {
  const months = ['2012-05', '2012-06', '2012-07', '2012-08'];

  it('gives the rate per person-month, its index, the smoothed rate and the trend index, with the working', () => {
    const trend = arrestTrend(
      [{ name: 'Cohort', people: 4, arrests: [2, 4, 1, 0], personMonths: fixedGroupExposure(4, 4) }],
      months,
      { baseMonth: '2012-06', alpha: 0.5 },
    );
    const [series] = trend.series;
    expect(series!.problem).toBeNull();
    expect(series!.arrests).toBe(7);
    // rates 2/4, 4/4, 1/4, 0/4
    expect(series!.points.map((p) => p.rate)).toEqual([0.5, 1, 0.25, 0]);
    // index = 100 × rate / 1
    expect(series!.points.map((p) => p.index)).toEqual([50, 100, 25, 0]);
    // s: 0.5; 0.5 × 1 + 0.5 × 0.5 = 0.75; 0.5 × 0.25 + 0.5 × 0.75 = 0.5; 0.5 × 0 + 0.5 × 0.5 = 0.25
    expect(series!.points.map((p) => p.smoothedRate)).toEqual([0.5, 0.75, 0.5, 0.25]);
    expect(series!.baseRate).toBe(1);
    expect(series!.baseSmoothedRate).toBe(0.75);
    // trend index = 100 × s / 0.75: 66.67, 100, 66.67, 33.33
    const trendIndex = series!.points.map((p) => p.trendIndex!);
    expect(trendIndex[0]).toBeCloseTo(200 / 3, 12);
    expect(trendIndex[1]).toBe(100);
    expect(trendIndex[2]).toBeCloseTo(200 / 3, 12);
    expect(trendIndex[3]).toBeCloseTo(100 / 3, 12);

    const july = series!.points[2]!;
    expect(july.working.rate).toBe('0.25 = 1 / 4');
    expect(july.working.index).toBe('25 = 100 × 0.25 / 1');
    expect(july.working.smoothedRate).toBe('0.5 = 0.5 × 0.25 + 0.5 × 0.75');
    expect(july.working.trendIndex).toBe('66.66666667 = 100 × 0.5 / 0.75');
    expect(series!.points[0]!.working.smoothedRate).toBe('0.5 (first month: the rate itself)');
    expect(trend.method).toContain('2012-06');
  });

  it('compares groups of different sizes on the same footing', () => {
    const trend = arrestTrend(
      [
        { name: 'Cohort', people: 10, arrests: [20, 20, 10, 10], personMonths: fixedGroupExposure(10, 4) },
        { name: 'Everyone else', people: 100, arrests: [50, 50, 50, 50], personMonths: fixedGroupExposure(100, 4) },
      ],
      months,
      { baseMonth: '2012-05', alpha: 1 },
    );
    expect(trend.series[0]!.points.map((p) => p.index)).toEqual([100, 100, 50, 50]);
    expect(trend.series[1]!.points.map((p) => p.index)).toEqual([100, 100, 100, 100]);
    // With α = 1 the trend is the index itself.
    expect(trend.series[0]!.points.map((p) => p.trendIndex)).toEqual([100, 100, 50, 50]);
  });

  it('cannot index to a base month without arrests, and says so', () => {
    const trend = arrestTrend([{ name: 'Cohort', people: 3, arrests: [0, 0, 3, 3], personMonths: fixedGroupExposure(3, 4) }], months, { baseMonth: '2012-06', alpha: 0.5 });
    const series = trend.series[0]!;
    expect(series.points.every((p) => p.index === null && p.trendIndex === null)).toBe(true);
    expect(series.points[2]!.rate).toBe(1);
    expect(series.problem).toMatch(/no arrests in the base month 2012-06/);
  });

  it('has no rate for an empty group', () => {
    const trend = arrestTrend([{ name: 'Nobody', people: 0, arrests: [0, 0, 0, 0], personMonths: fixedGroupExposure(0, 4) }], months, { baseMonth: '2012-06', alpha: 0.5 });
    expect(trend.series[0]!.points.every((p) => p.rate === null)).toBe(true);
    expect(trend.series[0]!.problem).toBe('no people in this group');
  });

  it('refuses a base month outside the months and misaligned inputs', () => {
    expect(() => arrestTrend([], months, { baseMonth: '2013-01', alpha: 0.5 })).toThrow(/base month/);
    expect(() => arrestTrend([{ name: 'x', people: 1, arrests: [1], personMonths: [1] }], months, { baseMonth: '2012-05', alpha: 0.5 })).toThrow(/one value per month/);
  });
});

describe('monthly arrest counts from the arrest index', () => {
  const people = [person(1), person(2), person(3)];
  const arrests: AnalysisArrest[] = [
    { personId: 1, date: '2012-04-30', offence: 'x', crimeType: 'robbery' }, // before the months
    { personId: 1, date: '2012-05-01', offence: 'x', crimeType: 'robbery' },
    { personId: 1, date: '2012-05-31', offence: 'x', crimeType: 'residential_burglary' },
    { personId: 1, date: '2012-06-01', offence: 'x', crimeType: 'robbery' },
    { personId: 2, date: '2012-08-31', offence: 'x', crimeType: 'residential_burglary' },
    { personId: 2, date: '2012-09-01', offence: 'x', crimeType: 'robbery' }, // after the months
    { personId: 3, date: '2012-07-15', offence: 'x', crimeType: 'robbery' },
  ];
  const index = buildArrestIndex(people, arrests);
  const months = monthRange('2012-05', '2012-08');

  it('counts each arrest in its calendar month, first and last days included', () => {
    expect(monthlyArrestCounts(index, [1, 2], months)).toEqual({ people: 2, arrests: [2, 1, 0, 1] });
  });

  it('counts one crime type only when asked', () => {
    expect(monthlyArrestCounts(index, [1, 2, 3], months, 'robbery')).toEqual({ people: 3, arrests: [1, 1, 1, 0] });
  });

  it('counts a repeated id once, and an unknown id as a person without arrests', () => {
    expect(monthlyArrestCounts(index, [3, 3, 99], months)).toEqual({ people: 2, arrests: [0, 0, 1, 0] });
  });
});

describe('the monthly trend request', () => {
  const valid = { cohort: 'shortlist', comparison: 'longList', fromMonth: '2011-11', toMonth: '2013-10', baseMonth: '2012-06', alpha: 0.3 };

  it('accepts a base month inside the range and defaults to all crime', () => {
    expect(MonthlyTrendRequestSchema.parse(valid).crimeType).toBe('all');
  });

  it('refuses a base month outside the range, reversed months, α of 0 and unknown keys', () => {
    expect(MonthlyTrendRequestSchema.safeParse({ ...valid, baseMonth: '2011-10' }).success).toBe(false);
    expect(MonthlyTrendRequestSchema.safeParse({ ...valid, fromMonth: '2013-11' }).success).toBe(false);
    expect(MonthlyTrendRequestSchema.safeParse({ ...valid, alpha: 0 }).success).toBe(false);
    expect(MonthlyTrendRequestSchema.safeParse({ ...valid, toMonth: '2013-13' }).success).toBe(false);
    expect(MonthlyTrendRequestSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
  });
});
