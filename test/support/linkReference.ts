/**
 * The record-linkage rules as plain reference code, which the tests hold the import's person
 * registry to (electron/import/personRegistry.ts does the same with integer codes and memos):
 * the best candidates of a record among those sharing a blocking key, and the upper bound of a
 * pair's score that lets a large import skip pairs. Moved here from shared/links/recordLinkage.ts,
 * where only tests called them; every rule they apply (the blocking keys, `scorePair`, the
 * weights of `UPPER_BOUND_WEIGHTS`, the surname tests) is still the product's own.
 */
import {
  classifyLink,
  DEFAULT_LINK_THRESHOLDS,
  DEFAULT_PRIOR_LOG_ODDS,
  differentSurnamesBound,
  indexKeys,
  linkNames,
  queryKeys,
  scorePair,
  surnamesMayBeVariants,
  UPPER_BOUND_WEIGHTS,
  type LinkRecord,
  type LinkThresholds,
  type PairScore,
  type PreparedLinkRecord,
  type SurnameClosenessCache,
} from '../../shared/links/recordLinkage';

interface CandidateIndex<T extends LinkRecord> {
  readonly records: readonly T[];
  readonly blocks: ReadonlyMap<string, readonly number[]>;
  readonly thisYear: number | undefined;
}

/** Build once per list and reuse for every query: building is linear in the list. */
export function buildCandidateIndex<T extends LinkRecord>(records: readonly T[], opts: { thisYear?: number } = {}): CandidateIndex<T> {
  const blocks = new Map<string, number[]>();
  records.forEach((record, index) => {
    for (const key of new Set(indexKeys(record, opts.thisYear))) {
      const block = blocks.get(key);
      if (block) block.push(index);
      else blocks.set(key, [index]);
    }
  });
  return { records, blocks, thisYear: opts.thisYear };
}

interface CandidateMatch<T extends LinkRecord> {
  index: number;
  candidate: T;
  classification: ReturnType<typeof classifyLink>;
  result: PairScore;
}

interface FindCandidatesOptions extends NonNullable<Parameters<typeof scorePair>[2]> {
  /** How many to return, best first. Default 5. */
  k?: number;
  /** Leave out candidates scoring below this. Default: keep all that blocking found. */
  minScore?: number;
  thresholds?: LinkThresholds;
}

/**
 * The best-scoring candidates for one record among those sharing a blocking key, best first
 * (ties in list order). Pass a {@link CandidateIndex} when querying the same list many times.
 */
export function findBestCandidates<T extends LinkRecord>(record: LinkRecord, candidates: readonly T[] | CandidateIndex<T>, opts: FindCandidatesOptions = {}): Array<CandidateMatch<T>> {
  const index = 'blocks' in candidates ? candidates : buildCandidateIndex(candidates, { thisYear: opts.thisYear });
  const thisYear = opts.thisYear ?? index.thisYear;
  const compared = new Set<number>();
  for (const key of queryKeys(record, thisYear)) {
    for (const i of index.blocks.get(key) ?? []) compared.add(i);
  }
  const matches: Array<CandidateMatch<T>> = [];
  for (const i of compared) {
    const candidate = index.records[i];
    if (candidate === undefined) continue;
    const result = scorePair(record, candidate, { priorLogOdds: opts.priorLogOdds, thisYear });
    // Two different valid PNCs are two people, however alike the rest.
    if (result.fields[0]?.level === 'different') continue;
    if (opts.minScore !== undefined && result.score < opts.minScore) continue;
    matches.push({ index: i, candidate, classification: classifyLink(result.score, opts.thresholds), result });
  }
  matches.sort((x, y) => y.result.score - x.result.score || x.index - y.index);
  return matches.slice(0, opts.k ?? 5);
}

const W = UPPER_BOUND_WEIGHTS;
const namesMemo = new WeakMap<PreparedLinkRecord, ReturnType<typeof linkNames>>();

function namesOf(p: PreparedLinkRecord): ReturnType<typeof linkNames> {
  let names = namesMemo.get(p);
  if (!names) {
    names = linkNames(p.record);
    namesMemo.set(p, names);
  }
  return names;
}

/**
 * A score `scorePair(a.record, b.record, { priorLogOdds })` can never exceed, worked out from the
 * cheap facts first (PNC, date of birth, whether the surnames could be variants). The importer
 * skips a pair whose bound is below the review threshold: the pair could neither be linked nor
 * shown, so skipping it changes no decision, while a million-row extract avoids millions of scores.
 */
export function scoreUpperBound(a: PreparedLinkRecord, b: PreparedLinkRecord, options: { priorLogOdds?: number; cache?: SurnameClosenessCache } = {}): number {
  let bound = options.priorLogOdds ?? DEFAULT_PRIOR_LOG_ODDS;
  if (a.pnc !== null && b.pnc !== null) bound += a.pnc === b.pnc ? W.pncExact : W.pncDifferent;
  if (a.dob !== null && b.dob !== null) bound += a.dob === b.dob ? W.dobExact : a.swappedDob === b.dob ? W.dobSwapped : W.dobOther;
  return bound + namesUpperBound(a, b, options.cache);
}

function namesUpperBound(a: PreparedLinkRecord, b: PreparedLinkRecord, cache: SurnameClosenessCache | undefined): number {
  const na = namesOf(a);
  const nb = namesOf(b);
  if (na.compactSurname === '' || nb.compactSurname === '') return W.namesMissingSurname;
  if (na.compactSurname === nb.compactSurname) return W.sameSurname;
  const variant = surnamesMayBeVariants(na, nb, cache);
  // The same test as namesTransposed, on the names worked out above.
  const swapped = na.firstForename.length > 1 && nb.firstForename.length > 1 && na.compactSurname === nb.firstForename && nb.compactSurname === na.firstForename;
  return differentSurnamesBound(variant, swapped);
}

/**
 * Whether a candidate with a different valid PNC and a date of birth that is neither the same nor
 * day/month swapped could still reach `review`. With the default weights it cannot (about 1.6 at
 * best against 4), which lets the importer look only at same-birthday people and PNC-less people
 * when a row has a valid PNC nobody holds yet.
 */
export function differentPncNeedsMatchingDob(thresholds: LinkThresholds = DEFAULT_LINK_THRESHOLDS, priorLogOdds = DEFAULT_PRIOR_LOG_ODDS): boolean {
  return priorLogOdds + W.pncDifferent + W.dobOther + W.namesBest < thresholds.review;
}
