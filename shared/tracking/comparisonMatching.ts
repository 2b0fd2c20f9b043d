import { type AnalysisWindow, type ArrestIndex, CRIME_TYPE_COUNT, FLAG_BIT, windowCounts, workingNumber } from '../domain/analysisModel';
import { CRIME_TYPE_IDS, type CrimeTypeId } from '../domain/crimeTypes';
import type { FlagName } from '../domain/flags';
import { DEFAULT_AGE_BANDS, NOT_RECORDED, UNDER_BANDS } from '../analysis/equalities';

/**
 * The comparison group (issue 20): for each cohort member, one person from the long list who was not
 * taken on, alike in what got the member selected:
 * - the same priority group (the first of the rule set's groups the person is in, or none),
 * - the same age band at the window's reference date (shared/analysis/equalities.ts bands),
 * - arrests in the selection window by crime type: the nearest total, and among the first 1,000 with
 *   that total (in id order) the smallest L1 distance over the eleven crime-type counts, 0 being an
 *   exact match; among equally near people the least used so far, then the lower id, so that one
 *   person does not stand for everyone alike and a run is reproducible. Matching on the mix first left the
 *   comparison with fewer arrests than the cohort (the long list thins out at the top), so it
 *   regressed less and the effect came out too large on the generated follow-up.
 * Matching is with replacement: a comparison person may stand for several members (counted and
 * shown), since the long list rarely holds enough unselected people with a cohort's arrest counts.
 * A member whose priority group and age band no candidate shares is left unmatched and named.
 * The pool is held as typed columns sorted by (stratum, total, id): 200,000 candidates are sorted
 * once and each member's search is two binary searches and a scan of one total's people.
 */

const NO_PRIORITY_GROUP = 'none';

type MatchQuality = 'exact' | 'nearest';

interface ComparisonMatch {
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

interface MatchingResult {
  matches: ComparisonMatch[];
  summary: MatchingSummary;
}

/** Index of the first of the rule set's priority groups the person's flags hold; the groups' length for none. */
function groupCodeOf(flagMask: number, priorityGroups: readonly FlagName[]): number {
  for (let g = 0; g < priorityGroups.length; g++) if ((flagMask & FLAG_BIT[priorityGroups[g]!]) !== 0) return g;
  return priorityGroups.length;
}

/** The equalities bands (shared/analysis/equalities.ts), then under the first band, then not recorded. */
const BAND_LABELS = [...DEFAULT_AGE_BANDS.map((b) => b.label), UNDER_BANDS, NOT_RECORDED];
const UNDER_CODE = DEFAULT_AGE_BANDS.length;
const NOT_RECORDED_CODE = DEFAULT_AGE_BANDS.length + 1;

/** The band as equalities' ageBandFromYmd gives it, from yyyymmdd numbers (no string per person: 200,000 go through here). */
function ageBandCodeOf(dobYmd: number, referenceYmd: number): number {
  if (dobYmd < 0 || dobYmd > referenceYmd) return NOT_RECORDED_CODE;
  const age = Math.floor((referenceYmd - dobYmd) / 10000);
  for (let code = 0; code < DEFAULT_AGE_BANDS.length; code++) {
    const band = DEFAULT_AGE_BANDS[code]!;
    if (age >= band.min && (band.max === null || age <= band.max)) return code;
  }
  return DEFAULT_AGE_BANDS.length > 0 && age < DEFAULT_AGE_BANDS[0]!.min ? UNDER_CODE : NOT_RECORDED_CODE;
}

/** A total above this is capped for sorting only (nobody is arrested 4,096 times in a window). */
const TOTAL_CAP = 4095;
/**
 * Most people of one total a nearest search looks at (in id order): low totals are shared by tens
 * of thousands on a big long list, and the search must stay bounded, as linking's blocks are.
 */
const NEAREST_SCAN_LIMIT = 1000;
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
    row < 0 ? priorityGroups.length * BAND_LABELS.length + NOT_RECORDED_CODE : groupCodeOf(index.flagMasks[row]!, priorityGroups) * BAND_LABELS.length + ageBandCodeOf(index.dobYmd[row]!, referenceYmd);
  const totalOf = (row: number): number => (row < 0 ? 0 : counts.total[row]!);
  const typeCount = (row: number, c: number): number => (row < 0 ? 0 : counts.byType[row * CRIME_TYPE_COUNT + c]!);
  const distance = (member: number, other: number): number => {
    let d = 0;
    const byType = counts.byType;
    for (let c = 0; c < CRIME_TYPE_COUNT; c++) d += Math.abs((member < 0 ? 0 : byType[member * CRIME_TYPE_COUNT + c]!) - (other < 0 ? 0 : byType[other * CRIME_TYPE_COUNT + c]!));
    return d;
  };

  // The pool, sorted by one packed key: stratum, capped total, id.
  // Each person once, members never: a byte per row (and a set for the rare id the index lacks).
  const taken = new Uint8Array(index.people.length);
  const takenOutside = new Set<number>();
  const take = (id: number, row: number): boolean => {
    if (row >= 0) return taken[row] === 1 ? false : ((taken[row] = 1), true);
    return takenOutside.has(id) ? false : (takenOutside.add(id), true);
  };
  for (const id of memberIds) take(id, index.rowOf(id));
  const keys: number[] = [];
  for (const id of candidateIds) {
    const row = index.rowOf(id);
    if (!take(id, row)) continue;
    keys.push((stratumOf(row) * (TOTAL_CAP + 1) + Math.min(totalOf(row), TOTAL_CAP)) * ID_SPAN + id);
  }
  const sorted = Float64Array.from(keys).sort();
  const n = sorted.length;
  const poolIds = new Int32Array(n);
  const poolRows = new Int32Array(n);
  const poolTotals = new Int32Array(n);
  const strata = new Map<number, { from: number; to: number }>();
  for (let i = 0; i < n; i++) {
    const id = sorted[i]! % ID_SPAN;
    const rest = Math.floor(sorted[i]! / ID_SPAN);
    const stratum = Math.floor(rest / (TOTAL_CAP + 1));
    poolIds[i] = id;
    poolRows[i] = index.rowOf(id);
    poolTotals[i] = rest % (TOTAL_CAP + 1);
    const range = strata.get(stratum);
    if (range) range.to = i + 1;
    else strata.set(stratum, { from: i, to: i + 1 });
  }
  const uses = new Int32Array(n);
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
    for (const target of gap === 0 ? [total] : [total - gap, total + gap]) {
      const first = firstAtLeast(range.from, range.to, target);
      // In id order, so among equally near people the least used wins, then the lower id.
      for (let i = first; i < range.to && i < first + NEAREST_SCAN_LIMIT && poolTotals[i] === target; i++) {
        const d = distance(row, poolRows[i]!);
        if (d < bestDistance || (d === bestDistance && uses[i]! < uses[best]!)) {
          best = i;
          bestDistance = d;
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
