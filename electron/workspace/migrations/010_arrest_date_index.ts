import type { Migration } from './migrationTypes';

/**
 * Drops the index of arrests by date. Its one reader was the latest arrest date behind the default
 * window, which now comes from the analysis model already in memory (every arrest's day is there)
 * or, before the model is loaded, from one scan. Kept, it cost every large import a sort of a
 * million dates before its commit, about a sixth of the import, and its pages in the file.
 */
export const migration010ArrestDateIndex: Migration = {
  version: 10,
  name: 'arrest_date_index',
  sql: `
DROP INDEX IF EXISTS arrests_date;
`,
};
