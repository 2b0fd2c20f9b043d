import { describe, expect, it } from 'vitest';
import { type AnalysisArrest, type AnalysisPerson, windowCounts } from '../../shared/domain/analysisModel';
import { buildArrestIndex } from '../support/arrestIndex';
import { FilterSchema, emptyFilter, evaluateFilter, type FilterInput } from '../../shared/shortlist/filterModel';
import { analysisArrest, analysisPerson } from '../support/analysisPeople';

const person = analysisPerson;

const REF = '2013-10-31';

const people: AnalysisPerson[] = [
  person(1, { surname: 'Smith', forenames: 'John', pnc: '12/345678A', dob: '1995-10-31', gender: 'M', borough: 'Barnet', custody: 'not_in_custody', flags: ['dtoa', 'female'], lists: ['pcl'], ogrsScore: 80 }),
  person(2, { surname: 'Jones', forenames: 'Mary', dob: '1995-11-01', gender: 'F', borough: 'barnet ', flags: ['female'], lists: ['pcl', 'yos-2013'], ogrsScore: 40 }),
  person(3, { surname: 'Brown', forenames: 'Alan', dob: '1960-01-01', gender: 'M', borough: 'Enfield', custody: 'in_custody', flags: ['gangHigh', 'dtoa'], lists: ['gangs'] }),
  person(4, { surname: 'Green', forenames: 'Sam', gender: 'X', flags: [] }),
  person(5, { surname: 'White', forenames: 'Jo', dob: '2000-02-29', gender: null, borough: 'Barnet', flags: ['dtoa', 'female', 'ogrsMandatory'], ogrsScore: 65 }),
];

const arrests: AnalysisArrest[] = [
  // 1: three in window, one recent robbery
  analysisArrest(1, '2013-10-01', 'robbery', 'Robbery'),
  analysisArrest(1, '2012-05-01', 'shoplifting', 'Shoplifting'),
  analysisArrest(1, '2011-11-01', 'shoplifting', 'Shoplifting'),
  analysisArrest(1, '2011-10-31', 'shoplifting', 'Shoplifting'),
  // 2: one in window
  analysisArrest(2, '2012-01-10', 'residential_burglary', 'Burglary dwelling'),
  // 3: five in window, two in the last 10 months
  ...['2013-09-01', '2013-02-01', '2012-08-01', '2012-03-01', '2012-01-01'].map((date) => analysisArrest(3, date, 'violence', 'GBH')),
  // 5: only outside the window
  analysisArrest(5, '2010-01-01', 'drugs', 'Drugs'),
  // unknown person: ignored by the index, reported as skipped
  analysisArrest(99, '2013-01-01', 'drugs', 'Drugs'),
];

const index = buildArrestIndex(people, arrests);

function ids(filter: Omit<FilterInput, 'referenceDate' | 'windowMonths'>, over: readonly AnalysisPerson[] = people): number[] {
  return evaluateFilter({ referenceDate: REF, windowMonths: 24, ...filter }, over, index).personIds;
}

describe('the arrest index', () => {
  it('holds arrests per person in date order and reports what it skipped', () => {
    expect(index.arrestCount).toBe(11);
    expect(index.skipped).toEqual({ unknownPerson: 1, invalidDate: 0, invalidCrimeType: 0 });
    const counts = windowCounts(index, { referenceDate: REF, windowMonths: 24 });
    expect(Array.from(counts.total)).toEqual([3, 1, 5, 0, 0]);
    expect(counts.arrestsInWindow).toBe(9);
    expect(windowCounts(index, { referenceDate: REF, windowMonths: 24 })).toBe(counts);
  });

  it('finds rows by id whether ids are dense or sparse', () => {
    const sparse = buildArrestIndex([person(5_000_000_000), person(7)], [
      { personId: 5_000_000_000, date: '2013-01-01', offence: '', crimeType: 'other' },
      analysisArrest(7, '2013-01-01', 'other'),
      analysisArrest(8, '2013-01-01', 'other'),
    ]);
    expect([sparse.rowOf(5_000_000_000), sparse.rowOf(7), sparse.rowOf(8)]).toEqual([0, 1, -1]);
    expect(sparse.skipped.unknownPerson).toBe(1);
    expect([index.rowOf(1), index.rowOf(5), index.rowOf(6), index.rowOf(-1), index.rowOf(1.5)]).toEqual([0, 4, -1, -1, -1]);
  });

  it('rejects duplicate person ids', () => {
    expect(() => buildArrestIndex([person(1), person(1)], [])).toThrow('duplicate person id 1');
  });

  it('counts bad arrest rows instead of failing', () => {
    const bad = buildArrestIndex([person(1)], [
      analysisArrest(1, '2013-02-30', 'other'),
      analysisArrest(1, '2013-02-03', 'arson' as 'other'),
    ]);
    expect(bad.skipped).toEqual({ unknownPerson: 0, invalidDate: 1, invalidCrimeType: 1 });
  });
});

describe('evaluateFilter', () => {
  it('an empty filter matches everyone', () => {
    expect(ids({})).toEqual([1, 2, 3, 4, 5]);
    expect(FilterSchema.parse({ referenceDate: REF, windowMonths: 24 })).toEqual(emptyFilter(REF, 24));
  });

  it('filters by flags: any, all, none', () => {
    expect(ids({ flags: { any: ['gangHigh', 'ogrsMandatory'] } })).toEqual([3, 5]);
    expect(ids({ flags: { all: ['dtoa', 'female'] } })).toEqual([1, 5]);
    expect(ids({ flags: { none: ['female'] } })).toEqual([3, 4]);
    expect(ids({ flags: { any: ['dtoa'], none: ['ogrsMandatory'] } })).toEqual([1, 3]);
  });

  it('filters by arrests in the window and in the last N months', () => {
    expect(ids({ arrests: { min: 3 } })).toEqual([1, 3]);
    expect(ids({ arrests: { min: 1, max: 3 } })).toEqual([1, 2]);
    expect(ids({ arrests: { max: 0 } })).toEqual([4, 5]);
    // Last 10 months: 2013-01-01 … 2013-10-31
    expect(ids({ recentArrests: { months: 10, min: 2 } })).toEqual([3]);
    expect(ids({ recentArrests: { months: 10, min: 1, max: 1 } })).toEqual([1]);
  });

  it('filters by offence types in the window', () => {
    expect(ids({ crimeTypes: ['shoplifting'] })).toEqual([1]);
    expect(ids({ crimeTypes: ['residential_burglary', 'violence'] })).toEqual([2, 3]);
    expect(ids({ crimeTypes: ['drugs'] })).toEqual([]);
  });

  it('filters by age on the reference date, birthday counted on the day', () => {
    // 1 turns 18 on 2013-10-31; 2 turns 18 the next day; 5 (born 29 Feb 2000) is 13; 4 has no DOB.
    expect(ids({ age: { min: 18, max: 24 } })).toEqual([1]);
    expect(ids({ age: { max: 17 } })).toEqual([2, 5]);
    expect(ids({ age: { min: 50 } })).toEqual([3]);
  });

  it('filters by gender, borough, custody, lists, OGRS', () => {
    expect(ids({ genders: ['F', 'unknown'] })).toEqual([2, 5]);
    expect(ids({ boroughs: ['BARNET'] })).toEqual([1, 2, 5]);
    expect(ids({ boroughs: ['unknown', 'Enfield'] })).toEqual([3, 4]);
    expect(ids({ custody: ['in_custody'] })).toEqual([3]);
    expect(ids({ custody: ['unknown'] })).toEqual([2, 4, 5]);
    expect(ids({ lists: ['yos-2013', 'gangs'] })).toEqual([2, 3]);
    expect(ids({ ogrsMin: 65 })).toEqual([1, 5]);
  });

  it('filters by name or PNC text', () => {
    expect(ids({ text: 'smith' })).toEqual([1]);
    expect(ids({ text: 'john smith' })).toEqual([1]);
    expect(ids({ text: 'smith john' })).toEqual([1]);
    expect(ids({ text: '12345678' })).toEqual([1]);
    expect(ids({ text: '12/345678a' })).toEqual([1]);
    expect(ids({ text: 'jo' })).toEqual([1, 2, 5]);
    expect(ids({ text: '   ' })).toEqual([1, 2, 3, 4, 5]);
  });

  it('searches names ignoring case, accents, apostrophes and hyphens, and dates of birth typed the UK way', () => {
    const named: AnalysisPerson[] = [
      { ...person(11), surname: "O'Brien", forenames: 'Zoë', dob: '1990-10-31' },
      { ...person(12), surname: 'Smith-Jones', forenames: 'Seán', dob: '1985-02-03' },
      { ...person(13), surname: 'Van der Berg', forenames: 'Anna-Marie', dob: '1990-10-13' },
      { ...person(14), surname: 'OBRIEN', forenames: 'Paul', dob: null },
    ];
    const namedIndex = buildArrestIndex(named, []);
    const find = (text: string) => evaluateFilter({ referenceDate: REF, windowMonths: 24, text }, named, namedIndex).personIds;
    expect(find('obrien')).toEqual([11, 14]);
    expect(find("o'brien")).toEqual([11, 14]);
    expect(find('O’BRIEN')).toEqual([11, 14]);
    expect(find('zoe')).toEqual([11]);
    expect(find('zoe obrien')).toEqual([11]);
    expect(find('sean')).toEqual([12]);
    expect(find('smithjones')).toEqual([12]);
    expect(find('smith jones')).toEqual([12]);
    expect(find('smith-jones')).toEqual([12]);
    expect(find('vanderberg')).toEqual([13]);
    expect(find('annamarie')).toEqual([13]);
    expect(find('31/10/1990')).toEqual([11]);
    expect(find('3/2/1985')).toEqual([12]);
    expect(find('13.10.1990')).toEqual([13]);
    // Never read month first: 10/13/1990 is no one's date, and no name holds it.
    expect(find('10/13/1990')).toEqual([]);
  });

  it('combines criteria (all must hold)', () => {
    expect(ids({ flags: { any: ['dtoa'] }, arrests: { min: 1 }, custody: ['not_in_custody'] })).toEqual([1]);
  });

  it('works over a subset of people and people missing from the index', () => {
    const stranger = person(42, { flags: ['dtoa'], dob: '1990-01-01' });
    expect(ids({ flags: { any: ['dtoa'] } }, [people[2]!, stranger])).toEqual([3, 42]);
    expect(ids({ arrests: { min: 1 } }, [people[2]!, stranger])).toEqual([3]);
    expect(ids({ age: { min: 23, max: 23 } }, [stranger])).toEqual([42]);
  });

  it('counts flags and priority-group overlaps among the matches', () => {
    const result = evaluateFilter({ referenceDate: REF, windowMonths: 24 }, people, index);
    expect(result.counts.total).toBe(5);
    expect(result.counts.perFlag).toEqual({ dtoa: 3, gangHigh: 1, gangMidLow: 0, dv: 0, female: 3, asb: 0, yos: 0, ogrsMandatory: 1, ppo: 0 });
    expect(result.counts.overlaps).toEqual([
      { flags: ['female'], count: 1 },
      { flags: ['dtoa', 'gangHigh'], count: 1 },
      { flags: ['dtoa', 'female'], count: 1 },
      { flags: ['dtoa', 'female', 'ogrsMandatory'], count: 1 },
    ]);
    expect(result.counts.inNoPriorityGroup).toBe(1);
    const narrowed = evaluateFilter({ referenceDate: REF, windowMonths: 24, flags: { any: ['female'] } }, people, index, {
      overlapFlags: ['female'],
    });
    expect(narrowed.counts.overlaps).toEqual([{ flags: ['female'], count: 3 }]);
  });

  it('rejects invalid filters', () => {
    expect(() => evaluateFilter({ referenceDate: '2013-10-32', windowMonths: 24 }, people, index)).toThrow();
    expect(() => evaluateFilter({ referenceDate: REF, windowMonths: 24, flags: { any: ['gangs' as 'dtoa'] } }, people, index)).toThrow();
    expect(() => evaluateFilter({ referenceDate: REF, windowMonths: 24, arrests: { min: -1 } }, people, index)).toThrow();
  });
});
