import { type AnalysisWindow, type ArrestIndex, CRIME_TYPE_COUNT, FLAG_BIT, windowCounts, workingNumber } from '../domain/analysisModel';
import { CRIME_TYPE_IDS, type CrimeTypeId } from '../domain/crimeTypes';
import type { FlagName } from '../domain/flags';
import { ageBandOf } from '../equalities';

/**
 * The comparison group (issue 20): for each cohort member, one person from the long list who was not
 * taken on, alike in what got the member selected:
 * - the same priority group (the first of the rule set's groups the person is in, or none),
 * - the same age band at the window's reference date (shared/equalities.ts bands),
 * - arrests in the selection window by crime type: exactly the same counts when anyone has them,
 *   otherwise the nearest total, and among those the nearest by L1 distance over the eleven
 *   crime-type counts (then the lower id, so a run is reproducible). Matching on the mix first
 *   left the comparison with fewer arrests than the cohort (the long list thins out at the top),
 *   so it regressed less and the effect came out too large on the generated follow-up.
 * Matching is with replacement: a comparison person may stand for several members (counted and
 * shown), since the long list rarely holds enough unselected people with a cohort's arrest counts.
 * A member whose priority group and age band no candidate shares is left unmatched and named.
 */

export const NO_PRIORITY_GROUP = 'none';

export interface MatchingPerson {
  personId: number;
  priorityGroup: FlagName | typeof NO_PRIORITY_GROUP;
  ageBand: string;
  /** Arrests in the window per crime code. */
  counts: Int32Array;
  total: number;
}

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

/** The first of the rule set's priority groups the person's flags hold. */
export function primaryPriorityGroup(flagMask: number, priorityGroups: readonly FlagName[]): FlagName | typeof NO_PRIORITY_GROUP {
  for (const group of priorityGroups) if ((flagMask & FLAG_BIT[group]) !== 0) return group;
  return NO_PRIORITY_GROUP;
}

export function matchingPeople(index: ArrestIndex, ids: readonly number[], window: AnalysisWindow, priorityGroups: readonly FlagName[]): MatchingPerson[] {
  const counts = windowCounts(index, window);
  return ids.map((personId) => {
    const row = index.rowOf(personId);
    const own = new Int32Array(CRIME_TYPE_COUNT);
    if (row >= 0) own.set(counts.byType.subarray(row * CRIME_TYPE_COUNT, (row + 1) * CRIME_TYPE_COUNT));
    const person = row >= 0 ? index.people[row] : undefined;
    return {
      personId,
      priorityGroup: primaryPriorityGroup(row >= 0 ? index.flagMasks[row]! : 0, priorityGroups),
      ageBand: ageBandOf(person?.dob ?? null, window.referenceDate),
      counts: own,
      total: row >= 0 ? counts.total[row]! : 0,
    };
  });
}

function distanceBetween(a: Int32Array, b: Int32Array): number {
  let d = 0;
  for (let c = 0; c < a.length; c++) d += Math.abs(a[c]! - b[c]!);
  return d;
}

interface Stratum {
  /** Sorted by total arrests, then id. */
  people: MatchingPerson[];
  totals: Int32Array;
  exact: Map<string, { people: MatchingPerson[]; next: number }>;
}

function firstAtLeast(totals: Int32Array, value: number): number {
  let lo = 0;
  let hi = totals.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (totals[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function nearestIn(stratum: Stratum, member: MatchingPerson): { person: MatchingPerson; distance: number } | null {
  const { totals, people } = stratum;
  if (people.length === 0) return null;
  // Nearest total first, then the closest mix of crime types among those: the total is what the
  // member was selected on, so it carries the regression to the mean the comparison must share.
  const start = firstAtLeast(totals, member.total);
  const upGap = start < people.length ? totals[start]! - member.total : Infinity;
  const downGap = start > 0 ? member.total - totals[start - 1]! : Infinity;
  const gap = Math.min(upGap, downGap);
  let best: { person: MatchingPerson; distance: number } | null = null;
  for (const target of new Set([member.total - gap, member.total + gap])) {
    for (let i = firstAtLeast(totals, target); i < people.length && totals[i] === target; i++) {
      const p = people[i]!;
      const distance = distanceBetween(member.counts, p.counts);
      if (!best || distance < best.distance || (distance === best.distance && p.personId < best.person.personId)) best = { person: p, distance };
    }
  }
  return best;
}

export function matchComparisonGroup(cohort: readonly MatchingPerson[], candidates: readonly MatchingPerson[]): MatchingResult {
  const cohortIds = new Set(cohort.map((m) => m.personId));
  const strata = new Map<string, Stratum>();
  const pool = [...candidates].filter((c) => !cohortIds.has(c.personId)).sort((a, b) => a.total - b.total || a.personId - b.personId);
  for (const person of pool) {
    const key = `${person.priorityGroup}|${person.ageBand}`;
    let stratum = strata.get(key);
    if (!stratum) strata.set(key, (stratum = { people: [], totals: new Int32Array(0), exact: new Map() }));
    stratum.people.push(person);
    const countsKey = person.counts.join(',');
    const exact = stratum.exact.get(countsKey);
    if (exact) exact.people.push(person);
    else stratum.exact.set(countsKey, { people: [person], next: 0 });
  }
  for (const stratum of strata.values()) stratum.totals = Int32Array.from(stratum.people, (p) => p.total);

  const matches: ComparisonMatch[] = [];
  const unmatched: MatchingSummary['unmatched'] = [];
  const uses = new Map<number, number>();
  const cohortSums = new Float64Array(CRIME_TYPE_COUNT);
  const comparisonSums = new Float64Array(CRIME_TYPE_COUNT);
  const byId = new Map(pool.map((p) => [p.personId, p]));
  for (const member of cohort) {
    const stratum = strata.get(`${member.priorityGroup}|${member.ageBand}`);
    if (!stratum) {
      unmatched.push({ personId: member.personId, reason: `no one on the long list outside the cohort shares the priority group (${member.priorityGroup}) and age band (${member.ageBand})` });
      continue;
    }
    // Exact matches are taken in turn so that one person does not stand for everyone alike.
    const exact = stratum.exact.get(member.counts.join(','));
    let match: ComparisonMatch;
    if (exact) {
      const person = exact.people[exact.next % exact.people.length]!;
      exact.next++;
      match = { memberId: member.personId, comparisonId: person.personId, quality: 'exact', distance: 0 };
    } else {
      const nearest = nearestIn(stratum, member)!;
      match = { memberId: member.personId, comparisonId: nearest.person.personId, quality: 'nearest', distance: nearest.distance };
    }
    matches.push(match);
    uses.set(match.comparisonId, (uses.get(match.comparisonId) ?? 0) + 1);
    const comparison = byId.get(match.comparisonId)!;
    for (let c = 0; c < CRIME_TYPE_COUNT; c++) {
      cohortSums[c]! += member.counts[c]!;
      comparisonSums[c]! += comparison.counts[c]!;
    }
  }
  const n = matches.length;
  const distances = matches.map((m) => m.distance);
  const balance: MatchingSummary['balance'] = [];
  if (n > 0) {
    const total = (sums: Float64Array) => sums.reduce((a, b) => a + b, 0);
    balance.push({ crimeType: 'all', cohortMean: total(cohortSums) / n, comparisonMean: total(comparisonSums) / n });
    CRIME_TYPE_IDS.forEach((crimeType, c) => {
      if (cohortSums[c]! > 0 || comparisonSums[c]! > 0) balance.push({ crimeType, cohortMean: cohortSums[c]! / n, comparisonMean: comparisonSums[c]! / n });
    });
  }
  const exactCount = matches.filter((m) => m.quality === 'exact').length;
  return {
    matches,
    summary: {
      cohort: cohort.length,
      candidates: pool.length,
      matched: n,
      exact: exactCount,
      nearest: n - exactCount,
      unmatched,
      reusedComparisons: [...uses.values()].filter((u) => u > 1).length,
      meanDistance: n === 0 ? null : distances.reduce((a, b) => a + b, 0) / n,
      maxDistance: n === 0 ? null : Math.max(...distances),
      balance,
      method:
        'One comparison person per member from the long list not taken on: same priority group and age band, and the same arrests in the window by crime type, ' +
        `or else the nearest total and, among those, the nearest by the sum of differences over the ${CRIME_TYPE_COUNT} crime-type counts; with replacement (a person may stand for several members).`,
    },
  };
}

/** "312 exact, 88 nearest (mean distance 1.2 arrests, at most 5), 3 unmatched". */
export function describeMatchQuality(summary: MatchingSummary): string {
  const nearest = summary.nearest > 0 ? ` (mean distance ${workingNumber(Number((summary.meanDistance ?? 0).toFixed(2)))} arrests, at most ${summary.maxDistance ?? 0})` : '';
  return `${summary.exact} exact, ${summary.nearest} nearest${nearest}, ${summary.unmatched.length} unmatched; ${summary.reusedComparisons} comparison people stand for more than one member`;
}
