import * as XLSX from 'xlsx';
import type { ExportCell } from '../../shared/exports/shortlistExport';
import { freezeRowsAbove, patchPackage } from './agencySheets/xlsxPackage';

/**
 * Worksheets for exports, built cell by cell rather than with `aoa_to_sheet`, so what each cell is
 * never depends on what its text looks like: text is always a shared-string cell (`t: 's'`, no `f`),
 * which Excel, LibreOffice and Sheets show as text even when it starts with "=" — an agency's name
 * field holding `=HYPERLINK(...)` stays that text. Numbers are number cells; null is no cell.
 */

/** Excel refuses longer cell text (and SheetJS throws on it); nothing this app exports is near it. */
const MAX_CELL_TEXT = 32_767;

export interface SheetSpec {
  name: string;
  rows: ReadonlyArray<ReadonlyArray<ExportCell>>;
  /** Row index (0-based) of the column header, for the autofilter; omitted for sheets without one. */
  headerRow?: number;
  /** Column widths in characters; by default from the longest text in each column (capped). */
  widths?: number[];
}

/** Days from Excel's day 0 (30 Dec 1899) to the date, counted in UTC so no time zone moves it. */
function excelSerial(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** UK order, whatever the reader's locale: the format is fixed, not Excel's locale-following short date. */
const XLSX_DATE_FORMAT = 'dd/mm/yyyy';

function cellOf(value: ExportCell): XLSX.CellObject | null {
  if (value === null) return null;
  if (typeof value === 'object') return { t: 'n', v: excelSerial(value.isoDate), z: XLSX_DATE_FORMAT };
  if (typeof value === 'number') return Number.isFinite(value) ? { t: 'n', v: value } : { t: 's', v: String(value) };
  const text = value.length > MAX_CELL_TEXT ? `${value.slice(0, MAX_CELL_TEXT - 1)}…` : value;
  return { t: 's', v: text };
}

function exportSheet(spec: SheetSpec): XLSX.WorkSheet {
  const sheet: XLSX.WorkSheet = {};
  let maxColumn = 0;
  const widths: number[] = [];
  spec.rows.forEach((row, r) => {
    row.forEach((value, c) => {
      const cell = cellOf(value);
      if (!cell) return;
      sheet[XLSX.utils.encode_cell({ r, c })] = cell;
      maxColumn = Math.max(maxColumn, c);
      // Title and marking rows above the header would make the first column absurdly wide.
      if (spec.headerRow === undefined || r >= spec.headerRow) widths[c] = Math.max(widths[c] ?? 0, cell.z === XLSX_DATE_FORMAT ? XLSX_DATE_FORMAT.length : String(cell.v).length);
    });
  });
  const lastRow = Math.max(0, spec.rows.length - 1);
  sheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: lastRow, c: maxColumn } });
  sheet['!cols'] = (spec.widths ?? widths).map((w) => ({ wch: Math.min(60, Math.max(8, (w ?? 0) + 2)) }));
  if (spec.headerRow !== undefined && spec.rows[spec.headerRow]) {
    const headerWidth = spec.rows[spec.headerRow]!.length;
    const lastDataRow = Math.max(spec.headerRow, lastRowOfTable(spec.rows, spec.headerRow));
    if (headerWidth > 0) sheet['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: spec.headerRow, c: 0 }, e: { r: lastDataRow, c: headerWidth - 1 } }) };
  }
  return sheet;
}

/** The table under a header runs until the first empty row (a marking footer follows a gap). */
function lastRowOfTable(rows: ReadonlyArray<ReadonlyArray<ExportCell>>, headerRow: number): number {
  let r = headerRow;
  while (r + 1 < rows.length && rows[r + 1]!.some((v) => v !== null && v !== '')) r++;
  return r;
}

/** A whole .xlsx file; `properties` go into the document properties (title, subject: the marking). */
export function workbookBytes(sheets: readonly SheetSpec[], properties: { title: string; subject: string; author: string }): Uint8Array {
  const book = XLSX.utils.book_new();
  for (const spec of sheets) XLSX.utils.book_append_sheet(book, exportSheet(spec), spec.name);
  book.Props = { Title: properties.title, Subject: properties.subject, Author: properties.author };
  const out = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  const written = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  // SheetJS community writes no frozen panes: the rows down to each header are frozen in the XML,
  // so the marking, title and column names stay in view while the analyst scrolls.
  const freezes: Record<string, (xml: string) => string> = {};
  sheets.forEach((spec, i) => {
    if (spec.headerRow === undefined || !spec.rows[spec.headerRow]) return;
    const firstDataRow = spec.headerRow + 2;
    freezes[`xl/worksheets/sheet${i + 1}.xml`] = freezeRowsAbove(firstDataRow, `A${firstDataRow}`);
  });
  return Object.keys(freezes).length ? patchPackage(written, freezes) : written;
}
