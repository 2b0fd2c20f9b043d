import type { Migration } from './migrationTypes';

/**
 * Stores arrests in one B-tree ordered by (person, date, offence) instead of two: a rowid table
 * plus a unique index on those columns held every date and offence twice. The key is what makes an
 * arrest the same arrest (kept once), the order every reader wants (a person's arrests, by date),
 * and the order an import writes in. Measured on a million arrests: the file 40% smaller and the
 * import's insert and commit of them 0.65 s faster.
 *
 * `id` stays, given by the importer from the `arrests_last_id` counter (a table without rowid has
 * no automatic one), so earlier ids keep their meaning and "the highest id" stays one lookup.
 * Dropping the old table removes its triggers; they are made again as they were (migration 008).
 */
export const migration011ArrestsByPerson: Migration = {
  version: 11,
  name: 'arrests_by_person',
  sql: `
CREATE TABLE arrests_by_person (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  arrest_date TEXT NOT NULL,
  offence TEXT NOT NULL,
  id INTEGER NOT NULL,
  borough TEXT,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  row_number INTEGER NOT NULL,
  PRIMARY KEY (person_id, arrest_date, offence)
) STRICT, WITHOUT ROWID;
INSERT INTO arrests_by_person (person_id, arrest_date, offence, id, borough, import_id, row_number)
  SELECT person_id, arrest_date, offence, id, borough, import_id, row_number FROM arrests;
INSERT INTO workspace_meta (key, value) VALUES ('arrests_last_id', CAST((SELECT COALESCE(MAX(id), 0) FROM arrests) AS TEXT))
  ON CONFLICT(key) DO UPDATE SET value = excluded.value;
DROP TABLE arrests;
ALTER TABLE arrests_by_person RENAME TO arrests;

CREATE TRIGGER analysis_model_arrest_changed AFTER UPDATE OF id, person_id, arrest_date, offence ON arrests
BEGIN
  DELETE FROM analysis_model_snapshot;
  UPDATE analysis_model_changes SET generation = generation + 1;
END;

CREATE TRIGGER analysis_model_arrest_removed AFTER DELETE ON arrests
BEGIN
  DELETE FROM analysis_model_snapshot;
  UPDATE analysis_model_changes SET generation = generation + 1;
END;
`,
};
