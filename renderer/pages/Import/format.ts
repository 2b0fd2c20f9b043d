/** Small formatting helpers for the import screens (en-GB, as the analysts read numbers and dates). */

export { formatBytes } from '../../../shared/domain/numberFormat';

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

const FORMAT_LABELS: Readonly<Record<string, string>> = {
  xlsx: 'Excel workbook (.xlsx)',
  xlsm: 'Excel workbook (.xlsm)',
  xlsb: 'Excel binary workbook (.xlsb)',
  xls: 'Excel 97–2003 workbook (.xls)',
  ods: 'OpenDocument spreadsheet (.ods)',
  csv: 'CSV text',
  tsv: 'Tab-separated text',
  text: 'Text (CSV)',
  zip: 'Excel workbook',
  cfb: 'Excel 97–2003 workbook',
  markup: 'Web page or XML table saved as a spreadsheet',
};

export function formatLabel(format: string): string {
  return FORMAT_LABELS[format.toLowerCase()] ?? format;
}

export { columnLetter } from '../../../shared/import/unmappedColumns';

export type Disposition = 'rejected' | 'skipped' | 'unmatched' | 'note';

export const DISPOSITION_LABELS: Readonly<Record<Disposition, string>> = {
  rejected: 'Rejected',
  skipped: 'Skipped',
  unmatched: 'No match',
  note: 'Value set aside',
};

export const DISPOSITION_HINTS: Readonly<Record<Disposition, string>> = {
  rejected: 'Not imported: a value could not be read or the row cannot identify anyone.',
  skipped: 'Blank rows and total rows, left out on purpose.',
  unmatched: 'A list row that matched no one in the workspace.',
  note: 'The row was imported; one value in it could not be used (an undated arrest entry, a PNC failing its check letter).',
};
