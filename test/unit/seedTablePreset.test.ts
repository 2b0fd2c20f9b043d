import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, projectFromCounts, SCENARIO_PRESETS, SEED_TABLE_SCENARIO, type ProjectionResult } from '../../shared/analysis/projection';

/** The seed's counts (004): 973 arrests in 24 months, 44 residential burglary, 87 robbery. */
const SEED_COUNTS = { all: 973, byType: { residential_burglary: 44, robbery: 87 }, people: 170, arrestedPeople: 170 };

function row(result: ProjectionResult, id: string) {
  const found = result.rows.find((r) => r.crimeType === id);
  if (!found) throw new Error(`no ${id} row`);
  return found;
}

const oneDecimal = (v: number) => Number(v.toFixed(1));

describe('the seed table preset, "as the seed computed it"', () => {
  const seed = projectFromCounts(SEED_TABLE_SCENARIO, SEED_COUNTS);
  const byDefault = projectFromCounts(DEFAULT_SCENARIO, SEED_COUNTS);

  it('uses 884 / 2432.5 = 36.34% and says so', () => {
    expect(seed.reductionRate.central).toBeCloseTo(0.363412, 6);
    expect(seed.reductionRateUsed).toMatch(/^36\.34%: As the seed computed it: 884 \/ 2432\.5/);
    expect(byDefault.reductionRateUsed).toMatch(/^36% \(low 30%, high 43%\): Default: 36% \(004/);
  });

  // Checked by hand: 2432.5 × 884/2432.5 = 884, 2432.5 − 884 = 1548.5; 255.2 × 0.363412 = 92.74,
  // 255.2 − 92.74 = 162.46; 130.5 × 0.363412 = 47.43, 130.5 − 47.43 = 83.07.
  it('reproduces the after-IOM rows 1,548.5 / 162.5 / 83.1 and 884 / 92.7 / 47.4 fewer', () => {
    expect([row(seed, 'all'), row(seed, 'residential_burglary'), row(seed, 'robbery')].map((r) => oneDecimal(r.offencesPerYearAfter))).toEqual([1548.5, 162.5, 83.1]);
    expect([row(seed, 'all'), row(seed, 'residential_burglary'), row(seed, 'robbery')].map((r) => oneDecimal(r.reductionPerYear))).toEqual([884, 92.7, 47.4]);
  });

  // 884 / 23,300 = 3.79%; 92.74 / 3,000 = 3.09%; 47.43 / 885 = 5.36%.
  it('gives 3.8 / 3.1 / 5.4% of borough crime', () => {
    expect(['all', 'residential_burglary', 'robbery'].map((id) => oneDecimal(row(seed, id).shareOfBorough! * 100))).toEqual([3.8, 3.1, 5.4]);
  });

  // At 36%: 2432.5 × 0.64 = 1556.8; 255.2 × 0.64 = 163.328; 130.5 × 0.64 = 83.52.
  it('leaves the 36% default beside it at 1,556.8 / 163.3 / 83.5', () => {
    expect(['all', 'residential_burglary', 'robbery'].map((id) => oneDecimal(row(byDefault, id).offencesPerYearAfter))).toEqual([1556.8, 163.3, 83.5]);
  });

  it('offers both as presets, each with its source', () => {
    expect(SCENARIO_PRESETS.map((p) => p.scenario.reductionRateSource?.length ?? 0).every((n) => n > 20)).toBe(true);
    expect(SCENARIO_PRESETS.map((p) => p.id)).toEqual(['default', 'seedTable', 'statutory']);
  });
});
