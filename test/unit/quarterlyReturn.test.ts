import { describe, expect, it } from 'vitest';
import type { AnalysisArrest } from '../../shared/domain/analysisModel';
import { buildArrestIndex } from '../support/arrestIndex';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';
import type { Scenario } from '../../shared/analysis/projection';
import { trackOutcomes, type TrackedMember } from '../../shared/tracking/outcomeTracking';
import { quarterlyReturnFigures, quarterlyReturnSheets } from '../../shared/tracking/quarterlyReturn';
import { CASELOAD_ROWS, QUARTERLY_RETURN_CAVEATS, SECTION_TITLES } from '../../shared/tracking/quarterlyReturnTemplate';
import { parseReturnQuarter, returnQuarterOptions } from '../../shared/tracking/returnQuarter';
import { analysisPerson } from '../support/analysisPeople';

/**
 * A small cohort whose every figure was worked out by hand (below, next to each expectation), for
 * the return of 2014 Q1 (1 Jan – 31 Mar 2014), 12 months before and up to 12 after each start.
 */

function arrest(personId: number, date: string, crimeType: CrimeTypeId): AnalysisArrest {
  return { personId, date, offence: crimeType, crimeType };
}

const scenario: Scenario = {
  name: 'Hand-checked',
  referenceDate: '2013-10-31',
  windowMonths: 24,
  reductionRate: 0.36,
  crimeTypes: [
    { id: 'all', label: 'All arrests', allegationsPerArrest: 2 },
    { id: 'residential_burglary', label: 'Residential burglary', allegationsPerArrest: 10, unitCost: 1000 },
    { id: 'shoplifting', label: 'Shoplifting', allegationsPerArrest: 3 },
  ],
};

const members: TrackedMember[] = [
  { personId: 1, startDate: '2013-10-01', exit: null, statutory: true }, // on at start and at end
  { personId: 2, startDate: '2014-01-01', exit: { date: '2014-03-15', reason: 'Moved away' }, statutory: false }, // starts and leaves in the quarter
  { personId: 3, startDate: '2013-07-01', exit: { date: '2013-12-31', reason: 'Custody' }, statutory: null }, // left before the quarter
  { personId: 4, startDate: '2014-02-01', exit: { date: '2014-04-10', reason: 'Completed' }, statutory: true }, // starts; leaves after the quarter
  { personId: 5, startDate: null, exit: null, statutory: true }, // no start date
  { personId: 6, startDate: '2014-05-01', exit: null, statutory: false }, // starts after the quarter
];

// Everyone is in the same priority group and age band; each comparison (11–14) has its member's
// window arrests exactly, so each pair matches exactly.
const people = [1, 2, 3, 4, 5, 6, 11, 12, 13, 14].map((id) => analysisPerson(id, { dob: '1990-01-01', flags: ['dtoa'] }));
const before = {
  1: [arrest(1, '2013-03-10', 'residential_burglary'), arrest(1, '2013-06-10', 'residential_burglary'), arrest(1, '2013-09-10', 'residential_burglary'), arrest(1, '2013-05-01', 'shoplifting')],
  2: [arrest(2, '2013-02-01', 'residential_burglary'), arrest(2, '2013-08-01', 'residential_burglary')],
  3: [arrest(3, '2012-12-01', 'shoplifting'), arrest(3, '2013-01-01', 'shoplifting')],
  4: [arrest(4, '2013-04-01', 'residential_burglary')],
};
const asComparison = (list: AnalysisArrest[], id: number) => list.map((a) => ({ ...a, personId: id }));
const index = buildArrestIndex(people, [
  ...before[1],
  arrest(1, '2014-01-15', 'residential_burglary'),
  ...before[2],
  ...before[3],
  arrest(3, '2013-11-01', 'shoplifting'), // after leaving: still counted (intention to treat)
  ...before[4],
  arrest(4, '2014-04-05', 'residential_burglary'), // after the quarter: not counted
  ...asComparison(before[1], 11),
  arrest(11, '2014-02-01', 'residential_burglary'),
  arrest(11, '2014-03-01', 'residential_burglary'),
  ...asComparison(before[2], 12),
  arrest(12, '2014-02-10', 'shoplifting'),
  ...asComparison(before[3], 13),
  ...asComparison(before[4], 14),
]);

const quarter = parseReturnQuarter('2014Q1')!;
const result = trackOutcomes(index, {
  scenario,
  members,
  candidates: [11, 12, 13, 14],
  priorityGroups: ['dtoa'],
  dataTo: quarter.lastDay,
  beforeMonths: 12,
  afterMonths: 12,
  bootstrap: { iterations: 200, seed: 7 },
});
const figures = quarterlyReturnFigures(result, quarter, scenario.crimeTypes);

describe('the return quarter', () => {
  it('reads 2013Q3 and 2013-q3 as July to September 2013, and nothing else', () => {
    expect(parseReturnQuarter('2013Q3')).toMatchObject({ code: '2013Q3', firstDay: '2013-07-01', lastDay: '2013-09-30', label: '2013 Q3 (1 Jul 2013 to 30 Sep 2013)' });
    expect(parseReturnQuarter(' 2013-q3 ')?.code).toBe('2013Q3');
    expect(parseReturnQuarter('2014Q1')).toMatchObject({ firstDay: '2014-01-01', lastDay: '2014-03-31' });
    expect(parseReturnQuarter('2013Q4')?.lastDay).toBe('2013-12-31');
    for (const bad of ['2013Q5', '2013Q0', '13Q3', '2013 Q3', 'Q3 2013', '']) expect(parseReturnQuarter(bad)).toBeNull();
  });

  it('offers the quarters from the first start to the last one the data cover to its end, latest first', () => {
    expect(returnQuarterOptions('2013-08-15', '2014-03-30').map((q) => q.code)).toEqual(['2013Q4', '2013Q3']);
    expect(returnQuarterOptions('2013-08-15', '2014-03-31').map((q) => q.code)).toEqual(['2014Q1', '2013Q4', '2013Q3']);
    expect(returnQuarterOptions(null, '2014-03-31')).toEqual([]);
  });
});

describe('the quarterly return of a hand-checked cohort', () => {
  it('counts the caseload by group: at the start, starts, exits, at the end', () => {
    const row = (id: string) => figures.caseload.find((r) => r.id === id)!;
    // Member 1 (statutory) only: 3 left on 31 Dec 2013, before the quarter.
    expect(row('atStart')).toEqual({ id: 'atStart', byGroup: { statutory: 1, nonStatutory: 0, unknown: 0 }, total: 1 });
    // Members 2 (non-statutory) and 4 (statutory).
    expect(row('starts')).toEqual({ id: 'starts', byGroup: { statutory: 1, nonStatutory: 1, unknown: 0 }, total: 2 });
    // Member 2 on 15 Mar; member 4 leaves on 10 Apr, after the quarter.
    expect(row('exits')).toEqual({ id: 'exits', byGroup: { statutory: 0, nonStatutory: 1, unknown: 0 }, total: 1 });
    // 1 + 2 − 1: members 1 and 4.
    expect(row('atEnd')).toEqual({ id: 'atEnd', byGroup: { statutory: 2, nonStatutory: 0, unknown: 0 }, total: 2 });
    expect(figures.notStarted).toEqual([
      { reason: 'no start date', people: 1 },
      { reason: 'starts after the data ends (2014-03-31)', people: 1 },
    ]);
  });

  it('counts arrests before and after to the quarter’s end, leavers included', () => {
    const burglary = figures.byCrimeType.find((c) => c.crimeType === 'residential_burglary')!.cohort;
    // Before: 3 + 2 + 0 + 1 over 4 × 12 months. After: member 1's January arrest (member 4's April
    // one is after the quarter) over 6 + 3 + 9 + 2 = 20 person-months (Oct–Mar, Jan–Mar, Jul–Mar, Feb–Mar).
    expect(burglary).toMatchObject({ people: 4, beforeArrests: 6, beforePersonMonths: 48, afterArrests: 1, beforeRate: 0.125, afterRate: 0.05 });
    expect(burglary.afterPersonMonths).toBeCloseTo(20, 10);
    expect(burglary.change).toBeCloseTo(0.6, 10);
    const all = figures.byCrimeType.find((c) => c.crimeType === 'all')!.cohort;
    // 9 before; after: member 1's burglary and member 3's shoplifting after leaving.
    expect(all).toMatchObject({ beforeArrests: 9, afterArrests: 2 });
    const statutory = figures.byGroup.find((g) => g.group === 'statutory')!;
    // Members 1 and 4: 4 + 1 before over 24 months; 1 after over 6 + 2 months; est. offences × 2 (all arrests).
    expect(statutory.cohort).toMatchObject({ people: 2, beforeArrests: 5, beforePersonMonths: 24, afterArrests: 1 });
    expect(statutory.cohort.afterPersonMonths).toBeCloseTo(8, 10);
    expect(statutory.cohort.afterOffencesPerMonth).toBeCloseTo((1 / 8) * 2, 10);
  });

  it('prices the offences avoided with the scenario’s unit costs, before/after and allowing for the comparison', () => {
    expect(figures.cost.uncosted).toEqual(['Shoplifting']);
    expect(figures.cost.rows).toHaveLength(1);
    const row = figures.cost.rows[0]!;
    // (0.125 − 0.05) × 20 × 10 = 15 offences × £1,000.
    expect(row.offencesAvoidedBeforeAfter).toBeCloseTo(15, 10);
    expect(row.costBeforeAfter).toBeCloseTo(15_000, 6);
    // Comparison burglary: 6 / 48 before, 2 / 20 after (comparison 11's two): change −0.025.
    expect(row.comparisonChange).toBeCloseTo(-0.025, 10);
    // (0.125 − 0.025 − 0.05) × 20 × 10 = 10 offences × £1,000.
    expect(row.offencesAvoidedAllowingComparison).toBeCloseTo(10, 10);
    expect(row.costAllowingComparison).toBeCloseTo(10_000, 6);
    expect(figures.cost.totalBeforeAfter).toBeCloseTo(15_000, 6);
    expect(figures.cost.totalAllowingComparison).toBeCloseTo(10_000, 6);
    expect(row.working).toContain('allowing for the comparison: (0.125 − 0.025 − 0.05) × 20 × 10 × £1,000 = £10,000');
  });

  it('gives the comparison: exact pairs, the naive fall, the difference in differences and its interval', () => {
    const c = figures.comparison;
    expect(c).toMatchObject({ pairs: 4, exact: 4, nearest: 0, unmatched: 0 });
    // All arrests, pooled: members 9/48 → 2/20; comparison 9/48 → 3/20.
    expect(c.cohortBefore).toBeCloseTo(0.1875, 10);
    expect(c.cohortAfter).toBeCloseTo(0.1, 10);
    expect(c.comparisonAfter).toBeCloseTo(0.15, 10);
    // Naive 1 − 0.1 / 0.1875 = 46.67%; D = −0.0875 − (−0.0375) = −0.05; 1 − 0.1 / 0.15 = 33.33%.
    expect(c.naive).toBeCloseTo(46.6667, 3);
    expect(c.difference).toBeCloseTo(-0.05, 10);
    expect(c.attributable).toBeCloseTo(33.3333, 3);
    expect(c.intervalLow).not.toBeNull();
    expect(c.intervalLow!).toBeLessThanOrEqual(c.intervalHigh!);
  });

  it('refuses a tracking that does not end on the quarter’s last day', () => {
    const other = trackOutcomes(index, { scenario, members, candidates: [11, 12, 13, 14], priorityGroups: ['dtoa'], dataTo: '2014-02-28', beforeMonths: 12, afterMonths: 12, bootstrap: null });
    expect(() => quarterlyReturnFigures(other, quarter, scenario.crimeTypes)).toThrow(/2014-03-31/);
  });

  it('lays the figures out under the template’s labels, marked first and last, with definitions and caveats', () => {
    const sheets = quarterlyReturnSheets(figures, { marking: 'OFFICIAL-SENSITIVE', workspaceName: 'Test', cohortDescription: 'Six members', scenarioName: scenario.name, producedAt: '2014-04-02T09:00:00.000Z', producedBy: 'analyst' });
    const rows = sheets.returnRows;
    expect(rows[0]).toEqual(['OFFICIAL-SENSITIVE']);
    expect(rows.at(-1)).toEqual(['OFFICIAL-SENSITIVE']);
    expect(rows[1]).toEqual(['IOM quarterly return: 2014 Q1 (1 Jan 2014 to 31 Mar 2014)']);
    const find = (label: string) => rows.find((r) => r[0] === label);
    expect(find(CASELOAD_ROWS[3].label)).toEqual([CASELOAD_ROWS[3].label, 2, 0, 0, 2]);
    // Members 5 and 6, under Total (the group columns stay empty).
    expect(find(SECTION_TITLES.notStarted)).toEqual([SECTION_TITLES.notStarted, null, null, null, 2]);
    expect(find('  no start date')).toEqual(['  no start date', null, null, null, 1]);
    expect(find('Residential burglary')).toBeDefined();
    expect(find('Total (costed crime types)')).toEqual(['Total (costed crime types)', null, null, 15_000, null, null, 10_000]);
    expect(find('Fall attributable to joining (%)')).toEqual(['Fall attributable to joining (%)', 33.3]);
    expect(find('Members matched to a comparison')).toEqual(['Members matched to a comparison', 4]);
    for (const title of Object.values(SECTION_TITLES)) expect(rows.some((r) => r[0] === title || String(r[0]).startsWith(title))).toBe(true);
    for (const caveat of QUARTERLY_RETURN_CAVEATS) expect(find(caveat)).toBeDefined();
    expect(sheets.definitionRows[0]).toEqual(['OFFICIAL-SENSITIVE']);
    expect(sheets.definitionRows.at(-1)).toEqual(['OFFICIAL-SENSITIVE']);
    expect(sheets.definitionRows.find((r) => r[0] === 'Working: Residential burglary')?.[1]).toContain('(0.125 − 0.05) × 20 person-months × 10 × £1,000 = £15,000');
    // The exit reasons are personal data: never in the file.
    expect(JSON.stringify(sheets)).not.toMatch(/Moved away|Custody|Completed/);
  });
});
