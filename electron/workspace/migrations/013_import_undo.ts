import type { Migration } from './migrationTypes';

/**
 * Imports that can be undone (issue 15).
 *
 * - `imports.undone_at` / `undone_by`: an undone import keeps its record, since people it created
 *   and other lists went on to name, the audit trail and a replacing import all refer to it by id.
 *   Its `sha256` is then prefixed with `undone/<id>/`, which frees the `UNIQUE (kind, sha256)` slot
 *   so the same file can be imported again; the hash itself stays readable after the prefix.
 * - `long_list_entries`: which candidate lists named which person. `people.on_long_list` was a
 *   bare 1 that no undo could take back; the entries let it be worked out again from the lists
 *   that remain. Filled here from what the workspace already knows: the candidate list that
 *   created a person, and the candidate lists that set a field or a flag on them; anyone on the
 *   long list with none of those is credited to the newest candidate list.
 */
export const migration013ImportUndo: Migration = {
  version: 13,
  name: 'import_undo',
  sql: `
ALTER TABLE imports ADD COLUMN undone_at TEXT;
ALTER TABLE imports ADD COLUMN undone_by TEXT;

CREATE TABLE long_list_entries (
  import_id INTEGER NOT NULL REFERENCES imports(id),
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  PRIMARY KEY (person_id, import_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX long_list_entries_import ON long_list_entries(import_id);

INSERT OR IGNORE INTO long_list_entries (import_id, person_id)
  SELECT p.created_import_id, p.id FROM people p JOIN imports i ON i.id = p.created_import_id
  WHERE p.on_long_list = 1 AND i.kind = 'candidates';
INSERT OR IGNORE INTO long_list_entries (import_id, person_id)
  SELECT s.import_id, s.person_id FROM person_field_sources s JOIN imports i ON i.id = s.import_id JOIN people p ON p.id = s.person_id
  WHERE p.on_long_list = 1 AND i.kind = 'candidates';
INSERT OR IGNORE INTO long_list_entries (import_id, person_id)
  SELECT f.import_id, f.person_id FROM person_flags f JOIN imports i ON i.id = f.import_id JOIN people p ON p.id = f.person_id
  WHERE p.on_long_list = 1 AND i.kind = 'candidates';
INSERT OR IGNORE INTO long_list_entries (import_id, person_id)
  SELECT (SELECT MAX(id) FROM imports WHERE kind = 'candidates'), p.id FROM people p
  WHERE p.on_long_list = 1 AND NOT EXISTS (SELECT 1 FROM long_list_entries e WHERE e.person_id = p.id)
    AND EXISTS (SELECT 1 FROM imports WHERE kind = 'candidates');
`,
};
