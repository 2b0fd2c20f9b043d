import { cachedStatement, type WorkspaceDb } from './workspaceDb';

/**
 * Imports and provenance: each import, its rows' dispositions, rejected rows and column mappings.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

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

export {};
