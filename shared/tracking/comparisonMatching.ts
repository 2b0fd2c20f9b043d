import { type AnalysisWindow, type ArrestIndex, CRIME_TYPE_COUNT, FLAG_BIT, windowCounts, workingNumber } from '../domain/analysisModel';
import { CRIME_TYPE_IDS, type CrimeTypeId } from '../domain/crimeTypes';
import type { FlagName } from '../domain/flags';
import { bandOfAge, DEFAULT_AGE_BANDS, NOT_RECORDED } from '../equalities';

/**
 * The comparison group (issue 20): for each cohort member, one person from the long list who was not
 * taken on, alike in what got the member selected:
 * - the same priority group (the first of the rule set's groups the person is in, or none),
 * - the same age band at the window's reference date (shared/equalities.ts bands),
 * - arrests in the selection window by crime type: exactly the same counts when anyone has them (the
 *   least used of those so far, then the lower id, so that one person does not stand for everyone
 *   alike and a run is reproducible), else the nearest total and, among those, the first in id
 *   order at the smallest L1 distance over the eleven crime-type counts. Matching on the mix first left the
 *   comparison with fewer arrests than the cohort (the long list thins out at the top), so it
 *   regressed less and the effect came out too large on the generated follow-up.
 * Matching is with replacement: a comparison person may stand for several members (counted and
 * shown), since the long list rarely holds enough unselected people with a cohort's arrest counts.
 * A member whose priority group and age band no candidate shares is left unmatched and named.
 * The pool is held as typed columns sorted by (stratum, total, id): 200,000 candidates are sorted
 * once and each member's search is two binary searches and a scan of one total's people.
 */

export const NO_PRIORITY_GROUP = 'none';

export type MatchQuality = 'exact' | 'nearest';

export interface ComparisonMatch {
  memberId: number;
  comparisonId: number;
  quality: MatchQuality;
  /** L1 distance between the two people's window counts by crime type (0 for an exact match). */
  distance: number;
}

export interface MatchingSummary {
  cohort: number;
  candidates: number;
  matched: number;
  exact: number;
  nearest: number;
  unmatched: Array<{ personId: number; reason: string }>;
  /** Comparison people standing for more than one member. */
  reusedComparisons: number;
  meanDistance: number | null;
  maxDistance: number | null;
  /** Mean window arrests per person of the matched members and of their comparisons, per crime type with any. */
  balance: Array<{ crimeType: CrimeTypeId | 'all'; cohortMean: number; comparisonMean: number }>;
  method: string;
}

export interface MatchingResult {
  matches: ComparisonMatch[];
  summary: MatchingSummary;
}

/** Index of the first of the rule set's priority groups the person's flags hold; the groups' length for none. */
function groupCodeOf(flagMask: number, priorityGroups: readonly FlagName[]): number {
  for (let g = 0; g < priorityGroups.length; g++) if ((flagMask & FLAG_BIT[priorityGroups[g]!]) !== 0) return g;
  return priorityGroups.length;
}

const BAND_LABELS = [...DEFAULT_AGE_BANDS.map((b) => b.label), 'Under 10', NOT_RECORDED];
const BAND_CODE = new Map(BAND_LABELS.map((label, code) => [label, code]));

function ageBandCodeOf(dobYmd: number, referenceYmd: number): number {
  if (dobYmd < 0 || dobYmd > referenceYmd) return BAND_CODE.get(NOT_RECORDED)!;
  return BAND_CODE.get(bandOfAge(Math.floor((referenceYmd - dobYmd) / 10000), DEFAULT_AGE_BANDS)) ?? BAND_CODE.get(NOT_RECORDED)!;
}

/** A total above this is capped for sorting only (nobody is arrested 4,096 times in a window). */
const TOTAL_CAP = 4095;
const ZERO_KEY = new Array<number>(CRIME_TYPE_COUNT).fill(0).join(',');
const ID_SPAN = 2 ** 32;

export function matchComparisonGroup(
  index: ArrestIndex,
  window: AnalysisWindow,
  priorityGroups: readonly FlagName[],
  memberIds: readonly number[],
  candidateIds: readonly number[],
): MatchingResult {
  const counts = windowCounts(index, window);
  const referenceYmd = Number(window.referenceDate.replaceAll('-', ''));
  const stratumOf = (row: number): number =>
    row < 0 ? priorityGroups.length * BAND_LABELS.length + BAND_CODE.get(NOT_RECORDED)! : groupCodeOf(index.flagMasks[row]!, priorityGroups) * BAND_LABELS.length + ageBandCodeOf(index.dobYmd[row]!, referenceYmd);
  const totalOf = (row: number): number => (row < 0 ? 0 : counts.total[row]!);
  const typeCount = (row: number, c: number): number => (row < 0 ? 0 : counts.byType[row * CRIME_TYPE_COUNT + c]!);
  const distance = (member: number, other: number): number => {
    let d = 0;
    const byType = counts.byType;
    for (let c = 0; c < CRIME_TYPE_COUNT; c++) d += Math.abs((member < 0 ? 0 : byType[member * CRIME_TYPE_COUNT + c]!) - (other < 0 ? 0 : byType[other * CRIME_TYPE_COUNT + c]!));
    return d;
  };

  // The pool, sorted by one packed key: stratum, capped total, id.
  const members = new Set(memberIds);
  const keys: number[] = [];
  const seen = new Set<number>();
  for (const id of candidateIds) {
    if (members.has(id) || seen.has(id)) continue;
    seen.add(id);
    const row = index.rowOf(id);
    keys.push((stratumOf(row) * (TOTAL_CAP + 1) + Math.min(totalOf(row), TOTAL_CAP)) * ID_SPAN + id);
  }
  const sorted = Float64Array.from(keys).sort();
  const n = sorted.length;
  const poolIds = new Int32Array(n);
  const poolRows = new Int32Array(n);
  const poolTotals = new Int32Array(n);
  const poolStrata = new Int32Array(n);
  const strata = new Map<number, { from: number; to: number }>();
  for (let i = 0; i < n; i++) {
    const id = sorted[i]! % ID_SPAN;
    const rest = Math.floor(sorted[i]! / ID_SPAN);
    const stratum = Math.floor(rest / (TOTAL_CAP + 1));
    poolIds[i] = id;
    poolRows[i] = index.rowOf(id);
    poolTotals[i] = rest % (TOTAL_CAP + 1);
    poolStrata[i] = stratum;
    const range = strata.get(stratum);
    if (range) range.to = i + 1;
    else strata.set(stratum, { from: i, to: i + 1 });
  }
  const uses = new Int32Array(n);
  const keyOf = (row: number): string => (row < 0 ? ZERO_KEY : counts.byType.subarray(row * CRIME_TYPE_COUNT, (row + 1) * CRIME_TYPE_COUNT).join(','));
  // Per run of one stratum and total (keyed by its first position): positions by their counts, built when first needed.
  const exactRuns = new Map<number, Map<string, number[]>>();
  const exactIn = (runStart: number, key: string): readonly number[] => {
    let run = exactRuns.get(runStart);
    if (!run) {
      run = new Map();
      for (let i = runStart; i < n && poolTotals[i] === poolTotals[runStart] && (i === runStart || poolStrata[i] === poolStrata[runStart]); i++) {
        const k = keyOf(poolRows[i]!);
        const list = run.get(k);
        if (list) list.push(i);
        else run.set(k, [i]);
      }
      exactRuns.set(runStart, run);
    }
    return run.get(key) ?? [];
  };

  const firstAtLeast = (from: number, to: number, value: number): number => {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (poolTotals[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const matches: ComparisonMatch[] = [];
  const unmatched: MatchingSummary['unmatched'] = [];
  const cohortSums = new Float64Array(CRIME_TYPE_COUNT);
  const comparisonSums = new Float64Array(CRIME_TYPE_COUNT);
  const matchedMembers = new Set<number>();
  for (const memberId of memberIds) {
    if (matchedMembers.has(memberId)) continue;
    matchedMembers.add(memberId);
    const row = index.rowOf(memberId);
    const stratum = stratumOf(row);
    const range = strata.get(stratum);
    if (!range) {
      const group = row < 0 ? NO_PRIORITY_GROUP : (priorityGroups[groupCodeOf(index.flagMasks[row]!, priorityGroups)] ?? NO_PRIORITY_GROUP);
      const band = BAND_LABELS[stratum % BAND_LABELS.length]!;
      unmatched.push({ personId: memberId, reason: `no one on the long list outside the cohort shares the priority group (${group}) and age band (${band})` });
      continue;
    }
    const total = Math.min(totalOf(row), TOTAL_CAP);
    const start = firstAtLeast(range.from, range.to, total);
    const upGap = start < range.to ? poolTotals[start]! - total : Infinity;
    const downGap = start > range.from ? total - poolTotals[start - 1]! : Infinity;
    const gap = Math.min(upGap, downGap);
    let best = -1;
    let bestDistance = Infinity;
    if (gap === 0) {
      // Exact: the least used of the people with the very same counts (they are in id order).
      for (const i of exactIn(start, keyOf(row))) if (best < 0 || uses[i]! < uses[best]!) best = i;
      if (best >= 0) bestDistance = 0;
    }
    if (best < 0) {
      // Two people with the same total differ by at least 2; with totals `gap` apart, by at least `gap`.
      const floor = gap === 0 ? 2 : gap;
      search: for (const target of gap === 0 ? [total] : [total - gap, total + gap]) {
        for (let i = firstAtLeast(range.from, range.to, target); i < range.to && poolTotals[i] === target; i++) {
          const d = distance(row, poolRows[i]!);
          if (d < bestDistance) {
            best = i;
            bestDistance = d;
            if (d <= floor) break search;
          }
        }
      }
    }
    uses[best]!++;
    matches.push({ memberId, comparisonId: poolIds[best]!, quality: bestDistance === 0 ? 'exact' : 'nearest', distance: bestDistance });
    for (let c = 0; c < CRIME_TYPE_COUNT; c++) {
      cohortSums[c]! += typeCount(row, c);
      comparisonSums[c]! += typeCount(poolRows[best]!, c);
    }
  }

  const matched = matches.length;
  const balance: MatchingSummary['balance'] = [];
  if (matched > 0) {
    const sum = (values: Float64Array) => values.reduce((a, b) => a + b, 0);
    balance.push({ crimeType: 'all', cohortMean: sum(cohortSums) / matched, comparisonMean: sum(comparisonSums) / matched });
    CRIME_TYPE_IDS.forEach((crimeType, c) => {
      if (cohortSums[c]! > 0 || comparisonSums[c]! > 0) balance.push({ crimeType, cohortMean: cohortSums[c]! / matched, comparisonMean: comparisonSums[c]! / matched });
    });
  }
  const exact = matches.filter((m) => m.quality === 'exact').length;
  let reused = 0;
  for (let i = 0; i < n; i++) if (uses[i]! > 1) reused++;
  let distanceSum = 0;
  let maxDistance = 0;
  for (const m of matches) {
    distanceSum += m.distance;
    maxDistance = Math.max(maxDistance, m.distance);
  }
  return {
    matches,
    summary: {
      cohort: matchedMembers.size,
      candidates: n,
      matched,
      exact,
      nearest: matched - exact,
      unmatched,
      reusedComparisons: reused,
      meanDistance: matched === 0 ? null : distanceSum / matched,
      maxDistance: matched === 0 ? null : maxDistance,
      balance,
      method:
        'One comparison person per member from the long list not taken on: same priority group and age band, and the same arrests in the window by crime type, ' +
        `or else the nearest total and, among those, the nearest by the sum of differences over the ${CRIME_TYPE_COUNT} crime-type counts; with replacement (a person may stand for several members).`,
    },
  };
}

/** "312 exact, 88 nearest (mean distance 1.2 arrests over all pairs, at most 5), 3 unmatched; …". */
export function describeMatchQuality(summary: MatchingSummary): string {
  const nearest = summary.nearest > 0 ? ` (mean distance ${workingNumber(Number((summary.meanDistance ?? 0).toFixed(2)))} arrests over all pairs, at most ${summary.maxDistance ?? 0})` : '';
  return `${summary.exact} exact, ${summary.nearest} nearest${nearest}, ${summary.unmatched.length} unmatched; ${summary.reusedComparisons} comparison people stand for more than one member`;
}
