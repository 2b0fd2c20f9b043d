/**
 * Text and numbers as they appear in the printed cohort report. Numbers are formatted by
 * shared/domain/numberFormat.ts, as on the app's screens (en-GB grouping; shares as percentages to one
 * decimal, 3.8%; money in whole pounds), except that rates and offences print to at most two
 * decimals by default (2,432.5 and 92.74). The projection's working uses the same rounding, with
 * rates as percentages, so the arithmetic reads the way the figures do.
 */
import { formatDisplayDate } from '../domain/dateDisplay';
import { formatNumber as formatFigure, formatRange as formatFigureRange } from '../domain/numberFormat';

export { formatCount, formatMoney, formatPercent } from '../domain/numberFormat';

export function formatNumber(value: number, maximumFractionDigits = 2): string {
  return formatFigure(value, maximumFractionDigits);
}

/** Low–high with an en dash, both formatted alike (by default to the report's two decimals). */
export function formatRange(low: number, high: number, format: (value: number) => string = formatNumber): string {
  return formatFigureRange(low, high, format);
}

/** "2013-10-31" → "31 Oct 2013": the report shows dates as the screens do (shared/domain/dateDisplay.ts). */
export function formatLongDate(isoDate: string): string {
  return formatDisplayDate(isoDate);
}

/** Text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/**
 * A CSS string literal (for `content:` in the page margin boxes). Quotes and backslashes are
 * escaped, and "<" too, so no value can close the surrounding <style> element.
 */
export function cssString(text: string): string {
  const body = text.replace(/[\\"<>\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);
  return `"${body}"`;
}
