/**
 * Retention, purge, backup and compaction.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';
import { quoteIdentifier, type PersonColumn } from './personTables';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

// The purge (retention/personRemoval.ts): people are named by a JSON array of ids, one parameter
// however many are purged.
const IDS = 'SELECT value FROM json_each(?)';

/** Foreign keys are checked at commit: a purge deletes in whatever order the tables come. */
export function deferForeignKeysToCommit(db: WorkspaceDb): void {
  db.pragma('defer_foreign_keys = ON');
}

export interface PurgeIdentityRow {
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

export interface SetAsideCells {
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

export interface ReviewNaming {
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

export interface CheckpointResult {
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

export {};
