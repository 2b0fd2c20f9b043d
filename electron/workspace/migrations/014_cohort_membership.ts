import type { Migration } from './migrationTypes';

/**
 * Outcome tracking (issue 20): what the intake plan and the existing-cohort list do not say.
 *
 * - `start_date`: the day a member actually started, when the analyst records it; without it a new
 *   member starts on the first day of their intake-plan tranche and an existing client on the IOM
 *   start date their list gave.
 * - `exit_date` and `exit_reason`: a member who has left, always both or neither.
 * A row goes with its person (a purge, or a link that merges two records, removes the person).
 */
export const migration014CohortMembership: Migration = {
  version: 14,
  name: 'cohort_membership',
  sql: `
CREATE TABLE cohort_membership (
  person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
  start_date TEXT CHECK (start_date IS NULL OR (length(start_date) = 10 AND start_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')),
  exit_date TEXT CHECK (exit_date IS NULL OR (length(exit_date) = 10 AND exit_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')),
  exit_reason TEXT CHECK (exit_reason IS NULL OR length(exit_reason) BETWEEN 1 AND 500),
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((exit_date IS NULL) = (exit_reason IS NULL)),
  CHECK (exit_date IS NULL OR start_date IS NULL OR exit_date >= start_date)
) STRICT;
`,
};
