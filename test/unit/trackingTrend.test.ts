import { describe, expect, it } from 'vitest';
import { toCsv } from '../../shared/domain/chartCsv';
import type { MonthlySeries } from '../../shared/tracking/outcomeTracking';
import { relativeMonthLabel, TRACKING_TREND_ALPHA, trackingTrend, trackingTrendCsv } from '../../shared/tracking/trackingTrend';
import { generateFollowUp, trackGeneratedFollowUp } from '../support/followUpGenerator';

/** Two months before, three after; 4 matched pairs, the last starter's data ending early in month +1 and +2. */
function series(cohortArrests: number[], comparisonArrests: number[]): MonthlySeries {
  const personMonths = [4, 4, 4, 3, 1];
  return {
    relativeMonths: [-2, -1, 0, 1, 2],
    cohort: { arrests: cohortArrests, personMonths },
    comparison: { arrests: comparisonArrests, personMonths },
  };
}

describe('the cohort and comparison arrest-rate trend indexed to the start month', () => {
  it('smooths each rate with α and indexes the smoothed line to 100 at month 0 (hand-computed)', () => {
    const trend = trackingTrend(series([2, 8, 2, 3, 1], [2, 6, 0, 2, 0]), { alpha: 0.5 });
    expect(trend.pairs).toBe(4);
    const cohort = trend.months.map((m) => m.cohort);
    const comparison = trend.months.map((m) => m.comparison);
    // Cohort rates 2/4, 8/4, 2/4, 3/3 = 0.5, 2, 0.5, 1.
    // s: 0.5; 0.5×2 + 0.5×0.5 = 1.25; 0.5×0.5 + 0.5×1.25 = 0.875; 0.5×1 + 0.5×0.875 = 0.9375.
    expect(cohort.slice(0, 4).map((v) => v.rate)).toEqual([0.5, 2, 0.5, 1]);
    expect(cohort.slice(0, 4).map((v) => v.smoothedRate)).toEqual([0.5, 1.25, 0.875, 0.9375]);
    // Index = 100 × s / 0.875: 57.14, 142.86, 100, 107.14.
    const cohortIndex = cohort.slice(0, 4).map((v) => v.trendIndex!);
    expect(cohortIndex[0]).toBeCloseTo(57.142857, 5);
    expect(cohortIndex[1]).toBeCloseTo(142.857143, 5);
    expect(cohortIndex[2]).toBe(100);
    expect(cohortIndex[3]).toBeCloseTo(107.142857, 5);
    // Comparison: no arrests in the start month itself, yet a base (0.5) from the months before it.
    // Rates 0.5, 1.5, 0, 2/3; s 0.5, 1, 0.5, 0.58333; index 100, 200, 100, 116.67.
    expect(comparison[2]!.rate).toBe(0);
    expect(comparison.slice(0, 4).map((v) => v.trendIndex)).toEqual([100, 200, 100, expect.closeTo(116.666667, 5)]);
    expect(cohort[3]!.working?.smoothedRate).toBe('0.9375 = 0.5 × 1 + 0.5 × 0.875');
    expect(trend.method).toContain('s_k = 0.5 × rate_k + 0.5 × s_(k−1)');
  });

  it('leaves off the lines a month fewer than half the members have reached, keeping its counts', () => {
    const trend = trackingTrend(series([2, 8, 2, 3, 1], [2, 6, 0, 2, 0]), { alpha: 0.5 });
    // Month +2: 1 person-month of 4 = 25% coverage; month +1: 3 of 4 = 75%.
    expect(trend.months.map((m) => [m.label, m.coverage, m.onLines])).toEqual([
      ['−2', 1, true],
      ['−1', 1, true],
      ['Start', 1, true],
      ['+1', 0.75, true],
      ['+2', 0.25, false],
    ]);
    expect(trend.leftOff).toEqual([2]);
    expect(trend.months[4]!.cohort).toMatchObject({ arrests: 1, personMonths: 1, rate: 1, smoothedRate: null, trendIndex: null });
    expect(trend.series[0]!.points).toHaveLength(4);
    expect(trend.note.join(' ')).toContain('Months +2 are left off the lines: fewer than half the members have data');
  });

  it('states how far one arrest moves a line, and warns when the pairs are few', () => {
    const trend = trackingTrend(series([2, 8, 2, 3, 1], [2, 6, 0, 2, 0]), { alpha: 0.5 });
    // One arrest more in a month: the rate rises 1/4, the smoothed rate 0.5 × 1/4, the index 100 × 0.125 / 0.875 = 14.29.
    expect(trend.pointsPerArrest).toBeCloseTo(14.285714, 5);
    expect(trend.note.join(' ')).toContain('Small numbers: one arrest more in one month moves a line by about 14.3 index points; with 4 pairs the lines follow a few people');
    expect(trend.note.join(' ')).toContain('regression to the mean');
  });

  it('draws no line for a group without arrests up to its start month, and says why', () => {
    const trend = trackingTrend(series([2, 8, 2, 3, 1], [0, 0, 0, 2, 0]), { alpha: 0.5 });
    expect(trend.months.every((m) => m.comparison.trendIndex === null)).toBe(true);
    expect(trend.months[2]!.cohort.trendIndex).toBe(100);
    expect(trend.note.join(' ')).toContain('Comparison: no arrests up to the start month, so there is no base to index to and no line.');
    // Unsmoothed (α = 1), a start month without arrests is enough to leave a group without a base.
    const raw = trackingTrend(series([2, 8, 2, 3, 1], [2, 6, 0, 2, 0]), { alpha: 1 });
    expect(raw.months.map((m) => m.comparison.trendIndex)).toEqual([null, null, null, null, null]);
    expect(raw.months.map((m) => m.cohort.trendIndex)).toEqual([100, 400, 100, 200, null]);
    expect(raw.note.join(' ')).toContain('α = 1 is no smoothing');
    expect(raw.note.join(' ')).toContain('Comparison: no arrests in the start month, so there is no base to index to and no line.');
  });

  it('has nothing to draw without matched pairs', () => {
    const empty: MonthlySeries = { relativeMonths: [-1, 0], cohort: { arrests: [0, 0], personMonths: [0, 0] }, comparison: { arrests: [0, 0], personMonths: [0, 0] } };
    const trend = trackingTrend(empty);
    expect(trend.pairs).toBe(0);
    expect(trend.months).toEqual([]);
    expect(trend.series).toEqual([]);
    expect(trend.note).toEqual(['No member has a comparison person yet (no one followed, or no one alike on the long list), so there is no trend to draw.']);
  });

  it('smooths with the stated α = 0.3 unless asked otherwise', () => {
    expect(TRACKING_TREND_ALPHA).toBe(0.3);
    const trend = trackingTrend(series([2, 8, 2, 3, 1], [2, 6, 0, 2, 0]));
    // s: 0.5; 0.3×2 + 0.7×0.5 = 0.95; 0.3×0.5 + 0.7×0.95 = 0.815.
    expect(trend.months[2]!.cohort.smoothedRate).toBeCloseTo(0.815, 10);
    expect(trend.note[0]).toContain('α = 0.3');
  });

  it('labels months from the start and writes one CSV row per month and group, negative months as numbers', () => {
    expect([-3, 0, 5].map(relativeMonthLabel)).toEqual(['−3', 'Start', '+5']);
    const table = trackingTrendCsv(trackingTrend(series([2, 8, 2, 3, 1], [2, 6, 0, 2, 0]), { alpha: 0.5 }));
    expect(table.header).toEqual(['month from start', 'group', 'people', 'arrests', 'person-months', 'arrests per person-month', 'smoothed rate', 'trend index', 'on the chart']);
    expect(table.rows).toHaveLength(10);
    const text = toCsv(table, 'OFFICIAL-SENSITIVE').split('\r\n');
    expect(text[0]).toBe('OFFICIAL-SENSITIVE');
    expect(text[2]).toMatch(/^-2,Cohort,4,2,4,0\.5,0\.5,57\.142857\d*,yes$/);
    expect(text[7]).toBe('0,Comparison,4,0,4,0,0.5,100,yes');
    expect(text[10]).toBe('2,Cohort,4,1,1,1,,,no');
  });
});

describe('the trend of a generated follow-up with a known effect', () => {
  it('puts the cohort below its comparison a year after the start, both falling from the peak they were picked at', () => {
    const data = generateFollowUp({ seed: 11, people: 20_000, trueReduction: 0.3 });
    const result = trackGeneratedFollowUp(data);
    const trend = trackingTrend(result.monthly);
    expect(trend.pairs).toBe(result.effect!.pairs);
    const [cohort, comparison] = trend.series;
    const lastOnLines = cohort!.points.length - 1;
    expect(lastOnLines).toBeGreaterThan(12);
    // Regression to the mean: the comparison falls below its start level too.
    expect(comparison!.points[lastOnLines]!.trendIndex!).toBeLessThan(100);
    // The effect: the cohort falls further.
    expect(cohort!.points[lastOnLines]!.trendIndex!).toBeLessThan(comparison!.points[lastOnLines]!.trendIndex!);
  }, 60_000);
});
