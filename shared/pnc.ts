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

export const PNC_MAX_SERIAL = 9_999_999;

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

export type PncParseResult =
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
  const canonical = validCanonicalPnc(input, thisYear);
  if (canonical) return canonical;
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

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * The answer `parsePnc` gives for text already in the canonical form with a correct check letter,
 * worked out from character codes; null for anything else, which takes the general path (and its
 * messages). An arrests extract writes every PNC this way, a million times.
 */
function validCanonicalPnc(input: string, thisYear: number): PncParseResult | null {
  if (input.length !== 13 || input.charCodeAt(4) !== 47) return null;
  for (let i = 0; i < 12; i++) if (i !== 4 && !isDigitCode(input.charCodeAt(i))) return null;
  const letterCode = input.charCodeAt(12);
  if (letterCode < 65 || letterCode > 90) return null;
  const year = Number(input.slice(0, 4));
  if (year < 1900 || year > thisYear) return null;
  const checkLetter = input.charAt(12);
  if (PNC_CHECK_LETTERS.charAt(Number(input.slice(2, 4) + input.slice(5, 12)) % PNC_CHECK_LETTERS.length) !== checkLetter) return null;
  return { ok: true, pnc: input, year, serial: Number(input.slice(5, 12)), checkLetter };
}

export function isCanonicalPnc(value: string): boolean {
  return CANONICAL_PNC.test(value);
}

/**
 * The short form police staff are used to reading, `YY/serial C`, with the serial's leading
 * zeros dropped as lists usually write it (`2011/0001234B` → `11/1234B`). Only for display:
 * the short form loses the century, so it is never stored or compared.
 * Throws on a non-canonical argument because that is a programming error, not bad data.
 */
export function formatPncShort(canonical: string): string {
  const m = CANONICAL_PNC.exec(canonical);
  if (!m) throw new Error(`not a canonical PNC ID: ${canonical}`);
  const [, year = '', serial = '', letter = ''] = m;
  return `${year.slice(2)}/${String(Number(serial))}${letter}`;
}
