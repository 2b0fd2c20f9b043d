/**
 * Turning a chart into files the analyst keeps: the picture as PNG and the numbers as CSV. Both go
 * through the browser's own download (an <a download> on a data: or blob: URL, which the CSP
 * allows), so Electron's save dialog decides where they go; nothing is written anywhere else.
 */

import { saveBlob, saveDataUrl } from '../saveFile';

export type CsvValue = string | number | null;

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

export interface CsvTable {
  header: string[];
  rows: CsvValue[][];
}

/** The marking goes on the first line too, as on the lists the agencies send. */
export function toCsv(table: CsvTable, marking: string): string {
  const lines = [[marking], table.header, ...table.rows].map((row) => row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** "OFFICIAL-SENSITIVE concentration lorenz 2013-10-31" → a safe file name with the marking first. */
export function markedFileName(marking: string, stem: string, extension: 'png' | 'csv'): string {
  const safe = `${marking} ${stem}`.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim();
  return `${safe}.${extension}`;
}

export function downloadDataUrl(fileName: string, dataUrl: string): void {
  saveDataUrl(fileName, dataUrl);
}

export function downloadText(fileName: string, text: string, type: string): void {
  // A byte-order mark so Excel reads the £ and en dashes as UTF-8.
  saveBlob(fileName, new Blob(['\uFEFF', text], { type }));
}
