import type { Migration } from './migrationTypes';

/**
 * Analysts' notes on a person ("spoke to probation: moved to Enfield in Sept"). Notes go with the
 * person: removing a person (a merge after a link review, for instance) removes their notes too, so
 * the merge code must move them first if they are to survive. The text is personal data and stays
 * inside the encrypted workspace; the audit trail records only that a note was added, by id.
 */
export const migration004PersonNotes: Migration = {
  version: 4,
  name: 'person_notes',
  sql: `
CREATE TABLE person_notes (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  text TEXT NOT NULL CHECK (length(text) > 0),
  author TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX person_notes_person ON person_notes(person_id, created_at);
`,
};
