import {
  type AnalysisWindow,
  type ArrestIndex,
  CRIME_TYPE_CODE,
  CRIME_TYPE_COUNT,
  windowCounts,
  workingNumber,
  workingPercent,
} from '../domain/analysisModel';
import type { ProjectionCrimeTypeId } from '../domain/crimeTypes';

/**
 * How concentrated arrests are among the people arrested (004: "a small proportion of offenders
 * commit a disproportionately large amount of offences"; top 200 = 2.9% of people arrested,
 * 1196 arrests). People are ranked by arrests descending, ties by id ascending, so a top-N table
 * is reproducible; `tiesAtCutoff` says when the Nth place is shared with people left out.
 */

const DEFAULT_TOP_N = [10, 20, 100, 200] as const;

interface ConcentrationOptions {
  topN?: readonly number[];
  /** Allegations per arrest, to estimate offences from arrests (seed: ≈ 5). */
  allegationsPerArrest: number;
  /** Borough offences over the same period as the arrests (seed: ≈ 48,000 in two years); null if unknown. */
  boroughOffences: number | null;
  /** Most points the Lorenz curve returns (evenly spaced, always exact); the Gini uses everyone. */
  maxLorenzPoints?: number;
}

export interface TopNRow {
  n: number;
  /** People in the row: N, or fewer when fewer people were arrested. */
  people: number;
  shareOfArrestedPeople: number;
  arrests: number;
  shareOfArrests: number;
  estimatedOffences: number;
  shareOfBoroughOffences: number | null;
  /** People ranked below N with the same arrest count as the Nth (whose inclusion is arbitrary). */
  tiesAtCutoff: number;
  personIds: number[];
  working: {
    shareOfArrestedPeople: string;
    shareOfArrests: string;
    estimatedOffences: string;
    shareOfBoroughOffences: string | null;
  };
}

export interface LorenzPoint {
  /** Cumulative share of arrested people, most-arrested first. */
  peopleShare: number;
  /** Cumulative share of arrests. */
  arrestShare: number;
}

export interface ConcentrationResult {
  arrestedPeople: number;
  totalArrests: number;
  rows: TopNRow[];
  lorenz: LorenzPoint[];
  /** Gini coefficient of arrests among arrested people (0 equal, → 1 concentrated). */
  gini: number;
  giniWorking: string;
}

/**
 * Exact Gini over values sorted ascending: G = 2 Σ i·x_i / (n Σ x_i) − (n + 1) / n, i = 1…n.
 * Counts are small integers, so the sort is a counting sort and the sums are exact.
 */
function gini(histogram: ReadonlyMap<number, number>, people: number, total: number): { value: number; working: string } {
  if (people === 0 || total === 0) return { value: 0, working: '0 (no arrests)' };
  let rank = 0;
  let weighted = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    const count = histogram.get(value) ?? 0;
    // Σ over ranks rank+1 … rank+count of i × value
    weighted += value * (count * rank + (count * (count + 1)) / 2);
    rank += count;
  }
  const value = (2 * weighted) / (people * total) - (people + 1) / people;
  return {
    value,
    working: `${workingNumber(value)} = 2 × ${workingNumber(weighted)} / (${people} × ${total}) − (${people} + 1) / ${people}`,
  };
}

/**
 * Concentration over per-person arrest counts. `ids[i]` names the person of `counts[i]`; people
 * with no arrests are ignored (the seed's base is "all individuals arrested").
 */
export function concentrationFromCounts(
  counts: ArrayLike<number>,
  ids: ArrayLike<number>,
  options: ConcentrationOptions,
): ConcentrationResult {
  if (counts.length !== ids.length) throw new Error('counts and ids differ in length');
  const { allegationsPerArrest, boroughOffences } = options;
  const topN = [...(options.topN ?? DEFAULT_TOP_N)].sort((a, b) => a - b);
  if (topN.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error('top N values must be positive whole numbers');

  const arrested: number[] = [];
  const histogram = new Map<number, number>();
  let totalArrests = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c <= 0) continue;
    arrested.push(i);
    totalArrests += c;
    histogram.set(c, (histogram.get(c) ?? 0) + 1);
  }
  arrested.sort((a, b) => counts[b]! - counts[a]! || ids[a]! - ids[b]!);
  const people = arrested.length;

  const prefix = new Float64Array(people + 1);
  for (let k = 0; k < people; k++) prefix[k + 1] = prefix[k]! + counts[arrested[k]!]!;

  const rows: TopNRow[] = topN.map((n) => {
    const inRow = Math.min(n, people);
    const arrests = prefix[inRow]!;
    const shareOfArrestedPeople = people === 0 ? 0 : inRow / people;
    const shareOfArrests = totalArrests === 0 ? 0 : arrests / totalArrests;
    const estimatedOffences = arrests * allegationsPerArrest;
    const shareOfBoroughOffences = boroughOffences === null ? null : estimatedOffences / boroughOffences;
    let tiesAtCutoff = 0;
    if (inRow > 0 && inRow < people) {
      const cutoff = counts[arrested[inRow - 1]!]!;
      for (let k = inRow; k < people && counts[arrested[k]!]! === cutoff; k++) tiesAtCutoff++;
    }
    return {
      n,
      people: inRow,
      shareOfArrestedPeople,
      arrests,
      shareOfArrests,
      estimatedOffences,
      shareOfBoroughOffences,
      tiesAtCutoff,
      personIds: arrested.slice(0, inRow).map((i) => ids[i]!),
      working: {
        shareOfArrestedPeople: `${workingNumber(shareOfArrestedPeople)} = ${inRow} / ${people} (${workingPercent(shareOfArrestedPeople)})`,
        shareOfArrests: `${workingNumber(shareOfArrests)} = ${arrests} / ${totalArrests} (${workingPercent(shareOfArrests)})`,
        estimatedOffences: `${workingNumber(estimatedOffences)} = ${arrests} × ${workingNumber(allegationsPerArrest)}`,
        shareOfBoroughOffences:
          shareOfBoroughOffences === null || boroughOffences === null
            ? null
            : `${workingNumber(shareOfBoroughOffences)} = ${workingNumber(estimatedOffences)} / ${workingNumber(boroughOffences)} (${workingPercent(shareOfBoroughOffences)})`,
      },
    };
  });

  const maxPoints = Math.max(2, options.maxLorenzPoints ?? 201);
  const lorenz: LorenzPoint[] = [];
  if (people > 0 && totalArrests > 0) {
    const steps = Math.min(people, maxPoints - 1);
    for (let s = 0; s <= steps; s++) {
      const k = Math.round((s * people) / steps);
      lorenz.push({ peopleShare: k / people, arrestShare: prefix[k]! / totalArrests });
    }
  }

  const g = gini(histogram, people, totalArrests);
  return { arrestedPeople: people, totalArrests, rows, lorenz, gini: g.value, giniWorking: g.working };
}

/**
 * Concentration of arrests in a window over the index's people (or a subset), for all arrests or
 * one crime type.
 */
export function concentrationFromIndex(
  index: ArrestIndex,
  window: AnalysisWindow,
  options: ConcentrationOptions & { crimeType?: ProjectionCrimeTypeId; personIds?: Iterable<number> },
): ConcentrationResult {
  const counts = windowCounts(index, window);
  const code = options.crimeType === undefined || options.crimeType === 'all' ? null : CRIME_TYPE_CODE[options.crimeType];
  const rows: number[] = [];
  if (options.personIds === undefined) {
    for (let r = 0; r < index.people.length; r++) rows.push(r);
  } else {
    const seen = new Set<number>();
    for (const id of options.personIds) {
      const row = index.rowOf(id);
      if (row >= 0 && !seen.has(row)) {
        seen.add(row);
        rows.push(row);
      }
    }
  }
  const perPerson = new Int32Array(rows.length);
  const ids = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    perPerson[i] = code === null ? counts.total[row]! : counts.byType[row * CRIME_TYPE_COUNT + code]!;
    ids[i] = index.people[row]!.id;
  });
  return concentrationFromCounts(perPerson, ids, options);
}
