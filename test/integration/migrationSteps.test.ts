import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrateWorkspace } from '../../electron/workspace/migrate';
import { MIGRATIONS } from '../../electron/workspace/migrations';
import { applyWorkspaceKey } from '../../electron/workspace/workspaceFile';
import { makeTempDir, TEST_PASSPHRASE } from '../support/tempWorkspace';

/**
 * Every migration, one at a time, on a real encrypted file holding data written under the schema
 * before it: the schema objects it adds, drops and changes are exactly the ones listed here, the
 * rows already there are all still there (or moved exactly as the migration says), and its data
 * changes are checked. A new migration without an entry here fails the first test.
 */

type Db = Database.Database;

interface Step {
  /** Schema objects as `table:x`, `index:x`, `trigger:x`, `view:x`; columns added to an existing table as `column:table.name`. */
  added: string[];
  dropped: string[];
  /** Objects kept under the same name whose definition changes. */
  changed?: string[];
  /** Rows written just before this migration runs, into the schema as it then was. */
  before?: string;
  /** Tables whose row count the migration itself changes, with the count afterwards. */
  counts?: Record<string, number>;
  /** What the data must look like afterwards. */
  after?(db: Db): void;
}

const STEPS: Record<number, Step> = {
  1: {
    added: [
      'table:workspace_meta', 'table:settings', 'table:audit_log', 'trigger:audit_log_no_update', 'trigger:audit_log_no_delete', 'table:imports', 'table:people',
      'index:people_surname_dob', 'index:people_dob', 'table:person_field_sources', 'table:arrests', 'index:arrests_date', 'table:person_flags', 'index:person_flags_active',
      'index:person_flags_person', 'table:rejected_rows', 'index:rejected_rows_import', 'table:link_reviews', 'index:link_reviews_status', 'table:header_mappings',
    ],
    dropped: [],
    after(db) {
      expect(() => db.exec("INSERT INTO people (surname, custody, created_at) VALUES ('X', 'somewhere', '2013-01-01')")).toThrow(/CHECK constraint/);
    },
  },
  2: {
    added: ['column:rejected_rows.disposition', 'column:imports.rows_skipped', 'column:imports.rows_unmatched', 'column:imports.arrests_added', 'column:imports.flags_set', 'column:imports.reviews_queued', 'index:link_reviews_import'],
    dropped: [],
    before: `
      INSERT INTO workspace_meta (key, value) VALUES ('name', 'Migration steps');
      INSERT INTO settings (key, value) VALUES ('marking', '"OFFICIAL-SENSITIVE"');
      INSERT INTO audit_log (at, actor, action, detail, prev_hash, hash) VALUES ('2013-11-01T09:00:00Z', 'analyst', 'workspace.create', '{}', 'genesis', 'h1');
      INSERT INTO imports (id, kind, file_name, sha256, mapping, imported_by, imported_at, rows_read, rows_imported, rows_linked, rows_rejected)
        VALUES (1, 'candidates', 'list.csv', 'aa', '[]', 'analyst', '2013-11-01', 3, 2, 0, 1);
      INSERT INTO people (id, pnc, surname, forenames, dob, borough, on_long_list, created_import_id, created_at)
        VALUES (1, '91/100511K', 'Sampleton', 'Ann', '1991-02-03', 'Barnet', 1, 1, '2013-11-01'), (2, NULL, 'Testwell', 'Bo', '1985-06-07', 'Camden', 1, 1, '2013-11-01');
      INSERT INTO person_field_sources (person_id, field, value, import_id, row_number) VALUES (1, 'borough', 'Barnet', 1, 4);
      INSERT INTO arrests (id, person_id, arrest_date, offence, borough, import_id, row_number)
        VALUES (1, 1, '2012-05-01', 'Burglary - Residential', 'Barnet', 1, 4), (2, 1, '2013-01-02', 'Robbery', NULL, 1, 4), (3, 2, '2012-12-12', 'Burglary - Residential', 'Camden', 1, 5);
      INSERT INTO person_flags (person_id, flag, import_id, row_number) VALUES (1, 'dtoa', 1, 4);
      INSERT INTO rejected_rows (import_id, row_number, reason, raw) VALUES (1, 6, 'no name', '[]');
      INSERT INTO link_reviews (import_id, row_number, person_id, score, breakdown, record) VALUES (1, 5, 1, 3.5, '[]', '{}');
      INSERT INTO header_mappings (source_key, kind, mapping, confirmed_by, confirmed_at) VALUES ('k', 'candidates', '[]', 'analyst', '2013-11-01');`,
    after(db) {
      expect(db.prepare('SELECT disposition FROM rejected_rows').pluck().all()).toEqual(['rejected']);
      expect(db.prepare('SELECT rows_skipped, rows_unmatched, arrests_added, flags_set, reviews_queued FROM imports').get()).toEqual({ rows_skipped: 0, rows_unmatched: 0, arrests_added: 0, flags_set: 0, reviews_queued: 0 });
      expect(() => db.exec("UPDATE rejected_rows SET disposition = 'lost'")).toThrow(/CHECK constraint/);
    },
  },
  3: {
    added: ['table:classification_overrides', 'table:scenarios', 'table:rule_sets', 'table:shortlists', 'table:shortlist_members', 'index:shortlist_members_status'],
    dropped: [],
  },
  4: {
    added: ['table:person_notes', 'index:person_notes_person'],
    dropped: [],
    before: `
      INSERT INTO classification_overrides VALUES ('robbery', 'Robbery', 'robbery', 'analyst', '2013-11-01');
      INSERT INTO scenarios (id, name, definition, updated_by, updated_at) VALUES (1, 'Seed', '{}', 'analyst', '2013-11-01');
      INSERT INTO rule_sets (id, name, version, definition, created_by, created_at) VALUES (1, 'Default', 1, '{}', 'analyst', '2013-11-01');
      INSERT INTO shortlists (id, rule_set_id, capacity, summary, created_by, created_at) VALUES (1, 1, 100, '{}', 'analyst', '2013-11-01');
      INSERT INTO shortlist_members (shortlist_id, person_id, status, reason, position, arrests_in_window) VALUES (1, 1, 'included', 'DTOA', 1, 2), (1, 2, 'over_capacity', 'arrests', NULL, 1);`,
  },
  5: {
    added: ['table:panel_sessions', 'table:panel_session_people', 'table:panel_decisions', 'index:panel_decisions_current'],
    dropped: [],
    before: `INSERT INTO person_notes (person_id, text, author, created_at) VALUES (1, 'Seen at MARAC', 'analyst', '2013-11-02');`,
    after(db) {
      expect(() => db.exec("INSERT INTO person_notes (person_id, text, author, created_at) VALUES (1, '', 'a', 'b')")).toThrow(/CHECK constraint/);
    },
  },
  6: {
    added: [
      'table:agency_sheets', 'index:agency_sheets_agency', 'table:agency_sheet_rows', 'index:agency_sheet_rows_person', 'table:agency_sheet_returns', 'index:agency_sheet_returns_sheet',
      'table:agency_comments', 'index:agency_comments_person', 'index:agency_comments_agency', 'table:agency_comment_history', 'index:agency_comment_history_person',
    ],
    dropped: [],
    before: `
      INSERT INTO panel_sessions (id, shortlist_id, held_on, title, members, status, created_by, created_at) VALUES (1, 1, '2013-12-16', 'Panel', '[]', 'open', 'chair', '2013-12-16');
      INSERT INTO panel_session_people (session_id, person_id, place, role) VALUES (1, 1, 1, 'proposed');
      INSERT INTO panel_decisions (session_id, person_id, decision, reason, decided_by, decided_at) VALUES (1, 1, 'accept', NULL, 'chair', '2013-12-16');`,
  },
  7: {
    added: ['column:people.created_row_number', 'view:person_field_provenance'],
    dropped: [],
    before: `
      INSERT INTO agency_sheets (id, token, agency, agency_name, shortlist_id, columns, sheet_name, header_row, file_name, row_count, exported_by, exported_at)
        VALUES (1, 'tok', 'police', 'Police', 1, '[]', 'Review', 3, 'police.xlsx', 1, 'analyst', '2013-12-01');
      INSERT INTO agency_sheet_rows (sheet_id, ref, person_id, row_number, fingerprint, cell_hashes) VALUES (1, 'R1', 1, 4, 'f', '[]');
      INSERT INTO agency_sheet_returns (id, sheet_id, sha256, file_name, rows_returned, comments_attached, empty_comments, rows_edited, rows_missing, rows_unknown, comments_replaced, imported_by, imported_at)
        VALUES (1, 1, 'bb', 'police.xlsx', 1, 1, 0, 0, 0, 0, 0, 'analyst', '2013-12-05');
      INSERT INTO agency_comments (person_id, agency, agency_name, comment, return_id, row_number, created_by, created_at) VALUES (1, 'police', 'Police', 'Active', 1, 4, 'analyst', '2013-12-05');`,
    after(db) {
      expect(db.prepare('SELECT created_row_number FROM people ORDER BY id').pluck().all()).toEqual([null, null]);
      // The view adds nothing for people made before it (no row number), and keeps the recorded sources.
      expect(db.prepare('SELECT person_id, field, value FROM person_field_provenance ORDER BY person_id, field').all()).toEqual([{ person_id: 1, field: 'borough', value: 'Barnet' }]);
    },
  },
  8: {
    added: ['table:analysis_model_snapshot', 'table:analysis_model_changes', 'trigger:analysis_model_arrest_changed', 'trigger:analysis_model_arrest_removed', 'trigger:analysis_model_person_removed', 'trigger:analysis_model_person_changed'],
    dropped: [],
    before: `
      UPDATE people SET created_row_number = 5 WHERE id = 2;`,
    counts: { analysis_model_changes: 1 },
    after(db) {
      expect(db.prepare('SELECT generation FROM analysis_model_changes').pluck().get()).toBe(0);
      db.exec("UPDATE people SET borough = 'Brent' WHERE id = 2");
      expect(db.prepare('SELECT generation FROM analysis_model_changes').pluck().get()).toBe(1);
    },
  },
  9: { added: [], dropped: ['index:people_surname_dob', 'index:people_dob'] },
  10: { added: [], dropped: ['index:arrests_date'] },
  11: {
    added: [],
    dropped: [],
    changed: ['table:arrests'],
    before: `INSERT INTO analysis_model_snapshot (id, source_key, meta, data, created_at) VALUES (1, 'k', '{}', x'00', '2013-11-01');`,
    counts: { workspace_meta: 2 },
    after(db) {
      expect(db.prepare("SELECT value FROM workspace_meta WHERE key = 'arrests_last_id'").pluck().get()).toBe('3');
      expect(db.prepare('SELECT id, person_id, arrest_date, offence FROM arrests ORDER BY id').all()).toEqual([
        { id: 1, person_id: 1, arrest_date: '2012-05-01', offence: 'Burglary - Residential' },
        { id: 2, person_id: 1, arrest_date: '2013-01-02', offence: 'Robbery' },
        { id: 3, person_id: 2, arrest_date: '2012-12-12', offence: 'Burglary - Residential' },
      ]);
    },
  },
  12: {
    added: ['table:arrest_terms', 'view:arrest_details'],
    dropped: [],
    changed: ['table:arrests', 'trigger:analysis_model_arrest_changed'],
    counts: { arrest_terms: 4 },
    after(db) {
      expect(db.prepare('SELECT text FROM arrest_terms ORDER BY text').pluck().all()).toEqual(['Barnet', 'Burglary - Residential', 'Camden', 'Robbery']);
      expect(db.prepare('SELECT arrest_ymd FROM arrests ORDER BY id').pluck().all()).toEqual([20120501, 20130102, 20121212]);
      expect(db.prepare('SELECT id, arrest_date, offence, borough FROM arrest_details ORDER BY id').all()).toEqual([
        { id: 1, arrest_date: '2012-05-01', offence: 'Burglary - Residential', borough: 'Barnet' },
        { id: 2, arrest_date: '2013-01-02', offence: 'Robbery', borough: null },
        { id: 3, arrest_date: '2012-12-12', offence: 'Burglary - Residential', borough: 'Camden' },
      ]);
      const generation = () => db.prepare('SELECT generation FROM analysis_model_changes').pluck().get() as number;
      const was = generation();
      db.exec('DELETE FROM arrests WHERE id = 3');
      expect(generation()).toBe(was + 1);
    },
  },
  13: {
    added: ['column:imports.undone_at', 'column:imports.undone_by', 'table:long_list_entries', 'index:long_list_entries_import'],
    dropped: [],
    counts: { long_list_entries: 2 },
    after(db) {
      expect(db.prepare('SELECT undone_at, undone_by FROM imports').get()).toEqual({ undone_at: null, undone_by: null });
      // Both people of the candidate list are on the long list, each by the import that created them.
      expect(db.prepare('SELECT import_id, person_id FROM long_list_entries ORDER BY person_id').all()).toEqual([
        { import_id: 1, person_id: 1 },
        { import_id: 1, person_id: 2 },
      ]);
    },
  },
  14: {
    added: ['table:cohort_membership'],
    dropped: [],
    after(db) {
      const record = db.prepare('INSERT INTO cohort_membership (person_id, start_date, exit_date, exit_reason, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
      record.run(1, '2014-01-06', '2014-09-30', 'Moved out of the borough', 'analyst', '2014-10-01');
      expect(() => record.run(2, null, '2014-09-30', null, 'analyst', '2014-10-01')).toThrow(/CHECK constraint/);
      expect(() => record.run(2, '2014-02-01', '2014-01-31', 'Custody', 'analyst', '2014-10-01')).toThrow(/CHECK constraint/);
      expect(() => record.run(2, '1 Feb 2014', null, null, 'analyst', '2014-10-01')).toThrow(/CHECK constraint/);
      expect(() => record.run(99, '2014-02-01', null, null, 'analyst', '2014-10-01')).toThrow(/FOREIGN KEY/);
      // The row goes with its person.
      db.exec('DELETE FROM cohort_membership WHERE person_id = 1');
    },
  },
};

/** Every schema object (and every column of every table) by name, with its definition. */
function schemaOf(db: Db): Map<string, string> {
  const objects = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'").all() as Array<{ type: string; name: string; sql: string | null }>;
  const schema = new Map<string, string>();
  for (const object of objects) {
    schema.set(`${object.type}:${object.name}`, object.sql ?? '');
    if (object.type !== 'table') continue;
    for (const column of db.prepare('SELECT name, type FROM pragma_table_info(?)').all(object.name) as Array<{ name: string; type: string }>) {
      schema.set(`column:${object.name}.${column.name}`, column.type);
    }
  }
  return schema;
}

function rowCounts(db: Db): Map<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'").pluck().all() as string[];
  return new Map(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number]));
}

describe('each migration on its own, with data written before it', () => {
  const temp = makeTempDir();
  const db = new Database(temp.path('steps.iomdb'));
  applyWorkspaceKey(db, TEST_PASSPHRASE);
  db.pragma('foreign_keys = ON');
  afterAll(() => {
    db.close();
    temp.remove();
  });

  it('has a step listed here for every migration the app ships', () => {
    expect(Object.keys(STEPS).map(Number)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  MIGRATIONS.forEach((migration, position) => {
    it(`${String(migration.version).padStart(3, '0')} ${migration.name}`, () => {
      const step = STEPS[migration.version];
      if (!step) throw new Error(`migration ${migration.version} has no step in this test`);
      expect(db.pragma('user_version', { simple: true })).toBe(position === 0 ? 0 : MIGRATIONS[position - 1]!.version);
      if (step.before) db.exec(step.before);
      const schemaBefore = schemaOf(db);
      const countsBefore = rowCounts(db);

      expect(migrateWorkspace(db, MIGRATIONS.slice(0, position + 1))).toBe(migration.version);

      const schemaAfter = schemaOf(db);
      const tablesBefore = new Set([...schemaBefore.keys()].filter((k) => k.startsWith('table:')).map((k) => k.slice('table:'.length)));
      // Columns of a table the migration creates are part of the table, not additions of their own.
      const isNewColumn = (key: string) => key.startsWith('column:') && !tablesBefore.has(key.slice('column:'.length).split('.')[0]!);
      const added = [...schemaAfter.keys()].filter((k) => !schemaBefore.has(k) && !isNewColumn(k));
      const dropped = [...schemaBefore.keys()].filter((k) => !schemaAfter.has(k) && !(k.startsWith('column:') && !schemaAfter.has(`table:${k.slice('column:'.length).split('.')[0]}`)));
      // ALTER TABLE … ADD COLUMN rewrites the table's definition: that change is the added column.
      const widened = new Set(step.added.filter((k) => k.startsWith('column:')).map((k) => `table:${k.slice('column:'.length).split('.')[0]}`));
      const changed = [...schemaAfter.keys()].filter((k) => !k.startsWith('column:') && !widened.has(k) && schemaBefore.has(k) && schemaBefore.get(k) !== schemaAfter.get(k));
      // A rebuilt table's renamed columns are part of its change.
      const rebuilt = new Set((step.changed ?? []).filter((k) => k.startsWith('table:')).map((k) => k.slice('table:'.length)));
      const ofRebuilt = (key: string) => key.startsWith('column:') && rebuilt.has(key.slice('column:'.length).split('.')[0]!);
      expect(added.filter((k) => !ofRebuilt(k)).sort()).toEqual([...step.added].sort());
      expect(dropped.filter((k) => !ofRebuilt(k)).sort()).toEqual([...step.dropped].sort());
      expect(changed.sort()).toEqual([...(step.changed ?? [])].sort());

      const countsAfter = rowCounts(db);
      for (const [table, count] of countsBefore) {
        if (!countsAfter.has(table)) continue;
        expect(countsAfter.get(table), `rows of ${table}`).toBe(step.counts?.[table] ?? count);
      }
      for (const [table, count] of Object.entries(step.counts ?? {})) expect(countsAfter.get(table), `rows of ${table}`).toBe(count);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      step.after?.(db);
    });
  });
});
