import type { CompositionTable, EqualityDimension } from '../analysis/equalities';

/**
 * Small-number suppression for the report, which leaves the app: a count of 1 to 4 people in a
 * category can point at a person, so it is printed as "fewer than 5", and so is the next smallest
 * count in the same column and dimension when one hidden count alone could be worked out by
 * subtracting the others from the column's total.
 */
const SMALL_COUNT_LIMIT = 5;
export const SUPPRESSED_COUNT = 'fewer than 5';

/** Keys `row:column` (indexes into `table.rows` and its cells) of the counts not to print. */
export function suppressedCompositionCells(table: CompositionTable): Set<string> {
  const hidden = new Set<string>();
  const dimensions = new Set<EqualityDimension>(table.rows.map((r) => r.dimension));
  for (const dimension of dimensions) {
    const rowIndexes = table.rows.flatMap((r, i) => (r.dimension === dimension ? [i] : []));
    table.populations.forEach((_, column) => {
      const count = (row: number) => table.rows[row]!.cells[column]?.count ?? 0;
      const small = rowIndexes.filter((row) => count(row) > 0 && count(row) < SMALL_COUNT_LIMIT);
      for (const row of small) hidden.add(`${row}:${column}`);
      if (small.length === 1) {
        const next = rowIndexes.filter((row) => !small.includes(row) && count(row) > 0).sort((a, b) => count(a) - count(b))[0];
        if (next !== undefined) hidden.add(`${next}:${column}`);
      }
    });
  }
  return hidden;
}
