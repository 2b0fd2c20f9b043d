/**
 * What a column holds, judged from its cells rather than its header: agencies head the same
 * column "PNC", "Nominal ID" or nothing at all, and "Offence history" holds exactly what "Arrest
 * details" does. The header recognition proposes a field; these verdicts confirm, correct or
 * complete it (see `recogniseColumns`), and name what an unmapped column seems to hold so the
 * import report can warn instead of dropping it in silence.
 */
import type { RawCell, RawRow } from '../domain/rawCell';
import { closedSet } from '../domain/closedSets';
import { parsePnc } from '../domain/pnc';
import { cellText, parseArrestDetails, parseDate, parseFlag } from './valueParsing';

/**
 * What a reader calls each content, in sentences of the report ("holds PNCs"). pnc: valid PNCs
 * (short or long form, check letter right); arrestDetails: dated offence lines ("05-Nov-12:
 * Burglary (dwelling)"); date: dates; serialDate: Excel serial day numbers (as numbers, or digits
 * in a CSV) of plausible dates of birth; flag: yes/no marks.
 */
export const [COLUMN_CONTENTS, COLUMN_CONTENT_LABELS] = closedSet({
  pnc: 'PNCs',
  arrestDetails: 'dated offence lines (arrests)',
  date: 'dates',
  serialDate: 'Excel date serial numbers',
  flag: 'yes/no marks (a flag)',
});
export type ColumnContent = (typeof COLUMN_CONTENTS)[number];

/** Share of a column's filled cells that must agree before it is said to hold something. */
const AGREEMENT = 0.8;
/** Fewer filled cells than this say nothing about a column. */
const MIN_FILLED = 2;
/**
 * Excel serials of dates of birth an import meets: 10000 is 18/05/1927, 55153 is 31/12/2050.
 * Five digits, never four: "1990" in a date column is a year, not 12/06/1905.
 */
const SERIAL_MIN = 10_000;
const SERIAL_MAX = 55_153;

/** An Excel serial day number, as a number cell or five digits of text; null when the cell is not one. */
export function serialNumberOf(cell: RawCell): number | null {
  if (typeof cell === 'number') return Number.isInteger(cell) && cell >= SERIAL_MIN && cell <= SERIAL_MAX ? cell : null;
  if (typeof cell === 'string') {
    const text = cell.trim();
    if (!/^\d{5}$/.test(text)) return null;
    const value = Number(text);
    return value >= SERIAL_MIN && value <= SERIAL_MAX ? value : null;
  }
  return null;
}

function holdsPnc(cell: RawCell): boolean {
  const text = cellText(cell);
  return text !== null && parsePnc(text).ok;
}

/** At least one entry with both a date and an offence: a lone date is a date column. */
function holdsArrestLines(cell: RawCell): boolean {
  if (typeof cell !== 'string') return false;
  return parseArrestDetails(cell).arrests.some((a) => /\p{L}{3}/u.test(a.offence));
}

function holdsDate(cell: RawCell): boolean {
  if (typeof cell === 'number') return false;
  const parsed = parseDate(cell);
  return parsed.ok && parsed.value !== null;
}

function holdsFlagMark(cell: RawCell): boolean {
  return parseFlag(cell).ok;
}

function isYesMark(cell: RawCell): boolean {
  const parsed = parseFlag(cell);
  return parsed.ok && parsed.value;
}

const TESTS: ReadonlyArray<readonly [ColumnContent, (cell: RawCell) => boolean]> = [
  ['pnc', holdsPnc],
  ['arrestDetails', holdsArrestLines],
  ['date', holdsDate],
  ['serialDate', (cell) => serialNumberOf(cell) !== null],
  ['flag', holdsFlagMark],
];

/**
 * What the filled cells of one column hold, when four in five of them agree; null when they do
 * not or too few are filled. A flag column must hold at least one "yes", since an all-blank or
 * all-"N" column says nothing.
 */
export function columnContentOf(cells: readonly RawCell[]): ColumnContent | null {
  const filled = cells.filter((cell) => cellText(cell) !== null);
  if (filled.length < MIN_FILLED) return null;
  for (const [content, test] of TESTS) {
    const agreeing = filled.filter(test).length;
    if (agreeing < filled.length * AGREEMENT) continue;
    if (content === 'flag' && !filled.some(isYesMark)) continue;
    return content;
  }
  return null;
}

/** {@link columnContentOf} for every column of a header, read from the rows below it. */
export function columnContents(columnCount: number, dataRows: readonly RawRow[]): Array<ColumnContent | null> {
  const contents: Array<ColumnContent | null> = [];
  for (let column = 0; column < columnCount; column++) contents.push(columnContentOf(dataRows.map((row) => row[column] ?? null)));
  return contents;
}
