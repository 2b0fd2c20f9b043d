import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { csvDocument } from '../../shared/domain/spreadsheetText';
import { importMappingText, setAsideRowsOfImport } from '../data/imports';

function rawCells(raw: string): string[] {
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.map((cell) => (typeof cell === 'string' ? cell : String(cell ?? ''))) : [];
  } catch {
    return [];
  }
}

/**
 * The rows of one import that were rejected, skipped or matched nobody, as CSV for the sender to
 * fix: row number (as Excel numbers it), what happened, why, then the row's own cells under the
 * file's own headers. UTF-8 with a byte-order mark so Excel shows accented names correctly, CRLF
 * line ends as Excel writes them.
 */
export function rejectedRowsCsv(workspace: OpenWorkspace, importId: number): string {
  const { db } = workspace;
  const mappingText = importMappingText(db, importId);
  if (mappingText === undefined) throw new WorkspaceError('not_found', 'No such import in this workspace: reload the list of imports and choose one from it.');
  const mapping = JSON.parse(mappingText) as Array<{ column: number; header: string }>;
  const rows = setAsideRowsOfImport(db, importId);
  const cells = rows.map((row) => rawCells(row.raw));
  const width = Math.max(mapping.length, ...cells.map((c) => c.length));
  const headers = Array.from({ length: width }, (_, column) => mapping.find((m) => m.column === column)?.header || `Column ${column + 1}`);
  const lines = [['Row', 'Disposition', 'Reason', ...headers]];
  // Padded to the header's width so every line has the same number of fields, as Excel expects.
  const pad = (values: string[]): string[] => [...values, ...Array.from({ length: Math.max(0, width - values.length) }, () => '')];
  rows.forEach((row, i) => lines.push([String(row.rowNumber), row.disposition, row.reason, ...pad(cells[i] ?? [])]));
  return csvDocument(lines);
}
