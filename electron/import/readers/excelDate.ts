/**
 * Whether a number format shows a calendar date (day, month name or year), as opposed to a plain
 * number, a time of day or a duration. Quoted literals, escapes, colours, locales and the
 * scientific "E+" are stripped first so that `0.00E+00` or `#,##0 "days"` are not taken for dates.
 */
export function isDateNumberFormat(format: string | undefined): boolean {
  if (!format) return false;
  const firstSection = format.split(';')[0] ?? '';
  const stripped = firstSection
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\*./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/general/gi, '')
    .replace(/am\/pm|a\/p/gi, '')
    .replace(/e[+-]/gi, '');
  return /[dy]/i.test(stripped) || /m{3,}/i.test(stripped) || /(^|[^a-z])(e|ee|b|bb)([^a-z]|$)/i.test(stripped);
}
