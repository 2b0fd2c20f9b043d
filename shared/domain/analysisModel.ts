import { CRIME_TYPE_IDS, type CrimeTypeId } from './crimeTypes';
import { FLAG_NAMES, type FlagName } from './flags';
import { addMonths, ymdOfIso, type IsoDate } from './isoDate';
import { formatDisplayDateRange } from './dateDisplay';

/**
 * The analysis input model: what the main process loads from the workspace and hands to the pure
 * analysis modules (projection, concentration, selection, filters, equalities, calibration).
 */
export interface AnalysisPerson {
  id: number;
  surname: string | null;
  forenames: string | null;
  pnc: string | null;
  dob: IsoDate | null;
  gender: 'M' | 'F' | 'X' | null;
  ethnicity: string | null;
  borough: string | null;
  livesInBorough: boolean | null;
  custody: 'in_custody' | 'not_in_custody' | 'unknown';
  ogrsScore: number | null;
  flags: FlagName[];
  /** Import ids or list names the person appears on. */
  lists: string[];
  statutory: boolean | null;
  cohortStartDate: IsoDate | null;
}

export interface AnalysisArrest {
  personId: number;
  date: IsoDate;
  offence: string;
  crimeType: CrimeTypeId;
}

/** The counting window of DESIGN.md: `referenceDate - windowMonths months < date <= referenceDate`. */
export interface AnalysisWindow {
  referenceDate: IsoDate;
  windowMonths: number;
}

// ---------------------------------------------------------------------------------------------
// Day numbers. Arrest dates are compared as integers (days since 1970-01-01) inside the index so
// that 2,000,000 arrests can be windowed without creating a string or Date per arrest.
// ---------------------------------------------------------------------------------------------

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function lengthOfMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_LENGTHS[month - 1]!;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

const CHAR_0 = 48;

function digitAt(text: string, position: number): number {
  const d = text.charCodeAt(position) - CHAR_0;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * Day number of a `YYYY-MM-DD` date, or `null` when the text is not a valid calendar date.
 * Hand-parsed because a RegExp or Date per arrest costs more than the whole window count.
 */
export function tryDayNumber(date: string): number | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  const y1 = digitAt(date, 0);
  const y2 = digitAt(date, 1);
  const y3 = digitAt(date, 2);
  const y4 = digitAt(date, 3);
  const m1 = digitAt(date, 5);
  const m2 = digitAt(date, 6);
  const d1 = digitAt(date, 8);
  const d2 = digitAt(date, 9);
  if ((y1 | y2 | y3 | y4 | m1 | m2 | d1 | d2) < 0) return null;
  const year = y1 * 1000 + y2 * 100 + y3 * 10 + y4;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

export function dayNumber(date: IsoDate): number {
  const n = tryDayNumber(date);
  if (n === null) throw new Error(`not an ISO date: ${date}`);
  return n;
}

/** Inverse of `dayNumber` (H. Hinnant's civil_from_days). */
export function isoFromDayNumber(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Windows
// ---------------------------------------------------------------------------------------------

/** The excluded lower bound: an arrest on this day does not count (2013-10-31, 24 → 2011-10-31). */
export function windowStartExclusive(window: AnalysisWindow): IsoDate {
  return addMonths(window.referenceDate, -window.windowMonths);
}

/** The first day that counts (2013-10-31, 24 → 2011-11-01), for labels. */
export function windowFirstDay(window: AnalysisWindow): IsoDate {
  return isoFromDayNumber(dayNumber(windowStartExclusive(window)) + 1);
}

/** ISO strings order like dates, so the window test is two string comparisons. */
export function isInWindow(date: IsoDate, window: AnalysisWindow): boolean {
  return date > windowStartExclusive(window) && date <= window.referenceDate;
}

/** "1 Nov 2011 to 31 Oct 2013 (24 months)", as screens, working, captions and exports show it. */
export function describeWindow(window: AnalysisWindow): string {
  return `${formatDisplayDateRange(windowFirstDay(window), window.referenceDate)} (${window.windowMonths} months)`;
}

export function assertValidWindow(window: AnalysisWindow): void {
  if (tryDayNumber(window.referenceDate) === null) throw new Error(`not an ISO date: ${window.referenceDate}`);
  if (!Number.isInteger(window.windowMonths) || window.windowMonths <= 0) {
    throw new Error(`windowMonths must be a positive whole number, got ${window.windowMonths}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Working: every figure the app shows carries the arithmetic that produced it.
// ---------------------------------------------------------------------------------------------

/**
 * A number as it appears in a working line: at most 10 significant digits so that floating-point
 * noise (255.20000000000002) never reaches a report, and no trailing zeros.
 */
export function workingNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(10)));
}

/** A share as a percentage for working lines, to two decimal places (0.0379 → "3.79%"). */
export function workingPercent(share: number): string {
  return `${workingNumber(Math.round(share * 10000) / 100)}%`;
}

// ---------------------------------------------------------------------------------------------
// The arrest index: built once per loaded workspace, reused by every filter and projection.
// ---------------------------------------------------------------------------------------------

export const CRIME_TYPE_COUNT = CRIME_TYPE_IDS.length;

/** Position of each crime type id in `CRIME_TYPE_IDS`; the code stored per arrest. */
export const CRIME_TYPE_CODE: Readonly<Record<CrimeTypeId, number>> = Object.fromEntries(
  CRIME_TYPE_IDS.map((id, code) => [id, code]),
) as Record<CrimeTypeId, number>;

/**
 * Bit of each flag in `flagMasks`: 16 bits, since the ninth list (PPO) no longer fitted a byte.
 * Masks live only in memory, rebuilt from the people on every load (the stored snapshot of
 * migration 008 holds no flags).
 */
export const FLAG_BIT: Readonly<Record<FlagName, number>> = Object.fromEntries(
  FLAG_NAMES.map((flag, bit) => [flag, 1 << bit]),
) as Record<FlagName, number>;
if (FLAG_NAMES.length > 16) throw new Error('more flag lists than the 16-bit flag mask holds');

export function flagMaskOf(flags: readonly FlagName[]): number {
  let mask = 0;
  for (const flag of flags) mask |= FLAG_BIT[flag] ?? 0;
  return mask;
}

export function flagsOfMask(mask: number): FlagName[] {
  return FLAG_NAMES.filter((flag) => (mask & FLAG_BIT[flag]) !== 0);
}

/** Stands for "no arrest" in day-number columns. */
export const NO_DAY = -2147483648;

/** Per-person counts for one window, each a column indexed by the person's row in the index. */
export interface WindowCounts {
  readonly window: AnalysisWindow;
  readonly startExclusiveDay: number;
  readonly endInclusiveDay: number;
  /** Arrests in the window per row. */
  readonly total: Int32Array;
  /** Arrests in the window per row and crime type: `byType[row * CRIME_TYPE_COUNT + code]`. */
  readonly byType: Int32Array;
  /** Day number of the row's last arrest in the window, `NO_DAY` when none. */
  readonly lastArrestDay: Int32Array;
  /** Sum of `total`. */
  readonly arrestsInWindow: number;
}

export interface ArrestIndex {
  readonly people: readonly AnalysisPerson[];
  readonly rowById: ReadonlyMap<number, number>;
  /** Row of a person id, -1 when absent: the same as `rowById` but an array lookup when ids are dense. */
  readonly rowOf: (id: number) => number;
  /** Row r's arrests are positions `offsets[r]` … `offsets[r + 1] - 1`, in date order. */
  readonly offsets: Int32Array;
  readonly days: Int32Array;
  readonly crimeCodes: Uint8Array;
  /** Date of birth as `yyyymmdd` (age = floor((ref - dob) / 10000)), -1 when unknown. */
  readonly dobYmd: Int32Array;
  readonly flagMasks: Uint16Array;
  readonly arrestCount: number;
  /** Arrests the index could not hold, so that totals can be reconciled with the database. */
  readonly skipped: { unknownPerson: number; invalidDate: number; invalidCrimeType: number };
  readonly windowCache: Map<string, WindowCounts>;
}

/** Packing day and crime code into one int lets a typed-array sort order a person's arrests. */
const CODE_BITS = 4;
const CODE_MASK = (1 << CODE_BITS) - 1;

/** -1 stands for no usable date in the index's typed arrays. */
function ymdOf(date: IsoDate | null): number {
  return date === null || tryDayNumber(date) === null ? -1 : ymdOfIso(date);
}

/** Most people have a handful of arrests: sorting those in place beats a subarray and a sort call each. */
const INSERTION_SORT_LIMIT = 24;

function insertionSort(values: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const value = values[i]!;
    let j = i - 1;
    while (j >= from && values[j]! > value) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = value;
  }
}

interface PersonRows {
  readonly rowById: ReadonlyMap<number, number>;
  rowOf: (id: number) => number;
}

/**
 * Database ids are usually dense small integers; an array lookup then replaces 2,000,000 Map
 * lookups while building, and the Map is only made if something asks for it. Null when the ids are
 * too sparse for that to be worth the memory.
 */
function denseRows(people: readonly AnalysisPerson[]): PersonRows | null {
  let maxId = -1;
  for (const person of people) {
    if (!Number.isInteger(person.id) || person.id < 0) return null;
    if (person.id > maxId) maxId = person.id;
  }
  if (maxId > 4 * people.length + 1024) return null;
  const table = new Int32Array(maxId + 1).fill(-1);
  people.forEach((person, row) => {
    if (table[person.id] !== -1) throw new Error(`duplicate person id ${person.id}`);
    table[person.id] = row;
  });
  let rowById: Map<number, number> | null = null;
  return {
    get rowById() {
      rowById ??= new Map(people.map((person, row) => [person.id, row]));
      return rowById;
    },
    rowOf: (id: number) => (id >= 0 && id <= maxId && Number.isInteger(id) ? table[id]! : -1),
  };
}

function personRows(people: readonly AnalysisPerson[]): PersonRows {
  const dense = denseRows(people);
  if (dense) return dense;
  const rowById = new Map<number, number>();
  people.forEach((person, row) => {
    if (rowById.has(person.id)) throw new Error(`duplicate person id ${person.id}`);
    rowById.set(person.id, row);
  });
  return { rowById, rowOf: (id: number) => rowById.get(id) ?? -1 };
}

/** Stands in `ArrestColumns.crimeCodes` for a crime type that is not one of `CRIME_TYPE_IDS`. */
export const INVALID_CRIME_CODE = 255;

/** Code of a crime type id, `INVALID_CRIME_CODE` for anything else. */
export function crimeCodeOf(crimeType: string): number {
  return Object.hasOwn(CRIME_TYPE_CODE, crimeType) ? CRIME_TYPE_CODE[crimeType as CrimeTypeId] : INVALID_CRIME_CODE;
}

/** Day number of an arrest date, `NO_DAY` when it is not a valid `YYYY-MM-DD` date. */
export function arrestDayOf(date: string): number {
  return tryDayNumber(date) ?? NO_DAY;
}

/**
 * Arrests as columns, the form the workspace loader produces without an object per arrest: entry
 * `i` is one arrest for every `i < count` (the arrays may be longer). A day of `NO_DAY` is an
 * invalid date and a code of `INVALID_CRIME_CODE` an unknown crime type; the index skips and counts
 * both, as it does an arrest of a person it does not hold.
 */
export interface ArrestColumns {
  readonly count: number;
  readonly personIds: Float64Array;
  readonly days: Int32Array;
  readonly crimeCodes: Uint8Array;
}

/** The arrest part of an index, grouped by person row: what a stored snapshot of an index holds. */
export interface ArrestIndexParts {
  readonly offsets: Int32Array;
  readonly days: Int32Array;
  readonly crimeCodes: Uint8Array;
  readonly skipped: ArrestIndex['skipped'];
}

export function buildArrestIndexFromColumns(people: readonly AnalysisPerson[], columns: ArrestColumns): ArrestIndex {
  const rows = personRows(people);
  const { rowOf } = rows;
  const { count, personIds, days: arrestDays, crimeCodes: arrestCodes } = columns;
  const arrestRow = new Int32Array(count);
  const packed = new Int32Array(count);
  const perRow = new Int32Array(people.length + 1);
  const skipped = { unknownPerson: 0, invalidDate: 0, invalidCrimeType: 0 };
  for (let i = 0; i < count; i++) {
    const row = rowOf(personIds[i]!);
    const day = arrestDays[i]!;
    const code = arrestCodes[i]!;
    arrestRow[i] = -1;
    if (row < 0) skipped.unknownPerson++;
    else if (day === NO_DAY) skipped.invalidDate++;
    else if (code >= CRIME_TYPE_COUNT) skipped.invalidCrimeType++;
    else {
      arrestRow[i] = row;
      packed[i] = day * (1 << CODE_BITS) + code;
      perRow[row + 1]!++;
    }
  }

  const offsets = new Int32Array(people.length + 1);
  for (let r = 0; r < people.length; r++) offsets[r + 1] = offsets[r]! + perRow[r + 1]!;
  const kept = offsets[people.length]!;
  const sortedPacked = new Int32Array(kept);
  const cursor = offsets.slice(0, people.length);
  for (let i = 0; i < count; i++) {
    const row = arrestRow[i]!;
    if (row >= 0) sortedPacked[cursor[row]!++] = packed[i]!;
  }
  const days = new Int32Array(kept);
  const crimeCodes = new Uint8Array(kept);
  for (let r = 0; r < people.length; r++) {
    const from = offsets[r]!;
    const to = offsets[r + 1]!;
    if (to - from > INSERTION_SORT_LIMIT) sortedPacked.subarray(from, to).sort();
    else insertionSort(sortedPacked, from, to);
  }
  for (let i = 0; i < kept; i++) {
    const value = sortedPacked[i]!;
    days[i] = value >> CODE_BITS;
    crimeCodes[i] = value & CODE_MASK;
  }
  return assembleIndex(people, rows, { offsets, days, crimeCodes, skipped });
}

/**
 * An index over `people` from arrest parts built earlier for the same people in the same order (a
 * stored snapshot). Throws when the parts cannot be an index of these people: offsets must run from
 * 0 to the arrest count without going back, days must be in order within a row, and codes must be
 * crime type codes.
 */
export function arrestIndexFromParts(people: readonly AnalysisPerson[], parts: ArrestIndexParts): ArrestIndex {
  const steps = arrestIndexFromPartsSteps(people, parts);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** People per step of `arrestIndexFromPartsSteps`. */
const PEOPLE_PER_STEP = 10_000;

/**
 * `arrestIndexFromParts` a slice of people at a time: it yields between slices so that a thread
 * which must stay responsive (the app's main thread, taking a model from its worker) can let other
 * work run; 100,000 people and a million arrests in one go held it for hundreds of milliseconds.
 */
export function* arrestIndexFromPartsSteps(people: readonly AnalysisPerson[], parts: ArrestIndexParts): Generator<void, ArrestIndex, void> {
  const { offsets, days, crimeCodes } = parts;
  if (offsets.length !== people.length + 1 || offsets[0] !== 0 || offsets[people.length] !== days.length || crimeCodes.length !== days.length) {
    throw new Error('the arrest index parts do not fit these people');
  }
  for (let start = 0; start < people.length; start += PEOPLE_PER_STEP) {
    const end = Math.min(people.length, start + PEOPLE_PER_STEP);
    for (let r = start; r < end; r++) {
      const from = offsets[r]!;
      const to = offsets[r + 1]!;
      if (to < from) throw new Error('the arrest index offsets go back');
      for (let i = from + 1; i < to; i++) if (days[i]! < days[i - 1]!) throw new Error('the arrest index days are out of order');
      for (let i = from; i < to; i++) if (crimeCodes[i]! >= CRIME_TYPE_COUNT) throw new Error('the arrest index holds an unknown crime code');
    }
    yield;
  }
  const rows = personRows(people);
  yield;
  const dobYmd = new Int32Array(people.length);
  const flagMasks = new Uint16Array(people.length);
  for (let start = 0; start < people.length; start += PEOPLE_PER_STEP) {
    const end = Math.min(people.length, start + PEOPLE_PER_STEP);
    for (let row = start; row < end; row++) {
      dobYmd[row] = ymdOf(people[row]!.dob);
      flagMasks[row] = flagMaskOf(people[row]!.flags);
    }
    yield;
  }
  return indexOf(people, rows, parts, dobYmd, flagMasks);
}

function assembleIndex(people: readonly AnalysisPerson[], rows: PersonRows, parts: ArrestIndexParts): ArrestIndex {
  const dobYmd = new Int32Array(people.length);
  const flagMasks = new Uint16Array(people.length);
  people.forEach((person, row) => {
    dobYmd[row] = ymdOf(person.dob);
    flagMasks[row] = flagMaskOf(person.flags);
  });
  return indexOf(people, rows, parts, dobYmd, flagMasks);
}

function indexOf(people: readonly AnalysisPerson[], rows: PersonRows, parts: ArrestIndexParts, dobYmd: Int32Array, flagMasks: Uint16Array): ArrestIndex {
  return {
    people,
    // A getter: with dense ids the Map is only built if something reads it.
    get rowById() {
      return rows.rowById;
    },
    rowOf: rows.rowOf,
    offsets: parts.offsets,
    days: parts.days,
    crimeCodes: parts.crimeCodes,
    dobYmd,
    flagMasks,
    arrestCount: parts.days.length,
    skipped: { ...parts.skipped },
    windowCache: new Map(),
  };
}

/** First position in `days[from, to)` whose day is greater than `day`. */
function upperBound(days: Int32Array, from: number, to: number, day: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A handful of windows (the filter's, the projection's, "last N months") are live at once. */
const WINDOW_CACHE_LIMIT = 8;

/** Per-person counts for a window, computed once and cached on the index. */
export function windowCounts(index: ArrestIndex, window: AnalysisWindow): WindowCounts {
  assertValidWindow(window);
  const key = `${window.referenceDate}|${window.windowMonths}`;
  const cached = index.windowCache.get(key);
  if (cached) return cached;

  const startExclusiveDay = dayNumber(windowStartExclusive(window));
  const endInclusiveDay = dayNumber(window.referenceDate);
  const rows = index.people.length;
  const total = new Int32Array(rows);
  const byType = new Int32Array(rows * CRIME_TYPE_COUNT);
  const lastArrestDay = new Int32Array(rows).fill(NO_DAY);
  let arrestsInWindow = 0;
  const { offsets, days, crimeCodes } = index;
  for (let r = 0; r < rows; r++) {
    const from = offsets[r]!;
    const to = offsets[r + 1]!;
    if (from === to) continue;
    const first = upperBound(days, from, to, startExclusiveDay);
    const end = upperBound(days, first, to, endInclusiveDay);
    if (end === first) continue;
    total[r] = end - first;
    arrestsInWindow += end - first;
    lastArrestDay[r] = days[end - 1]!;
    const base = r * CRIME_TYPE_COUNT;
    for (let i = first; i < end; i++) byType[base + crimeCodes[i]!]!++;
  }

  const counts: WindowCounts = { window, startExclusiveDay, endInclusiveDay, total, byType, lastArrestDay, arrestsInWindow };
  if (index.windowCache.size >= WINDOW_CACHE_LIMIT) {
    const oldest = index.windowCache.keys().next().value;
    if (oldest !== undefined) index.windowCache.delete(oldest);
  }
  index.windowCache.set(key, counts);
  return counts;
}

interface PopulationCounts {
  /** Every arrest in the window. */
  all: number;
  byType: Record<CrimeTypeId, number>;
  /** People of the population with at least one arrest in the window. */
  arrestedPeople: number;
  /** People in the population. */
  people: number;
  /** Ids asked for that the index does not hold. */
  unknownIds: number[];
}

export function emptyTypeCounts(): Record<CrimeTypeId, number> {
  return Object.fromEntries(CRIME_TYPE_IDS.map((id) => [id, 0])) as Record<CrimeTypeId, number>;
}

/** Sums window counts over a set of people (each id counted once). */
export function populationCounts(
  index: ArrestIndex,
  window: AnalysisWindow,
  personIds: Iterable<number> | 'all',
): PopulationCounts {
  const counts = windowCounts(index, window);
  const typeTotals = new Float64Array(CRIME_TYPE_COUNT);
  let all = 0;
  let arrestedPeople = 0;
  let people = 0;
  const unknownIds: number[] = [];
  const addRow = (row: number): void => {
    people++;
    const n = counts.total[row]!;
    if (n === 0) return;
    all += n;
    arrestedPeople++;
    const base = row * CRIME_TYPE_COUNT;
    for (let c = 0; c < CRIME_TYPE_COUNT; c++) typeTotals[c]! += counts.byType[base + c]!;
  };
  if (personIds === 'all') {
    for (let row = 0; row < index.people.length; row++) addRow(row);
  } else {
    // A byte per row rather than a Set of ids: 200,000 ids go through here on every recompute.
    const seenRows = new Uint8Array(index.people.length);
    const seenUnknown = new Set<number>();
    for (const id of personIds) {
      const row = index.rowOf(id);
      if (row < 0) {
        if (!seenUnknown.has(id)) unknownIds.push(id);
        seenUnknown.add(id);
      } else if (seenRows[row] === 0) {
        seenRows[row] = 1;
        addRow(row);
      }
    }
  }
  const byType = emptyTypeCounts();
  CRIME_TYPE_IDS.forEach((id, code) => {
    byType[id] = typeTotals[code]!;
  });
  return { all, byType, arrestedPeople, people, unknownIds };
}

/** A person's indexed arrests as dates and crime types, in date order (for timelines). */
export function arrestsOfRow(index: ArrestIndex, row: number): Array<{ date: IsoDate; crimeType: CrimeTypeId }> {
  const result: Array<{ date: IsoDate; crimeType: CrimeTypeId }> = [];
  for (let i = index.offsets[row]!; i < index.offsets[row + 1]!; i++) {
    result.push({ date: isoFromDayNumber(index.days[i]!), crimeType: CRIME_TYPE_IDS[index.crimeCodes[i]!]! });
  }
  return result;
}

const latestDays = new WeakMap<ArrestIndex, number | null>();

/** The day of the latest arrest in the index, null without arrests; worked out once per index. */
export function latestArrestDay(index: ArrestIndex): number | null {
  let latest = latestDays.get(index);
  if (latest === undefined) {
    latest = null;
    for (let i = 0; i < index.arrestCount; i++) if (latest === null || index.days[i]! > latest) latest = index.days[i]!;
    latestDays.set(index, latest);
  }
  return latest;
}
