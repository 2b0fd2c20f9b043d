import type { Migration } from './migrationTypes';

/**
 * Provenance of a new person's identity stored once per person instead of once per field.
 *
 * An arrests extract creates a person for nearly every sixth row, and each used to write four
 * `person_field_sources` rows (PNC, surname, forenames, date of birth), all naming the same list
 * and row: two thirds of a million rows and a quarter of the workspace file for a million-row
 * extract. The person row already names the import that created it; `created_row_number` adds the
 * row, and the view `person_field_provenance` gives every field with the list and row it came
 * from, exactly as before:
 *
 * - every `person_field_sources` row (values set after creation, and every source of people
 *   created before this migration, whose `created_row_number` is NULL);
 * - for people created since, each identity value they were created with, from
 *   (created_import_id, created_row_number). An identity column is only ever filled in when it is
 *   empty (the importer's `fillIdentity`), and then with its own `person_field_sources` row; so a
 *   non-empty identity column without such a row still holds the value the creating row gave.
 *
 * Readers of provenance (profile, purge, merge) read the view, never the table alone.
 */
export const migration007ImportSpeed: Migration = {
  version: 7,
  name: 'import_speed',
  sql: `
ALTER TABLE people ADD COLUMN created_row_number INTEGER;

CREATE VIEW person_field_provenance (person_id, field, value, import_id, row_number) AS
  SELECT person_id, field, value, import_id, row_number FROM person_field_sources
  UNION ALL
  SELECT p.id, f.field,
         CASE f.field WHEN 'pnc' THEN p.pnc WHEN 'surname' THEN p.surname WHEN 'forenames' THEN p.forenames ELSE p.dob END,
         p.created_import_id, p.created_row_number
  FROM people p
  JOIN (SELECT 'pnc' AS field UNION ALL SELECT 'surname' UNION ALL SELECT 'forenames' UNION ALL SELECT 'dob') f
  WHERE p.created_row_number IS NOT NULL
    AND (CASE f.field WHEN 'pnc' THEN p.pnc WHEN 'surname' THEN p.surname WHEN 'forenames' THEN p.forenames ELSE p.dob END) IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM person_field_sources s WHERE s.person_id = p.id AND s.field = f.field);
`,
};
