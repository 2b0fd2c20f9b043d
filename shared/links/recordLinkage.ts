/**
 * Linking records of the same person across lists that share no reliable key.
 *
 * The model is Fellegi–Sunter, as the Splink library uses it: each compared field (PNC, surname,
 * forenames, date of birth) falls into one comparison level, each level has an m probability
 * (how often a true match shows this level) and a u probability (how often two different people
 * do), and the level contributes the match weight log2(m / u). The score is the prior log-odds
 * plus the sum of the weights, so a reviewer can see field by field why two records were linked.
 * m and u are documented defaults, not estimates from this data: the lists are too small to train
 * on, and fixed weights make every decision reproducible.
 */
import { isIsoDate, isoParts, type IsoDate } from '../domain/isoDate';
import { parsePnc } from '../domain/pnc';
import { isPlaceholderDob } from '../import/placeholderDates';
import { formatDisplayDate } from '../domain/dateDisplay';
import { PairMemo } from '../domain/pairMemo';

export interface LinkRecord {
  pnc?: string | null;
  surname?: string | null;
  forenames?: string | null;
  dob?: IsoDate | null;
}

type LinkField = 'pnc' | 'surname' | 'forenames' | 'dob';

interface LevelParameters {
  /** P(level | same person) */
  m: number;
  /** P(level | different people) */
  u: number;
  meaning: string;
}

/**
 * The default m and u per level. Within a field the m values sum to 1 and so do the u values.
 * The u values come from how names and dates spread in a population of a few tens of thousands
 * of adults born over about 40 years (about 14,600 possible birthdays); the m values from how
 * often police records of one person disagree (spelling, aliases, typed dates).
 */
export const COMPARISON_LEVELS = {
  pnc: {
    // u is set so low on purpose: a PNC ID with a valid check letter names one person, and the
    // design treats an agreement as decisive. log2(0.995 / 1e-13) ≈ 43.2 outweighs every
    // other field disagreeing at once (≈ −15) plus the prior (−10), so the pair is still auto.
    exact: { m: 0.995, u: 1e-13, meaning: 'both valid PNC IDs, the same ID' },
    different: { m: 0.005, u: 1 - 1e-13, meaning: 'both valid PNC IDs, different IDs' },
  },
  surname: {
    exact: { m: 0.88, u: 0.003, meaning: 'same surname after normalising' },
    close: { m: 0.06, u: 0.004, meaning: 'spelling variant, one edit, or one part of a double-barrelled surname' },
    transposed: { m: 0.01, u: 0.0002, meaning: 'surname and forename swapped between the records' },
    different: { m: 0.05, u: 0.9928, meaning: 'different surnames' },
  },
  forenames: {
    exact: { m: 0.8, u: 0.008, meaning: 'same forenames after normalising' },
    first_exact: { m: 0.07, u: 0.004, meaning: 'same first forename, middle names differ or are missing' },
    close: { m: 0.06, u: 0.006, meaning: 'spelling variant of the first forename, or a middle name used as the first' },
    initial: { m: 0.03, u: 0.006, meaning: 'one record has only an initial and it agrees' },
    transposed: { m: 0.01, u: 0.0005, meaning: 'surname and forename swapped between the records' },
    different: { m: 0.03, u: 0.9755, meaning: 'different forenames' },
  },
  dob: {
    exact: { m: 0.93, u: 0.0001, meaning: 'same date of birth' },
    day_month_swapped: { m: 0.02, u: 0.0001, meaning: 'day and month swapped (a US-style entry)' },
    one_digit: { m: 0.025, u: 0.0012, meaning: 'one digit different (a typing error)' },
    year_off: { m: 0.005, u: 0.0003, meaning: 'same day and month, year one or two out' },
    different: { m: 0.02, u: 0.9983, meaning: 'different dates of birth' },
  },
} as const satisfies Record<LinkField, Record<string, LevelParameters>>;


export function matchWeight(m: number, u: number): number {
  return Math.log2(m / u);
}

/**
 * Prior log-odds that a pair is the same person before any field is compared: −10 bits, about
 * one in a thousand. That is roughly the share of true matches among the pairs blocking puts
 * together (same PNC, same date of birth, or same-sounding surname with the same birth year or
 * initial) when a list of hundreds is linked to a population of tens of thousands.
 */
export const DEFAULT_PRIOR_LOG_ODDS = -10;

export interface LinkThresholds {
  auto: number;
  review: number;
}

/**
 * auto 15: reached by exact surname + exact (or first-name-exact) forenames + exact DOB (18.0 /
 * 15.5) or by an agreeing PNC, and by nothing weaker. Every spelling variant, initial, swapped
 * name or DOB typo, even with the other fields exact (10–14.7), goes to a person, because a wrong
 * merge silently gives one person another's arrests and flags before a selection panel, while a
 * review costs a click.
 * review 4: same name with no DOB (4.8), twins (same surname and DOB, different forenames, 6.4)
 * and a changed surname with same forenames and DOB (5.5) are shown to the reviewer; two records
 * with different valid PNCs never are, whatever their names (they are two people; the possible
 * duplicate PNC records report lists the look-alikes); the same name with a different DOB (−0.8) and surname +
 * initial alone (0.5) are not, as they are too common among unrelated people.
 */
export const DEFAULT_LINK_THRESHOLDS: LinkThresholds = { auto: 15, review: 4 };

type LinkClass = 'auto' | 'review' | 'none';

export function classifyLink(score: number, thresholds: LinkThresholds = DEFAULT_LINK_THRESHOLDS): LinkClass {
  if (score >= thresholds.auto) return 'auto';
  if (score >= thresholds.review) return 'review';
  return 'none';
}

interface FieldComparison {
  field: LinkField;
  level: string;
  weight: number;
  /** m and u of the level; both null for a missing value, which adds nothing. */
  m: number | null;
  u: number | null;
  explanation: string;
}

export interface PairScore {
  score: number;
  probability: number;
  prior: number;
  fields: FieldComparison[];
  /** Things a reviewer should look at even when the score is decisive. */
  warnings: string[];
}

interface ScoreOptions {
  priorLogOdds?: number;
  /** Passed to PNC parsing for two-digit years. */
  thisYear?: number;
}

// ---------------------------------------------------------------------------------------------
// String comparison

/**
 * Lower case, accents removed, apostrophes dropped (O'Brien = OBrien) and every other run of
 * non-letters (hyphens, dots, spaces) made one space (Smith-Jones = Smith Jones).
 */
export function normaliseName(name: string | null | undefined): string {
  if (!name) return '';
  // Most names are one word of plain letters, for which all of the below is a lower-casing.
  if (isAsciiLetters(name)) return name.toLowerCase();
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/gu, '')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();
}

function isAsciiLetters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

function compact(normalised: string): string {
  return normalised.replace(/ /g, '');
}

function jaro(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - range);
    const to = Math.min(b.length - 1, i + range);
    for (let j = from; j <= to; j++) {
      if (!bMatched[j] && a[i] === b[j]) {
        aMatched[i] = true;
        bMatched[j] = true;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const t = transpositions / 2;
  return (matches / a.length + matches / b.length + (matches - t) / matches) / 3;
}

/** Jaro-Winkler similarity (prefix scale 0.1, up to 4 prefix characters), 0–1. */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/** One insertion, deletion, substitution or swap of two neighbouring letters at most. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    const [i, j] = diffs as [number, number];
    return diffs.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i];
  }
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < shorter.length && shorter[i] === longer[i]) i++;
  return shorter.slice(i) === longer.slice(i + 1);
}

const CLOSE_JARO_WINKLER = 0.92;

function isClose(a: string, b: string): { close: boolean; similarity: number } {
  const similarity = jaroWinkler(a, b);
  return { close: similarity >= CLOSE_JARO_WINKLER || withinOneEdit(a, b), similarity };
}

const SOUNDEX_CODES: Readonly<Record<string, string>> = {
  b: '1', f: '1', p: '1', v: '1',
  c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
  d: '3', t: '3', l: '4', m: '5', n: '5', r: '6',
};

/** American Soundex (R163 for Robert and Rupert), '' when the name has no letters a–z. */
export function soundex(name: string): string {
  const letters = compact(normaliseName(name)).replace(/[^a-z]/g, '');
  const first = letters[0];
  if (first === undefined) return '';
  let code = first.toUpperCase();
  let previous = SOUNDEX_CODES[first] ?? '';
  for (const letter of letters.slice(1)) {
    const digit = SOUNDEX_CODES[letter];
    if (digit === undefined) {
      // h and w do not separate two letters with the same code; vowels do.
      if (letter !== 'h' && letter !== 'w') previous = '';
      continue;
    }
    if (digit !== previous) code += digit;
    previous = digit;
    if (code.length === 4) break;
  }
  return code.padEnd(4, '0');
}

// ---------------------------------------------------------------------------------------------
// Field comparisons

interface LevelResult {
  level: string;
  explanation: string;
}

const MISSING: LevelResult = { level: 'missing', explanation: '' };

function quote(value: string | null | undefined): string {
  return `"${value ?? ''}"`;
}

function compareSurnames(a: string | null | undefined, b: string | null | undefined): LevelResult {
  const na = normaliseName(a);
  const nb = normaliseName(b);
  if (!na || !nb) return { ...MISSING, explanation: 'A surname is missing on one side: no evidence either way.' };
  if (na === nb || compact(na) === compact(nb)) {
    return { level: 'exact', explanation: `${quote(a)} and ${quote(b)} are the same surname.` };
  }
  const ta = na.split(' ');
  const tb = nb.split(' ');
  const [fewer, more] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  if (fewer.every((t) => more.includes(t))) {
    return { level: 'close', explanation: `${quote(a)} and ${quote(b)}: one surname is part of the other.` };
  }
  const { close, similarity } = isClose(compact(na), compact(nb));
  if (close) {
    return {
      level: 'close',
      explanation: `${quote(a)} and ${quote(b)} are spelling variants (Jaro-Winkler ${similarity.toFixed(2)}).`,
    };
  }
  return { level: 'different', explanation: `${quote(a)} and ${quote(b)} are different surnames.` };
}

function compareForenames(a: string | null | undefined, b: string | null | undefined): LevelResult {
  const na = normaliseName(a);
  const nb = normaliseName(b);
  if (!na || !nb) return { ...MISSING, explanation: 'Forenames are missing on one side: no evidence either way.' };
  const ta = na.split(' ');
  const tb = nb.split(' ');
  const fa = ta[0] ?? '';
  const fb = tb[0] ?? '';
  if (fa.length === 1 || fb.length === 1) {
    return fa[0] === fb[0]
      ? { level: 'initial', explanation: `${quote(a)} and ${quote(b)} agree only on the initial ${fa[0]?.toUpperCase()}.` }
      : { level: 'different', explanation: `${quote(a)} and ${quote(b)} have different initials.` };
  }
  if (na === nb || compact(na) === compact(nb)) {
    return { level: 'exact', explanation: `${quote(a)} and ${quote(b)} are the same forenames.` };
  }
  if (fa === fb) {
    return { level: 'first_exact', explanation: `${quote(a)} and ${quote(b)} share the first forename; middle names differ or are missing.` };
  }
  const { close, similarity } = isClose(fa, fb);
  if (close) {
    return {
      level: 'close',
      explanation: `${quote(a)} and ${quote(b)} are spelling variants (Jaro-Winkler ${similarity.toFixed(2)}).`,
    };
  }
  if (ta.includes(fb) || tb.includes(fa)) {
    return { level: 'close', explanation: `${quote(a)} and ${quote(b)}: a middle name on one side is the first name on the other.` };
  }
  return { level: 'different', explanation: `${quote(a)} and ${quote(b)} are different forenames.` };
}

/** Surname of one record is the other's first forename, and the other way round. */
function namesTransposed(a: LinkRecord, b: LinkRecord): boolean {
  const firstForename = (r: LinkRecord): string => normaliseName(r.forenames).split(' ')[0] ?? '';
  const surname = (r: LinkRecord): string => compact(normaliseName(r.surname));
  const [as, bs, af, bf] = [surname(a), surname(b), firstForename(a), firstForename(b)];
  return as !== '' && bs !== '' && af.length > 1 && bf.length > 1 && as === bf && bs === af;
}

/** Explanations show dates as every screen does ("1 Feb 1980"); the comparison reads the ISO text. */
function compareDobs(a: IsoDate | null | undefined, b: IsoDate | null | undefined): LevelResult {
  if (!a || !b) return { ...MISSING, explanation: 'A date of birth is missing on one side: no evidence either way.' };
  if (!isIsoDate(a) || !isIsoDate(b)) {
    return { ...MISSING, explanation: 'A date of birth is not a valid date: no evidence either way.' };
  }
  if (isPlaceholderDob(a) || isPlaceholderDob(b)) {
    return { ...MISSING, explanation: `${formatDisplayDate(isPlaceholderDob(a) ? a : b)} is a placeholder keyed when the date of birth is unknown: no evidence either way.` };
  }
  if (a === b) return { level: 'exact', explanation: `Both born ${formatDisplayDate(a)}.` };
  const pa = isoParts(a);
  const pb = isoParts(b);
  if (pa.year === pb.year && pa.day === pb.month && pa.month === pb.day) {
    return { level: 'day_month_swapped', explanation: `${formatDisplayDate(a)} and ${formatDisplayDate(b)} have day and month swapped.` };
  }
  const da = a.replace(/-/g, '');
  const db = b.replace(/-/g, '');
  let differing = 0;
  for (let i = 0; i < da.length; i++) if (da[i] !== db[i]) differing++;
  if (differing === 1) return { level: 'one_digit', explanation: `${formatDisplayDate(a)} and ${formatDisplayDate(b)} differ in one digit.` };
  if (pa.month === pb.month && pa.day === pb.day && Math.abs(pa.year - pb.year) <= 2) {
    return { level: 'year_off', explanation: `${formatDisplayDate(a)} and ${formatDisplayDate(b)} have the same day and month, years ${Math.abs(pa.year - pb.year)} apart.` };
  }
  return { level: 'different', explanation: `Born ${formatDisplayDate(a)} and ${formatDisplayDate(b)}: different dates of birth.` };
}

function comparePncs(a: string | null | undefined, b: string | null | undefined, thisYear: number | undefined): LevelResult {
  const pa = a ? parsePnc(a, { thisYear }) : null;
  const pb = b ? parsePnc(b, { thisYear }) : null;
  if (!pa || !pb) return { ...MISSING, explanation: 'A PNC ID is missing on one side: no evidence either way.' };
  if (!pa.ok || !pb.ok) {
    const bad = !pa.ok ? a : b;
    return { ...MISSING, explanation: `PNC ID ${quote(bad)} is not valid, so it is not compared.` };
  }
  return pa.pnc === pb.pnc
    ? { level: 'exact', explanation: `Both have PNC ID ${pa.pnc}.` }
    : { level: 'different', explanation: `PNC IDs ${pa.pnc} and ${pb.pnc} differ.` };
}

function weighed(field: LinkField, result: LevelResult): FieldComparison {
  const levels: Readonly<Record<string, LevelParameters>> = COMPARISON_LEVELS[field];
  const parameters = levels[result.level];
  if (result.level === 'missing' || parameters === undefined) {
    return { field, level: 'missing', weight: 0, m: null, u: null, explanation: result.explanation };
  }
  return {
    field,
    level: result.level,
    weight: matchWeight(parameters.m, parameters.u),
    m: parameters.m,
    u: parameters.u,
    explanation: result.explanation,
  };
}

export function probabilityFromScore(score: number): number {
  // 1 / (1 + 2^-s) is 2^s / (1 + 2^s) without overflowing for large s.
  return 1 / (1 + 2 ** -score);
}

export function scorePair(a: LinkRecord, b: LinkRecord, opts: ScoreOptions = {}): PairScore {
  const prior = opts.priorLogOdds ?? DEFAULT_PRIOR_LOG_ODDS;
  let surname = compareSurnames(a.surname, b.surname);
  let forenames = compareForenames(a.forenames, b.forenames);
  if (
    surname.level !== 'exact' &&
    forenames.level !== 'exact' &&
    forenames.level !== 'first_exact' &&
    namesTransposed(a, b)
  ) {
    const explanation = `Surname and forename are swapped: ${quote(a.forenames)} ${quote(a.surname)} vs ${quote(b.forenames)} ${quote(b.surname)}.`;
    surname = { level: 'transposed', explanation };
    forenames = { level: 'transposed', explanation };
  }
  const fields = [
    weighed('pnc', comparePncs(a.pnc, b.pnc, opts.thisYear)),
    weighed('surname', surname),
    weighed('forenames', forenames),
    weighed('dob', compareDobs(a.dob, b.dob)),
  ];
  const score = fields.reduce((sum, f) => sum + f.weight, prior);
  const warnings: string[] = [];
  const levelOf = (field: LinkField): string => fields.find((f) => f.field === field)?.level ?? 'missing';
  if (levelOf('pnc') === 'exact' && levelOf('surname') === 'different' && levelOf('dob') === 'different') {
    warnings.push('The PNC IDs agree but surname and date of birth do not: check for an alias or a PNC ID on the wrong row.');
  }
  if (levelOf('pnc') === 'different' && score >= DEFAULT_LINK_THRESHOLDS.review) {
    warnings.push('Names and date of birth agree but the PNC IDs differ: one PNC ID may be mistyped.');
  }
  return { score, probability: probabilityFromScore(score), prior, fields, warnings };
}

// ---------------------------------------------------------------------------------------------
// Blocking and search

/**
 * Keys a record is filed under. Two records are only compared when they share a key, which
 * keeps linking a list against 200,000 people to a few comparisons per record. The keys are
 * chosen so every pair that could reach the review threshold shares one: same PNC; same DOB;
 * same-sounding surname (any part of a double-barrelled one) with the same birth year or the
 * same forename initial.
 */
export function indexKeys(record: LinkRecord, thisYear: number | undefined): string[] {
  const keys: string[] = [];
  if (record.pnc) {
    const pnc = parsePnc(record.pnc, { thisYear });
    if (pnc.ok) keys.push(`p:${pnc.pnc}`);
  }
  const dob = linkableDob(record.dob);
  if (dob) keys.push(`d:${dob}`);
  const initial = normaliseName(record.forenames).charAt(0);
  for (const part of normaliseName(record.surname).split(' ')) {
    const code = soundex(part);
    if (code === '') continue;
    if (dob) keys.push(`sy:${code}|${dob.slice(0, 4)}`);
    if (initial) keys.push(`si:${code}|${initial}`);
  }
  return keys;
}

/** A date of birth that is evidence: a real date and not a placeholder (see placeholderDates.ts). */
export function linkableDob(dob: IsoDate | null | undefined): IsoDate | null {
  return dob && isIsoDate(dob) && !isPlaceholderDob(dob) ? dob : null;
}

/** The date with day and month swapped, when that is another real date; else null. */
export function swappedDob(dob: IsoDate): IsoDate | null {
  const { year, month, day } = isoParts(dob);
  const swapped = `${String(year).padStart(4, '0')}-${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}`;
  return swapped !== dob && isIsoDate(swapped) ? swapped : null;
}

/** The index keys plus those that find a swapped day/month or swapped names. */
export function queryKeys(record: LinkRecord, thisYear: number | undefined): string[] {
  const keys = indexKeys(record, thisYear);
  const dob = linkableDob(record.dob);
  if (dob) {
    const swapped = swappedDob(dob);
    if (swapped) keys.push(`d:${swapped}`);
  }
  const swappedNames = indexKeys({ surname: record.forenames, forenames: record.surname, dob: record.dob }, thisYear)
    .filter((k) => !k.startsWith('d:'));
  return [...new Set([...keys, ...swappedNames])];
}

// ---------------------------------------------------------------------------------------------
// Upper bounds, so a large import scores only the pairs that could matter

function levelWeight<F extends LinkField>(field: F, level: keyof (typeof COMPARISON_LEVELS)[F]): number {
  const parameters = COMPARISON_LEVELS[field][level] as LevelParameters;
  return matchWeight(parameters.m, parameters.u);
}

function maxWeight(field: LinkField, except: readonly string[] = []): number {
  const levels: Readonly<Record<string, LevelParameters>> = COMPARISON_LEVELS[field];
  return Math.max(...Object.entries(levels).filter(([level]) => !except.includes(level)).map(([, p]) => matchWeight(p.m, p.u)));
}

const W = {
  pncExact: levelWeight('pnc', 'exact'),
  pncDifferent: levelWeight('pnc', 'different'),
  dobExact: levelWeight('dob', 'exact'),
  dobSwapped: levelWeight('dob', 'day_month_swapped'),
  /** Best a date of birth can add when it is neither the same nor day/month swapped. */
  dobOther: maxWeight('dob', ['exact', 'day_month_swapped']),
  surnameExact: levelWeight('surname', 'exact'),
  surnameClose: levelWeight('surname', 'close'),
  surnameDifferent: levelWeight('surname', 'different'),
  transposed: levelWeight('surname', 'transposed') + levelWeight('forenames', 'transposed'),
  /** Forenames never add more than this; a missing forename adds 0. */
  forenamesBest: Math.max(0, maxWeight('forenames')),
};
/** Best surname + forenames together, a swap of the two included; a missing surname adds 0. */
const NAMES_BEST = Math.max(Math.max(0, maxWeight('surname', ['transposed'])) + W.forenamesBest, W.transposed);

/**
 * A record with what bounding needs worked out once: the canonical PNC (null when missing or
 * invalid, which `scorePair` treats as no evidence), and a valid date of birth and its day/month swap.
 */
export interface PreparedLinkRecord {
  readonly record: LinkRecord;
  readonly pnc: string | null;
  readonly dob: IsoDate | null;
  readonly swappedDob: IsoDate | null;
}

export function prepareLinkRecord(record: LinkRecord, thisYear?: number): PreparedLinkRecord {
  const parsed = record.pnc ? parsePnc(record.pnc, { thisYear }) : null;
  const dob = linkableDob(record.dob);
  return { record, pnc: parsed?.ok ? parsed.pnc : null, dob, swappedDob: dob ? swappedDob(dob) : null };
}

/** Remembers which surname pairs are spelling variants: an import meets the same pairs again and again. */
export class SurnameClosenessCache {
  private readonly known: PairMemo<string, string, boolean>;
  constructor(maxEntries = 200_000) {
    this.known = new PairMemo((a, b) => isClose(a, b).close, maxEntries);
  }

  close(a: string, b: string): boolean {
    return this.known.get(a, b);
  }
}

/** For two different (compacted) surnames: one is part of the other, or they are spelling variants. */
export function surnamesMayBeVariants(
  na: { compactSurname: string; surnameTokens: readonly string[] },
  nb: { compactSurname: string; surnameTokens: readonly string[] },
  cache?: SurnameClosenessCache,
): boolean {
  const [fewer, more] = na.surnameTokens.length <= nb.surnameTokens.length ? [na.surnameTokens, nb.surnameTokens] : [nb.surnameTokens, na.surnameTokens];
  return fewer.every((t) => more.includes(t)) || (cache ? cache.close(na.compactSurname, nb.compactSurname) : isClose(na.compactSurname, nb.compactSurname).close);
}

/**
 * What the names can add when the surnames differ, as the upper bound of a pair's score counts it; given the
 * forenames' own weight ({@link forenamesWeight}) instead of the best one, what they do add.
 */
export function differentSurnamesBound(variant: boolean, swapped: boolean, forenames: number = W.forenamesBest): number {
  const plain = (variant ? W.surnameClose : W.surnameDifferent) + forenames;
  return swapped ? Math.max(plain, W.transposed) : plain;
}

/**
 * The weight `scorePair` gives two forenames, before any swap of surname and forename (which
 * {@link differentSurnamesBound} accounts for). It depends on the two normalised texts alone, so a
 * caller comparing the same few thousand forenames again and again can remember it per pair.
 */
export function forenamesWeight(a: string | null | undefined, b: string | null | undefined): number {
  return weighed('forenames', compareForenames(a, b)).weight;
}

const DOB_WEIGHTS = {
  exact: levelWeight('dob', 'exact'),
  swapped: levelWeight('dob', 'day_month_swapped'),
  oneDigit: levelWeight('dob', 'one_digit'),
  yearOff: levelWeight('dob', 'year_off'),
  different: levelWeight('dob', 'different'),
};

/**
 * The weight `scorePair` gives two linkable dates of birth (real dates, not placeholders: see
 * {@link linkableDob}) held as YYYYMMDD integers: the same levels, tested in the same order, as
 * `compareDobs` on their ISO texts, without a string in sight. The importer checks this for
 * every candidate a block brings, which is why the bound it is part of is exact.
 */
export function dobWeightOfYmds(a: number, b: number): number {
  if (a === b) return DOB_WEIGHTS.exact;
  const ya = (a / 10_000) | 0;
  const yb = (b / 10_000) | 0;
  const mda = a - ya * 10_000;
  const mdb = b - yb * 10_000;
  if (ya === yb && mda % 100 === ((mdb / 100) | 0) && ((mda / 100) | 0) === mdb % 100) return DOB_WEIGHTS.swapped;
  // Every level but `different` keeps the year or the day and month: one digit out is in one of
  // the two, and a year out keeps the day and month. Most pairs a block brings differ in both.
  if (ya !== yb && mda !== mdb) return DOB_WEIGHTS.different;
  // The eight digits of YYYYMMDD, as compareDobs counts them in the text without its dashes: the
  // four of the part that differs (the other is equal).
  if (differingDigits(ya === yb ? mda : ya, ya === yb ? mdb : yb) === 1) return DOB_WEIGHTS.oneDigit;
  if (mda === mdb && Math.abs(ya - yb) <= 2) return DOB_WEIGHTS.yearOff;
  return DOB_WEIGHTS.different;
}

/** How many of the four decimal digits of two numbers below 10,000 differ. */
function differingDigits(x: number, y: number): number {
  let differing = 0;
  for (let digit = 0; digit < 4; digit++) {
    const qx = (x / 10) | 0;
    const qy = (y / 10) | 0;
    if (x - qx * 10 !== y - qy * 10) differing++;
    x = qx;
    y = qy;
  }
  return differing;
}

/**
 * The parts of the upper bound of a pair's score as numbers, for a caller that keeps its records as
 * integer codes (see the import's person registry) and must add them up exactly as it does.
 */
export const UPPER_BOUND_WEIGHTS = {
  prior: DEFAULT_PRIOR_LOG_ODDS,
  pncExact: W.pncExact,
  pncDifferent: W.pncDifferent,
  dobExact: W.dobExact,
  dobSwapped: W.dobSwapped,
  dobOther: W.dobOther,
  /** Either surname missing. */
  namesMissingSurname: W.forenamesBest,
  sameSurname: W.surnameExact + W.forenamesBest,
  surnameExact: W.surnameExact,
  /** The most surname and forenames together can add (a swap of the two included). */
  namesBest: NAMES_BEST,
} as const;

/** The normalised names the upper bound of a pair's score compares, worked out once per record. */
export function linkNames(record: LinkRecord): { normalisedSurname: string; compactSurname: string; surnameTokens: string[]; normalisedForenames: string; firstForename: string } {
  const surname = normaliseName(record.surname);
  const forenames = normaliseName(record.forenames);
  return { normalisedSurname: surname, compactSurname: compact(surname), surnameTokens: surname === '' ? [] : surname.split(' '), normalisedForenames: forenames, firstForename: forenames.split(' ')[0] ?? '' };
}
