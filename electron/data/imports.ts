import { cachedStatement, type WorkspaceDb } from './workspaceDb';

/**
 * Imports and provenance: each import, its rows' dispositions, rejected rows and column mappings.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import type { ImportRecord } from '../../shared/api/importCalls';
import { cachedStatement, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

/** An import as recorded; `kind` is as stored, which the caller checks against the known kinds. */
export type StoredImportRow = Omit<ImportRecord, 'kind'> & { kind: string };

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

export interface RejectedRowRow {
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

// Used by the import's hot path (linking and writing rows).
