/**
 * A sheet's columns mapped by their header and their cells together. The header proposes (see
 * `headerRecognition.ts`); the cells below it correct what the header alone gets wrong or misses:
 * a column of dated offence lines is arrest details whatever its header ("Offence history" reads
 * as an offence wording, "Previous" as nothing), and a column of valid PNCs is the PNC under any
 * header nothing recognised ("Nominal ID"). A header recognised with certainty is never
 * overruled, except that an "offence" or count column holding dated lines is arrest details.
 */
import type { RawCell, RawRow } from '../domain/rawCell';
import { columnContents, type ColumnContent } from './columnContent';
import { keepOneColumnPerField, recogniseHeaderCell, type CanonicalField, type ColumnMapping, type HeaderRecognition } from './headerRecognition';

interface ColumnRecognition extends HeaderRecognition {
  /** What each column's cells hold, by column index (see `columnContentOf`). */
  holds: Array<ColumnContent | null>;
}

/** Confidence of a mapping made from the cells: sure enough to propose, shown as "please check". */
export const CONTENT_CONFIDENCE = 0.8;

/** Header verdicts that dated offence lines overrule, however sure: they name the same data badly. */
const ARREST_LINES_OVERRULE: ReadonlySet<CanonicalField> = new Set(['offence', 'arrestsTwoYears', 'comments']);

function fromContent(entry: ColumnMapping, holds: ColumnContent | null): ColumnMapping {
  if (holds === 'arrestDetails' && entry.field !== 'arrestDetails' && (entry.field === null || entry.confidence < 1 || ARREST_LINES_OVERRULE.has(entry.field))) {
    return { ...entry, field: 'arrestDetails', confidence: CONTENT_CONFIDENCE };
  }
  if (holds === 'pnc' && entry.field !== 'pnc' && (entry.field === null || entry.confidence < 1)) {
    return { ...entry, field: 'pnc', confidence: CONTENT_CONFIDENCE };
  }
  return entry;
}

/**
 * Each column's field, from its header and then its cells (`dataRows`, the rows under the header
 * that were read ahead); each field kept by one column, the others reported as duplicates.
 */
export function recogniseColumns(headerCells: readonly RawCell[], dataRows: readonly RawRow[]): ColumnRecognition {
  const width = Math.max(headerCells.length, ...dataRows.map((row) => row.length), 0);
  const holds = columnContents(width, dataRows);
  const mapping = Array.from({ length: width }, (_, column) => fromContent(recogniseHeaderCell(headerCells[column] ?? null, column), holds[column] ?? null));
  return { ...keepOneColumnPerField(mapping), holds };
}
