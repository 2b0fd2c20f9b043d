import type { Migration } from './migrationTypes';

export const migration001Foundation: Migration = {
  version: 1,
  name: 'foundation',
  sql: `
CREATE TABLE workspace_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

-- Append-only, hash-chained: each row's hash covers the previous row's hash, so an edited or deleted
-- entry breaks the chain. Entries carry internal ids only, never names or PNCs.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT,
  entity_id TEXT,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  sheet TEXT,
  source_key TEXT,
  mapping TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  rows_read INTEGER NOT NULL,
  rows_imported INTEGER NOT NULL,
  rows_linked INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  people_created INTEGER NOT NULL DEFAULT 0,
  supersedes_import_id INTEGER REFERENCES imports(id),
  UNIQUE (kind, sha256)
) STRICT;

CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  pnc TEXT UNIQUE,
  surname TEXT,
  forenames TEXT,
  dob TEXT,
  gender TEXT,
  ethnicity TEXT,
  approx_age INTEGER,
  address TEXT,
  borough TEXT,
  address_date TEXT,
  ref TEXT,
  stated_arrests_two_years INTEGER,
  stated_arrests_last10 INTEGER,
  stated_arrests_last22 INTEGER,
  custody TEXT NOT NULL DEFAULT 'unknown' CHECK (custody IN ('in_custody', 'not_in_custody', 'unknown')),
  pins_result TEXT,
  ogrs_score REAL,
  on_long_list INTEGER NOT NULL DEFAULT 0,
  statutory INTEGER,
  cohort_start_date TEXT,
  created_import_id INTEGER REFERENCES imports(id),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX people_surname_dob ON people(surname, dob);
CREATE INDEX people_dob ON people(dob);

-- Where each value on a person came from: "every field with the list and row it came from".
CREATE TABLE person_field_sources (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  value TEXT,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  row_number INTEGER NOT NULL,
  PRIMARY KEY (person_id, field, import_id)
) STRICT;

CREATE TABLE arrests (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  arrest_date TEXT NOT NULL,
  offence TEXT NOT NULL,
  borough TEXT,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  row_number INTEGER NOT NULL,
  UNIQUE (person_id, arrest_date, offence)
) STRICT;
CREATE INDEX arrests_date ON arrests(arrest_date);

CREATE TABLE person_flags (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  flag TEXT NOT NULL,
  score REAL,
  import_id INTEGER NOT NULL REFERENCES imports(id),
  row_number INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  superseded_by_import_id INTEGER REFERENCES imports(id)
) STRICT;
CREATE INDEX person_flags_active ON person_flags(flag, active, person_id);
CREATE INDEX person_flags_person ON person_flags(person_id);

CREATE TABLE rejected_rows (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  row_number INTEGER NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL
) STRICT;
CREATE INDEX rejected_rows_import ON rejected_rows(import_id);

CREATE TABLE link_reviews (
  id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  row_number INTEGER NOT NULL,
  person_id INTEGER REFERENCES people(id) ON DELETE CASCADE,
  score REAL NOT NULL,
  breakdown TEXT NOT NULL,
  record TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'linked', 'rejected')),
  decided_by TEXT,
  decided_at TEXT
) STRICT;
CREATE INDEX link_reviews_status ON link_reviews(status);

CREATE TABLE header_mappings (
  source_key TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  mapping TEXT NOT NULL,
  confirmed_by TEXT NOT NULL,
  confirmed_at TEXT NOT NULL
) STRICT;
`,
};
