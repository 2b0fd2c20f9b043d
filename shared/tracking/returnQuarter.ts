import { isoFromParts, isoParts, type IsoDate } from '../domain/isoDate';
import { formatDisplayDate } from '../domain/dateDisplay';

/**
 * The quarter a quarterly return covers: a calendar quarter written `2013Q3` (July to September
 * 2013), the form the CLI takes and the screen offers. Calendar, not financial, quarters: the sheet
 * spells out the dates so an office that counts April–June as its Q1 is never misled.
 */

export interface ReturnQuarter {
  year: number;
  /** 1–4. */
  quarter: number;
  /** `2013Q3`. */
  code: string;
  firstDay: IsoDate;
  lastDay: IsoDate;
  /** "2013 Q3 (1 Jul 2013 to 30 Sep 2013)". */
  label: string;
}

export const RETURN_QUARTER_PATTERN = /^(\d{4})-?Q([1-4])$/i;

function returnQuarter(year: number, quarter: number): ReturnQuarter {
  const firstMonth = (quarter - 1) * 3 + 1;
  const firstDay = isoFromParts(year, firstMonth, 1);
  const lastMonth = firstMonth + 2;
  const lastDay = isoFromParts(year, lastMonth, lastMonth === 3 || lastMonth === 12 ? 31 : 30);
  const code = `${year}Q${quarter}`;
  return { year, quarter, code, firstDay, lastDay, label: `${year} Q${quarter} (${formatDisplayDate(firstDay)} to ${formatDisplayDate(lastDay)})` };
}

/** `2013Q3` (also `2013-q3`) → the quarter; null for anything else. */
export function parseReturnQuarter(text: string): ReturnQuarter | null {
  const m = RETURN_QUARTER_PATTERN.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2999) return null;
  return returnQuarter(year, Number(m[2]));
}

function quarterOfDate(date: IsoDate): ReturnQuarter {
  const { year, month } = isoParts(date);
  return returnQuarter(year, Math.floor((month - 1) / 3) + 1);
}

function nextQuarter(q: ReturnQuarter): ReturnQuarter {
  return q.quarter === 4 ? returnQuarter(q.year + 1, 1) : returnQuarter(q.year, q.quarter + 1);
}

/**
 * The quarters a return can be made for, latest first: from the quarter of the first start to the
 * last quarter the arrest data cover to its end (a return for a quarter the data only half cover
 * would count its missing weeks as weeks without arrests). Capped, as a list for a screen.
 */
export function returnQuarterOptions(firstStart: IsoDate | null, dataTo: IsoDate, max = 16): ReturnQuarter[] {
  if (firstStart === null || firstStart > dataTo) return [];
  const options: ReturnQuarter[] = [];
  for (let q = quarterOfDate(firstStart); q.lastDay <= dataTo; q = nextQuarter(q)) options.push(q);
  return options.reverse().slice(0, max);
}
