/**
 * Imports and provenance: each import, its rows' dispositions, rejected rows and column mappings.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';
import type { ImportRecord } from '../../shared/import/importSchemas';
import type { RowCounts } from '../../shared/import/importRowAccount';
import { PERSON_TABLES, quoteIdentifier } from './personTables';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

/** An import as recorded; `kind` is as stored, which the caller checks against the known kinds. */
type StoredImportRow = Omit<ImportRecord, 'kind'> & { kind: string };

/** Every import, newest first. */
export function allImports(db: WorkspaceDb): StoredImportRow[] {
  return cachedStatement(
    db,
    `SELECT id, kind, file_name AS fileName, sha256, sheet, imported_by AS importedBy, imported_at AS importedAt, rows_read AS rowsRead,
          rows_imported AS rowsImported, rows_linked AS rowsLinked, rows_rejected AS rowsRejected, rows_skipped AS rowsSkipped,
          rows_unmatched AS rowsUnmatched, people_created AS peopleCreated, supersedes_import_id AS supersedesImportId,
          undone_at AS undoneAt, undone_by AS undoneBy
         FROM imports ORDER BY id DESC`,
  ).all() as StoredImportRow[];
}

export function countImports(db: WorkspaceDb): number {
  return cachedStatement(db, 'SELECT COUNT(*) FROM imports').pluck().get() as number;
}

/** Rows of every import that were rejected, skipped, left unmatched or noted. */
export function countRejectedRows(db: WorkspaceDb): number {
  return cachedStatement(db, 'SELECT COUNT(*) FROM rejected_rows').pluck().get() as number;
}

export function countRejectedRowsOfImport(db: WorkspaceDb, importId: number): number {
  return cachedStatement(db, 'SELECT COUNT(*) FROM rejected_rows WHERE import_id = ?').pluck().get(importId) as number;
}

interface RejectedRowRow {
  rowNumber: number;
  disposition: 'rejected' | 'skipped' | 'unmatched' | 'note';
  reason: string;
  /** The row's cells as JSON. */
  raw: string;
}

/** One page of an import's rejected rows, in file order. */
export function rejectedRowsPage(db: WorkspaceDb, importId: number, limit: number, offset: number): RejectedRowRow[] {
  return cachedStatement(db, 'SELECT row_number AS rowNumber, disposition, reason, raw FROM rejected_rows WHERE import_id = ? ORDER BY row_number, id LIMIT ? OFFSET ?').all(importId, limit, offset) as RejectedRowRow[];
}

// Used by analysis, export, workspace and audit.

/** The list and row a stored value came from. */
export interface ImportRowSource {
  importId: number;
  fileName: string;
  kind: string;
  importedAt: string;
  rowNumber: number;
}

/** Each list row that gave this person details, flags or arrests, newest import first. */
export function importRowsNamingPerson(db: WorkspaceDb, personId: number): Array<ImportRowSource & { gave: 'details' | 'flags' | 'arrests' }> {
  return cachedStatement(
    db,
    `SELECT u.importId, i.file_name AS fileName, i.kind, i.imported_at AS importedAt, u.rowNumber, u.gave FROM (
         SELECT import_id AS importId, row_number AS rowNumber, 'details' AS gave FROM person_field_provenance WHERE person_id = ?
         UNION SELECT import_id, row_number, 'flags' FROM person_flags WHERE person_id = ?
         UNION SELECT import_id, row_number, 'arrests' FROM arrests WHERE person_id = ?
       ) u JOIN imports i ON i.id = u.importId ORDER BY u.importId DESC, u.rowNumber`,
  ).all(personId, personId, personId) as Array<ImportRowSource & { gave: 'details' | 'flags' | 'arrests' }>;
}

/** Each value a list gave this person, with its source, newest import first. */
export function personFieldSources(db: WorkspaceDb, personId: number): Array<ImportRowSource & { field: string; value: string | null }> {
  return cachedStatement(
    db,
    `SELECT s.field, s.value, s.import_id AS importId, i.file_name AS fileName, i.kind, i.imported_at AS importedAt, s.row_number AS rowNumber
       FROM person_field_provenance s JOIN imports i ON i.id = s.import_id WHERE s.person_id = ? ORDER BY s.import_id DESC`,
  ).all(personId) as Array<ImportRowSource & { field: string; value: string | null }>;
}

/** Every import's list kind by id. */
export function importKindsById(db: WorkspaceDb): Array<[number, string]> {
  return cachedStatement(db, 'SELECT id, kind FROM imports').raw().all() as Array<[number, string]>;
}

// Used by import, links and retention.

interface ImportUndoSubject {
  id: number;
  kind: string;
  fileName: string;
  importedAt: string;
  undoneAt: string | null;
  /** The import this one replaced, if any. */
  supersedes: number | null;
}

export function importRecord(db: WorkspaceDb, importId: number): ImportUndoSubject | undefined {
  return cachedStatement(db, 'SELECT id, kind, file_name AS fileName, imported_at AS importedAt, undone_at AS undoneAt, supersedes_import_id AS supersedes FROM imports WHERE id = ?').get(importId) as
    | ImportUndoSubject
    | undefined;
}

export function peopleCreatedByImport(db: WorkspaceDb, importId: number): number {
  return cachedStatement(db, 'SELECT COUNT(*) FROM people WHERE created_import_id = ?').pluck(true).get(importId) as number;
}

interface CreatedPerson {
  id: number;
  forenames: string | null;
  surname: string | null;
  pnc: string | null;
}

/**
 * People the import created that no other list, no link decision and no piece of the analyst's or
 * the panel's work names (the tables personTables.ts marks as work), in id order.
 */
export function peopleOnlyThisImportNames(db: WorkspaceDb, importId: number): CreatedPerson[] {
  const elsewhere = [
    'SELECT 1 FROM person_field_sources s WHERE s.person_id = p.id AND s.import_id <> @id',
    'SELECT 1 FROM person_flags f WHERE f.person_id = p.id AND f.import_id <> @id',
    'SELECT 1 FROM arrests a WHERE a.person_id = p.id AND a.import_id <> @id',
    'SELECT 1 FROM long_list_entries e WHERE e.person_id = p.id AND e.import_id <> @id',
    'SELECT 1 FROM link_reviews r WHERE r.person_id = p.id AND r.import_id <> @id',
    ...PERSON_TABLES.filter((t) => t.analystWork).map((t) => `SELECT 1 FROM ${quoteIdentifier(t.table)} w WHERE w.${quoteIdentifier(t.column)} = p.id`),
  ];
  return cachedStatement(db, `SELECT p.id, p.forenames, p.surname, p.pnc FROM people p WHERE p.created_import_id = @id ${elsewhere.map((q) => `AND NOT EXISTS (${q})`).join(' ')} ORDER BY p.id`).all({
    id: importId,
  }) as CreatedPerson[];
}

interface FieldSet {
  personId: number;
  field: string;
}

/** The people's fields an import set, then forgets them. */
export function takeFieldSourcesOfImport(db: WorkspaceDb, importId: number): FieldSet[] {
  const sources = cachedStatement(db, 'SELECT person_id AS personId, field FROM person_field_sources WHERE import_id = ?').all(importId) as FieldSet[];
  cachedStatement(db, 'DELETE FROM person_field_sources WHERE import_id = ?').run(importId);
  return sources;
}

/** The value the newest list still giving this field of the person gave it, if any. */
export function newestListValue(db: WorkspaceDb, personId: number, field: string): string | undefined {
  return cachedStatement(db, 'SELECT value FROM person_field_sources WHERE person_id = ? AND field = ? ORDER BY import_id DESC LIMIT 1').pluck(true).get(personId, field) as string | undefined;
}

/** The people an import put on the long list, then forgets the entries. */
export function takeLongListEntriesOfImport(db: WorkspaceDb, importId: number): number[] {
  const people = cachedStatement(db, 'SELECT person_id FROM long_list_entries WHERE import_id = ?').pluck(true).all(importId) as number[];
  cachedStatement(db, 'DELETE FROM long_list_entries WHERE import_id = ?').run(importId);
  return people;
}

/** Whether a candidate list still in force names the person. */
export function stillOnALongList(db: WorkspaceDb, personId: number): boolean {
  return cachedStatement(db, 'SELECT 1 FROM long_list_entries e JOIN imports i ON i.id = e.import_id WHERE e.person_id = ? AND i.undone_at IS NULL').get(personId) !== undefined;
}

/** Takes a person off the long list. Returns 1 if they were on it. */
export function leaveLongList(db: WorkspaceDb, personId: number): number {
  return cachedStatement(db, 'UPDATE people SET on_long_list = 0 WHERE id = ? AND on_long_list = 1').run(personId).changes;
}

/** Deletes an import's set-aside rows. Returns how many. */
export function deleteSetAsideRowsOfImport(db: WorkspaceDb, importId: number): number {
  return cachedStatement(db, 'DELETE FROM rejected_rows WHERE import_id = ?').run(importId).changes;
}

/** Marks the import undone, its hash freed for a fresh import of the file. */
export function markImportUndone(db: WorkspaceDb, importId: number, actor: string, at: string): void {
  cachedStatement(db, "UPDATE imports SET undone_at = ?, undone_by = ?, sha256 = 'undone/' || id || '/' || sha256 WHERE id = ?").run(at, actor, importId);
}

/** Runs `work` in a write transaction that is always rolled back: to see what a change would do. */
export function inRolledBackTransaction<T>(db: WorkspaceDb, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    return work();
  } finally {
    db.exec('ROLLBACK');
  }
}

interface ImportMappingText {
  id: number;
  /** JSON of the import's column mapping. */
  mapping: string;
}

/** Every import's column mapping, to read set-aside rows' cells by. */
export function everyImportMapping(db: WorkspaceDb): ImportMappingText[] {
  return cachedStatement(db, 'SELECT id, mapping FROM imports').all() as ImportMappingText[];
}

/** The column mapping an import was made with (JSON of `{ column, header, field }`), if the import exists. */
export function importMappingText(db: WorkspaceDb, importId: number): string | undefined {
  const row = cachedStatement(db, 'SELECT mapping FROM imports WHERE id = ?').get(importId) as { mapping: string } | undefined;
  return row?.mapping;
}

/** A row of an import that was rejected, skipped, matched nobody or noted, with its raw cells (JSON). */
interface SetAsideRow {
  rowNumber: number;
  disposition: string;
  reason: string;
  raw: string;
}

/** One import's set-aside rows, in file order. */
export function setAsideRowsOfImport(db: WorkspaceDb, importId: number): SetAsideRow[] {
  return cachedStatement(db, 'SELECT row_number AS rowNumber, disposition, reason, raw FROM rejected_rows WHERE import_id = ? ORDER BY row_number, id').all(importId) as SetAsideRow[];
}

/** The column choices the analyst confirmed for files with these headers (JSON), if any. */
export function rememberedHeaderMapping(db: WorkspaceDb, signature: string): string | undefined {
  return cachedStatement(db, 'SELECT mapping FROM header_mappings WHERE source_key = ?').pluck(true).get(signature) as string | undefined;
}

interface ConfirmedHeaderMapping {
  signature: string;
  kind: string;
  /** JSON of the column choices. */
  mapping: string;
  confirmedBy: string;
  confirmedAt: string;
}

/** Remembers (or replaces) the column choices for files with these headers. */
export function rememberHeaderMapping(db: WorkspaceDb, confirmed: ConfirmedHeaderMapping): void {
  cachedStatement(
    db,
    'INSERT INTO header_mappings (source_key, kind, mapping, confirmed_by, confirmed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(source_key) DO UPDATE SET kind = excluded.kind, mapping = excluded.mapping, confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at',
  ).run(confirmed.signature, confirmed.kind, confirmed.mapping, confirmed.confirmedBy, confirmed.confirmedAt);
}

interface EarlierImportOfFile {
  importId: number;
  importedAt: string;
}

/** The import that already brought in this file (same kind, same SHA-256), if any. */
export function earlierImportOfFile(db: WorkspaceDb, kind: string, sha256: string): EarlierImportOfFile | undefined {
  return cachedStatement(db, 'SELECT id AS importId, imported_at AS importedAt FROM imports WHERE kind = ? AND sha256 = ?').get(kind, sha256) as EarlierImportOfFile | undefined;
}

// Used by the import's hot path (linking and writing rows).

/** An earlier import of a file, as a duplicate's report names it. */
export interface ImportOfFile {
  id: number;
  fileName: string;
  sheet: string | null;
}

/** The import that already brought in this file (same kind, same SHA-256), if any, as a duplicate's report names it. */
export function importOfFile(db: WorkspaceDb, kind: string, sha256: string): ImportOfFile | undefined {
  return cachedStatement(db, 'SELECT id, file_name AS fileName, sheet FROM imports WHERE kind = ? AND sha256 = ?').get(kind, sha256) as ImportOfFile | undefined;
}

/** What a replacement checks of the import it replaces. */
interface ReplaceableImport {
  kind: string;
  undoneAt: string | null;
}

export function replaceableImport(db: WorkspaceDb, importId: number): ReplaceableImport | undefined {
  return cachedStatement(db, 'SELECT kind, undone_at AS undoneAt FROM imports WHERE id = ?').get(importId) as ReplaceableImport | undefined;
}

/** An import's record as it starts: its counts are filled in by {@link recordImportCounts} at the end. */
interface StartedImport {
  kind: string;
  fileName: string;
  sha256: string;
  sheet: string | null;
  sourceKey: string;
  /** JSON of the column mapping. */
  mapping: string;
  importedBy: string;
  importedAt: string;
  supersedesImportId: number | null;
}

/** Records an import with zero counts; returns its id. */
export function insertStartedImport(db: WorkspaceDb, started: StartedImport): number {
  return Number(
    db
      .prepare(
        'INSERT INTO imports (kind, file_name, sha256, sheet, source_key, mapping, imported_by, imported_at, rows_read, rows_imported, rows_linked, rows_rejected, supersedes_import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)',
      )
      .run(started.kind, started.fileName, started.sha256, started.sheet, started.sourceKey, started.mapping, started.importedBy, started.importedAt, started.supersedesImportId).lastInsertRowid,
  );
}

/** Gives the import's record its file's SHA-256, worked out while its rows were read (see electron/import/fileHashCheck.ts). */
export function setImportFileHash(db: WorkspaceDb, importId: number, sha256: string): void {
  cachedStatement(db, 'UPDATE imports SET sha256 = ? WHERE id = ?').run(sha256, importId);
}

/** An import's counts as its record keeps them: the row account's and what else it added. */
type ImportCounts = Omit<RowCounts, 'kind'> & { arrestsAdded: number; flagsSet: number };

export function recordImportCounts(db: WorkspaceDb, importId: number, counts: ImportCounts): void {
  db.prepare(
    'UPDATE imports SET rows_read = ?, rows_imported = ?, rows_linked = ?, rows_rejected = ?, rows_skipped = ?, rows_unmatched = ?, people_created = ?, arrests_added = ?, flags_set = ?, reviews_queued = ? WHERE id = ?',
  ).run(counts.rowsRead, counts.rowsImported, counts.rowsLinked, counts.rowsRejected, counts.rowsSkipped, counts.rowsUnmatched, counts.peopleCreated, counts.arrestsAdded, counts.flagsSet, counts.reviewsQueued, importId);
}

/** What an import's row account writes, each statement prepared once for the whole import (see importPeopleWriters). */
export interface ImportRowWriters {
  /** Sets a row aside (rejected, skipped, unmatched) or notes it, with its raw cells (JSON). */
  setAsideRow(rowNumber: number, reason: string, raw: string, disposition: 'rejected' | 'skipped' | 'unmatched' | 'note'): void;
  /** Records that this import's list names the person (a candidate list's long-list entry). */
  recordLongListEntry(personId: number): void;
}

export function importRowWriters(db: WorkspaceDb, importId: number): ImportRowWriters {
  if (!Number.isSafeInteger(importId)) throw new Error('An import id must be an integer.');
  const insertIssue = db.prepare<[importId: number, rowNumber: number, reason: string, raw: string, disposition: string]>(
    'INSERT INTO rejected_rows (import_id, row_number, reason, raw, disposition) VALUES (?, ?, ?, ?, ?)',
  );
  const insertLongListEntry = db.prepare<[personId: number]>(`INSERT OR IGNORE INTO long_list_entries (import_id, person_id) VALUES (${importId}, ?)`);
  return {
    setAsideRow(rowNumber, reason, raw, disposition) {
      insertIssue.run(importId, rowNumber, reason, raw, disposition);
    },
    recordLongListEntry(personId) {
      insertLongListEntry.run(personId);
    },
  };
}
