import type { Migration } from './migrationTypes';

/**
 * What the analyst decides while analysing: offence classification overrides, saved scenarios,
 * versioned selection rule sets and the shortlists they produced (each person with the reason).
 */
export const migration003Analysis: Migration = {
  version: 3,
  name: 'analysis',
  sql: `
CREATE TABLE classification_overrides (
  normalised_description TEXT PRIMARY KEY,
  description TEXT NOT NULL,
  crime_type TEXT NOT NULL,
  set_by TEXT NOT NULL,
  set_at TEXT NOT NULL
) STRICT;

CREATE TABLE scenarios (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Saving a rule set adds a version; earlier versions stay, so a shortlist can always name the
-- exact rules it came from.
CREATE TABLE rule_sets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  definition TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (name, version)
) STRICT;

CREATE TABLE shortlists (
  id INTEGER PRIMARY KEY,
  rule_set_id INTEGER NOT NULL REFERENCES rule_sets(id),
  capacity INTEGER NOT NULL,
  summary TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE shortlist_members (
  shortlist_id INTEGER NOT NULL REFERENCES shortlists(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('included', 'excluded', 'over_capacity', 'not_eligible')),
  reason TEXT NOT NULL,
  position INTEGER,
  rank INTEGER,
  score REAL,
  arrests_in_window INTEGER NOT NULL,
  PRIMARY KEY (shortlist_id, person_id)
) STRICT;
CREATE INDEX shortlist_members_status ON shortlist_members(shortlist_id, status, position);
`,
};
