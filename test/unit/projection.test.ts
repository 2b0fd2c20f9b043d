import { describe, expect, it } from 'vitest';
import { type AnalysisArrest, type AnalysisPerson, dayNumber, isInWindow, isoFromDayNumber, populationCounts, windowFirstDay, windowStartExclusive, workingNumber } from '../../shared/domain/analysisModel';
import { analysisPerson } from '../support/analysisPeople';
import { buildArrestIndex } from '../support/arrestIndex';
import { countArrestsInWindow, projectCohort } from '../support/plainProjection';
import { SEED_PROJECTION_TABLE } from '../support/seedProjectionTable';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';
import {
  DEFAULT_SCENARIO,
  SEED_BOROUGH_OFFENCES_PER_YEAR,
  SEED_IMPLIED_REDUCTION_RATE,
  ScenarioSchema,
  attributionEstimate,
  compareScenarios,
  projectCohortFromIndex,
  projectFromCounts,
  type ProjectionRow,
  type Scenario,
} from '../../shared/analysis/projection';

function person(id: number): AnalysisPerson {
  return analysisPerson(id, { surname: `Surname${id}`, forenames: 'Test', borough: 'Barnet', livesInBorough: true });
}

const WINDOW = { referenceDate: '2013-10-31', windowMonths: 24 };
const FIRST = dayNumber('2011-11-01');
const LAST = dayNumber('2013-10-31');

/**
 * A synthetic 170-person cohort shaped like the seed: in the 24 months to 2013-10-31, 973 arrests,
 * of which 44 residential burglary and 87 robbery; plus arrests just outside the window that must
 * never count.
 */
function seedShapedCohort(): { people: AnalysisPerson[]; arrests: AnalysisArrest[] } {
  const people = Array.from({ length: 170 }, (_, i) => person(i + 1));
  const arrests: AnalysisArrest[] = [];
  const others: CrimeTypeId[] = ['violence', 'drugs', 'shoplifting', 'vehicle_crime', 'theft_from_person', 'criminal_damage', 'other'];
  const span = LAST - FIRST;
  for (let k = 0; k < 973; k++) {
    const crimeType: CrimeTypeId = k < 44 ? 'residential_burglary' : k < 44 + 87 ? 'robbery' : others[k % others.length]!;
    arrests.push({
      personId: (k * 37) % 170 + 1,
      date: isoFromDayNumber(FIRST + ((k * 7919) % (span + 1))),
      offence: crimeType,
      crimeType,
    });
  }
  arrests.push({ personId: 1, date: '2011-10-31', offence: 'burglary', crimeType: 'residential_burglary' });
  arrests.push({ personId: 2, date: '2013-11-01', offence: 'robbery', crimeType: 'robbery' });
  arrests.push({ personId: 3, date: '2009-01-01', offence: 'robbery', crimeType: 'robbery' });
  return { people, arrests };
}

function seedScenario(reductionRate: number): Scenario {
  return { ...DEFAULT_SCENARIO, name: `seed at ${reductionRate}`, reductionRate };
}

function row(rows: readonly ProjectionRow[], id: string): ProjectionRow {
  const found = rows.find((r) => r.crimeType === id);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

describe('window', () => {
  it('2013-10-31 with 24 months counts 2011-11-01 … 2013-10-31 inclusive', () => {
    expect(windowStartExclusive(WINDOW)).toBe('2011-10-31');
    expect(windowFirstDay(WINDOW)).toBe('2011-11-01');
    expect(isInWindow('2011-10-31', WINDOW)).toBe(false);
    expect(isInWindow('2011-11-01', WINDOW)).toBe(true);
    expect(isInWindow('2013-10-31', WINDOW)).toBe(true);
    expect(isInWindow('2013-11-01', WINDOW)).toBe(false);
  });

  it('the index counts the same boundaries as the plain list', () => {
    const people = [person(1)];
    const arrests: AnalysisArrest[] = ['2011-10-31', '2011-11-01', '2012-06-15', '2013-10-31', '2013-11-01'].map((date) => ({
      personId: 1,
      date,
      offence: 'x',
      crimeType: 'other',
    }));
    const index = buildArrestIndex(people, arrests);
    expect(populationCounts(index, WINDOW, 'all').all).toBe(3);
    expect(countArrestsInWindow(arrests, WINDOW).all).toBe(3);
  });

  it('day numbers round-trip', () => {
    for (const d of ['1970-01-01', '2000-02-29', '2011-11-01', '1899-12-31', '2013-10-31']) {
      expect(isoFromDayNumber(dayNumber(d))).toBe(d);
    }
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(() => dayNumber('2013-02-29')).toThrow();
  });

  it('workingNumber hides floating-point noise', () => {
    expect(workingNumber(22 * 11.6)).toBe('255.2');
    expect(workingNumber(486.5)).toBe('486.5');
    expect(workingNumber(973)).toBe('973');
  });
});

describe('seed reproduction (004, "Estimating the impact of cohort expansion")', () => {
  const { people, arrests } = seedShapedCohort();
  const result = projectCohort(seedScenario(SEED_IMPLIED_REDUCTION_RATE), arrests);
  const all = row(result.rows, 'all');
  const burglary = row(result.rows, 'residential_burglary');
  const robbery = row(result.rows, 'robbery');

  it('counts 973, 44 and 87 arrests in the window', () => {
    expect([all.arrests, burglary.arrests, robbery.arrests]).toEqual([973, 44, 87]);
    expect(result.windowFirstDay).toBe('2011-11-01');
  });

  it('gives 486.5, 22 and 43.5 arrests a year (the seed prints 24 for burglary: a typo)', () => {
    expect(all.arrestsPerYear).toBe(486.5);
    expect(burglary.arrestsPerYear).toBe(22);
    expect(robbery.arrestsPerYear).toBe(43.5);
    expect(SEED_PROJECTION_TABLE.rows.residential_burglary.printedArrestsPerYear).toBe(24);
    expect(burglary.offencesPerYear / burglary.allegationsPerArrest).toBeCloseTo(22, 12);
  });

  it('gives 2432.5, 255.2 and 130.5 offences a year', () => {
    expect(all.offencesPerYear).toBe(2432.5);
    expect(burglary.offencesPerYear).toBeCloseTo(255.2, 10);
    expect(robbery.offencesPerYear).toBe(130.5);
  });

  it('shows the working with the numbers put in', () => {
    expect(all.working.arrestsPerYear).toBe('486.5 = 973 × 12 / 24');
    expect(all.working.offencesPerYear).toBe('2,432.5 = 486.5 × 5');
    expect(burglary.working.arrestsPerYear).toBe('22 = 44 × 12 / 24');
    expect(burglary.working.offencesPerYear).toBe('255.2 = 22 × 11.6');
    expect(robbery.working.offencesPerYear).toBe('130.5 = 43.5 × 3');
    expect(all.working.reductionPerYear).toBe('884 = 2,432.5 × 36.34%');
    expect(all.working.offencesPerYearAfter).toBe('1,548.5 = 2,432.5 − 884');
    expect(all.working.arrests).toBe('973 arrests of any type in 1 Nov 2011 to 31 Oct 2013 (24 months)');
    expect(burglary.working.arrests).toBe('44 arrests classified as Residential burglary in 1 Nov 2011 to 31 Oct 2013 (24 months)');
  });

  it('reproduces the reduction row 884 / 93 / 48 and the after row 1548 / 162 / 83', () => {
    expect(all.reductionPerYear).toBeCloseTo(884, 9);
    // 255.2 × 884 / 2432.5 = 92.7428 and 130.5 × 884 / 2432.5 = 47.4253
    expect(burglary.reductionPerYear).toBeCloseTo((255.2 * 884) / 2432.5, 9);
    expect(burglary.reductionPerYear).toBeCloseTo(92.7428, 4);
    expect(robbery.reductionPerYear).toBeCloseTo(47.4253, 4);
    expect(all.offencesPerYearAfter).toBeCloseTo(1548.5, 9);
    expect(burglary.offencesPerYearAfter).toBeCloseTo(162.4572, 4);
    expect(robbery.offencesPerYearAfter).toBeCloseTo(83.0747, 4);

    const seed = SEED_PROJECTION_TABLE.rows;
    expect(Math.round(all.reductionPerYear)).toBe(seed.all.reductionPerYear);
    expect(Math.round(burglary.reductionPerYear)).toBe(seed.residential_burglary.reductionPerYear);
    expect(Math.round(burglary.offencesPerYearAfter)).toBe(seed.residential_burglary.offencesPerYearAfter);
    expect(Math.round(robbery.offencesPerYearAfter)).toBe(seed.robbery.offencesPerYearAfter);
    // 1548.5 exactly: the seed shows 1548 (rounded down); never more than half an offence away.
    expect(Math.abs(all.offencesPerYearAfter - seed.all.offencesPerYearAfter)).toBeLessThanOrEqual(0.5);
    // The seed's robbery reduction is its rounded after-figure taken from the offences: 130.5 − 83 = 47.5 → 48.
    expect(Math.round(robbery.offencesPerYear - Math.round(robbery.offencesPerYearAfter))).toBe(seed.robbery.reductionPerYear);
    expect(Math.abs(robbery.reductionPerYear - seed.robbery.reductionPerYear)).toBeLessThan(0.6);
  });

  it('reproduces the shares of borough crime 3.8% / 3.1% / 5.4%', () => {
    const percent = (r: ProjectionRow): number => Math.round((r.shareOfBorough ?? NaN) * 1000) / 10;
    expect(percent(all)).toBe(3.8);
    expect(percent(burglary)).toBe(3.1);
    expect(percent(robbery)).toBe(5.4);
    expect(all.shareOfBorough).toBeCloseTo(884 / 23300, 12);
    expect(all.working.shareOfBorough).toBe('3.79% = 884 / 23,300');
    // The printed (rounded) reductions give the same percentages with these denominators.
    expect(Math.round((93 / SEED_BOROUGH_OFFENCES_PER_YEAR.residential_burglary) * 1000) / 10).toBe(3.1);
    expect(Math.round((48 / SEED_BOROUGH_OFFENCES_PER_YEAR.robbery) * 1000) / 10).toBe(5.4);
  });

  it('the index path gives the same rows for the 170 people', () => {
    const index = buildArrestIndex(people, arrests);
    const fromIndex = projectCohortFromIndex(
      seedScenario(SEED_IMPLIED_REDUCTION_RATE),
      index,
      people.map((p) => p.id),
    );
    expect(fromIndex.rows).toEqual(result.rows);
    expect(fromIndex.people).toBe(170);
    expect(fromIndex.arrestedPeople).toBe(170);
  });
});

describe('DEFAULT_SCENARIO (central 36%, low 30%, high 43%)', () => {
  const result = projectFromCounts(DEFAULT_SCENARIO, { all: 973, byType: { residential_burglary: 44, robbery: 87 } });
  const all = row(result.rows, 'all');
  const burglary = row(result.rows, 'residential_burglary');
  const robbery = row(result.rows, 'robbery');

  it('is a valid scenario', () => {
    expect(ScenarioSchema.safeParse(DEFAULT_SCENARIO).success).toBe(true);
    expect(result.reductionRate).toEqual({ low: 0.3, central: 0.36, high: 0.43 });
  });

  it('uses the central rate for the central figures', () => {
    expect(all.reductionPerYear).toBeCloseTo(875.7, 9);
    expect(all.offencesPerYearAfter).toBeCloseTo(1556.8, 9);
    expect(burglary.reductionPerYear).toBeCloseTo(91.872, 9);
    expect(robbery.reductionPerYear).toBeCloseTo(46.98, 9);
  });

  it('gives low/high ranges with their working', () => {
    const r = all.ranges.reductionPerYear!;
    expect(r.low).toBeCloseTo(729.75, 9);
    expect(r.high).toBeCloseTo(1045.975, 9);
    expect(r.lowWorking).toBe('729.75 = 2,432.5 × 30%');
    expect(r.highWorking).toBe('1,045.98 = 2,432.5 × 43%');
    const after = all.ranges.offencesPerYearAfter!;
    expect(after.low).toBeCloseTo(1386.525, 9);
    expect(after.high).toBeCloseTo(1702.75, 9);
    expect(all.ranges.offencesPerYear).toBeUndefined();
    expect(all.ranges.shareOfBorough!.low).toBeCloseTo(729.75 / 23300, 12);
  });

  it('costs the burglary and robbery reductions at the Home Office unit costs', () => {
    expect(burglary.unitCost).toBe(5930);
    expect(robbery.unitCost).toBe(11320);
    expect(burglary.costSavingPerYear).toBeCloseTo(91.872 * 5930, 6);
    expect(robbery.costSavingPerYear).toBeCloseTo(46.98 * 11320, 6);
    expect(burglary.working.costSavingPerYear).toBe('£544,801 = 91.87 × £5,930');
    expect(all.costSavingPerYear).toBeNull();
    expect(all.working.costSavingPerYear).toBeNull();
    expect(result.totalCostSavingPerYear!.value).toBeCloseTo(544800.96 + 531813.6, 6);
    expect(result.totalCostSavingPerYear!.low).toBeCloseTo((91.872 * 5930 + 46.98 * 11320) * (0.3 / 0.36), 6);
  });
});

describe('scenario schema and options', () => {
  it('accepts the DESIGN.md JSON as it stands (plain numbers, no unit cost)', () => {
    const json = {
      name: 'plain',
      referenceDate: '2013-10-31',
      windowMonths: 24,
      reductionRate: 0.36,
      crimeTypes: [{ id: 'all', label: 'All crime', allegationsPerArrest: 5, boroughOffencesPerYear: 24000 }],
    };
    const parsed = ScenarioSchema.parse(json);
    const r = projectFromCounts(parsed, { all: 10, byType: {} }).rows[0]!;
    expect(r.costSavingPerYear).toBeNull();
    expect(r.ranges).toEqual({});
    expect(r.reductionPerYear).toBeCloseTo(5 * 5 * 0.36, 12);
  });

  it('gives no share without a borough figure', () => {
    const s: Scenario = {
      ...DEFAULT_SCENARIO,
      reductionRate: 0.5,
      crimeTypes: [{ id: 'drugs', label: 'Drugs', allegationsPerArrest: 1, boroughOffencesPerYear: null }],
    };
    const r = projectFromCounts(s, { all: 99, byType: { drugs: 4 } }).rows[0]!;
    expect(r).toMatchObject({ arrests: 4, arrestsPerYear: 2, offencesPerYear: 2, reductionPerYear: 1, shareOfBorough: null });
    expect(r.working.shareOfBorough).toBeNull();
  });

  it('spreads an allegations range into offences, reductions and costs', () => {
    const s: Scenario = {
      ...DEFAULT_SCENARIO,
      windowMonths: 12,
      reductionRate: { low: 0.2, central: 0.3, high: 0.4 },
      crimeTypes: [
        { id: 'robbery', label: 'Robbery', allegationsPerArrest: { low: 2, central: 3, high: 4 }, boroughOffencesPerYear: 1000, unitCost: 100 },
      ],
    };
    const r = projectFromCounts(s, { all: 10, byType: { robbery: 10 } }).rows[0]!;
    expect(r.offencesPerYear).toBe(30);
    expect(r.ranges.offencesPerYear).toMatchObject({ low: 20, high: 40, lowWorking: '20 = 10 × 2', highWorking: '40 = 10 × 4' });
    expect(r.ranges.reductionPerYear!.low).toBeCloseTo(4, 12);
    expect(r.ranges.reductionPerYear!.high).toBeCloseTo(16, 12);
    expect(r.ranges.offencesPerYearAfter!.low).toBeCloseTo(20 * 0.6, 12);
    expect(r.ranges.offencesPerYearAfter!.high).toBeCloseTo(40 * 0.8, 12);
    expect(r.ranges.costSavingPerYear!.high).toBeCloseTo(1600, 9);
  });

  it('rejects bad scenarios', () => {
    const bad = (patch: Record<string, unknown>): boolean => !ScenarioSchema.safeParse({ ...DEFAULT_SCENARIO, ...patch }).success;
    expect(bad({ reductionRate: 1.2 })).toBe(true);
    expect(bad({ reductionRate: { low: 0.4, central: 0.3, high: 0.5 } })).toBe(true);
    expect(bad({ referenceDate: '31/10/2013' })).toBe(true);
    expect(bad({ windowMonths: 0 })).toBe(true);
    expect(bad({ crimeTypes: [DEFAULT_SCENARIO.crimeTypes[0], DEFAULT_SCENARIO.crimeTypes[0]] })).toBe(true);
    expect(bad({ crimeTypes: [{ id: 'burglary', label: 'x', allegationsPerArrest: 1 }] })).toBe(true);
  });

  it('a different window changes which arrests count', () => {
    const arrests: AnalysisArrest[] = [
      { personId: 1, date: '2013-01-15', offence: 'x', crimeType: 'robbery' },
      { personId: 1, date: '2012-06-15', offence: 'x', crimeType: 'robbery' },
    ];
    const twelve = projectCohort({ ...DEFAULT_SCENARIO, windowMonths: 12 }, arrests);
    expect(row(twelve.rows, 'robbery').arrests).toBe(1);
    expect(row(twelve.rows, 'robbery').arrestsPerYear).toBe(1);
  });
});

describe('compareScenarios', () => {
  it('lines up crime types across scenarios with differences from the first', () => {
    const counts = { all: 973, byType: { residential_burglary: 44, robbery: 87 } };
    const central = projectFromCounts({ ...DEFAULT_SCENARIO, name: 'central', reductionRate: 0.36 }, counts);
    const high = projectFromCounts(
      { ...DEFAULT_SCENARIO, name: 'high', reductionRate: 0.43, crimeTypes: DEFAULT_SCENARIO.crimeTypes.slice(0, 2) },
      counts,
    );
    const c = compareScenarios([central, high]);
    expect(c.scenarios).toEqual(['central', 'high']);
    expect(c.rows.map((r) => r.crimeType)).toEqual(['all', 'residential_burglary', 'robbery']);
    expect(c.rows[0]!.cells[1]!.reductionDifferenceFromFirst).toBeCloseTo(2432.5 * 0.07, 9);
    expect(c.rows[2]!.cells[1]).toBeNull();
    expect(c.totalCostSavingPerYear[0]).toBeCloseTo(91.872 * 5930 + 46.98 * 11320, 6);
    expect(c.totalCostSavingPerYear[1]).toBeCloseTo(255.2 * 0.43 * 5930, 6);
  });
});

describe('attributionEstimate (seed: burglary 2.5 → 1.6 arrests a month × 11.6)', () => {
  it('gives 10.44 fewer burglaries a month and about 60 over Apr–Sep 2013', () => {
    const a = attributionEstimate({ beforeMonthlyArrests: 2.5, afterMonthlyArrests: 1.6, allegationsPerArrest: 11.6, months: 6 });
    expect(a.fewerArrestsPerMonth).toBeCloseTo(0.9, 12);
    expect(a.fewerOffencesPerMonth).toBeCloseTo(10.44, 12);
    expect(a.fewerOffencesOverPeriod).toBeCloseTo(62.64, 12);
    expect(a.relativeFall).toBeCloseTo(0.36, 12);
    expect(a.working.fewerOffencesPerMonth).toBe('10.44 = (2.5 − 1.6) × 11.6');
    expect(a.working.fewerOffencesOverPeriod).toBe('62.64 = 10.44 × 6');
    expect(a.working.relativeFall).toBe('36% = 0.9 / 2.5');
  });

  it('refuses negative inputs', () => {
    expect(() => attributionEstimate({ beforeMonthlyArrests: -1, afterMonthlyArrests: 0, allegationsPerArrest: 1, months: 1 })).toThrow();
  });
});
