/**
 * Links: record-linkage reviews and decisions, and their undo.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';
import { PERSON_TABLES, quoteIdentifier } from './personTables';
import { personExists } from './people';
import type { FieldSourceStamp } from '../import/personFieldRule';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

export function pendingLinkReviewCount(db: WorkspaceDb): number {
  return cachedStatement(db, "SELECT COUNT(*) FROM link_reviews WHERE status = 'pending'").pluck().get() as number;
}

// Used by analysis, export, workspace and audit.

/** The link reviews still waiting on this person, oldest first. */
export function pendingLinkReviewsOfPerson(db: WorkspaceDb, personId: number): Array<{ id: number; importId: number; fileName: string; kind: string; rowNumber: number; breakdown: string }> {
  return cachedStatement(
    db,
    `SELECT r.id, r.import_id AS importId, i.file_name AS fileName, i.kind, r.row_number AS rowNumber, r.breakdown
       FROM link_reviews r JOIN imports i ON i.id = r.import_id WHERE r.person_id = ? AND r.status = 'pending' ORDER BY r.id`,
  ).all(personId) as Array<{ id: number; importId: number; fileName: string; kind: string; rowNumber: number; breakdown: string }>;
}

// Used by import, links and retention.

interface ImportReviewCounts {
  pending: number;
  decided: number;
}

export function reviewCountsOfImport(db: WorkspaceDb, importId: number): ImportReviewCounts {
  return {
    pending: cachedStatement(db, "SELECT COUNT(*) FROM link_reviews WHERE import_id = ? AND status = 'pending'").pluck(true).get(importId) as number,
    decided: cachedStatement(db, "SELECT COUNT(*) FROM link_reviews WHERE import_id = ? AND status <> 'pending'").pluck(true).get(importId) as number,
  };
}

export function deleteLinkReviewsOfImport(db: WorkspaceDb, importId: number): void {
  cachedStatement(db, 'DELETE FROM link_reviews WHERE import_id = ?').run(importId);
}

/** A link review with its import's kind and file, as the review screen lists it. */
export interface LinkReviewRow {
  id: number;
  importId: number;
  importKind: string;
  fileName: string;
  rowNumber: number;
  personId: number | null;
  score: number;
  breakdown: string;
  record: string;
  status: 'pending' | 'linked' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
}

const SELECT_REVIEW = `SELECT r.id, r.import_id AS importId, i.kind AS importKind, i.file_name AS fileName, r.row_number AS rowNumber,
  r.person_id AS personId, r.score, r.breakdown, r.record, r.status, r.decided_by AS decidedBy, r.decided_at AS decidedAt
  FROM link_reviews r JOIN imports i ON i.id = r.import_id`;

/** The oldest reviews still waiting, up to `limit`. */
export function pendingLinkReviewRows(db: WorkspaceDb, limit: number): LinkReviewRow[] {
  return cachedStatement(db, `${SELECT_REVIEW} WHERE r.status = 'pending' ORDER BY r.id LIMIT ?`).all(limit) as LinkReviewRow[];
}

/** The newest decisions first, up to `limit`. */
export function recentLinkDecisionRows(db: WorkspaceDb, limit: number): LinkReviewRow[] {
  return cachedStatement(db, `${SELECT_REVIEW} WHERE r.status <> 'pending' ORDER BY r.decided_at DESC, r.id DESC LIMIT ?`).all(limit) as LinkReviewRow[];
}

export function linkReviewRow(db: WorkspaceDb, reviewId: number): LinkReviewRow | undefined {
  return cachedStatement(db, `${SELECT_REVIEW} WHERE r.id = ?`).get(reviewId) as LinkReviewRow | undefined;
}

export function recordLinkDecision(db: WorkspaceDb, reviewId: number, status: 'linked' | 'rejected', actor: string, at: string): void {
  cachedStatement(db, 'UPDATE link_reviews SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?').run(status, actor, at, reviewId);
}

/** Replaces a review's stored record (the queued row, and once decided the snapshot that undoes it). */
export function storeLinkReviewRecord(db: WorkspaceDb, reviewId: number, record: string): void {
  cachedStatement(db, 'UPDATE link_reviews SET record = ? WHERE id = ?').run(record, reviewId);
}

/**
 * Moves the removed person's rows in every table that names a person onto the kept person, each
 * table by its declared rule (see personTables.ts). What stays on the removed person goes when the
 * person is deleted (the foreign keys cascade).
 */
export function movePersonRowsForMerge(db: WorkspaceDb, fromId: number, intoId: number): void {
  for (const { table, column, merge } of PERSON_TABLES) {
    const t = quoteIdentifier(table);
    const c = quoteIdentifier(column);
    if (merge === 'move') cachedStatement(db, `UPDATE ${t} SET ${c} = ? WHERE ${c} = ?`).run(intoId, fromId);
    else if (merge === 'moveUnlessKeptHasOne') cachedStatement(db, `UPDATE OR IGNORE ${t} SET ${c} = ? WHERE ${c} = ?`).run(intoId, fromId);
    else if (merge === 'movePending') cachedStatement(db, `UPDATE ${t} SET ${c} = ? WHERE ${c} = ? AND status = 'pending'`).run(intoId, fromId);
    else {
      // Through the provenance view (migration 007), as rows: first the values the kept person was
      // created with, which the view would stop showing once the person holds a row for that field,
      // then everything of the removed person, the values it was created with included.
      const copy = cachedStatement(db, `INSERT OR IGNORE INTO ${t} (person_id, field, value, import_id, row_number) SELECT ?, field, value, import_id, row_number FROM person_field_provenance WHERE person_id = ?`);
      copy.run(intoId, intoId);
      copy.run(intoId, fromId);
    }
  }
}

/** Which list gave each field of the two people being merged (`kept` or `removed`). */
export function fieldSourceStampsOf(db: WorkspaceDb, keptId: number, removedId: number): FieldSourceStamp[] {
  return cachedStatement(
    db,
    "SELECT CASE person_id WHEN ? THEN 'kept' ELSE 'removed' END AS owner, field, import_id AS importId, row_number AS rowNumber FROM person_field_sources WHERE person_id IN (?, ?) ORDER BY person_id, field, import_id",
  ).all(keptId, keptId, removedId) as FieldSourceStamp[];
}

/** The first import still in force that replaced this one, if any. */
export function importReplacing(db: WorkspaceDb, importId: number): number | null {
  return cachedStatement(db, 'SELECT MIN(id) FROM imports WHERE supersedes_import_id = ? AND undone_at IS NULL').pluck(true).get(importId) as number | null;
}

/**
 * A list row that waited for review (counted unmatched, with a note) is now imported: the note
 * goes and the import's counts move the row from unmatched to imported.
 */
export function countLinkedRow(db: WorkspaceDb, importId: number, rowNumber: number, waitedAsUnmatched: boolean): void {
  const waited = waitedAsUnmatched ? cachedStatement(db, "DELETE FROM rejected_rows WHERE import_id = ? AND row_number = ? AND disposition = 'unmatched'").run(importId, rowNumber).changes : 0;
  cachedStatement(db, 'UPDATE imports SET rows_linked = rows_linked + 1, rows_imported = rows_imported + ?, rows_unmatched = rows_unmatched - ? WHERE id = ?').run(waited > 0 ? 1 : 0, waited > 0 ? 1 : 0, importId);
}

const REJECTED_LINK_REASON = 'the analyst decided the closest match was a different person';

/** A list row whose match the analyst rejected stays unmatched; its note now says who decided. */
export function countRejectedLinkRow(db: WorkspaceDb, importId: number, rowNumber: number): void {
  const noted = cachedStatement(db, `UPDATE rejected_rows SET reason = '${REJECTED_LINK_REASON}' WHERE import_id = ? AND row_number = ? AND disposition = 'unmatched'`).run(importId, rowNumber).changes;
  if (noted === 0) {
    cachedStatement(db, `INSERT INTO rejected_rows (import_id, row_number, reason, raw, disposition) VALUES (?, ?, '${REJECTED_LINK_REASON}', '[]', 'unmatched')`).run(importId, rowNumber);
    cachedStatement(db, 'UPDATE imports SET rows_unmatched = rows_unmatched + 1 WHERE id = ?').run(importId);
  }
}

// The link decision's snapshot and its undo (linkDecisionUndo.ts): whole rows of the people, read
// and written back as they were.

export type StoredRow = Record<string, unknown>;

/** The tables a decision's snapshot saves whole rows of. */
export function snapshotTables(): string[] {
  return PERSON_TABLES.filter((t) => t.decisionSnapshot === 'rows').map((t) => t.table);
}

function placeholders(count: number): string {
  return new Array<string>(count).fill('?').join(', ');
}

function declaredPersonTable(table: string): string {
  if (!PERSON_TABLES.some((t) => t.table === table)) throw new Error(`${table} is not a declared person table`);
  return quoteIdentifier(table);
}

export function rowsNamingPeople(db: WorkspaceDb, table: string, personIds: readonly number[]): StoredRow[] {
  return db.prepare(`SELECT * FROM ${declaredPersonTable(table)} WHERE person_id IN (${placeholders(personIds.length)})`).all(...personIds) as StoredRow[];
}

export function deleteRowsNamingPeople(db: WorkspaceDb, table: string, personIds: readonly number[]): void {
  db.prepare(`DELETE FROM ${declaredPersonTable(table)} WHERE person_id IN (${placeholders(personIds.length)})`).run(...personIds);
}

export function peopleRows(db: WorkspaceDb, personIds: readonly number[]): StoredRow[] {
  return db.prepare(`SELECT * FROM people WHERE id IN (${placeholders(personIds.length)}) ORDER BY id`).all(...personIds) as StoredRow[];
}

/** Only the columns a decision changes: a review's `record` may hold an earlier decision's snapshot. */
export interface ReviewDecisionState {
  id: number;
  person_id: number | null;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
}

export function reviewStatesNamingPeople(db: WorkspaceDb, personIds: readonly number[]): ReviewDecisionState[] {
  return db.prepare(`SELECT id, person_id, status, decided_by, decided_at FROM link_reviews WHERE person_id IN (${placeholders(personIds.length)}) ORDER BY id`).all(...personIds) as ReviewDecisionState[];
}

export function restoreReviewState(db: WorkspaceDb, review: ReviewDecisionState): void {
  cachedStatement(db, 'UPDATE link_reviews SET person_id = ?, status = ?, decided_by = ?, decided_at = ? WHERE id = ?').run(review.person_id, review.status, review.decided_by, review.decided_at, review.id);
}

/** The set-aside entries (unmatched, rejected) of one row of an import, whole. */
export function setAsideRowsOfRow(db: WorkspaceDb, importId: number, rowNumber: number): StoredRow[] {
  return cachedStatement(db, 'SELECT * FROM rejected_rows WHERE import_id = ? AND row_number = ? ORDER BY id').all(importId, rowNumber) as StoredRow[];
}

export function deleteSetAsideRowsOfRow(db: WorkspaceDb, importId: number, rowNumber: number): void {
  cachedStatement(db, 'DELETE FROM rejected_rows WHERE import_id = ? AND row_number = ?').run(importId, rowNumber);
}

export interface ImportRowCounts {
  rows_linked: number;
  rows_imported: number;
  rows_unmatched: number;
}

export function importRowCounts(db: WorkspaceDb, importId: number): ImportRowCounts {
  return cachedStatement(db, 'SELECT rows_linked, rows_imported, rows_unmatched FROM imports WHERE id = ?').get(importId) as ImportRowCounts;
}

export function subtractImportRowCounts(db: WorkspaceDb, importId: number, counts: ImportRowCounts): void {
  cachedStatement(db, 'UPDATE imports SET rows_linked = rows_linked - ?, rows_imported = rows_imported - ?, rows_unmatched = rows_unmatched - ? WHERE id = ?').run(
    counts.rows_linked, counts.rows_imported, counts.rows_unmatched, importId,
  );
}

/** Puts saved rows back as they were, in a declared person table, `people` or `rejected_rows`. */
export function insertStoredRows(db: WorkspaceDb, table: string, rows: readonly StoredRow[]): void {
  const quoted = table === 'people' || table === 'rejected_rows' ? quoteIdentifier(table) : declaredPersonTable(table);
  for (const row of rows) {
    const columns = Object.keys(row);
    db.prepare(`INSERT INTO ${quoted} (${columns.map(quoteIdentifier).join(', ')}) VALUES (${placeholders(columns.length)})`).run(...columns.map((c) => row[c] ?? null));
  }
}

/** Puts a person's saved row back: over the person if they are still there, else as a new row. */
export function restorePersonRow(db: WorkspaceDb, person: StoredRow): void {
  const columns = Object.keys(person).filter((c) => c !== 'id');
  if (personExists(db, person.id as number)) db.prepare(`UPDATE people SET ${columns.map((c) => `${quoteIdentifier(c)} = ?`).join(', ')} WHERE id = ?`).run(...columns.map((c) => person[c] ?? null), person.id);
  else insertStoredRows(db, 'people', [person]);
}

// Used by the import's hot path (linking and writing rows).

/** The link reviews one import queues, prepared once for the whole import (see importPeopleWriters). */
export interface ImportReviewWriter {
  /** Queues a review of the row against the person; `breakdown` and `record` are JSON. */
  queueReview(rowNumber: number, personId: number, score: number, breakdown: string, record: string): void;
}

export function importReviewWriter(db: WorkspaceDb, importId: number): ImportReviewWriter {
  const insert = db.prepare<[importId: number, rowNumber: number, personId: number, score: number, breakdown: string, record: string]>(
    'INSERT INTO link_reviews (import_id, row_number, person_id, score, breakdown, record) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return {
    queueReview(rowNumber, personId, score, breakdown, record) {
      insert.run(importId, rowNumber, personId, score, breakdown, record);
    },
  };
}
