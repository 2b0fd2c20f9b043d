/**
 * Retention, purge, backup and compaction.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';
import { appliedMigrations, type AppliedMigration } from './schemaHistory';
import { quoteIdentifier, type PersonColumn } from './personTables';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

/** How long a statement waits for another connection's write lock before it fails as busy. */
export function setBusyTimeout(db: WorkspaceDb, milliseconds: number): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(milliseconds))}`);
}

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

// Retention (retention/retentionRules.ts).

/**
 * People no retention rule purges: those a panel accepted (their latest decision in some session),
 * the existing IOM cohort, and anyone on the shortlist of, or decided on at, a panel still open.
 */
export function peopleRetentionProtects(db: WorkspaceDb): number[] {
  return cachedStatement(
    db,
    `
  WITH latest AS (SELECT MAX(id) AS id FROM panel_decisions GROUP BY session_id, person_id)
  SELECT d.person_id AS id FROM panel_decisions d JOIN latest l ON l.id = d.id WHERE d.decision = 'accept'
  UNION SELECT id FROM people WHERE cohort_start_date IS NOT NULL
  UNION SELECT m.person_id FROM panel_sessions s JOIN shortlist_members m ON m.shortlist_id = s.shortlist_id WHERE s.status = 'open'
  UNION SELECT d.person_id FROM panel_decisions d JOIN panel_sessions s ON s.id = d.session_id WHERE s.status = 'open'`,
  )
    .pluck(true)
    .all() as number[];
}

/** People closed panels considered whose last such panel was held on or before `lastDay` (YYYY-MM-DD). */
export function peopleConsideredByClosedPanelsUpTo(db: WorkspaceDb, lastDay: string): number[] {
  return cachedStatement(
    db,
    `
  SELECT id FROM (
    SELECT m.person_id AS id, substr(s.held_on, 1, 10) AS held FROM panel_sessions s JOIN shortlist_members m ON m.shortlist_id = s.shortlist_id WHERE s.status = 'closed'
    UNION ALL
    SELECT d.person_id, substr(s.held_on, 1, 10) FROM panel_decisions d JOIN panel_sessions s ON s.id = d.session_id WHERE s.status = 'closed'
  ) GROUP BY id HAVING MAX(held) <= ?`,
  )
    .pluck(true)
    .all(lastDay) as number[];
}

/**
 * People never put on a shortlist nor decided on by a panel whom no import has named since
 * `before` (an ISO timestamp). The last import naming a person: any list that set one of their
 * fields, an arrest or a flag; the list that created them is `created_at` (the table rather than
 * the person_field_provenance view, whose creation rows would only repeat that date, at a cost
 * paid per person).
 */
export function peopleNeverShortlistedNamedBefore(db: WorkspaceDb, before: string): number[] {
  return cachedStatement(
    db,
    `
  SELECT p.id FROM people p
   WHERE NOT EXISTS (SELECT 1 FROM shortlist_members m WHERE m.person_id = p.id AND m.status = 'included')
     AND NOT EXISTS (SELECT 1 FROM panel_decisions d WHERE d.person_id = p.id)
     AND COALESCE((SELECT MAX(i.imported_at) FROM imports i WHERE i.id IN (
           SELECT import_id FROM person_field_sources WHERE person_id = p.id
           UNION SELECT import_id FROM arrests WHERE person_id = p.id
           UNION SELECT import_id FROM person_flags WHERE person_id = p.id)), p.created_at) < ?`,
  )
    .pluck(true)
    .all(before) as number[];
}

// Backup and restore (retention/workspaceBackup.ts): also run on a backup's copy, opened on its own.

interface WorkspaceCounts {
  people: number;
  arrests: number;
  imports: number;
  auditEntries: number;
}

/** What a backup is checked against: the same counts in the copy as in the workspace. */
export function workspaceCounts(db: WorkspaceDb): WorkspaceCounts {
  const count = (table: string) => db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  return { people: count('people'), arrests: count('arrests'), imports: count('imports'), auditEntries: count('audit_log') };
}

/** Writes a copy of the workspace, with its key, into an existing empty file. */
export function vacuumInto(db: WorkspaceDb, path: string): void {
  db.prepare('VACUUM INTO ?').run(path);
}

/** Rollback-journal mode, so the copy is one self-contained file. */
export function useRollbackJournal(db: WorkspaceDb): void {
  db.pragma('journal_mode = DELETE');
}

/** `PRAGMA integrity_check`: 'ok' or the first problem. */
export function integrityCheck(db: WorkspaceDb): unknown {
  return db.pragma('integrity_check', { simple: true });
}

/** The migrations the database records as applied, none if it has no history table (a copy made before there was one). */
export function appliedMigrationsIfAny(db: WorkspaceDb): AppliedMigration[] {
  const hasHistory = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  return hasHistory ? appliedMigrations(db) : [];
}

export function workspaceNameOf(db: WorkspaceDb): string | undefined {
  return db.prepare("SELECT value FROM workspace_meta WHERE key = 'name'").pluck().get() as string | undefined;
}

// The purge (retention/personRemoval.ts): people are named by a JSON array of ids, one parameter
// however many are purged.
const IDS = 'SELECT value FROM json_each(?)';

/** Foreign keys are checked at commit: a purge deletes in whatever order the tables come. */
export function deferForeignKeysToCommit(db: WorkspaceDb): void {
  db.pragma('defer_foreign_keys = ON');
}

interface PurgeIdentityRow {
  pnc: string | null;
  surname: string | null;
  forenames: string | null;
  dob: string | null;
}

export function identitiesOfPeople(db: WorkspaceDb, ids: readonly number[]): PurgeIdentityRow[] {
  return cachedStatement(db, `SELECT pnc, surname, forenames, dob FROM people WHERE id IN (${IDS})`).all(JSON.stringify(ids)) as PurgeIdentityRow[];
}

/**
 * Deletes the set-aside rows keyed to the people's own list rows (a "note" row whose DOB was
 * unreadable has the same list and row number as the person's own fields). Returns how many.
 */
export function deleteSetAsideRowsOfPeoplesRows(db: WorkspaceDb, ids: readonly number[]): number {
  const idJson = JSON.stringify(ids);
  return cachedStatement(
    db,
    `DELETE FROM rejected_rows WHERE (import_id, row_number) IN (
           SELECT import_id, row_number FROM person_field_provenance WHERE person_id IN (${IDS})
           UNION SELECT import_id, row_number FROM arrests WHERE person_id IN (${IDS})
           UNION SELECT import_id, row_number FROM person_flags WHERE person_id IN (${IDS})
           UNION SELECT import_id, row_number FROM link_reviews WHERE person_id IN (${IDS}) AND status = 'linked')`,
  ).run(idJson, idJson, idJson, idJson).changes;
}

interface SetAsideCells {
  id: number;
  importId: number;
  /** JSON array of the row's cells. */
  raw: string;
}

/** Every set-aside row that kept its cells, for matching against the people purged. */
export function setAsideRowsWithCells(db: WorkspaceDb): IterableIterator<SetAsideCells> {
  return db.prepare("SELECT id, import_id AS importId, raw FROM rejected_rows WHERE raw <> '[]'").iterate() as IterableIterator<SetAsideCells>;
}

export function deleteSetAsideRow(db: WorkspaceDb, id: number): number {
  return cachedStatement(db, 'DELETE FROM rejected_rows WHERE id = ?').run(id).changes;
}

interface ReviewNaming {
  id: number;
  personId: number | null;
  /** JSON of the queued record (its identity, the person created for it). */
  record: string;
}

/** Every link review, for finding those that name the people purged. */
export function everyLinkReview(db: WorkspaceDb): IterableIterator<ReviewNaming> {
  return db.prepare('SELECT id, person_id AS personId, record FROM link_reviews').iterate() as IterableIterator<ReviewNaming>;
}

export function deleteLinkReview(db: WorkspaceDb, id: number): number {
  return cachedStatement(db, 'DELETE FROM link_reviews WHERE id = ?').run(id).changes;
}

/** Deletes the rows of a table that name the people by this column (see personTables.ts). Returns how many. */
export function deleteRowsNamingPeopleBy(db: WorkspaceDb, column: PersonColumn, ids: readonly number[]): number {
  return cachedStatement(db, `DELETE FROM ${quoteIdentifier(column.table)} WHERE ${quoteIdentifier(column.column)} IN (${IDS})`).run(JSON.stringify(ids)).changes;
}

export function countRowsNamingPeopleBy(db: WorkspaceDb, column: PersonColumn, ids: readonly number[]): number {
  return cachedStatement(db, `SELECT COUNT(*) FROM ${quoteIdentifier(column.table)} WHERE ${quoteIdentifier(column.column)} IN (${IDS})`).pluck(true).get(JSON.stringify(ids)) as number;
}

export function deletePeopleRows(db: WorkspaceDb, ids: readonly number[]): number {
  return cachedStatement(db, `DELETE FROM people WHERE id IN (${IDS})`).run(JSON.stringify(ids)).changes;
}

/** Rebuilds the file without freed pages (its temporary database gets the workspace key). */
export function vacuumWorkspace(db: WorkspaceDb): void {
  db.exec('VACUUM');
}

interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/** Copies the write-ahead log into the file and empties it. */
export function checkpointAndTruncateLog(db: WorkspaceDb): CheckpointResult | undefined {
  const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as CheckpointResult[];
  return checkpoint;
}

// Used by the import's hot path (linking and writing rows).
