/**
 * The one sentence that stops a file which is not a list at the first step: prose saved as .txt,
 * a table with no row of headings, or a table none of whose columns identifies a person. (An image
 * or other binary renamed .xlsx is stopped earlier, by the readers.) The preview and the import
 * say the same, so the wizard and the CLI refuse such a file in the same words.
 */
import type { RawRow } from '../../shared/domain/rawCell';
import { looksLikeSentence, type CanonicalField } from '../../shared/import/headerRecognition';
import { columnLetter } from '../../shared/import/unmappedColumns';
import { cellText, isBlankRow } from '../../shared/import/valueParsing';

/** Fields that, any one of them, let rows be tied to a person. */
const PERSON_FIELDS: ReadonlySet<CanonicalField> = new Set(['pnc', 'surname', 'fullName', 'firstNames', 'dob']);

function isProse(head: readonly RawRow[]): boolean {
  const filled = head.filter((row) => !isBlankRow(row));
  if (filled.length === 0) return false;
  const sentences = filled.filter((row) => row.some((cell) => looksLikeSentence(cellText(cell) ?? ''))).length;
  return sentences >= filled.length / 2;
}

/** Why a file (or sheet) in which no header row was found is not imported. */
export function noHeaderReason(head: readonly RawRow[], where: { sheetName: string | null }, scannedRows: number): string {
  // Never the file name: an agency's file name can hold a person's name, and this is shown and logged.
  const place = where.sheetName ? `Sheet "${where.sheetName}"` : 'This file';
  if (isProse(head)) return `${place} holds prose, not a list: its lines read as sentences and none looks like a row of column headings, so there is nothing to import.`;
  return `${place} does not look like a list: none of its first ${scannedRows} rows looks like column headings (such as PNC, Surname or Date of birth), so there is nothing to import.`;
}

/** Why a list none of whose columns identifies a person is not imported; null when one does. */
export function noPersonColumnReason(columns: ReadonlyArray<{ column: number; header: string; field: CanonicalField | null }>): string | null {
  if (columns.some((c) => c.field !== null && PERSON_FIELDS.has(c.field))) return null;
  const named = columns.filter((c) => c.header !== '').map((c) => `"${c.header}" (${columnLetter(c.column)})`);
  return `No column of this list identifies a person (a PNC, a name or a date of birth)${named.length ? `: its columns are ${named.join(', ')}` : ''}; check that it is the list the agency meant to send.`;
}
