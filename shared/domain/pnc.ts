/**
 * Police National Computer (PNC) IDs.
 *
 * Police lists write the same ID in several shapes: short `YY/NNNNNNC` (often without the leading
 * zeros of the serial: `11/1234B`), long `YYYY/NNNNNNNC`, with stray spaces or in lower case.
 * People are linked across lists by this ID, so every shape is reduced to ONE canonical form,
 * `YYYY/NNNNNNNC` (4-digit year, 7-digit zero-padded serial, upper-case check letter), and the
 * check letter is verified so that a mistyped digit cannot silently join two people.
 */

/** The 23 letters a check letter can be (I, O and S are left out because they look like digits). */
export const PNC_CHECK_LETTERS = 'ZABCDEFGHJKLMNPQRTUVWXY';

const PNC_MAX_SERIAL = 9_999_999;

/**
 * The year pure code assumes "now" is when the caller does not say. Pure code never reads the
 * clock, so results are reproducible; callers with a real clock pass the current year.
 */
export const DEFAULT_THIS_YEAR = 2026;

export interface TwoDigitYearOptions {
  /** The current year; two-digit years up to its last two digits are read as this century. */
  thisYear?: number;
}

/**
 * Expands a two-digit year with an explicit pivot: `00`…`(thisYear % 100)` → 20YY, anything
 * larger → 19YY. With thisYear 2026: 13 → 2013, 26 → 2026, 27 → 1927, 85 → 1985.
 * A year in the future is never produced, which is right both for PNC IDs (the year the record
 * was created) and for dates of birth and arrests.
 */
export function expandTwoDigitYear(yy: number, opts: TwoDigitYearOptions = {}): number {
  const thisYear = opts.thisYear ?? DEFAULT_THIS_YEAR;
  const century = Math.floor(thisYear / 100) * 100;
  return yy <= thisYear % 100 ? century + yy : century - 100 + yy;
}

/** The check letter for a 2-digit year and a serial: letters[Number(YY + serial as 7 digits) % 23]. */
export function computePncCheckLetter(yy2digits: number, serial: number): string {
  if (!Number.isInteger(yy2digits) || yy2digits < 0 || yy2digits > 99) {
    throw new RangeError(`PNC year must be two digits, got ${yy2digits}`);
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > PNC_MAX_SERIAL) {
    throw new RangeError(`PNC serial must be 0–${PNC_MAX_SERIAL}, got ${serial}`);
  }
  // YY followed by the 7-digit serial is at most 999,999,999: exact in a double.
  const digits = Number(String(yy2digits).padStart(2, '0') + String(serial).padStart(7, '0'));
  return PNC_CHECK_LETTERS.charAt(digits % PNC_CHECK_LETTERS.length);
}

type PncParseResult =
  | { ok: true; pnc: string; year: number; serial: number; checkLetter: string }
  | {
      ok: false;
      reason: 'empty' | 'format' | 'check_letter';
      message: string;
      /** Only for `check_letter`: the letter the year and serial call for. */
      expectedLetter?: string;
    };

const PNC_SHAPE = /^(\d{2}|\d{4})\/(\d{1,7})([A-Z])$/;
const CANONICAL_PNC = /^(\d{4})\/(\d{7})([A-Z])$/;

export type PncParseOptions = TwoDigitYearOptions;

/**
 * Reads a PNC ID in any of the shapes lists use and returns its canonical form.
 * Four-digit years must lie between 1900 and `thisYear`: a later year cannot be on a record yet.
 */
export function parsePnc(input: string, opts: PncParseOptions = {}): PncParseResult {
  const thisYear = opts.thisYear ?? DEFAULT_THIS_YEAR;
  const plain = validPlainPnc(input, thisYear);
  if (plain) return plain;
  // Non-breaking and other Unicode spaces come in with copy-pasted cells.
  const compact = input.replace(/\s+/gu, '').toUpperCase();
  if (compact === '') return { ok: false, reason: 'empty', message: 'No PNC ID given.' };

  const shown = input.trim();
  const m = PNC_SHAPE.exec(compact);
  if (!m) {
    return {
      ok: false,
      reason: 'format',
      message: `"${shown}" is not a PNC ID: expected YY/NNNNNNNC or YYYY/NNNNNNNC (year, serial of up to 7 digits, check letter).`,
    };
  }
  const [, yearText = '', serialText = '', letter = ''] = m;
  const year =
    yearText.length === 2 ? expandTwoDigitYear(Number(yearText), { thisYear }) : Number(yearText);
  if (year < 1900 || year > thisYear) {
    return {
      ok: false,
      reason: 'format',
      message: `"${shown}" is not a PNC ID: year ${year} is outside 1900–${thisYear}.`,
    };
  }
  const serial = Number(serialText);
  const expected = computePncCheckLetter(year % 100, serial);
  if (letter !== expected) {
    return {
      ok: false,
      reason: 'check_letter',
      message: `"${shown}" has check letter ${letter} but year ${year} and serial ${String(serial).padStart(7, '0')} call for ${expected}: a digit or the letter is probably mistyped.`,
      expectedLetter: expected,
    };
  }
  return {
    ok: true,
    pnc: `${year}/${String(serial).padStart(7, '0')}${letter}`,
    year,
    serial,
    checkLetter: letter,
  };
}

/**
 * The answer `parsePnc` gives for text already in a form it reads without repairing (canonical,
 * or the short form police extracts use, upper case, no spaces) with a correct check letter, from
 * {@link pncCodeAnyForm}; null for anything else, which takes the general path (and its messages).
 * An arrests extract writes every PNC this way, a million times.
 */
function validPlainPnc(input: string, thisYear: number): PncParseResult | null {
  const code = pncCodeAnyForm(input, 0, input.length, thisYear);
  if (code < 0) return null;
  const pnc = input.length === 13 ? input : pncTextOfCode(code);
  return { ok: true, pnc, year: 1900 + Math.floor(code / 10_000_000), serial: code % 10_000_000, checkLetter: pnc.charAt(12) };
}

/**
 * A valid canonical PNC (`YYYY/NNNNNNNC`, year from 1900 to `thisYear`, correct check letter), the whole of
 * `text` or its characters from `start` to `end`, as one integer,
 * (year − 1900) × 10⁷ + serial, which fits a small integer; -1 for any other text. The letter
 * follows from year and serial, so it adds nothing once checked. An extract looks up a PNC for
 * every row: a number key is hashed without reading the string again, and the map compares keys
 * without following a pointer to each stored string.
 */
export function pncCode(text: string, start = 0, end = text.length, thisYear = DEFAULT_THIS_YEAR): number {
  if (end - start !== 13 || text.charCodeAt(start + 4) !== 47) return -1;
  let year = 0;
  for (let i = start; i < start + 4; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    year = year * 10 + d;
  }
  let serial = 0;
  for (let i = start + 5; i < start + 12; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    serial = serial * 10 + d;
  }
  if (year < 1900 || year > thisYear) return -1;
  const letter = text.charCodeAt(start + 12);
  if (letter !== PNC_CHECK_LETTERS.charCodeAt(((year % 100) * 10_000_000 + serial) % PNC_CHECK_LETTERS.length)) return -1;
  return (year - 1900) * 10_000_000 + serial;
}

/**
 * {@link pncCode} of any PNC {@link parsePnc} reads as valid without repairing it: the canonical form,
 * and the short form police extracts use, `YY/serial` + letter with the serial's leading zeros
 * dropped (`91/100511K`), or a four-digit year with a short serial. Upper-case letter, no spaces:
 * anything else is left to the general path. -1 when not such a PNC.
 */
export function pncCodeAnyForm(text: string, start = 0, end = text.length, thisYear = DEFAULT_THIS_YEAR): number {
  const length = end - start;
  if (length === 13 && text.charCodeAt(start + 4) === 47) return pncCode(text, start, end, thisYear);
  let slash = -1;
  for (let i = start; i < start + 5 && i < end; i++) {
    if (text.charCodeAt(i) === 47) {
      slash = i;
      break;
    }
  }
  const yearDigits = slash - start;
  if (yearDigits !== 2 && yearDigits !== 4) return -1;
  const serialDigits = end - 1 - (slash + 1);
  if (serialDigits < 1 || serialDigits > 7) return -1;
  let year = 0;
  for (let i = start; i < slash; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    year = year * 10 + d;
  }
  let serial = 0;
  for (let i = slash + 1; i < end - 1; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    serial = serial * 10 + d;
  }
  if (yearDigits === 2) year = expandTwoDigitYear(year, { thisYear });
  if (year < 1900 || year > thisYear) return -1;
  const letter = text.charCodeAt(end - 1);
  if (letter !== PNC_CHECK_LETTERS.charCodeAt(((year % 100) * 10_000_000 + serial) % PNC_CHECK_LETTERS.length)) return -1;
  return (year - 1900) * 10_000_000 + serial;
}

/** The canonical PNC text of a {@link pncCode}: year, serial and the letter they call for. */
export function pncTextOfCode(code: number): string {
  const year = 1900 + Math.floor(code / 10_000_000);
  const serial = code % 10_000_000;
  const letter = PNC_CHECK_LETTERS.charAt(((year % 100) * 10_000_000 + serial) % PNC_CHECK_LETTERS.length);
  return `${year}/${String(serial).padStart(7, '0')}${letter}`;
}

export function isCanonicalPnc(value: string): boolean {
  return CANONICAL_PNC.test(value);
}
