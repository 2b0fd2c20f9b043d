/**
 * Numbers as analysts read them in the seed report (en-GB grouping): counts whole, rates and
 * offences to one decimal place at most on screen (2,432.5; 255.2; 884), shares as percentages to
 * one decimal (3.8%), money in whole pounds. The working shows the arithmetic to two decimals. The
 * screens use these directly; the printed report (report/reportFormat.ts) through them.
 */

export function formatNumber(value: number, maximumFractionDigits = 1): string {
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

/** A count with its noun: "1 person", "1,204 people". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** A file's size as people read it: bytes below a kilobyte, then KB and MB (1,024-based) to one decimal. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return plural(bytes, 'byte');
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024)} KB`;
  return `${formatNumber(bytes / (1024 * 1024))} MB`;
}

/**
 * Working lines, rounded as the printed report rounds its figures so the arithmetic reads the way
 * the figures do: numbers to two decimals, grouped (2,432.5; 91.87); rates and shares as
 * percentages to two decimals (36.34%); pounds whole and grouped (£544,801).
 */
export function workingFigure(value: number): string {
  return formatNumber(value, 2);
}

export function workingShare(share: number): string {
  return formatPercent(share, 2);
}

export const workingPounds = formatMoney;
