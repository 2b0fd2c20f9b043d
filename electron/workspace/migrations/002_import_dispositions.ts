import type { Migration } from './migrationTypes';

/**
 * Rows an import did not turn into data are kept with why: 'rejected' (bad values), 'skipped'
 * (blank and total rows), 'unmatched' (list rows that match nobody) and 'note' (the row was imported
 * but one value in it was set aside: an undated arrest entry, a PNC failing its check letter).
 */
export const migration002ImportDispositions: Migration = {
  version: 2,
  name: 'import_dispositions',
  sql: `
ALTER TABLE rejected_rows ADD COLUMN disposition TEXT NOT NULL DEFAULT 'rejected' CHECK (disposition IN ('rejected', 'skipped', 'unmatched', 'note'));
ALTER TABLE imports ADD COLUMN rows_skipped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN rows_unmatched INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN arrests_added INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN flags_set INTEGER NOT NULL DEFAULT 0;
ALTER TABLE imports ADD COLUMN reviews_queued INTEGER NOT NULL DEFAULT 0;
CREATE INDEX link_reviews_import ON link_reviews(import_id);
`,
};
