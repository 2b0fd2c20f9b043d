import type { Migration } from './migrationTypes';

/**
 * Agency pre-review sheets. A sheet sent to an agency is recorded with a random token (written into
 * the file, so a returned file is recognised) and, per row, a random reference and a fingerprint of
 * the values sent; the person behind a reference is only ever known here, never in the file.
 * A return attaches each row's comment to its person. `agency_comments` holds the comments the panel
 * sees now (the latest return per agency); `agency_comment_history` keeps every comment ever
 * returned, so a newer return replaces an agency's comments without losing the earlier ones.
 */
export const migration006AgencySheets: Migration = {
  version: 6,
  name: 'agency_sheets',
  sql: `
CREATE TABLE agency_sheets (
  id INTEGER PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  agency TEXT NOT NULL,
  agency_name TEXT NOT NULL,
  shortlist_id INTEGER NOT NULL REFERENCES shortlists(id),
  -- JSON [{ "id": column id, "label": header as written }], in sheet order
  columns TEXT NOT NULL,
  sheet_name TEXT NOT NULL,
  header_row INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  exported_by TEXT NOT NULL,
  exported_at TEXT NOT NULL
) STRICT;
CREATE INDEX agency_sheets_agency ON agency_sheets(agency, id);

CREATE TABLE agency_sheet_rows (
  sheet_id INTEGER NOT NULL REFERENCES agency_sheets(id) ON DELETE CASCADE,
  ref TEXT NOT NULL,
  -- NULL once the person was merged into another record (link review)
  person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
  row_number INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  -- JSON array of per-cell hashes, in the order of agency_sheets.columns
  cell_hashes TEXT NOT NULL,
  PRIMARY KEY (sheet_id, ref)
) STRICT;
CREATE INDEX agency_sheet_rows_person ON agency_sheet_rows(person_id);

CREATE TABLE agency_sheet_returns (
  id INTEGER PRIMARY KEY,
  sheet_id INTEGER NOT NULL REFERENCES agency_sheets(id),
  sha256 TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  rows_returned INTEGER NOT NULL,
  comments_attached INTEGER NOT NULL,
  empty_comments INTEGER NOT NULL,
  rows_edited INTEGER NOT NULL,
  rows_missing INTEGER NOT NULL,
  rows_unknown INTEGER NOT NULL,
  comments_replaced INTEGER NOT NULL,
  superseded_by_return_id INTEGER REFERENCES agency_sheet_returns(id),
  imported_by TEXT NOT NULL,
  imported_at TEXT NOT NULL
) STRICT;
CREATE INDEX agency_sheet_returns_sheet ON agency_sheet_returns(sheet_id, id);

CREATE TABLE agency_comments (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  agency TEXT NOT NULL,
  agency_name TEXT NOT NULL,
  comment TEXT NOT NULL,
  return_id INTEGER NOT NULL REFERENCES agency_sheet_returns(id),
  row_number INTEGER NOT NULL,
  -- 1 when other cells of the row differ from what was sent: the panel should check the match
  row_edited INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX agency_comments_person ON agency_comments(person_id, agency);
CREATE INDEX agency_comments_agency ON agency_comments(agency);

CREATE TABLE agency_comment_history (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  agency TEXT NOT NULL,
  agency_name TEXT NOT NULL,
  comment TEXT NOT NULL,
  return_id INTEGER NOT NULL REFERENCES agency_sheet_returns(id),
  row_number INTEGER NOT NULL,
  row_edited INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- set when a newer return from the same agency replaced it
  superseded_at TEXT
) STRICT;
CREATE INDEX agency_comment_history_person ON agency_comment_history(person_id, agency);
`,
};
