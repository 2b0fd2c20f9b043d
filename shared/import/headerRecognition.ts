/**
 * Finding the header row of an imported sheet and mapping its columns to the fields the app
 * knows. Agencies word their headers freely ("DOB", "Date of birth", "D.O.B."), so recognition
 * goes from exact known wordings to keyword rules to near spellings, each with a confidence the
 * import screen shows; the analyst confirms the mapping once and it is remembered per source by
 * {@link mappingSignature}.
 */
import type { RawCell } from '../domain/rawCell';
import { isFlagName, type FlagName } from '../domain/flags';
import { jaroWinkler } from '../links/recordLinkage';

export const CANONICAL_FIELDS = [
  'firstNames',
  'surname',
  /** A single "Name" column, often "Surname, Forename". */
  'fullName',
  'dob',
  'approxAge',
  'pnc',
  'address',
  'borough',
  'addressDate',
  'arrestsTwoYears',
  'arrestsLast10Months',
  'arrestsLast22Months',
  'arrestDetails',
  'gender',
  'ethnicity',
  'ref',
  'pinsResult',
  'custody',
  'ogrsScore',
  /** When a person joined an existing IOM cohort (for calibrating the reduction rate). */
  'cohortStartDate',
  /** Statutory (on licence or order) or non-statutory client. */
  'statutory',
  'arrestDate',
  'offence',
  'flag_dtoa',
  'flag_gangHigh',
  'flag_gangMidLow',
  'flag_dv',
  'flag_female',
  'flag_asb',
  'flag_yos',
  'flag_ogrsMandatory',
  'flag_ppo',
  /** An agency's remarks on a returned review sheet. */
  'comments',
  /** The row reference the app writes into review sheets, to join returns back. */
  'rowRef',
] as const;

export type CanonicalField = (typeof CANONICAL_FIELDS)[number];
type FlagField = `flag_${FlagName}`;

// Fails to compile if a flag is added to FLAG_NAMES without its column field here.
const FLAG_FIELDS_COMPLETE: FlagField extends CanonicalField ? true : never = true;
void FLAG_FIELDS_COMPLETE;

export function flagField(flag: FlagName): FlagField {
  return `flag_${flag}`;
}

export function flagOfField(field: CanonicalField): FlagName | null {
  if (!field.startsWith('flag_')) return null;
  const name = field.slice('flag_'.length);
  return isFlagName(name) ? name : null;
}

/**
 * Header text reduced to lower-case words: "(s)" joins its word ("First Name(s)" → "first
 * names"), dots and apostrophes vanish ("D.O.B." → "dob"), "&" is "and", every other
 * punctuation mark (brackets, "?", "-", "/") separates words.
 */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\(s\)/g, 's')
    .replace(/['’.]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Known wordings, already normalised (so none holds a `|`), with ` | ` between them; a hit is
 * certain (confidence 1).
 */
const EXACT_HEADERS: Readonly<Record<CanonicalField, string>> = {
  firstNames: 'first names | first name | firstname | firstnames | forenames | forename | given names | given name | christian name | christian names | first | fname | first forename',
  surname: 'surname | surnames | last name | lastname | family name | sname',
  fullName: 'name | names | full name | fullname | nominal | nominal name | subject name | offender name | person name | client name | surname forename | surname forenames | surname first name | surname first names | name surname forename | name surname forenames',
  dob: 'dob | date of birth | birth date | birthdate | born',
  approxAge: 'approx age | approximate age | age | age approx | age approximate | current age',
  pnc: 'pnc | pnc number | pnc id | pnc no | pncid | pnc ref | pnc num | pnc id number | pnc reference | pnc id no',
  address: 'address | home address | last known address | current address | full address',
  borough: 'borough | address borough | home borough | borough of residence | local authority',
  addressDate: 'date of arrest re address | date of arrest re address info | address date | date of address',
  arrestsTwoYears: 'arrests last two years | number of arrests last two years | arrests last 2 years | arrests in last two years | number of arrests in last two years | arrests in last 2 years | no of arrests last two years | number of arrests last 2 years',
  arrestsLast10Months: 'of which last 10 months | of which in last 10 months | of which in last 10 months jan oct 2013 | arrests last 10 months',
  arrestsLast22Months: 'of which last 22 months | of which in last 22 months | of which in last 22 months jan 2012 oct 2013 | arrests last 22 months',
  arrestDetails: 'arrest details | arrest details offence type and date | arrest details offence types and date | arrest details ie offence types and offence date | offence details | arrest history',
  gender: 'gender | sex',
  ethnicity: 'ethnicity | ethnic | ethnic origin | ethnic code | ethnic group | self defined ethnicity | sde',
  ref: 'ref | reference | ref no | ref number | reference number | list ref | our ref',
  pinsResult: 'pins result | pins result awaits | pins | pins check | pins outcome | pins status | pins results',
  custody: 'custody | in custody | custody status | custodial status | in prison | prison',
  ogrsScore: 'ogrs | ogrs score | ogrs3 | ogrs 3 | ogrs4 | ogrs 4 | ogrs3 score | ogrs percentage',
  cohortStartDate: 'iom start date | start date | date joined iom | iom start | cohort start date | date joined | joined iom | date adopted | adoption date | iom adoption date | date of adoption | cohort start',
  statutory: 'statutory | stat non stat | statutory non statutory | stat | statutory status | is statutory | statutory client',
  arrestDate: 'arrest date | date of arrest | date arrested | arrested date | arrested | arrest dt',
  offence: 'offence | offense | offence description | offence type | offence desc | offence title | offence name | offence category | crime type | crime | allegation | allegation type',
  flag_dtoa: 'on dtoa list | dtoa | dtoa list | drug test on arrest | drugs test on arrest | drug testing on arrest | drugs testing on arrest',
  flag_gangHigh: 'on police gangs list high | police gangs list high | gangs list high | gangs high | gang high | gangs matrix high | gang matrix high | high',
  flag_gangMidLow: 'on police gangs list mid low | police gangs list mid low | gangs list mid low | mid low | gangs mid low | gang mid low | gangs matrix mid low | gang matrix mid low | medium low',
  flag_dv: 'top repeat dv list | on top repeat domestic violence list | on top repeat dv list | repeat dv | dv | domestic violence | marac | repeat dv marac | dv list',
  flag_female: 'repeat female offender | repeat female offender police list | female offender | repeat female | repeat female offenders | repeat women',
  flag_asb: 'repeat arrests for asb | repeat arrests for asb police list | asb | repeat asb | asb list | anti social behaviour | antisocial behaviour',
  flag_yos: 'yos referral | on yos to iom cohort expansion referral list | yos | yot | yos list | yos referral list | youth offending service | youth offending team',
  flag_ogrsMandatory: 'ogrs mandatory | mandatory ogrs | on mandatory ogrs list | mandatory | mandatory ogrs list',
  flag_ppo: 'ppo | ppo status | ppo list | on ppo list | ppo flag | ppo nominal | prolific priority offender | prolific and priority offender | prolific and other priority offender | prolific and other priority offenders | prolific priority offenders | prolific offender',
  comments: 'comments | comment | notes | note | agency comments | agency comment | agency response | remarks | response | feedback | agency notes',
  rowRef: 'row ref | row reference | workbench ref | review ref | row id | row | row no | row number',
};

const EXACT_LOOKUP: ReadonlyMap<string, CanonicalField> = new Map(
  CANONICAL_FIELDS.flatMap((field) => EXACT_HEADERS[field].split(' | ').map((header) => [header, field] as const)),
);

interface KeywordRule {
  field: CanonicalField;
  matches: (header: string) => boolean;
  confidence: number;
}

const has = (pattern: RegExp) => (header: string) => pattern.test(header);

/**
 * Tried in order, first hit wins, so the narrow rules come before the broad ones that would
 * also match: "repeat arrests for asb" is the ASB flag, not an arrest count; "date of arrest re
 * address" is the address date, not the arrest date; "ogrs mandatory" is the flag, not a score.
 */
const KEYWORD_RULES: readonly KeywordRule[] = [
  { field: 'rowRef', matches: has(/\brow\b/), confidence: 0.85 },
  { field: 'cohortStartDate', matches: has(/\b(iom|cohort)\b.*\b(start|join|joined|adopt|adopted|adoption)\b|\b(start|joined|adopted)\b.*\b(iom|cohort)\b/), confidence: 0.85 },
  { field: 'statutory', matches: has(/\bstatutory\b|\bnon stat\b/), confidence: 0.85 },
  { field: 'flag_ogrsMandatory', matches: has(/\bmandatory\b/), confidence: 0.9 },
  { field: 'ogrsScore', matches: has(/\bogrs ?\d?\b/), confidence: 0.9 },
  { field: 'arrestsLast10Months', matches: has(/\b(10|ten) months?\b/), confidence: 0.9 },
  { field: 'arrestsLast22Months', matches: has(/\b(22|twenty two) months?\b/), confidence: 0.9 },
  {
    field: 'arrestDetails',
    // "Offence history", "Offending record", "Previous convictions" hold what "Arrest details" does.
    matches: has(/\b(arrests?|offen[cs]es?|offending|criminal|custody) (details?|history|histories|record|records)\b|\boffence types? and (offence )?dates?\b|\bprevious (offen[cs]es|arrests|convictions)\b/),
    confidence: 0.9,
  },
  { field: 'addressDate', matches: has(/\bdate\b.*\baddress\b|\baddress\b.*\bdate\b/), confidence: 0.85 },
  {
    field: 'flag_gangMidLow',
    matches: (h) => /\b(mid|medium)\b.*\blow\b/.test(h) || (/\bgangs?\b/.test(h) && /\b(mid|medium|low)\b/.test(h)),
    confidence: 0.9,
  },
  { field: 'flag_gangHigh', matches: (h) => /\bgangs?\b/.test(h) && /\bhigh\b/.test(h), confidence: 0.9 },
  { field: 'flag_dtoa', matches: has(/\bdtoa\b|\bdrugs? test(ing)? on arrest\b/), confidence: 0.9 },
  { field: 'flag_dv', matches: has(/\bdv\b|\bdomestic (violence|abuse)\b|\bmarac\b/), confidence: 0.9 },
  {
    field: 'flag_female',
    matches: (h) => /\b(female|women|woman)\b/.test(h) && /\b(repeat|offenders?|list)\b/.test(h),
    confidence: 0.9,
  },
  { field: 'flag_asb', matches: has(/\basb\b|\banti ?social\b/), confidence: 0.9 },
  { field: 'flag_yos', matches: has(/\byos\b|\byot\b|\byouth offending\b/), confidence: 0.9 },
  { field: 'flag_ppo', matches: has(/\bppos?\b|\bprolific\b/), confidence: 0.9 },
  { field: 'pinsResult', matches: has(/\bpins\b/), confidence: 0.9 },
  { field: 'custody', matches: has(/\bcustod|\bprison\b/), confidence: 0.85 },
  { field: 'dob', matches: has(/\bdob\b|\bbirth\b/), confidence: 0.9 },
  {
    field: 'arrestDate',
    matches: has(/\barrest(ed)?\b.*\bdate\b|\bdate\b.*\barrest(ed)?\b/),
    confidence: 0.85,
  },
  {
    field: 'arrestsTwoYears',
    matches: (h) => /\barrests?\b/.test(h) && /\b(two|2) ?(years?|yrs?)\b/.test(h),
    confidence: 0.9,
  },
  { field: 'arrestsTwoYears', matches: has(/^(number of |no of |total )?arrests( count)?$/), confidence: 0.7 },
  { field: 'approxAge', matches: has(/\bage\b/), confidence: 0.85 },
  // Arrest extracts sometimes give only the offence date; offered, unsure, so a real arrest date
  // column wins over it.
  {
    field: 'arrestDate',
    matches: has(/\b(offen[cs]e|crime) date\b|\bdate of (offen[cs]e|crime)\b/),
    confidence: 0.6,
  },
  { field: 'pnc', matches: has(/\bpnc/), confidence: 0.9 },
  { field: 'fullName', matches: has(/\bsurname\b.*\b(fore|first|given)/), confidence: 0.85 },
  { field: 'firstNames', matches: has(/\b(first|fore|given|christian) ?names?\b/), confidence: 0.9 },
  { field: 'surname', matches: has(/\b(surname|last ?name|family ?name)\b/), confidence: 0.9 },
  { field: 'borough', matches: has(/\bborough\b/), confidence: 0.9 },
  { field: 'address', matches: has(/\baddress\b/), confidence: 0.85 },
  { field: 'gender', matches: has(/\b(gender|sex)\b/), confidence: 0.9 },
  { field: 'ethnicity', matches: has(/\bethnic/), confidence: 0.9 },
  { field: 'offence', matches: has(/\boffen[cs]es?\b|\bcrime\b|\ballegation\b/), confidence: 0.8 },
  { field: 'comments', matches: has(/\b(comments?|notes?|remarks?|response|feedback)\b/), confidence: 0.85 },
  { field: 'fullName', matches: has(/\bname\b/), confidence: 0.6 },
  { field: 'ref', matches: has(/\bref(erence)?\b/), confidence: 0.8 },
  { field: 'ref', matches: has(/^id$/), confidence: 0.6 },
];

/** Near spellings ("Surnmae") are offered but flagged as unsure. */
const FUZZY_MIN_SIMILARITY = 0.94;
const FUZZY_CONFIDENCE = 0.5;
/** Longer cells are notes or titles, not headers, and would match keywords by accident. */
const MAX_HEADER_LENGTH = 100;
/** Below this a column is left unmapped. */
const MIN_HEADER_CONFIDENCE = 0.5;

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/**
 * The wordings a near spelling is looked for among, with their numbers worked out once: every
 * cell of the first rows is tried against all of them (a header row is searched for), which
 * took most of a second per file when each wording's digits were extracted again per cell.
 */
const FUZZY_CANDIDATES: ReadonlyArray<{ known: string; field: CanonicalField; digits: string; letters: Uint16Array }> = [...EXACT_LOOKUP]
  .filter(([known]) => known.length >= 5)
  .map(([known, field]) => ({ known, field, digits: digitsOf(known), letters: letterCounts(known) }));

/** How often each letter a–z occurs in a text, everything else counted together in a 27th slot. */
function letterCounts(text: string): Uint16Array {
  const counts = new Uint16Array(27);
  for (let i = 0; i < text.length; i++) {
    const letter = text.charCodeAt(i) - 97;
    const slot = letter >= 0 && letter < 26 ? letter : 26;
    counts[slot]! += 1;
  }
  return counts;
}

/**
 * Jaro-Winkler is at most 0.4 + 0.6 × Jaro (a prefix of four), and Jaro at most
 * (m / |a| + m / |b| + 1) / 3 with m, the characters matched, no more than the characters the two
 * texts have in common in any order (here counted by letter, which can only overcount). A wording
 * this rules out cannot be a near spelling, and the full comparison is skipped.
 */
function mayBeNearSpelling(header: string, headerLetters: Uint16Array, known: string, knownLetters: Uint16Array): boolean {
  let common = 0;
  for (let slot = 0; slot < 27; slot++) common += Math.min(headerLetters[slot]!, knownLetters[slot]!);
  const jaroBound = (common / header.length + common / known.length + 1) / 3;
  return 0.4 + 0.6 * jaroBound >= FUZZY_MIN_SIMILARITY - 1e-9;
}

/** Words that make a column a number of things (referrals, arrests, a score) rather than a yes/no mark. */
const COUNT_WORDS = /\b(number|no of|count|counts|total|totals|score|scores|referrals|incidents|offences|arrests|convictions|times|how many)\b|\b\d+ ?(months?|yrs?|years?|weeks?|days?)\b/;
/** Words that make it a yes/no question about a list after all ("Repeat ASB arrests?", "On DV list"). */
const LIST_WORDS = /\b(repeat|list|listed|on|flag|flagged)\b/;

/**
 * True for an agency list's count column such as "MARAC referrals (12 months)" or "ASB arrests":
 * it names a list's subject but holds numbers, so reading it as that list's yes/no column would
 * report every count as "not a yes/no value" (and a count of 1 would set the flag).
 */
export function looksLikeCountHeader(normalisedHeader: string): boolean {
  return COUNT_WORDS.test(normalisedHeader) && !LIST_WORDS.test(normalisedHeader);
}

export function recogniseHeader(text: string): { field: CanonicalField | null; confidence: number } {
  const header = normaliseHeader(text);
  if (header === '' || header.length > MAX_HEADER_LENGTH) return { field: null, confidence: 0 };
  const exact = EXACT_LOOKUP.get(header);
  if (exact) return { field: exact, confidence: 1 };
  // Exact wordings above are trusted as they are; keyword and near-spelling hits are not allowed
  // to turn a count column into a flag column.
  const counting = looksLikeCountHeader(header);
  const allowed = (field: CanonicalField): boolean => !(counting && flagOfField(field) !== null);
  const rule = KEYWORD_RULES.find((r) => allowed(r.field) && r.matches(header));
  if (rule) return { field: rule.field, confidence: rule.confidence };
  // A near spelling must keep the same numbers: "last 12 months" is not "last 10 months".
  if (header.length >= 5) {
    let best: { field: CanonicalField; similarity: number } | null = null;
    const digits = digitsOf(header);
    const letters = letterCounts(header);
    for (const { known, field, digits: knownDigits, letters: knownLetters } of FUZZY_CANDIDATES) {
      if (knownDigits !== digits || !mayBeNearSpelling(header, letters, known, knownLetters) || !allowed(field)) continue;
      const similarity = jaroWinkler(header, known);
      if (similarity >= FUZZY_MIN_SIMILARITY && (best === null || similarity > best.similarity)) {
        best = { field, similarity };
      }
    }
    if (best) return { field: best.field, confidence: FUZZY_CONFIDENCE };
  }
  return { field: null, confidence: 0 };
}

export interface ColumnMapping {
  column: number;
  header: string;
  field: CanonicalField | null;
  confidence: number;
}

interface DuplicateColumn {
  field: CanonicalField;
  /** The column that keeps the field. */
  keptColumn: number;
  /** The column that also looked like it and was left unmapped. */
  column: number;
  header: string;
  confidence: number;
}

export interface HeaderRecognition {
  mapping: ColumnMapping[];
  duplicates: DuplicateColumn[];
}

function headerText(cell: RawCell): string {
  // Numbers, booleans and dates are data, never header text.
  return typeof cell === 'string' ? cell.replace(/\s+/gu, ' ').trim() : '';
}

/**
 * Maps each column to at most one field and each field to at most one column: when two columns
 * claim a field, the more confident keeps it (the leftmost on a tie) and the other is reported.
 */
export function recogniseHeaders(headerCells: readonly RawCell[]): HeaderRecognition {
  return keepOneColumnPerField(headerCells.map((cell, column) => recogniseHeaderCell(cell, column)));
}

/** One header cell's verdict, below {@link MIN_HEADER_CONFIDENCE} left unmapped. */
export function recogniseHeaderCell(cell: RawCell, column: number): ColumnMapping {
  const header = headerText(cell);
  const { field, confidence } = recogniseHeader(header);
  return confidence >= MIN_HEADER_CONFIDENCE ? { column, header, field, confidence } : { column, header, field: null, confidence: 0 };
}

/**
 * When two columns claim a field, the more confident keeps it (the leftmost on a tie) and the
 * other is left unmapped and reported. Changes `mapping` in place.
 */
export function keepOneColumnPerField(mapping: ColumnMapping[]): HeaderRecognition {
  const keeper = new Map<CanonicalField, ColumnMapping>();
  for (const entry of mapping) {
    if (entry.field === null) continue;
    const current = keeper.get(entry.field);
    if (!current || entry.confidence > current.confidence) keeper.set(entry.field, entry);
  }
  const duplicates: DuplicateColumn[] = [];
  for (const entry of mapping) {
    if (entry.field === null) continue;
    const kept = keeper.get(entry.field);
    if (kept && kept !== entry) {
      duplicates.push({
        field: entry.field,
        keptColumn: kept.column,
        column: entry.column,
        header: entry.header,
        confidence: entry.confidence,
      });
      entry.field = null;
      entry.confidence = 0;
    }
  }
  return { mapping, duplicates };
}

/**
 * A sentence of prose rather than a heading: six words or more ending in a full stop, or more than
 * twenty words. A text file of prose split at its commas gives cells such as "Names" and "dates of
 * birth and police numbers are not part of this note.", which a row of headings never holds (the
 * seed's own headings are questions, "On top repeat Domestic Violence list?", and run to thirteen
 * words with their explanations in brackets).
 */
export function looksLikeSentence(text: string): boolean {
  const words = text.trim().split(/\s+/u).filter((w) => /\p{L}/u.test(w)).length;
  return (words >= 6 && /\.["'”’]?$/u.test(text.trim())) || words > 20;
}

interface HeaderRowMatch {
  rowIndex: number;
  /** How many distinct fields the row maps. */
  score: number;
  /** Sum of the mapped columns' confidences, the tie-breaker. */
  confidence: number;
}

/**
 * The header is the row among the first `maxScan` that maps the most fields (then the most
 * confidently, then the earliest). Title rows ("RESTRICTED - IOM potential candidate list") and
 * notes map nothing or one field by chance, so a row must map two fields, or one with certainty
 * (a one-column list headed "PNC"), to count.
 */
export function findHeaderRow(rows: readonly (readonly RawCell[])[], maxScan = 30): HeaderRowMatch | null {
  let best: HeaderRowMatch | null = null;
  for (let rowIndex = 0; rowIndex < Math.min(maxScan, rows.length); rowIndex++) {
    if ((rows[rowIndex] ?? []).some((cell) => looksLikeSentence(headerText(cell)))) continue;
    const { mapping } = recogniseHeaders(rows[rowIndex] ?? []);
    const mapped = mapping.filter((m) => m.field !== null);
    const score = mapped.length;
    const confidence = mapped.reduce((sum, m) => sum + m.confidence, 0);
    const qualifies = score >= 2 || (score === 1 && confidence === 1);
    if (!qualifies) continue;
    if (best === null || score > best.score || (score === best.score && confidence > best.confidence)) {
      best = { rowIndex, score, confidence };
    }
  }
  return best;
}

/**
 * The header row's cells, completed from the row above when the header spans two rows: a title
 * merged down over both rows ("PNC", "Date of birth") has its text only in the upper row, above a
 * blank, while group titles merged across ("Name" over Surname and Forename) sit above cells that
 * have their own words. A blank header cell takes the text above it only when that upper row has
 * two or more filled cells (a band of titles, not the one-cell title of the whole list).
 */
export function headerCellsOf(rows: readonly (readonly RawCell[])[], headerRowIndex: number): RawCell[] {
  const header = [...(rows[headerRowIndex] ?? [])];
  const above = headerRowIndex > 0 ? (rows[headerRowIndex - 1] ?? []) : [];
  if (above.filter((cell) => headerText(cell) !== '').length < 2) return header;
  for (let column = 0; column < above.length; column++) {
    if (headerText(header[column] ?? null) === '' && headerText(above[column] ?? null) !== '') header[column] = above[column] ?? null;
  }
  for (let column = 0; column < header.length; column++) header[column] ??= null;
  return header;
}

/**
 * A stable key of a sheet's header wording, so the mapping an analyst confirmed for one source
 * can be found again when the next month's file arrives. Order matters (mappings are by column);
 * case, punctuation and trailing empty columns do not.
 */
export function mappingSignature(headers: readonly (string | null)[]): string {
  const normalised = headers.map((h) => normaliseHeader(h ?? ''));
  while (normalised.length > 0 && normalised[normalised.length - 1] === '') normalised.pop();
  return `v1:${normalised.length}:${normalised.join('|')}`;
}

export type ImportKind = 'candidates' | 'arrests' | 'list' | 'pins' | 'cohort' | 'agencyReturn';

interface FieldRequirement {
  /** What the analyst is told is missing. */
  label: string;
  /** Satisfied when every field of any one alternative is mapped. */
  anyOf: readonly (readonly CanonicalField[])[];
}

const IDENTIFIES_PERSON: FieldRequirement = {
  label: 'PNC, or a name with a date of birth',
  anyOf: [['pnc'], ['surname', 'dob'], ['fullName', 'dob']],
};

const REQUIREMENTS: Readonly<Record<ImportKind, readonly FieldRequirement[]>> = {
  candidates: [
    { label: 'a name (Surname or Name)', anyOf: [['surname'], ['fullName']] },
    { label: 'PNC or date of birth', anyOf: [['pnc'], ['dob']] },
  ],
  arrests: [
    { label: 'arrest date', anyOf: [['arrestDate']] },
    { label: 'offence', anyOf: [['offence']] },
    IDENTIFIES_PERSON,
  ],
  list: [IDENTIFIES_PERSON],
  pins: [IDENTIFIES_PERSON, { label: 'PINS result or custody status', anyOf: [['pinsResult'], ['custody']] }],
  cohort: [IDENTIFIES_PERSON, { label: 'IOM start date', anyOf: [['cohortStartDate']] }],
  agencyReturn: [
    { label: 'row reference', anyOf: [['rowRef']] },
    { label: 'comments', anyOf: [['comments']] },
  ],
};

export function requiredFieldsFor(kind: ImportKind): readonly FieldRequirement[] {
  return REQUIREMENTS[kind];
}

/** The requirements a mapping does not meet; empty when the sheet can be imported as `kind`. */
export function missingRequiredFields(
  kind: ImportKind,
  mapping: readonly { field: CanonicalField | null }[],
): FieldRequirement[] {
  const mapped = new Set(mapping.flatMap((m) => (m.field === null ? [] : [m.field])));
  return requiredFieldsFor(kind).filter((req) => !req.anyOf.some((fields) => fields.every((f) => mapped.has(f))));
}
