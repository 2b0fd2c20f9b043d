import { describe, expect, it } from 'vitest';
import type { AnalysisPerson } from '../../shared/domain/analysisModel';
import { NOT_RECORDED, compareCompositions, equalitiesComparison, type CompositionTable } from '../../shared/analysis/equalities';
import { ageBandOf } from '../support/ageBandOf';
import { analysisPerson } from '../support/analysisPeople';
import { ETHNICITY_GROUP_ORDER, ETHNICITY_GROUPS, ethnicityGroupOf } from '../../shared/analysis/ethnicityGroups';
import { SUPPRESSED_COUNT, suppressedCompositionCells } from '../../shared/report/smallCounts';

function person(id: number, gender: AnalysisPerson['gender'], dob: string | null, ethnicity: string | null): AnalysisPerson {
  return analysisPerson(id, { gender, dob, ethnicity });
}

const REF = '2013-10-31';

const longList = [
  person(1, 'M', '1995-10-31', 'White British'), // 18
  person(2, 'M', '1995-11-01', 'Black Caribbean'), // 17
  person(3, 'F', '1980-06-15', ' White British '), // 33
  person(4, 'F', '1958-10-31', null), // 55
  person(5, null, null, ''), // unknown
  person(6, 'X', '1970-01-01', 'Asian Indian'), // 43
  person(7, 'M', '1989-10-31', 'Black Caribbean'), // 24
  person(8, 'M', '1988-10-30', 'White British'), // 25
];
const filtered = longList.filter((p) => p.id <= 4);
const shortlist = [longList[0]!, longList[2]!];

function cells(table: CompositionTable, dimension: string, category: string): Array<[number, number | null]> {
  const row = table.rows.find((r) => r.dimension === dimension && r.category === category);
  if (!row) throw new Error(`no row ${dimension}/${category}`);
  return row.cells.map((c) => [c.count, c.share]);
}

describe('ageBandOf', () => {
  it('bands ages on the reference date, birthdays counted on the day', () => {
    expect(ageBandOf('1995-10-31', REF)).toBe('18–24');
    expect(ageBandOf('1995-11-01', REF)).toBe('10–17');
    expect(ageBandOf('1989-10-31', REF)).toBe('18–24');
    expect(ageBandOf('1988-10-30', REF)).toBe('25–34');
    expect(ageBandOf('1958-10-31', REF)).toBe('55+');
    expect(ageBandOf('2005-01-01', REF)).toBe('Under 10');
    expect(ageBandOf(null, REF)).toBe(NOT_RECORDED);
    expect(ageBandOf('2014-01-01', REF)).toBe(NOT_RECORDED);
    expect(ageBandOf('not a date', REF)).toBe(NOT_RECORDED);
  });
});

describe('equalitiesComparison', () => {
  const table = equalitiesComparison(longList, filtered, shortlist, REF);

  it('names the three populations with their totals', () => {
    expect(table.populations).toEqual([
      { name: 'Long list', total: 8 },
      { name: 'Filtered', total: 4 },
      { name: 'Shortlist', total: 2 },
    ]);
  });

  it('counts gender with shares of each population', () => {
    expect(table.rows.filter((r) => r.dimension === 'gender').map((r) => r.category)).toEqual([
      'Male',
      'Female',
      'Other / not stated as male or female',
      NOT_RECORDED,
    ]);
    expect(cells(table, 'gender', 'Male')).toEqual([
      [4, 0.5],
      [2, 0.5],
      [1, 0.5],
    ]);
    expect(cells(table, 'gender', 'Female')).toEqual([
      [2, 0.25],
      [2, 0.5],
      [1, 0.5],
    ]);
    expect(cells(table, 'gender', NOT_RECORDED)).toEqual([
      [1, 0.125],
      [0, 0],
      [0, 0],
    ]);
  });

  it('counts age bands in their natural order, zeros included', () => {
    expect(table.rows.filter((r) => r.dimension === 'ageBand').map((r) => r.category)).toEqual([
      '10–17',
      '18–24',
      '25–34',
      '35–44',
      '45–54',
      '55+',
      NOT_RECORDED,
    ]);
    expect(cells(table, 'ageBand', '18–24')).toEqual([
      [2, 0.25],
      [1, 0.25],
      [1, 0.5],
    ]);
    expect(cells(table, 'ageBand', '45–54')).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it('counts ethnicity coded to the 2021 Census groups in their fixed order, never as supplied (issue 17.2)', () => {
    expect(table.rows.filter((r) => r.dimension === 'ethnicity').map((r) => r.category)).toEqual([...ETHNICITY_GROUP_ORDER]);
    expect(cells(table, 'ethnicity', 'White')).toEqual([
      [3, 0.375],
      [2, 0.5],
      [2, 1],
    ]);
    expect(cells(table, 'ethnicity', ETHNICITY_GROUPS.notStated)).toEqual([
      [2, 0.25],
      [1, 0.25],
      [0, 0],
    ]);
    expect(cells(table, 'ethnicity', ETHNICITY_GROUPS.black)).toEqual([
      [2, 0.25],
      [1, 0.25],
      [0, 0],
    ]);
  });

  it('each dimension adds up to the population total', () => {
    for (const dimension of ['gender', 'ageBand', 'ethnicity']) {
      const rows = table.rows.filter((r) => r.dimension === dimension);
      table.populations.forEach((p, i) => {
        expect(rows.reduce((s, r) => s + r.cells[i]!.count, 0)).toBe(p.total);
      });
    }
  });
});

describe('compareCompositions', () => {
  it('shows an Under 10 row only when someone is in it, counts people once, handles empty populations', () => {
    const child = person(9, 'M', '2006-01-01', null);
    const t = compareCompositions(
      [
        { name: 'A', people: [child, child] },
        { name: 'Empty', people: [] },
      ],
      REF,
    );
    expect(t.populations).toEqual([
      { name: 'A', total: 1 },
      { name: 'Empty', total: 0 },
    ]);
    expect(cells(t, 'ageBand', 'Under 10')).toEqual([
      [1, 1],
      [0, null],
    ]);
    const noChild = compareCompositions([{ name: 'A', people: longList }], REF);
    expect(noChild.rows.some((r) => r.category === 'Under 10')).toBe(false);
  });

  it('takes custom age bands', () => {
    const t = compareCompositions([{ name: 'A', people: longList }], REF, [
      { label: 'under 25', min: 0, max: 24 },
      { label: '25 and over', min: 25, max: null },
    ]);
    expect(cells(t, 'ageBand', 'under 25')).toEqual([[3, 0.375]]);
    expect(cells(t, 'ageBand', '25 and over')).toEqual([[4, 0.5]]);
  });

  it('refuses a bad reference date', () => {
    expect(() => compareCompositions([], '31/10/2013')).toThrow();
  });
});

describe('ethnicityGroupOf', () => {
  it('codes the self-defined and IC codes agencies use, and words, to the 2021 Census groups', () => {
    const cases: Array<[string | null, string]> = [
      ['W1', 'White'], ['w9 - any other white', 'White'], ['IC1', 'White'], ['White British', 'White'],
      ['M1', ETHNICITY_GROUPS.mixed], ['White and Black Caribbean', ETHNICITY_GROUPS.mixed],
      ['B2', ETHNICITY_GROUPS.black], ['IC3', ETHNICITY_GROUPS.black], ['black - african', ETHNICITY_GROUPS.black],
      ['A3', ETHNICITY_GROUPS.asian], ['Asian or Asian British: Pakistani', ETHNICITY_GROUPS.asian], ['Chinese', ETHNICITY_GROUPS.asian],
      ['O2', ETHNICITY_GROUPS.other], ['Arab', ETHNICITY_GROUPS.other],
      ['NS', ETHNICITY_GROUPS.notStated], ['IC9', ETHNICITY_GROUPS.notStated], ['', ETHNICITY_GROUPS.notStated], [null, ETHNICITY_GROUPS.notStated],
      ['Refused', ETHNICITY_GROUPS.notStated], ['Alice PRIVATENAME, 12 Secret Road', ETHNICITY_GROUPS.notStated], ['W7', ETHNICITY_GROUPS.notStated],
    ];
    for (const [raw, group] of cases) expect(ethnicityGroupOf(raw), String(raw)).toBe(group);
    // A code leads the cell; whatever follows it is dropped, never printed.
    expect(ethnicityGroupOf('W1 (aka Alice PRIVATENAME, PNC 05/300000M, 12 Secret Road)')).toBe('White');
  });
});

describe('suppressedCompositionCells', () => {
  it('hides counts of 1 to 4, and the next smallest count of a column when one hidden count alone could be worked out', () => {
    const people = [
      ...Array.from({ length: 10 }, (_, i) => person(100 + i, 'M', '1990-01-01', 'W1')),
      ...Array.from({ length: 6 }, (_, i) => person(200 + i, 'F', '1990-01-01', 'B1')),
      person(300, 'M', '1990-01-01', 'A1'),
    ];
    const composition = compareCompositions([{ name: 'Long list', people }], REF);
    const hidden = suppressedCompositionCells(composition);
    const hiddenCategories = composition.rows.filter((_, row) => hidden.has(`${row}:0`)).map((r) => `${r.dimension}:${r.category}`);
    // One Asian person: hidden, and so is the Black count (6), which with the total would give it away.
    expect(hiddenCategories).toEqual([`ethnicity:${ETHNICITY_GROUPS.asian}`, `ethnicity:${ETHNICITY_GROUPS.black}`]);
    expect(SUPPRESSED_COUNT).toBe('fewer than 5');
  });
});
