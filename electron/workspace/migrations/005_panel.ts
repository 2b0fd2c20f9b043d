import type { Migration } from './migrationTypes';

/**
 * The selection panel. A session reviews one proposed shortlist; each decision is a new row, so a
 * revised decision keeps the earlier ones as its history and the latest row per person is the
 * current decision. The accepted people of a session are the final cohort. Closing a session
 * (closed_at) stops further decisions until it is reopened.
 */
export const migration005Panel: Migration = {
  version: 5,
  name: 'panel',
  sql: `
CREATE TABLE panel_sessions (
  id INTEGER PRIMARY KEY,
  shortlist_id INTEGER NOT NULL REFERENCES shortlists(id),
  held_on TEXT NOT NULL,
  title TEXT NOT NULL,
  -- JSON [{ "name": "...", "agency": "police" | "probation" | "yos" | "council" | "other" }]
  members TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  closed_at TEXT
) STRICT;

-- The people a session walks, fixed when it is created: the shortlist's included people in their
-- order ('proposed'), then any over-capacity people the panel chose to consider as reserves.
CREATE TABLE panel_session_people (
  session_id INTEGER NOT NULL REFERENCES panel_sessions(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  place INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('proposed', 'reserve')),
  PRIMARY KEY (session_id, person_id),
  UNIQUE (session_id, place)
) STRICT;

CREATE TABLE panel_decisions (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES panel_sessions(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject', 'defer')),
  reason TEXT CHECK (reason IS NULL OR reason IN ('no_longer_in_borough', 'in_custody', 'unsuitable', 'tactical_concern', 'managed_elsewhere', 'other')),
  note TEXT NOT NULL DEFAULT '',
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL
) STRICT;
CREATE INDEX panel_decisions_current ON panel_decisions(session_id, person_id, id);
`,
};
