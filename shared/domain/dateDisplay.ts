/**
 * Calendar dates as the analysts read and type them (UK order). Screens, working, captions and the
 * printed report show one form, "31 Oct 2013"; the app's date field shows and reads "31/10/2013".
 * Read straight from the `YYYY-MM-DD` text, so no time zone can move a date by a day.
 */
import { isIsoDate, isoParts, type IsoDate } from './isoDate';
import { parseDateText } from '../import/valueParsing';

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2013-10-31 → "31 Oct 2013"; a dash for none; text that is not a date is shown as it is. */
export function formatDisplayDate(date: string | null | undefined): string {
  if (!date) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return `${Number(m[3])} ${SHORT_MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** "1 Nov 2011 to 31 Oct 2013": a counting window or any span of days, in words. */
export function formatDisplayDateRange(first: string, last: string): string {
  return `${formatDisplayDate(first)} to ${formatDisplayDate(last)}`;
}

/** 2013-10 → "Oct 2013". */
export function formatDisplayMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${SHORT_MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : month;
}

/** 2013-10-31 → "31/10/2013", the form the date field shows and an analyst types. */
export function formatUkNumericDate(date: IsoDate): string {
  if (!isIsoDate(date)) return date;
  const { year, month, day } = isoParts(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${String(year).padStart(4, '0')}`;
}

type TypedDate = { kind: 'empty' } | { kind: 'date'; iso: IsoDate } | { kind: 'invalid'; reason: string };

/**
 * What an analyst typed in a date field: day first always (31/10/2013, 31-10-13, 31.10.2013,
 * "31 Oct 2013" or 2013-10-31), never read month first; two-digit years as the lists read them.
 */
export function readTypedDate(text: string): TypedDate {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const parsed = parseDateText(trimmed);
  if (parsed.ok) return { kind: 'date', iso: parsed.value };
  return { kind: 'invalid', reason: parsed.reason.replace(/ \(expected .*\)\.$/, ': type it as dd/mm/yyyy.') };
}
