import type { RawCell, RawRow } from '../../shared/domain/rawCell';
import { cellText, totalRowReason, type Parsed } from '../../shared/import/valueParsing';

/*
 * Two shapes of the readers' answers that only tests ask for: the app reads text with cellText
 * and a summary row with totalRowReason (whose words go in the import report).
 */

/** {@link cellText} in the common result shape; text cannot be invalid, so it is always ok. */
export function parseText(cell: RawCell): Parsed<string | null> {
  return { ok: true, value: cellText(cell) };
}

export function isTotalRow(row: RawRow): boolean {
  return totalRowReason(row) !== null;
}
