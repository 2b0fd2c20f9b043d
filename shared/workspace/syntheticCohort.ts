/**
 * A synthetic cohort shaped like the seed's Potential Candidate List (Barnet IOM expansion, Nov 2013):
 * 170 people, 973 arrests in the two years to 31 Oct 2013, 44 of them residential burglary and 87
 * robbery, with the agency lists that fed it. Every name, date of birth, PNC and address is made up;
 * the generator exists so that demos, fixtures and tests never need real personal data.
 *
 * Pure and deterministic: the same options give the same cohort on every machine, so tests can
 * assert exact totals. Counts are constructed, not sampled, so any seed hits the targets exactly.
 */
import { FLAG_NAMES, type FlagName } from '../domain/flags';
import { addMonths, ageOn, isoParts, isoFromParts, type IsoDate } from '../domain/isoDate';
import { mulberry32, type Rng } from '../domain/seededRandom';

// ---------------------------------------------------------------------------------------------
// Public shapes

type Gender = 'M' | 'F';

interface SyntheticArrest {
  date: IsoDate;
  offence: string;
  /** referenceDate − windowMonths < date ≤ referenceDate */
  inWindow: boolean;
}

export interface SyntheticPnc {
  year: number;
  serial: number;
  checkLetter: string;
  /** `YY/NNNNNNC` */
  short: string;
  /** `YYYY/NNNNNNNC` */
  long: string;
}

export interface SyntheticCandidate {
  /** The long list's "Ref" column: 1 is the most arrested person. */
  ref: number;
  /** As the long list's "First Name(s)" holds them: sometimes a middle name too. */
  forenames: string;
  surname: string;
  gender: Gender;
  dob: IsoDate;
  ageAtReference: number;
  pnc: SyntheticPnc;
  address: string;
  borough: string;
  /** Date of the arrest whose crime report gave the address: the latest arrest in the window. */
  addressDate: IsoDate;
  /** Every arrest the long list's "arrest details" shows, newest first, in and out of the window. */
  arrests: SyntheticArrest[];
  arrestsInWindow: number;
  arrestsLast10Months: number;
  arrestsLast22Months: number;
  flags: Record<FlagName, boolean>;
  /** OGRS score (percent) for people on the mandatory-OGRS list, otherwise null. */
  ogrsScore: number | null;
  /** What the PINS custody check said, for the ~10% that were checked; null otherwise. */
  pinsResult: string | null;
}

/** How an agency's row departs from the long list's spelling of the same person. */
export type ListRowVariation =
  | 'pnc_missing'
  | 'pnc_wrong_check_letter'
  | 'pnc_other_form'
  | 'name_case'
  | 'forename_initial'
  | 'names_transposed'
  | 'hyphen_changed'
  | 'dob_day_month_swapped'
  | 'accents_and_apostrophe'
  | 'not_on_long_list';

export interface SyntheticListRow {
  /** Ref of the long-list person the row is about; null for the one DTOA row about someone else. */
  candidateRef: number | null;
  /** The agency usually holds the first forename only; may be an initial or swapped with the surname. */
  forename: string | null;
  surname: string;
  dob: IsoDate | null;
  /** As the agency writes it: short or long form, missing, or with a wrong check letter. */
  pnc: string | null;
  variations: ListRowVariation[];
  /** List-specific number: OGRS score, gang matrix score, MARAC referrals, ASB or female arrests. */
  score: number | null;
  /** List-specific text: DTOA test result, gang matrix band. */
  detail: string | null;
  /** Date the person was put on the list (test date, referral date). */
  listedOn: IsoDate;
}

interface SyntheticPinsRow {
  candidateRef: number;
  pnc: string;
  surname: string;
  forename: string;
  dob: IsoDate;
  result: string;
  checkedOn: IsoDate;
}

interface SyntheticArrestRow {
  candidateRef: number;
  pnc: string;
  surname: string;
  forename: string;
  dob: IsoDate;
  arrestDate: IsoDate;
  offence: string;
  borough: string;
}

export interface SyntheticCohortOptions {
  seed?: number;
  people?: number;
  referenceDate?: IsoDate;
  windowMonths?: number;
}

export interface SyntheticCohort {
  seed: number;
  referenceDate: IsoDate;
  windowMonths: number;
  targets: CohortTargets;
  /** In long-list order (by arrests in the window, most first); `ref` is the 1-based position. */
  candidates: SyntheticCandidate[];
  agencyLists: Record<FlagName, SyntheticListRow[]>;
  pins: SyntheticPinsRow[];
  /** One row per arrest of every candidate, in and out of the window, oldest first. */
  arrestsExtract: SyntheticArrestRow[];
}

// ---------------------------------------------------------------------------------------------
// Targets

interface CohortTargets {
  people: number;
  arrestsInWindow: number;
  residentialBurglary: number;
  robbery: number;
  /** "Robbery of business property": a separate crime type, not part of `robbery`. */
  businessRobbery: number;
  /** People with at least one drug-offence arrest in the window; none of them is on the DTOA list. */
  peopleWithDrugArrests: number;
  minArrestsPerPerson: number;
  females: number;
  flags: Record<FlagName, number>;
  /** DTOA list rows about people who are not on the long list. */
  dtoaListOutsiders: number;
  pinsChecked: number;
}

/**
 * The seed's numbers (004, "Estimating the impact" and "Cohort Analysis for priority Groups"), and
 * the generator's own choices where the seed gives none (dv, asb, yos, females, business robbery,
 * PINS checks). The seed's "a further 71 have drug offence arrests" is met by making the 71 people
 * with drug arrests disjoint from the 6 on DTOA, so both readings of the sentence hold.
 */
export const SEED_SHAPE = {
  seed: 20131104,
  people: 170,
  referenceDate: '2013-10-31',
  windowMonths: 24,
  arrestsInWindow: 973,
  residentialBurglary: 44,
  robbery: 87,
  businessRobbery: 2,
  peopleWithDrugArrests: 71,
  minArrestsPerPerson: 3,
  females: 25,
  // The seed's long list has no PPO column and 004 names no PPO list: these 7 synthetic PPO nominals
  // (drawn from the most prolific) are the app's own, so the PPO flag has something to show.
  flags: { dtoa: 6, gangHigh: 5, gangMidLow: 10, dv: 9, female: 12, asb: 14, yos: 8, ogrsMandatory: 17, ppo: 7 },
  dtoaListOutsiders: 1,
  pinsChecked: 17,
} as const satisfies CohortTargets & { seed: number; referenceDate: IsoDate; windowMonths: number };

/** Targets for a cohort of `people`, scaled from the seed so that 170 gives the seed exactly. */
function cohortTargets(people: number): CohortTargets {
  const scale = (n: number): number => Math.round((n * people) / SEED_SHAPE.people);
  const flags = Object.fromEntries(FLAG_NAMES.map((f) => [f, scale(SEED_SHAPE.flags[f])])) as Record<
    FlagName,
    number
  >;
  return {
    people,
    arrestsInWindow: Math.max(scale(SEED_SHAPE.arrestsInWindow), SEED_SHAPE.minArrestsPerPerson * people),
    residentialBurglary: scale(SEED_SHAPE.residentialBurglary),
    robbery: scale(SEED_SHAPE.robbery),
    businessRobbery: scale(SEED_SHAPE.businessRobbery),
    peopleWithDrugArrests: scale(SEED_SHAPE.peopleWithDrugArrests),
    minArrestsPerPerson: SEED_SHAPE.minArrestsPerPerson,
    females: scale(SEED_SHAPE.females),
    flags,
    dtoaListOutsiders: 1,
    pinsChecked: scale(SEED_SHAPE.pinsChecked),
  };
}

// ---------------------------------------------------------------------------------------------
// Offence wordings (realistic police wording; classification is another module's job)

/** The only wordings used for in-window residential burglary, so tests can count without a classifier. */
export const RESIDENTIAL_BURGLARY_WORDINGS = ['Burglary - Residential', 'Burglary in a dwelling', 'Burglary Dwelling'] as const;
/** Robbery of personal property, and plain "Robbery". */
export const ROBBERY_WORDINGS = ['Robbery of personal property', 'Robbery - Personal Property', 'Robbery'] as const;
export const BUSINESS_ROBBERY_WORDING = 'Robbery of business property';
export const DRUG_OFFENCE_WORDINGS = [
  'Possession of cannabis',
  'Possession of class A',
  'Possession of class B',
  'Possession with intent to supply class A',
  'Possession with intent to supply class B',
] as const;

type FillTrait = 'any' | 'violent' | 'shop' | 'asb';
/** In-window offences other than the counted types; never a burglary-residential, robbery or drug wording. */
const FILL_OFFENCES: ReadonlyArray<{ offence: string; weight: number; trait: FillTrait }> = [
  { offence: 'Theft from shop', weight: 14, trait: 'shop' },
  { offence: 'Assault ABH', weight: 7, trait: 'violent' },
  { offence: 'Common assault', weight: 8, trait: 'violent' },
  { offence: 'Criminal damage', weight: 7, trait: 'asb' },
  { offence: 'Theft from motor vehicle', weight: 6, trait: 'any' },
  { offence: 'Theft of motor vehicle', weight: 3, trait: 'any' },
  { offence: 'Burglary - Non Residential', weight: 4, trait: 'any' },
  { offence: 'Theft from person', weight: 5, trait: 'any' },
  { offence: 'Public order offence', weight: 5, trait: 'asb' },
  { offence: 'Having an article with a blade or point', weight: 3, trait: 'violent' },
  { offence: 'Handling stolen goods', weight: 3, trait: 'any' },
  { offence: 'Drive whilst disqualified', weight: 2, trait: 'any' },
  { offence: 'Fraud by false representation', weight: 2, trait: 'any' },
  { offence: 'Harassment', weight: 2, trait: 'violent' },
];

/** Arrests outside the window may be anything, the counted types included, so counting must filter by date. */
export const ALL_OFFENCE_WORDINGS: readonly string[] = [
  ...RESIDENTIAL_BURGLARY_WORDINGS,
  ...ROBBERY_WORDINGS,
  ...DRUG_OFFENCE_WORDINGS,
  ...FILL_OFFENCES.map((f) => f.offence),
];

/** The surname of one person, a spreadsheet formula-injection probe that must stay plain text. */
export const FORMULA_INJECTION_SURNAME = "=cmd|' /C calc'!A0";
/** A person whose name needs more than ASCII (é, typographic apostrophe), for encoding tests. */
export const ACCENTED_PERSON = { forenames: 'Renée', surname: 'O’Testley' } as const;

// ---------------------------------------------------------------------------------------------
// Synthetic name and address pools: clearly made up, so nobody mistakes a fixture for a real person

export const SYNTHETIC_MALE_FORENAMES: readonly string[] = [
  'Jordan', 'Tyler', 'Kieran', 'Dwayne', 'Liam', 'Connor', 'Marcus', 'Jamal', 'Reece', 'Callum',
  'Nathan', 'Darnell', 'Ryan', 'Jake', 'Kyle', 'Aaron', 'Bradley', 'Shane', 'Mohammed', 'Tomasz',
  'Luca', 'Ashley', 'Dean', 'Leon', 'Craig', 'Rhys', 'Jermaine', 'Harvey', 'Elliot', 'Omar',
  'Declan', 'Kofi', 'Adrian', 'Wesley', 'Lewis', 'Troy', 'Mason', 'Owen', 'Ricky', 'Stefan',
];
export const SYNTHETIC_FEMALE_FORENAMES: readonly string[] = [
  'Chantelle', 'Kayleigh', 'Jade', 'Leanne', 'Stacey', 'Danielle', 'Shannon', 'Amber', 'Tanya',
  'Natalie', 'Kerry', 'Gemma', 'Sadie', 'Toni', 'Aisha', 'Lacey', 'Demi', 'Roxanne', 'Keeley', 'Nadia',
];
const MALE_MIDDLE_NAMES = ['Lee', 'James', 'Jay', 'Anthony', 'Ray', 'Dean', 'John'];
const FEMALE_MIDDLE_NAMES = ['Marie', 'Louise', 'Ann', 'May', 'Jane'];
export const SYNTHETIC_SURNAMES: readonly string[] = [
  'Sampleton', 'Testwood', 'Fakeley', 'Mockford', 'Dummerby', 'Placeholt', 'Exampleby', 'Fictonby',
  'Madeupson', 'Notreal', 'Synthwick', 'Pretendle', 'Imaginby', 'Specimen', 'Proxley', 'Stubbings',
  'Fixturely', 'Trialford', 'Demoson', 'Modelby', 'Prototon', 'Draftley', 'Sketchworth', 'Templeby',
  'Shamwell', 'Facsimby', 'Likenson', 'Nominby', 'Anonford', 'Pseudley', 'Bogusworth', 'Falsington',
  'Unrealby', 'Quasimby', 'Mimicroft', 'Dummett', 'Ersatzby', 'Phantomly', 'Figmentson', 'Notley-Real',
];
const STREETS = [
  'Quillmore Road', 'Testbrook Avenue', 'Mockingham Close', 'Placeholder Lane', 'Sampleton Gardens',
  'Fictory Way', 'Example Crescent', 'Dummy Drive', 'Notional Street', 'Synthetic Row',
  'Invented Mews', 'Pretence Terrace', 'Madeup Grove', 'Figment Court', 'Nowhere Parade',
];
const OTHER_BOROUGHS = ['Enfield', 'Brent', 'Harrow', 'Haringey', 'Camden'];

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

export { mulberry32, type Rng };

function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Weighted sampling without replacement; takes all of `items` when it has fewer than `n`. */
function weightedSample<T>(rng: Rng, items: readonly T[], n: number, weight: (item: T) => number): T[] {
  const pool = items.map((item) => ({ item, key: Math.pow(rng(), 1 / Math.max(weight(item), 1e-9)) }));
  pool.sort((a, b) => b.key - a.key);
  return pool.slice(0, n).map((p) => p.item);
}

// ---------------------------------------------------------------------------------------------
// Dates as day numbers, so arithmetic never meets a time zone

const MS_PER_DAY = 86_400_000;

function dayNumber(date: IsoDate): number {
  const { year, month, day } = isoParts(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function fromDayNumber(days: number): IsoDate {
  const d = new Date(days * MS_PER_DAY);
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function inWindow(date: IsoDate, referenceDate: IsoDate, months: number): boolean {
  return date > addMonths(referenceDate, -months) && date <= referenceDate;
}

// ---------------------------------------------------------------------------------------------
// PNC, implemented here rather than imported so fixtures do not depend on the module they test

const PNC_CHECK_LETTERS = 'ZABCDEFGHJKLMNPQRTUVWXY';

function pncCheckLetter(yy: string, serial: number): string {
  const letter = PNC_CHECK_LETTERS[Number(yy + String(serial).padStart(7, '0')) % 23];
  if (letter === undefined) throw new Error('unreachable: index is below 23');
  return letter;
}

/** A PNC in both forms with its check letter; `serial` up to 999,999 keeps the short form at six digits. */
export function makeSyntheticPnc(year: number, serial: number): SyntheticPnc {
  const yy = String(year % 100).padStart(2, '0');
  const checkLetter = pncCheckLetter(yy, serial);
  return {
    year,
    serial,
    checkLetter,
    short: `${yy}/${serial}${checkLetter}`,
    long: `${year}/${String(serial).padStart(7, '0')}${checkLetter}`,
  };
}

/** A check letter that is valid-looking but wrong for this PNC. */
function wrongCheckLetter(letter: string): string {
  const index = PNC_CHECK_LETTERS.indexOf(letter);
  return PNC_CHECK_LETTERS[(index + 7) % PNC_CHECK_LETTERS.length] ?? 'Z';
}

// ---------------------------------------------------------------------------------------------
// Generation

interface Draft {
  forenames: string;
  surname: string;
  gender: Gender;
  age: number;
  dob: IsoDate;
  pnc: SyntheticPnc;
  address: string;
  borough: string;
  flags: Record<FlagName, boolean>;
  ogrsScore: number | null;
  inWindowCount: number;
  /** Offences of the in-window arrests, filled in by type so totals are exact. */
  slots: (string | null)[];
  arrests: SyntheticArrest[];
  pinsResult: string | null;
}

/** Age bands per 170 people (the seed's nominals are mostly young adults). */
const AGE_BANDS: ReadonlyArray<{ min: number; max: number; per170: number }> = [
  { min: 16, max: 17, per170: 10 },
  { min: 18, max: 24, per170: 60 },
  { min: 25, max: 35, per170: 58 },
  { min: 36, max: 45, per170: 29 },
  { min: 46, max: 55, per170: 13 },
];

/** Splits `total` in proportion to `weights` with largest remainders, so parts sum exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (w * total) / sum);
  const parts = raw.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: r - Math.floor(r) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

function noFlags(): Record<FlagName, boolean> {
  return Object.fromEntries(FLAG_NAMES.map((f) => [f, false])) as Record<FlagName, boolean>;
}

function dobForAge(rng: Rng, age: number, referenceDate: IsoDate): IsoDate {
  const latest = dayNumber(addMonths(referenceDate, -12 * age));
  const earliest = dayNumber(addMonths(referenceDate, -12 * (age + 1))) + 1;
  return fromDayNumber(randomInt(rng, earliest, latest));
}

function freeSlots(d: Draft): number {
  return d.slots.filter((s) => s === null).length;
}

function placeOffence(d: Draft, offence: string): void {
  const index = d.slots.indexOf(null);
  if (index < 0) throw new Error('no free arrest slot');
  d.slots[index] = offence;
}

/**
 * Gives `total` arrests of one kind to `members`: one each first (so every member really has one),
 * then at random among those with room. Throws when the targets cannot fit, which only happens for
 * absurd option values.
 */
function distribute(rng: Rng, total: number, members: Draft[], wording: (rng: Rng) => string): void {
  let left = total;
  for (const m of members) {
    if (left === 0) break;
    if (freeSlots(m) > 0) {
      placeOffence(m, wording(rng));
      left -= 1;
    }
  }
  while (left > 0) {
    const withRoom = members.filter((m) => freeSlots(m) > 0);
    if (withRoom.length === 0) throw new Error(`cannot place ${left} more arrests: no free slots`);
    placeOffence(pick(rng, withRoom), wording(rng));
    left -= 1;
  }
}

function fillOffence(rng: Rng, d: Draft): string {
  const weightOf = (f: (typeof FILL_OFFENCES)[number]): number => {
    let w = f.weight;
    if (f.trait === 'violent' && d.flags.dv) w *= 4;
    if (f.trait === 'shop' && (d.gender === 'F' || d.flags.dtoa)) w *= 3;
    if (f.trait === 'asb' && d.flags.asb) w *= 4;
    return w;
  };
  const total = FILL_OFFENCES.reduce((s, f) => s + weightOf(f), 0);
  let r = rng() * total;
  for (const f of FILL_OFFENCES) {
    r -= weightOf(f);
    if (r <= 0) return f.offence;
  }
  return FILL_OFFENCES[0]?.offence ?? 'Theft from shop';
}

function distinctDays(rng: Rng, count: number, first: number, last: number, taken: Set<number>): number[] {
  const span = last - first + 1;
  if (count > span - taken.size) throw new Error('not enough distinct days for arrests');
  const out: number[] = [];
  while (out.length < count) {
    const d = randomInt(rng, first, last);
    if (taken.has(d)) continue;
    taken.add(d);
    out.push(d);
  }
  return out;
}

export function generateSyntheticCohort(opts: SyntheticCohortOptions = {}): SyntheticCohort {
  const seed = opts.seed ?? SEED_SHAPE.seed;
  const people = opts.people ?? SEED_SHAPE.people;
  const referenceDate = opts.referenceDate ?? SEED_SHAPE.referenceDate;
  const windowMonths = opts.windowMonths ?? SEED_SHAPE.windowMonths;
  if (!Number.isInteger(people) || people < 10) throw new Error('people must be an integer of at least 10');
  if (!Number.isInteger(windowMonths) || windowMonths < 12) throw new Error('windowMonths must be at least 12');
  const targets = cohortTargets(people);
  const rng = mulberry32(seed);

  // People: ages by band quota, gender by exact count, names, PNC, address.
  const ages = shuffled(
    rng,
    apportion(people, AGE_BANDS.map((b) => b.per170)).flatMap((n, i) => {
      const band = AGE_BANDS[i];
      if (!band) return [];
      return Array.from({ length: n }, () => randomInt(rng, band.min, band.max));
    }),
  );
  const femaleIndexes = new Set(shuffled(rng, ages.map((_, i) => i)).slice(0, targets.females));
  const usedSerials = new Set<number>();
  const refYear = isoParts(referenceDate).year;
  const drafts: Draft[] = ages.map((age, i) => {
    const gender: Gender = femaleIndexes.has(i) ? 'F' : 'M';
    const first = pick(rng, gender === 'F' ? SYNTHETIC_FEMALE_FORENAMES : SYNTHETIC_MALE_FORENAMES);
    const middle = pick(rng, gender === 'F' ? FEMALE_MIDDLE_NAMES : MALE_MIDDLE_NAMES);
    const forenames = rng() < 0.2 ? `${first} ${middle}` : first;
    const dob = dobForAge(rng, age, referenceDate);
    // PNC year: first recorded arrest, somewhere between age 12 and now.
    const birthYear = isoParts(dob).year;
    const pncYear = Math.min(refYear - 1, birthYear + randomInt(rng, 12, Math.max(12, Math.min(age - 1, 22))));
    let serial = randomInt(rng, 100_000, 999_999);
    while (usedSerials.has(serial)) serial = randomInt(rng, 100_000, 999_999);
    usedSerials.add(serial);
    const flat = rng() < 0.25 ? `Flat ${randomInt(rng, 1, 24)}, ` : '';
    return {
      forenames,
      surname: pick(rng, SYNTHETIC_SURNAMES),
      gender,
      age,
      dob,
      pnc: makeSyntheticPnc(pncYear, serial),
      address: `${flat}${randomInt(rng, 1, 240)} ${pick(rng, STREETS)}`,
      borough: rng() < 0.92 ? 'Barnet' : pick(rng, OTHER_BOROUGHS),
      flags: noFlags(),
      ogrsScore: null,
      inWindowCount: 0,
      slots: [],
      arrests: [],
      pinsResult: null,
    };
  });

  // Flags: each list draws from the people it plausibly holds.
  const assign = (flag: FlagName, eligible: (d: Draft) => boolean): void => {
    const pool = shuffled(rng, drafts.filter((d) => eligible(d) && !d.flags[flag]));
    for (const d of pool.slice(0, targets.flags[flag])) d.flags[flag] = true;
  };
  assign('female', (d) => d.gender === 'F');
  assign('yos', (d) => d.age <= 18);
  assign('gangHigh', (d) => d.gender === 'M' && d.age >= 16 && d.age <= 26);
  assign('gangMidLow', (d) => d.gender === 'M' && d.age >= 16 && d.age <= 28 && !d.flags.gangHigh);
  assign('dtoa', (d) => d.age >= 21 && d.age <= 50 && !d.flags.yos);
  assign('dv', (d) => d.gender === 'M' && d.age >= 21);
  assign('asb', (d) => d.age <= 45);
  assign('ogrsMandatory', (d) => d.age >= 18);
  for (const d of drafts) if (d.flags.ogrsMandatory) d.ogrsScore = randomInt(rng, 50, 95);

  // Hyphenated surnames, some of them on agency lists so the lists can spell them differently.
  const listed = drafts.filter((d) => FLAG_NAMES.some((f) => d.flags[f]));
  const unlisted = drafts.filter((d) => !FLAG_NAMES.some((f) => d.flags[f]));
  for (const d of [...shuffled(rng, listed).slice(0, 3), ...shuffled(rng, unlisted).slice(0, 3)]) {
    const second = pick(rng, SYNTHETIC_SURNAMES.filter((s) => !s.includes('-') && s !== d.surname));
    d.surname = `${d.surname.split('-')[0] ?? d.surname}-${second}`;
  }

  // In-window arrest counts: at least 3 each, a long tail, then nudged to the exact total.
  const maxPerPerson = 30;
  for (const d of drafts) {
    let extra = Math.floor(-Math.log(1 - rng()) * 1.9);
    if (rng() < 0.06) extra += randomInt(rng, 6, 16);
    if (d.flags.dtoa || d.flags.gangHigh || d.flags.female) extra += 1;
    d.inWindowCount = Math.min(maxPerPerson, targets.minArrestsPerPerson + extra);
  }
  let diff = targets.arrestsInWindow - drafts.reduce((s, d) => s + d.inWindowCount, 0);
  while (diff !== 0) {
    const d = pick(rng, drafts);
    if (diff > 0 && d.inWindowCount < maxPerPerson) {
      d.inWindowCount += 1;
      diff -= 1;
    } else if (diff < 0 && d.inWindowCount > targets.minArrestsPerPerson) {
      d.inWindowCount -= 1;
      diff += 1;
    }
  }
  for (const d of drafts) d.slots = Array.from({ length: d.inWindowCount }, () => null);

  // Offence types with exact totals: burglary, robbery, business robbery, drugs, then the rest.
  const burglars = weightedSample(
    rng,
    drafts.filter((d) => d.gender === 'M' && d.age >= 17),
    Math.max(1, Math.round(targets.residentialBurglary / 2.75)),
    (d) => (d.flags.dtoa ? 3 : 1) * Math.min(d.inWindowCount, 10),
  );
  distribute(rng, targets.residentialBurglary, burglars, (r) => pick(r, RESIDENTIAL_BURGLARY_WORDINGS));
  const robbers = weightedSample(
    rng,
    drafts.filter((d) => d.age <= 32 && freeSlots(d) > 0),
    Math.max(1, Math.round(targets.robbery / 2.5)),
    (d) => (d.flags.gangHigh ? 4 : d.flags.gangMidLow ? 3 : d.flags.yos ? 2 : 1) * (d.gender === 'F' ? 0.3 : 1),
  );
  distribute(rng, targets.robbery, robbers, (r) => pick(r, ROBBERY_WORDINGS));
  distribute(
    rng,
    targets.businessRobbery,
    shuffled(rng, drafts.filter((d) => freeSlots(d) > 0)).slice(0, targets.businessRobbery),
    () => BUSINESS_ROBBERY_WORDING,
  );
  const drugUsers = weightedSample(
    rng,
    drafts.filter((d) => !d.flags.dtoa && freeSlots(d) > 0),
    targets.peopleWithDrugArrests,
    (d) => (d.flags.asb || d.flags.gangMidLow ? 2 : 1),
  );
  if (drugUsers.length < targets.peopleWithDrugArrests) throw new Error('not enough people for drug arrests');
  for (const d of drugUsers) {
    placeOffence(d, pick(rng, DRUG_OFFENCE_WORDINGS));
    if (freeSlots(d) > 1 && rng() < 0.3) placeOffence(d, pick(rng, DRUG_OFFENCE_WORDINGS));
  }
  for (const d of drafts) while (freeSlots(d) > 0) placeOffence(d, fillOffence(rng, d));

  // Dates: distinct days per person, in the window; a few older ones; window edges exercised.
  const refDay = dayNumber(referenceDate);
  const firstCountedDay = dayNumber(addMonths(referenceDate, -windowMonths)) + 1;
  const edgeFirst = drafts[0];
  const edgeLast = drafts[1];
  const edgeBefore = drafts[2];
  const edgeAfter = drafts[3];
  for (const d of drafts) {
    const taken = new Set<number>();
    const forced: number[] = [];
    if (d === edgeFirst) forced.push(firstCountedDay);
    if (d === edgeLast) forced.push(refDay);
    for (const f of forced) taken.add(f);
    const days = [...forced, ...distinctDays(rng, d.inWindowCount - forced.length, firstCountedDay, refDay, taken)];
    const offences = shuffled(
      rng,
      d.slots.map((s) => s ?? 'Theft from shop'),
    );
    const arrests: SyntheticArrest[] = days.map((day, i) => ({
      date: fromDayNumber(day),
      offence: offences[i] ?? 'Theft from shop',
      inWindow: true,
    }));
    const olderCount = pick(rng, [0, 0, 0, 1, 1, 2, 3]);
    const olderDays = distinctDays(rng, olderCount, firstCountedDay - 540, firstCountedDay - 1, new Set());
    if (d === edgeBefore) olderDays.push(firstCountedDay - 1);
    for (const day of olderDays) arrests.push({ date: fromDayNumber(day), offence: pick(rng, ALL_OFFENCE_WORDINGS), inWindow: false });
    // One arrest the day after the reference date: listed, but outside the window.
    if (d === edgeAfter) arrests.push({ date: fromDayNumber(refDay + 1), offence: 'Theft from shop', inWindow: false });
    arrests.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    d.arrests = arrests;
  }

  // Long-list order: most arrests first, ties by name, so "Ref" reads like the seed's ranking.
  drafts.sort(
    (a, b) =>
      b.inWindowCount - a.inWindowCount || a.surname.localeCompare(b.surname) || a.forenames.localeCompare(b.forenames),
  );

  // Two people whose names test the readers: an injection probe and an accented name.
  const probe = drafts.find((d, i) => i > 20 && !FLAG_NAMES.some((f) => d.flags[f]) && d.gender === 'M');
  if (probe) probe.surname = FORMULA_INJECTION_SURNAME;
  const accented = drafts.find((d) => d.flags.female);
  if (accented) {
    accented.forenames = ACCENTED_PERSON.forenames;
    accented.surname = ACCENTED_PERSON.surname;
  }

  // PINS custody checks for about one in ten.
  const pinsChecked = shuffled(rng, drafts).slice(0, targets.pinsChecked);
  pinsChecked.forEach((d, i) => {
    if (i < Math.ceil(pinsChecked.length * 0.35)) d.pinsResult = 'In custody';
    else if (i < Math.ceil(pinsChecked.length * 0.55)) {
      const released = fromDayNumber(randomInt(rng, refDay - 60, refDay - 5));
      d.pinsResult = `Released ${formatDmy(released)}`;
    } else d.pinsResult = 'Not in custody';
  });

  const candidates: SyntheticCandidate[] = drafts.map((d, i) => {
    const inWin = d.arrests.filter((a) => a.inWindow);
    const latest = inWin[0]?.date ?? referenceDate;
    return {
      ref: i + 1,
      forenames: d.forenames,
      surname: d.surname,
      gender: d.gender,
      dob: d.dob,
      ageAtReference: ageOn(d.dob, referenceDate),
      pnc: d.pnc,
      address: d.address,
      borough: d.borough,
      addressDate: latest,
      arrests: d.arrests,
      arrestsInWindow: inWin.length,
      arrestsLast10Months: d.arrests.filter((a) => inWindow(a.date, referenceDate, 10)).length,
      arrestsLast22Months: d.arrests.filter((a) => inWindow(a.date, referenceDate, 22)).length,
      flags: { ...d.flags },
      ogrsScore: d.ogrsScore,
      pinsResult: d.pinsResult,
    };
  });

  const agencyLists = buildAgencyLists(rng, candidates, referenceDate);
  const pins: SyntheticPinsRow[] = candidates
    .filter((c) => c.pinsResult !== null)
    .map((c) => ({
      candidateRef: c.ref,
      pnc: c.pnc.long,
      surname: c.surname,
      forename: firstForename(c.forenames),
      dob: c.dob,
      result: c.pinsResult ?? '',
      checkedOn: fromDayNumber(refDay + randomInt(rng, 2, 12)),
    }));
  const arrestsExtract: SyntheticArrestRow[] = candidates
    .flatMap((c) =>
      c.arrests.map((a) => ({
        candidateRef: c.ref,
        pnc: c.pnc.long,
        surname: c.surname,
        forename: firstForename(c.forenames),
        dob: c.dob,
        arrestDate: a.date,
        offence: a.offence,
        borough: 'Barnet',
      })),
    )
    .sort((a, b) => (a.arrestDate < b.arrestDate ? -1 : a.arrestDate > b.arrestDate ? 1 : a.candidateRef - b.candidateRef));

  // Last, and from a random stream of its own, so that adding it left every other draw as it was.
  addPpoList(mulberry32(seed ^ PPO_STREAM), candidates, agencyLists, targets.flags.ppo, refDay);
  return { seed, referenceDate, windowMonths, targets, candidates, agencyLists, pins, arrestsExtract };
}

// ---------------------------------------------------------------------------------------------
// Agency lists

/** Which PNC form each agency habitually writes. */
const LIST_PNC_FORM: Record<FlagName, 'short' | 'long'> = {
  dtoa: 'long',
  gangHigh: 'short',
  gangMidLow: 'long',
  dv: 'short',
  female: 'long',
  asb: 'short',
  yos: 'short',
  ogrsMandatory: 'long',
  ppo: 'short',
};

/** How many rows across all lists get each kind of misspelling: "a few" each, deterministic. */
const VARIATION_QUOTAS: ReadonlyArray<{ variations: ListRowVariation[]; count: number }> = [
  { variations: ['pnc_missing', 'forename_initial'], count: 1 },
  { variations: ['hyphen_changed'], count: 2 },
  { variations: ['dob_day_month_swapped'], count: 3 },
  { variations: ['pnc_missing'], count: 3 },
  { variations: ['pnc_wrong_check_letter'], count: 3 },
  { variations: ['pnc_other_form'], count: 4 },
  { variations: ['name_case'], count: 4 },
  { variations: ['forename_initial'], count: 2 },
  { variations: ['names_transposed'], count: 3 },
];

export function firstForename(forenames: string): string {
  return forenames.split(/\s+/)[0] ?? forenames;
}

function swapDayMonth(dob: IsoDate): IsoDate {
  const { year, month, day } = isoParts(dob);
  return isoFromParts(year, day, month);
}

function canSwapDayMonth(dob: IsoDate): boolean {
  const { month, day } = isoParts(dob);
  return day <= 12 && day !== month;
}

function eligibleFor(variation: ListRowVariation, row: SyntheticListRow): boolean {
  if (variation === 'hyphen_changed') return row.surname.includes('-');
  if (variation === 'dob_day_month_swapped') return row.dob !== null && canSwapDayMonth(row.dob);
  return true;
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘]/g, "'");
}

const PPO_STREAM = 0x5050;

/** PPO schemes take the most prolific: the list draws from the top three times its size by arrests. */
function addPpoList(rng: Rng, candidates: SyntheticCandidate[], lists: Record<FlagName, SyntheticListRow[]>, size: number, refDay: number): void {
  const prolific = [...candidates].sort((a, b) => b.arrestsInWindow - a.arrestsInWindow || a.ref - b.ref).slice(0, size * 3);
  const members = shuffled(rng, prolific).slice(0, size);
  for (const c of members) c.flags.ppo = true;
  lists.ppo = members
    .sort((a, b) => a.surname.localeCompare(b.surname) || a.forenames.localeCompare(b.forenames))
    .map((c) => ({
      candidateRef: c.ref,
      forename: firstForename(c.forenames),
      surname: c.surname,
      dob: c.dob,
      pnc: LIST_PNC_FORM.ppo === 'short' ? c.pnc.short : c.pnc.long,
      variations: [],
      score: null,
      detail: null,
      listedOn: fromDayNumber(refDay - randomInt(rng, 30, 700)),
    }));
}

function buildAgencyLists(
  rng: Rng,
  candidates: SyntheticCandidate[],
  referenceDate: IsoDate,
): Record<FlagName, SyntheticListRow[]> {
  const refDay = dayNumber(referenceDate);
  const pncIn = (c: SyntheticCandidate, form: 'short' | 'long'): string => (form === 'short' ? c.pnc.short : c.pnc.long);

  const detailFor = (flag: FlagName, c: SyntheticCandidate | null): { score: number | null; detail: string | null } => {
    switch (flag) {
      case 'dtoa':
        return { score: null, detail: pick(rng, ['Positive - opiates', 'Positive - cocaine', 'Positive - both']) };
      case 'gangHigh':
        return { score: randomInt(rng, 70, 98), detail: 'Red' };
      case 'gangMidLow':
        return { score: randomInt(rng, 20, 69), detail: rng() < 0.5 ? 'Amber' : 'Green' };
      case 'dv':
        return { score: randomInt(rng, 2, 6), detail: null };
      case 'female':
        return { score: c?.arrestsInWindow ?? null, detail: null };
      case 'asb':
        return { score: randomInt(rng, 3, 9), detail: null };
      case 'yos':
        return { score: null, detail: null };
      case 'ogrsMandatory':
        return { score: c?.ogrsScore ?? null, detail: null };
      case 'ppo':
        return { score: null, detail: null };
    }
  };

  const lists = Object.fromEntries(FLAG_NAMES.map((f) => [f, [] as SyntheticListRow[]])) as Record<
    FlagName,
    SyntheticListRow[]
  >;
  for (const flag of FLAG_NAMES) {
    const members = candidates
      .filter((c) => c.flags[flag])
      .sort((a, b) => a.surname.localeCompare(b.surname) || a.forenames.localeCompare(b.forenames));
    lists[flag] = members.map((c) => ({
      candidateRef: c.ref,
      forename: firstForename(c.forenames),
      surname: c.surname,
      dob: c.dob,
      pnc: pncIn(c, LIST_PNC_FORM[flag]),
      variations: [],
      ...detailFor(flag, c),
      listedOn: fromDayNumber(refDay - randomInt(rng, 20, 400)),
    }));
  }

  // The accented person is on the female list, typed without accent and with a straight apostrophe.
  for (const row of lists.female) {
    const c = candidates.find((x) => x.ref === row.candidateRef);
    if (c && c.surname === ACCENTED_PERSON.surname) {
      row.forename = stripAccents(row.forename ?? '');
      row.surname = stripAccents(row.surname);
      row.variations.push('accents_and_apostrophe');
    }
  }

  const rowsToVary = shuffled(
    rng,
    FLAG_NAMES.flatMap((flag) => lists[flag].map((row) => ({ flag, row }))).filter(
      ({ row }) => row.variations.length === 0 && row.surname !== FORMULA_INJECTION_SURNAME,
    ),
  );
  const varied = new Set<SyntheticListRow>();
  for (const quota of VARIATION_QUOTAS) {
    let placed = 0;
    for (const { flag, row } of rowsToVary) {
      if (placed >= quota.count) break;
      if (varied.has(row) || !quota.variations.every((v) => eligibleFor(v, row))) continue;
      for (const v of quota.variations) applyVariation(v, row, flag, candidates);
      varied.add(row);
      placed += 1;
    }
  }

  // Someone tested on arrest who never made the long list (fewer than three arrests, or moved away).
  const outsiderDob = fromDayNumber(dayNumber(referenceDate) - randomInt(rng, 24 * 365, 40 * 365));
  const outsiderPnc = makeSyntheticPnc(2004, 100_000 + randomInt(rng, 0, 899_999));
  const outsider: SyntheticListRow = {
    candidateRef: null,
    forename: 'Wilbur',
    surname: 'Outlister',
    dob: outsiderDob,
    pnc: outsiderPnc.long,
    variations: ['not_on_long_list'],
    ...detailFor('dtoa', null),
    listedOn: fromDayNumber(refDay - randomInt(rng, 20, 200)),
  };
  lists.dtoa.splice(Math.min(2, lists.dtoa.length), 0, outsider);
  return lists;
}

function applyVariation(v: ListRowVariation, row: SyntheticListRow, flag: FlagName, candidates: SyntheticCandidate[]): void {
  const c = candidates.find((x) => x.ref === row.candidateRef);
  if (!c) return;
  switch (v) {
    case 'pnc_missing':
      row.pnc = null;
      break;
    case 'pnc_wrong_check_letter': {
      const form = LIST_PNC_FORM[flag] === 'short' ? c.pnc.short : c.pnc.long;
      row.pnc = form.slice(0, -1) + wrongCheckLetter(c.pnc.checkLetter);
      break;
    }
    case 'pnc_other_form':
      row.pnc = LIST_PNC_FORM[flag] === 'short' ? c.pnc.long : c.pnc.short;
      break;
    case 'name_case':
      row.surname = row.surname.toUpperCase();
      row.forename = (row.forename ?? '').toLowerCase();
      break;
    case 'forename_initial':
      row.forename = (row.forename ?? '').slice(0, 1);
      break;
    case 'names_transposed': {
      const forename = row.forename ?? '';
      row.forename = row.surname;
      row.surname = forename;
      break;
    }
    case 'hyphen_changed':
      row.surname = row.surname.replace(/-/g, ' ');
      break;
    case 'dob_day_month_swapped':
      if (row.dob) row.dob = swapDayMonth(row.dob);
      break;
    case 'accents_and_apostrophe':
    case 'not_on_long_list':
      break;
  }
  row.variations.push(v);
}

/** `dd/mm/yyyy`, the way the seed's lists write dates as text. */
export function formatDmy(date: IsoDate): string {
  const { year, month, day } = isoParts(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${String(year).padStart(4, '0')}`;
}
