import type { Migration } from './migrationTypes';

/**
 * Drops the two indexes on people that no query uses. They were meant for finding a person by
 * name and date of birth, but linking is done in memory (electron/import/personRegistry.ts) and
 * every other read of people goes by id, by PNC (its own unique index) or over the whole table.
 * Kept, they cost every import an index entry per new person each (a large extract rebuilds both
 * before its commit) and a few megabytes of the workspace file per hundred thousand people.
 */
export const migration009UnusedPeopleIndexes: Migration = {
  version: 9,
  name: 'unused_people_indexes',
  sql: `
DROP INDEX IF EXISTS people_surname_dob;
DROP INDEX IF EXISTS people_dob;
`,
};
