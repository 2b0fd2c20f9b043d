/**
 * Text that leaves the app in a spreadsheet or CSV. Exports carry agency data (names, offence
 * descriptions, comments) that anyone could have typed, so nothing may reach Excel, LibreOffice or
 * Sheets in a form they would run as a formula.
 */

/** Characters that make spreadsheet software read a cell as a formula (tab and CR let one be smuggled past a naive check). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Look-alikes some spreadsheet software folds to their ASCII twin when it reads a CSV: the
 * full-width and small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫, which NFKC folds) and the minus sign.
 */
const LOOK_ALIKE_START = /^[\u2212]/;

export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text) || LOOK_ALIKE_START.test(text) || FORMULA_START.test(text.slice(0, 2).normalize('NFKC'));
}

/**
 * One CSV field: a formula start is neutralised with a leading apostrophe (the OWASP advice; CSV has
 * no cell types, so this is the only way), then quoted as RFC 4180 needs.
 */
export function csvField(value: string): string {
  const safe = isFormulaLike(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole CSV file: BOM so Excel reads UTF-8, CRLF as Excel writes. */
export function csvDocument(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * The file name of an export: the protective marking first, so it is seen in any file listing
 * (e.g. "OFFICIAL-SENSITIVE IOM shortlist 2026-11-23.xlsx").
 */
export function markedExportFileName(marking: string, title: string, isoDate: string, extension: string): string {
  const clean = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return `${clean(marking)} ${clean(title)} ${isoDate}.${extension.replace(/^\./, '')}`;
}
