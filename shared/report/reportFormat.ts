/**
 * Text and numbers as they appear in the printed cohort report. Numbers follow the seed report's
 * conventions (en-GB grouping; rates and offences to at most two decimals, 2,432.5 and 92.74;
 * shares as percentages to one decimal, 3.8%; money in whole pounds), the same rules the app's
 * screens use, so a figure reads the same on screen and on paper. The unrounded figure is always
 * in the working printed beside it.
 */

export function formatNumber(value: number, maximumFractionDigits = 2): string {
  if (!Number.isFinite(value)) return '–';
  // A tiny negative would otherwise print as "-0" once rounded.
  const rounded = Math.abs(value) < 0.5 * 10 ** -maximumFractionDigits ? 0 : value;
  return rounded.toLocaleString('en-GB', { maximumFractionDigits });
}

export function formatCount(value: number): string {
  return formatNumber(value, 0);
}

export function formatPercent(share: number, maximumFractionDigits = 1): string {
  return `${formatNumber(share * 100, maximumFractionDigits)}%`;
}

export function formatMoney(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return `£${formatNumber(value, 0)}`;
}

/** Low–high with an en dash, both formatted alike. */
export function formatRange(low: number, high: number, format: (value: number) => string = formatNumber): string {
  return `${format(low)}–${format(high)}`;
}

/** "2013-10-31" → "31 October 2013" (calendar dates carry no time zone, so none is applied). */
export function formatLongDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) return isoDate;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
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
