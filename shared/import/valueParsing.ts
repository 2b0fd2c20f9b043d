/**
 * Turning imported spreadsheet cells into typed values.
 *
 * Every parser returns a result instead of throwing: a bad cell rejects one value (and the
 * importer keeps the row with the reason), it never stops an import. Reasons are written for the
 * analyst who has to fix the source sheet, so they quote the offending text.
 */
import { daysInMonth, isoFromParts, isIsoDate, type IsoDate } from '../domain/isoDate';
import type { RawCell, RawRow } from '../domain/rawCell';
import { expandTwoDigitYear, type TwoDigitYearOptions } from '../domain/pnc';
import { EXCEL_MAX_SERIAL, excelSerialToIsoDate } from '../domain/excelSerialDate';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; text: string };

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

function fail<T>(text: string, reason: string): Parsed<T> {
  return { ok: false, reason, text };
}

function isDateCell(cell: RawCell): cell is { date: IsoDate } {
  return typeof cell === 'object' && cell !== null;
}

/** Zero-width characters survive a trim and make "Y" differ from "Y" when pasted from the web. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/gu;

/**
 * Anything collapsing would change: an invisible character, whitespace other than a plain space,
 * two spaces in a row, or a space at either end. Most cells have none, and one test is much
 * cheaper than two replacements and a trim on every cell of a million-row extract.
 */
const NEEDS_COLLAPSING = /[\u200B-\u200D\u2060\uFEFF]|[^\S ]|  |^ | $/u;

/**
 * Whether {@link NEEDS_COLLAPSING} could match: printable ASCII with single inner spaces cannot,
 * and a loop over character codes says so without running the regular expression on every cell.
 */
function mayNeedCollapsing(text: string): boolean {
  const last = text.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      if (i === 0 || i === last || text.charCodeAt(i - 1) === 0x20) return true;
    } else if (c < 0x21 || c > 0x7e) {
      return NEEDS_COLLAPSING.test(text);
    }
  }
  return false;
}

function collapseWhitespace(text: string): string {
  if (!mayNeedCollapsing(text)) return text;
  return text.replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}

/** The cell as an analyst would read it, for messages and text fields. */
function displayText(cell: RawCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return collapseWhitespace(cell);
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return cell.date;
}

// ---------------------------------------------------------------------------------------------
// Text

/**
 * Trimmed text with runs of whitespace (including line breaks and non-breaking spaces) made one
 * space; `null` for a blank cell. Numbers print without a trailing `.0` (JavaScript's own
 * formatting), booleans as Excel shows them, date cells as ISO dates.
 */
export function cellText(cell: RawCell): string | null {
  const text = displayText(cell);
  return text === '' ? null : text;
}

/**
 * Splits a single "Name" column. Lists write "SURNAME, Forenames" (the comma decides), or
 * "Forenames SURNAME" / "SURNAME Forenames" where the all-capitals run is the surname, or plain
 * "Forenames Surname" where the last word is the surname.
 */
export function splitFullName(full: string): { surname: string | null; forenames: string | null } {
  const text = collapseWhitespace(full);
  if (text === '') return { surname: null, forenames: null };
  const comma = text.indexOf(',');
  if (comma >= 0) {
    const surname = text.slice(0, comma).trim();
    const forenames = text.slice(comma + 1).replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
    return { surname: surname || null, forenames: forenames || null };
  }
  const words = text.split(' ');
  if (words.length === 1) return { surname: text, forenames: null };
  const isCapitals = (w: string): boolean => /\p{L}{2}/u.test(w) && w === w.toUpperCase();
  const capitals = words.map(isCapitals);
  const first = capitals.indexOf(true);
  const last = capitals.lastIndexOf(true);
  const oneRun = first >= 0 && capitals.slice(first, last + 1).every(Boolean);
  if (oneRun && capitals.some((c) => !c)) {
    const surname = words.slice(first, last + 1).join(' ');
    const forenames = [...words.slice(0, first), ...words.slice(last + 1)].join(' ');
    return { surname, forenames };
  }
  return { surname: words[words.length - 1] ?? null, forenames: words.slice(0, -1).join(' ') };
}

// ---------------------------------------------------------------------------------------------
// Flags

const FLAG_YES = new Set(['y', 'yes', 'x', '1', 'true', '✓', '✔']);
const FLAG_NO = new Set(['n', 'no', '0', 'false']);

/**
 * Yes: Y, Yes, x, 1, TRUE, ✓, ✔ (any case). No: blank, N, No, 0, FALSE. Lists mark membership
 * by a tick in an otherwise empty column, so blank must mean "no". Anything else ("?", "maybe",
 * "2") is reported rather than guessed.
 */
export function parseFlag(cell: RawCell): Parsed<boolean> {
  if (cell === null) return ok(false);
  if (typeof cell === 'boolean') return ok(cell);
  if (typeof cell === 'number') {
    if (cell === 1) return ok(true);
    if (cell === 0) return ok(false);
  }
  const text = displayText(cell);
  if (!isDateCell(cell)) {
    const key = text.toLowerCase();
    if (key === '' || FLAG_NO.has(key)) return ok(false);
    if (FLAG_YES.has(key)) return ok(true);
  }
  return fail(
    text,
    `"${text}" is not a yes/no value (yes: Y, Yes, X, 1, TRUE, ✓; no: blank, N, No, 0, FALSE).`,
  );
}

// ---------------------------------------------------------------------------------------------
// Dates

export interface DateParseOptions extends TwoDigitYearOptions {
  /**
   * Whether a number cell is read as an Excel serial date (1900 date system). Default true:
   * readers that cannot see the cell format hand date cells over as serials.
   */
  acceptSerials?: boolean;
}

const MONTH_NUMBERS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

const MONTH_WORD =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])';
const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const ISO_FORM = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const DAY_FIRST_FORM = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
const DAY_MONTH_NAME_FORM = new RegExp(
  `^(\\d{1,2})(?:st|nd|rd|th)?[\\s/.-]*(${MONTH_WORD})\\.?[\\s/.,-]*(\\d{4}|\\d{2})$`,
  'i',
);
const MONTH_NAME_DAY_FORM = new RegExp(
  `^(${MONTH_WORD})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})$`,
  'i',
);
/** Exports often print midnight after the date ("12/03/2013 00:00", "2013-03-12T00:00:00Z"). */
const TIME_SUFFIX = /(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[ap]m)?(?:Z|[+-]\d{2}:?\d{2})?)$/i;

function checkedDate(text: string, year: number, month: number, day: number): Parsed<IsoDate> {
  if (month < 1 || month > 12) {
    return fail(text, `"${text}" is not a date: month ${month} does not exist.`);
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    return fail(
      text,
      `"${text}" is not a real date: ${MONTH_NAMES[month - 1]} ${year} has ${daysInMonth(year, month)} days.`,
    );
  }
  return ok(isoFromParts(year, month, day));
}

function fullYear(text: string, opts: TwoDigitYearOptions): number {
  return text.length === 2 ? expandTwoDigitYear(Number(text), opts) : Number(text);
}

/**
 * One date written as text. UK order (day first) always; a numeric date that only makes sense
 * month first is refused with a reason, never swapped, because a silently swapped date moves an
 * arrest in or out of the counting window or makes a different person's date of birth.
 */
export function parseDateText(input: string, opts: TwoDigitYearOptions = {}): Parsed<IsoDate> {
  const original = collapseWhitespace(input);
  const text = original.replace(TIME_SUFFIX, '').trim();

  const iso = ISO_FORM.exec(text);
  if (iso) return checkedDate(original, Number(iso[1]), Number(iso[2]), Number(iso[3]));

  const dayFirst = DAY_FIRST_FORM.exec(text);
  if (dayFirst) {
    const day = Number(dayFirst[1]);
    const month = Number(dayFirst[3]);
    const year = fullYear(dayFirst[4] ?? '', opts);
    if (month > 12 && day >= 1 && day <= 12 && month <= daysInMonth(year, day)) {
      return fail(
        original,
        `"${original}" looks like a US (month-first) date: dates must be day-first (dd/mm/yyyy) and ${month} is not a month. Correct it in the source rather than have it guessed.`,
      );
    }
    return checkedDate(original, year, month, day);
  }

  const dayMonthName = DAY_MONTH_NAME_FORM.exec(text);
  if (dayMonthName) {
    const month = MONTH_NUMBERS[(dayMonthName[2] ?? '').toLowerCase()] ?? 0;
    return checkedDate(original, fullYear(dayMonthName[3] ?? '', opts), month, Number(dayMonthName[1]));
  }

  const monthNameDay = MONTH_NAME_DAY_FORM.exec(text);
  if (monthNameDay) {
    const month = MONTH_NUMBERS[(monthNameDay[1] ?? '').toLowerCase()] ?? 0;
    return checkedDate(original, Number(monthNameDay[3]), month, Number(monthNameDay[2]));
  }

  return fail(
    original,
    `"${original}" is not a date (expected dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd or "12 Mar 2013").`,
  );
}

/**
 * A real date written exactly `dd/mm/yyyy` (the characters of `text` from `start` to `end`) as
 * its YYYYMMDD integer, read from character codes without cutting the text; -1 for anything else,
 * which takes the general path with its messages. This is how extracts write every date, and it
 * gives the same answer as the general path: day first, month 1–12, day within the month. Years
 * before 1000 (where month lengths follow Date.UTC's two-digit-year rule) take the general path.
 */
export function plainDayFirstYmd(text: string, start = 0, end = text.length): number {
  if (end - start !== 10 || text.charCodeAt(start + 2) !== 47 || text.charCodeAt(start + 5) !== 47) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    if (i === start + 2 || i === start + 5) continue;
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  // value is ddmmyyyy
  const year = value % 10_000;
  const month = Math.floor(value / 10_000) % 100;
  const day = Math.floor(value / 1_000_000);
  if (year < 1000 || month < 1 || month > 12 || day < 1) return -1;
  if (day > 28 && day > daysInMonth(year, month)) return -1;
  return year * 10_000 + month * 100 + day;
}

function plainDayFirstDate(text: string): IsoDate | null {
  if (plainDayFirstYmd(text) < 0) return null;
  return `${text.slice(6, 10)}-${text.slice(3, 5)}-${text.slice(0, 2)}` as IsoDate;
}

/** A date cell, date text or Excel serial number as an ISO date; blank is `null`. */
export function parseDate(cell: RawCell, opts: DateParseOptions = {}): Parsed<IsoDate | null> {
  if (cell === null) return ok(null);
  if (typeof cell === 'string') {
    const plain = plainDayFirstDate(cell);
    if (plain) return ok(plain);
  }
  if (isDateCell(cell)) {
    return isIsoDate(cell.date)
      ? ok(cell.date)
      : fail(cell.date, `"${cell.date}" is not a real calendar date.`);
  }
  if (typeof cell === 'boolean') {
    return fail(displayText(cell), `${displayText(cell)} is a true/false value, not a date.`);
  }
  if (typeof cell === 'number') {
    const text = String(cell);
    if (opts.acceptSerials === false) {
      return fail(text, `The number ${text} is not a date (a date must be written dd/mm/yyyy).`);
    }
    const date = excelSerialToIsoDate(cell);
    return date === null
      ? fail(text, `The number ${text} is not an Excel date (serials run from 1 to ${EXCEL_MAX_SERIAL}, without 60).`)
      : ok(date);
  }
  if (collapseWhitespace(cell) === '') return ok(null);
  return parseDateText(cell, opts);
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** A non-negative whole number such as an arrest count; blank is `null` (not given, not zero). */
export function parseCount(cell: RawCell): Parsed<number | null> {
  if (cell === null) return ok(null);
  const text = displayText(cell);
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return fail(text, `${text} is not a count.`);
    if (cell < 0) return fail(text, `${text} is negative; a count cannot be.`);
    if (!Number.isInteger(cell)) return fail(text, `${text} is not a whole number.`);
    return ok(cell);
  }
  if (typeof cell !== 'string') return fail(text, `"${text}" is not a count.`);
  if (text === '') return ok(null);
  const plain = /^\+?(\d+)(?:\.0+)?$/.exec(text);
  if (plain) return ok(Number(plain[1]));
  if (/^\d{1,3}(?:,\d{3})+$/.test(text)) return ok(Number(text.replace(/,/g, '')));
  if (/^-\s*\d+(?:\.\d+)?$/.test(text)) return fail(text, `"${text}" is negative; a count cannot be.`);
  if (/^\+?\d*\.\d+$/.test(text)) return fail(text, `"${text}" is not a whole number.`);
  return fail(text, `"${text}" is not a count (expected a whole number such as 12).`);
}

interface OgrsParseOptions {
  /**
   * The column holds fractions (0.78 for 78%), as Excel stores percentage-formatted cells.
   * A single cell cannot tell 0.78 from 0.78%, so the importer decides per column.
   */
  fractional?: boolean;
}

/** An OGRS score as a percentage 0–100, from a number or text such as "78%" or "78"; blank is `null`. */
export function parseOgrsScore(cell: RawCell, opts: OgrsParseOptions = {}): Parsed<number | null> {
  if (cell === null) return ok(null);
  const text = displayText(cell);
  let percent: number;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return fail(text, `${text} is not an OGRS score.`);
    percent = opts.fractional ? cell * 100 : cell;
  } else if (typeof cell === 'string') {
    if (text === '') return ok(null);
    const withSign = /^(-?\d+(?:\.\d+)?)\s*%$/.exec(text);
    const bare = /^(-?\d+(?:\.\d+)?)$/.exec(text);
    if (withSign) percent = Number(withSign[1]);
    else if (bare) percent = opts.fractional ? Number(bare[1]) * 100 : Number(bare[1]);
    else return fail(text, `"${text}" is not an OGRS score (expected 0–100 or a percentage such as 78%).`);
  } else {
    return fail(text, `"${text}" is not an OGRS score.`);
  }
  // 0.785 * 100 is 78.50000000000001 in binary floating point.
  percent = Math.round(percent * 1e6) / 1e6;
  if (percent < 0 || percent > 100) {
    return fail(text, `"${text}" is outside 0–100%, so it cannot be an OGRS score.`);
  }
  return ok(percent);
}

// ---------------------------------------------------------------------------------------------
// Gender

export type Gender = 'M' | 'F' | 'X';

const GENDER_WORDS: ReadonlyMap<string, Gender | null> = new Map<string, Gender | null>([
  ['m', 'M'], ['male', 'M'], ['man', 'M'], ['boy', 'M'],
  ['f', 'F'], ['female', 'F'], ['woman', 'F'], ['girl', 'F'],
  ['x', 'X'], ['other', 'X'], ['non binary', 'X'], ['nonbinary', 'X'], ['indeterminate', 'X'],
  ['i', 'X'],
  // Recorded as not known: a value, but no gender to report on.
  ['u', null], ['unknown', null], ['not known', null], ['nk', null], ['not stated', null],
  ['ns', null], ['prefer not to say', null],
]);

/** M / F / X (other or indeterminate); blank or "unknown" is `null`; anything else is reported. */
export function parseGender(cell: RawCell): Parsed<Gender | null> {
  if (cell === null) return ok(null);
  const text = displayText(cell);
  if (typeof cell !== 'string') return fail(text, `"${text}" is not a gender.`);
  if (text === '') return ok(null);
  const key = text.toLowerCase().replace(/[.\-_/]/g, ' ').replace(/\s+/g, ' ').trim();
  const gender = GENDER_WORDS.get(key);
  if (gender === undefined) {
    return fail(text, `"${text}" is not a gender (expected M, Male, F, Female, X or Unknown).`);
  }
  return ok(gender);
}

// ---------------------------------------------------------------------------------------------
// Arrest details

export interface ArrestEntry {
  date: IsoDate;
  offence: string;
}

interface UndatedEntry {
  text: string;
  reason: string;
}

interface ArrestDetails {
  arrests: ArrestEntry[];
  /** Entries that cannot become arrests, for the import report. */
  undated: UndatedEntry[];
  /** How many repeated (date, offence) entries in the cell were dropped. */
  duplicatesCollapsed: number;
}

/** A date inside free text; the parts mirror {@link parseDateText}'s accepted forms. */
const DATE_IN_TEXT = new RegExp(
  [
    String.raw`(?<!\d)`,
    '(?:',
    String.raw`\d{4}-\d{1,2}-\d{1,2}`,
    '|',
    String.raw`\d{1,2}(?:st|nd|rd|th)?[\s/.-]*${MONTH_WORD}\.?[\s/.,-]*(?:\d{4}|\d{2})`,
    '|',
    String.raw`\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})`,
    ')',
    String.raw`(?!\d)`,
  ].join(''),
  'gi',
);

function datesIn(text: string): RegExpMatchArray[] {
  return [...text.matchAll(DATE_IN_TEXT)];
}

/**
 * Commas separate entries only where both sides hold a date ("12/03/2013 Burglary, 14/03/2013
 * Theft"); an offence such as "Robbery, attempted" keeps its comma.
 */
function splitOnDatedCommas(segment: string): string[] {
  const pieces = segment.split(',');
  const entries: string[] = [];
  let current = pieces[0] ?? '';
  for (const piece of pieces.slice(1)) {
    if (datesIn(current).length > 0 && datesIn(piece).length > 0) {
      entries.push(current);
      current = piece;
    } else {
      current += `,${piece}`;
    }
  }
  entries.push(current);
  return entries;
}

function offenceAround(entry: string, match: RegExpMatchArray): string {
  const start = match.index ?? 0;
  const rest = `${entry.slice(0, start)} ${entry.slice(start + match[0].length)}`;
  return collapseWhitespace(
    rest
      .replace(/\(\s*\)|\[\s*\]/g, ' ')
      .replace(/^[\s\-–—:,;.]+|[\s\-–—:,;]+$/gu, '')
      .replace(/\s+(?:on|dated)$/i, ''),
  );
}

/**
 * A cell that lists many arrests: entries separated by `;`, line breaks, or a comma between two
 * dated entries, each "date offence", "offence date" or "date - offence". Entries without a
 * usable date are returned in `undated` and never become arrests. A date with no offence text is
 * still an arrest (it counts towards all crime). The same (date, offence) twice in one cell is one
 * arrest listed twice, so it is kept once and counted in `duplicatesCollapsed`.
 */
export function parseArrestDetails(cell: RawCell, opts: TwoDigitYearOptions = {}): ArrestDetails {
  const result: ArrestDetails = { arrests: [], undated: [], duplicatesCollapsed: 0 };
  if (cell === null) return result;
  if (isDateCell(cell)) {
    const date = parseDate(cell);
    if (date.ok && date.value !== null) result.arrests.push({ date: date.value, offence: '' });
    else result.undated.push({ text: cell.date, reason: `"${cell.date}" is not a real calendar date.` });
    return result;
  }
  if (typeof cell === 'boolean') {
    result.undated.push({ text: displayText(cell), reason: 'A true/false value is not an arrest.' });
    return result;
  }

  const seen = new Set<string>();
  const text = typeof cell === 'number' ? String(cell) : cell;
  for (const segment of text.split(/\r\n|\r|\n|;/)) {
    for (const raw of splitOnDatedCommas(segment)) {
      const entry = collapseWhitespace(raw);
      if (entry === '' || /^[\s\-–—:,.]+$/u.test(entry)) continue;
      const found = datesIn(entry);
      const [match] = found;
      if (match === undefined) {
        result.undated.push({ text: entry, reason: `No date in "${entry}".` });
        continue;
      }
      if (found.length > 1) {
        result.undated.push({
          text: entry,
          reason: `"${entry}" has ${found.length} dates; separate arrests with ";" or a new line.`,
        });
        continue;
      }
      const date = parseDateText(match[0], opts);
      if (!date.ok) {
        result.undated.push({ text: entry, reason: date.reason });
        continue;
      }
      const offence = offenceAround(entry, match);
      const key = `${date.value}|${offence.toLowerCase()}`;
      if (seen.has(key)) {
        result.duplicatesCollapsed += 1;
        continue;
      }
      seen.add(key);
      result.arrests.push({ date: date.value, offence });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Rows

function isBlankCell(cell: RawCell): boolean {
  return cell === null || (typeof cell === 'string' && collapseWhitespace(cell) === '');
}

export function isBlankRow(row: RawRow): boolean {
  return row.every(isBlankCell);
}

/**
 * "Total", "TOTAL:", "Grand total", "Sub-total", "Totals", "Count", "Sum", optionally a few words
 * ("Total arrests") and a figure ("Total: 973").
 */
const TOTAL_LABEL =
  /^(?:grand\s+|sub\s*-?\s*)?(?:totals?|count|sum)(?:\s+[\p{L}]+){0,6}\s*[:=]?\s*(?:-?[\d,]+(?:\.\d+)?)?$/iu;
const NUMERIC_TEXT = /^-?[\d,]+(?:\.\d+)?\s*%?$/;

function isNumericCell(cell: RawCell): boolean {
  if (typeof cell === 'number') return Number.isFinite(cell);
  return typeof cell === 'string' && NUMERIC_TEXT.test(collapseWhitespace(cell));
}

/**
 * Why a row is a total/summary line rather than a person, or `null`. The first non-blank cell
 * must be a total label and every later non-blank cell a number, which keeps a person whose name
 * happens to be "Count" (with other text on the row) from being skipped.
 */
export function totalRowReason(row: RawRow): string | null {
  const labelIndex = row.findIndex((cell) => !isBlankCell(cell));
  if (labelIndex < 0) return null;
  const label = row[labelIndex] ?? null;
  if (typeof label !== 'string' || !TOTAL_LABEL.test(collapseWhitespace(label))) return null;
  const rest = row.slice(labelIndex + 1).filter((cell) => !isBlankCell(cell));
  if (!rest.every(isNumericCell)) return null;
  return `Summary row ("${collapseWhitespace(label)}") skipped: it totals the list and is not a person.`;
}
