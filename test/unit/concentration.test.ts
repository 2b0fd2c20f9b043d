import { describe, expect, it } from 'vitest';
import { concentrationFromCounts, concentrationFromIndex } from '../../shared/analysis/concentration';
import { type AnalysisArrest, type AnalysisPerson } from '../../shared/domain/analysisModel';
import { buildArrestIndex } from '../support/arrestIndex';
import { analysisArrest, analysisPerson } from '../support/analysisPeople';

/**
 * Seed-shaped arrest counts (004, "Top repeat arrested suspects", 2 years to Oct 2013): 6,897
 * arrested people (200 / 6,897 = 2.9%), top 10 with 153 arrests, top 100 with 735, top 200 with
 * 1,196, and 9,600 arrests in all (48,000 offences at 5 allegations per arrest).
 * The seed's top 20 (214) cannot be reproduced together with its top 100: ranks 11–20 would
 * average 6.1 arrests and ranks 21–100 6.51, more than the people ranked above them. These counts
 * keep top 10/100/200 and give a top 20 of 223.
 */
function seedShapedCounts(): number[] {
  const counts = [20, 18, 17, 16, 15, 15, 14, 13, 13, 12];
  counts.push(...Array<number>(42).fill(7), ...Array<number>(48).fill(6));
  counts.push(...Array<number>(61).fill(5), ...Array<number>(39).fill(4));
  counts.push(...Array<number>(1707).fill(2), ...Array<number>(4990).fill(1));
  counts.push(...Array<number>(500).fill(0));
  return counts;
}

/** Shuffle deterministically so ranking, not input order, produces the table. */
function shuffled<T>(values: readonly T[]): T[] {
  const out = [...values];
  let state = 12345;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function bruteForceGini(values: readonly number[]): number {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  let sum = 0;
  for (const a of values) for (const b of values) sum += Math.abs(a - b);
  return sum / (2 * n * n * mean);
}

describe('top-N table with the seed shape', () => {
  const counts = shuffled(seedShapedCounts());
  const ids = counts.map((_, i) => 1000 + i);
  const result = concentrationFromCounts(counts, ids, { allegationsPerArrest: 5, boroughOffences: 48000 });

  it('counts arrested people and arrests', () => {
    expect(result.arrestedPeople).toBe(6897);
    expect(result.totalArrests).toBe(9600);
    expect(result.rows.map((r) => r.n)).toEqual([10, 20, 100, 200]);
  });

  it('reproduces the seed rows for top 10, 100 and 200', () => {
    const [top10, top20, top100, top200] = result.rows;
    expect(top10!.arrests).toBe(153);
    expect(top20!.arrests).toBe(223);
    expect(top100!.arrests).toBe(735);
    expect(top200!.arrests).toBe(1196);
    expect(Math.round(top200!.shareOfArrestedPeople * 1000) / 10).toBe(2.9);
    expect(Math.round(top100!.shareOfArrestedPeople * 10000) / 100).toBe(1.45);
    expect(Math.round(top20!.shareOfArrestedPeople * 10000) / 100).toBe(0.29);
    expect(top200!.shareOfArrestedPeople).toBe(200 / 6897);
    expect(top200!.shareOfArrests).toBe(1196 / 9600);
  });

  it('estimates the top 200 at 5,980 offences, 12.5% of 48,000 (seed: 10–13%)', () => {
    const top200 = result.rows[3]!;
    expect(top200.estimatedOffences).toBe(5980);
    expect(top200.shareOfBoroughOffences).toBeCloseTo(5980 / 48000, 12);
    expect(top200.shareOfBoroughOffences!).toBeGreaterThanOrEqual(0.1);
    expect(top200.shareOfBoroughOffences!).toBeLessThanOrEqual(0.13);
    expect(top200.working.estimatedOffences).toBe('5980 = 1196 × 5');
    expect(top200.working.shareOfBoroughOffences).toBe('0.1245833333 = 5980 / 48000 (12.46%)');
    expect(top200.working.shareOfArrestedPeople).toBe('0.02899811512 = 200 / 6897 (2.9%)');
    const top100 = result.rows[2]!;
    expect(top100.estimatedOffences).toBe(3675);
    expect(top100.shareOfBoroughOffences!).toBeGreaterThanOrEqual(0.07);
    expect(top100.shareOfBoroughOffences!).toBeLessThanOrEqual(0.08);
  });

  it('reports ties at the cutoff', () => {
    // Ranks 11–52 have 7 arrests and 53–100 have 6, so the 20th place is shared with 32 people left out.
    expect(result.rows[1]!.tiesAtCutoff).toBe(32);
    expect(result.rows[2]!.tiesAtCutoff).toBe(0);
    expect(result.rows[3]!.tiesAtCutoff).toBe(0);
  });

  it('lists the top people by arrests, ties by id', () => {
    const top10 = result.rows[0]!.personIds;
    const expected = ids
      .map((id, i) => ({ id, c: counts[i]! }))
      .sort((a, b) => b.c - a.c || a.id - b.id)
      .slice(0, 10)
      .map((x) => x.id);
    expect(top10).toEqual(expected);
  });

  it('draws a Lorenz curve from (0,0) to (1,1) above the diagonal', () => {
    const points = result.lorenz;
    expect(points.length).toBe(201);
    expect(points[0]).toEqual({ peopleShare: 0, arrestShare: 0 });
    expect(points.at(-1)).toEqual({ peopleShare: 1, arrestShare: 1 });
    for (let i = 1; i < points.length; i++) {
      expect(points[i]!.peopleShare).toBeGreaterThan(points[i - 1]!.peopleShare);
      expect(points[i]!.arrestShare).toBeGreaterThanOrEqual(points[i - 1]!.arrestShare);
      expect(points[i]!.arrestShare).toBeGreaterThanOrEqual(points[i]!.peopleShare - 1e-12);
    }
  });

  it('computes the Gini coefficient exactly over the arrested people', () => {
    const arrested = counts.filter((c) => c > 0);
    expect(result.gini).toBeCloseTo(bruteForceGini(arrested), 12);
  });
});

describe('edge cases', () => {
  it('Gini is 0 when everyone has the same count and 0.75 for one of four', () => {
    expect(concentrationFromCounts([3, 3, 3], [1, 2, 3], { allegationsPerArrest: 1, boroughOffences: null }).gini).toBeCloseTo(0, 12);
    // Only arrested people count: [10] alone has Gini 0; with zeros included the same data would be 0.75.
    expect(concentrationFromCounts([0, 0, 0, 10], [1, 2, 3, 4], { allegationsPerArrest: 1, boroughOffences: null }).gini).toBe(0);
    expect(bruteForceGini([0, 0, 0, 10])).toBeCloseTo(0.75, 12);
    const r = concentrationFromCounts([1, 1, 1, 9], [1, 2, 3, 4], { allegationsPerArrest: 1, boroughOffences: null });
    expect(r.gini).toBeCloseTo(bruteForceGini([1, 1, 1, 9]), 12);
    expect(r.gini).toBeCloseTo(0.5, 12);
    expect(r.giniWorking).toBe('0.5 = 2 × 42 / (4 × 12) − (4 + 1) / 4');
  });

  it('caps N at the number of arrested people and handles no arrests', () => {
    const r = concentrationFromCounts([2, 1], [7, 8], { topN: [1, 5], allegationsPerArrest: 2, boroughOffences: null });
    expect(r.rows[0]).toMatchObject({ n: 1, people: 1, arrests: 2, shareOfArrestedPeople: 0.5, estimatedOffences: 4, personIds: [7] });
    expect(r.rows[1]).toMatchObject({ n: 5, people: 2, arrests: 3, shareOfArrests: 1, shareOfBoroughOffences: null });
    expect(r.rows[1]!.working.shareOfBoroughOffences).toBeNull();
    const none = concentrationFromCounts([0], [1], { allegationsPerArrest: 5, boroughOffences: 10 });
    expect(none).toMatchObject({ arrestedPeople: 0, totalArrests: 0, gini: 0, lorenz: [] });
    expect(none.rows[0]).toMatchObject({ people: 0, arrests: 0, shareOfArrestedPeople: 0 });
  });

  it('rejects bad N', () => {
    expect(() => concentrationFromCounts([1], [1], { topN: [0], allegationsPerArrest: 1, boroughOffences: null })).toThrow();
  });
});

describe('concentrationFromIndex', () => {
  const people: AnalysisPerson[] = [1, 2, 3].map((id) => analysisPerson(id));
  const arrests: AnalysisArrest[] = [
    analysisArrest(1, '2013-01-01', 'robbery'),
    analysisArrest(1, '2013-02-01', 'robbery'),
    analysisArrest(1, '2013-03-01', 'drugs'),
    analysisArrest(2, '2013-01-01', 'drugs'),
    analysisArrest(3, '2013-01-01', 'robbery'),
    analysisArrest(3, '2010-01-01', 'robbery'),
  ];
  const index = buildArrestIndex(people, arrests);
  const window = { referenceDate: '2013-10-31', windowMonths: 24 };

  it('counts arrests in the window, all types or one', () => {
    const all = concentrationFromIndex(index, window, { topN: [1], allegationsPerArrest: 1, boroughOffences: null });
    expect(all.totalArrests).toBe(5);
    expect(all.rows[0]!.personIds).toEqual([1]);
    const drugs = concentrationFromIndex(index, window, { topN: [1], crimeType: 'drugs', allegationsPerArrest: 1, boroughOffences: null });
    expect(drugs).toMatchObject({ totalArrests: 2, arrestedPeople: 2 });
    expect(drugs.rows[0]!.personIds).toEqual([1]);
    const subset = concentrationFromIndex(index, window, { personIds: [2, 3, 3], allegationsPerArrest: 1, boroughOffences: null });
    expect(subset).toMatchObject({ totalArrests: 2, arrestedPeople: 2 });
  });
});
