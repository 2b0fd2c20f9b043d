/**
 * A chart's numbers as CSV, the same text whether the screen's "Download data (CSV)" or the CLI
 * writes it: the protective marking on the first line (as on the lists the agencies send), then
 * the header and the rows.
 */

type CsvValue = string | number | null;

export interface CsvTable {
  header: string[];
  rows: CsvValue[][];
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (= + - @, tab, carriage return) is
 * prefixed with an apostrophe; numbers are written as they are, so negative values stay numbers.
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(table: CsvTable, marking: string): string {
  const lines = [[marking], table.header, ...table.rows].map((row) => row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A byte-order mark goes before the text, so Excel reads the £ and en dashes as UTF-8. */
export const CSV_BYTE_ORDER_MARK = '\uFEFF';
