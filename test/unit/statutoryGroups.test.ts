import { describe, expect, it } from 'vitest';
import { AgencySharesSchema, groupReductionRate, SEED_AGENCY_SHARES, SEED_GROUP_RATES, splitByAgency } from '../../shared/analysis/statutoryGroups';
import { checkStatutoryShare, combineGroupProjections } from '../../shared/analysis/statutoryProjection';
import { projectFromCounts, ScenarioSchema, SEED_STATUTORY_SCENARIO, type Scenario } from '../../shared/analysis/projection';

const ALL_ONLY: Scenario = { ...SEED_STATUTORY_SCENARIO, crimeTypes: SEED_STATUTORY_SCENARIO.crimeTypes.filter((c) => c.id === 'all'), groupRates: undefined, agencyShares: undefined };

describe('statutory and non-statutory rates (seed 000)', () => {
  it('turns 40% vs 55% and 30% vs 58% into reductions of 27.27% and 48.28%', () => {
    // By hand: 1 − 0.40 / 0.55 = 0.272727…; 1 − 0.30 / 0.58 = 0.482758…
    expect(groupReductionRate(SEED_GROUP_RATES, 'statutory').rate).toBeCloseTo(0.272727, 6);
    expect(groupReductionRate(SEED_GROUP_RATES, 'nonStatutory').rate).toBeCloseTo(0.482759, 6);
    expect(groupReductionRate(SEED_GROUP_RATES, 'statutory').working).toBe('27.27% = 1 − 40% / 55%');
    expect(ScenarioSchema.parse(SEED_STATUTORY_SCENARIO).groupRates?.source).toMatch(/^Seed 000/);
  });

  it('projects each group at its own rate and adds them up', () => {
    // 11 statutory arrests in 24 months → 5.5 a year × 5 = 27.5 offences × 27.27% = 7.5 fewer;
    // 3 non-statutory → 1.5 × 5 = 7.5 × 48.28% = 3.6207 fewer; together 11.1207.
    const statutory = projectFromCounts({ ...ALL_ONLY, reductionRate: groupReductionRate(SEED_GROUP_RATES, 'statutory').rate }, { all: 11, byType: {} });
    const nonStatutory = projectFromCounts({ ...ALL_ONLY, reductionRate: groupReductionRate(SEED_GROUP_RATES, 'nonStatutory').rate }, { all: 3, byType: {} });
    const split = combineGroupProjections(SEED_GROUP_RATES, { statutory, nonStatutory }, { statutory: 2, nonStatutory: 2, unknown: 0 });
    expect(split.groups.map((g) => g.rows[0]!.reductionPerYear)).toEqual([expect.closeTo(7.5, 9), expect.closeTo(3.62069, 5)]);
    expect(split.combined[0]!.reductionPerYear).toBeCloseTo(11.12069, 5);
    expect(split.combined[0]!.working).toBe('11.12 = 7.5 (statutory) + 3.62 (non-statutory)');
  });

  it('checks the statutory share against the caseload’s 55–60%', () => {
    expect(checkStatutoryShare(2, 2, 0)).toMatchObject({ share: 0.5, inBand: false });
    expect(checkStatutoryShare(2, 2, 0).text).toContain('below the existing caseload');
    expect(checkStatutoryShare(11, 9, 3)).toMatchObject({ share: 0.55, inBand: true });
    expect(checkStatutoryShare(57, 43, 0).inBand).toBe(true);
    expect(checkStatutoryShare(0, 0, 5)).toMatchObject({ share: null, inBand: null });
  });
});

describe('the cost saving by agency (seed 000)', () => {
  it('shares the saving as the seed’s IOM table does: Police 60.89%, Probation 7.34%, Prison 31.77%', () => {
    // 29,942 / 49,174 = 0.60890; 3,609 / 49,174 = 0.07339; 15,623 / 49,174 = 0.31771.
    const split = splitByAgency(49174, SEED_AGENCY_SHARES);
    expect(split.rows.map((r) => [r.agency, Math.round(r.saving)])).toEqual([
      ['Police', 29942],
      ['CPS', 0],
      ['Probation', 3609],
      ['Court', 0],
      ['Prison', 15623],
      ['Council', 0],
    ]);
    expect(split.rows[0]!.working).toBe('£29,942 = £49,174 × 60.89%');
  });

  it('refuses shares that do not add up to 100%', () => {
    const broken = { ...SEED_AGENCY_SHARES, shares: SEED_AGENCY_SHARES.shares.map((s) => (s.agency === 'Police' ? { ...s, share: 0.5 } : s)) };
    expect(AgencySharesSchema.safeParse(broken).success).toBe(false);
  });
});
