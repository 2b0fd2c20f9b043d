import type { Migration } from './migrationTypes';

/**
 * A stored copy of the analysis model's arrest index, so that opening a big workspace does not
 * re-read and re-classify every arrest (2,000,000 rows take seconds; the copy takes milliseconds).
 * It lives only here, inside the encrypted workspace (electron/analysis/modelSnapshot.ts).
 *
 * `source_key` names what it was built from: the classification rules and overrides, the home
 * borough setting, the highest import, person and arrest ids, and `analysis_model_changes`. The
 * triggers cover what those ids cannot show, in the same transaction as the change:
 * - an arrest changed or removed, a person removed (a purge, a merge), or a person's borough or
 *   long-list membership changed (the home borough is where most of the long list lives):
 *   the copy is deleted, so a purged person's arrest history never outlives the purge, and the
 *   generation moves, so a build that was running meanwhile does not store what it read.
 * Arrests and people are only ever added with new, higher ids (imports, merges), which the key's
 * highest ids catch; inserts have no trigger, so an import of a million rows pays nothing.
 */
export const migration008ModelSnapshot: Migration = {
  version: 8,
  name: 'model_snapshot',
  sql: `
CREATE TABLE analysis_model_snapshot (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  source_key TEXT NOT NULL,
  meta TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE analysis_model_changes (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL
) STRICT;
INSERT INTO analysis_model_changes (id, generation) VALUES (1, 0);

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

CREATE TRIGGER analysis_model_person_removed AFTER DELETE ON people
BEGIN
  DELETE FROM analysis_model_snapshot;
  UPDATE analysis_model_changes SET generation = generation + 1;
END;

CREATE TRIGGER analysis_model_person_changed AFTER UPDATE OF id, borough, on_long_list ON people
WHEN OLD.id IS NOT NEW.id OR OLD.borough IS NOT NEW.borough OR OLD.on_long_list IS NOT NEW.on_long_list
BEGIN
  DELETE FROM analysis_model_snapshot;
  UPDATE analysis_model_changes SET generation = generation + 1;
END;
`,
};
