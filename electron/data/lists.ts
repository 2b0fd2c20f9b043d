/**
 * Lists and flags: candidate lists (DTOA, gangs matrix, MARAC, YOS, ...) and the flags they give people.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

export function personHasFlagFromImport(db: WorkspaceDb, personId: number, flag: string, importId: number): boolean {
  return cachedStatement(db, 'SELECT 1 FROM person_flags WHERE person_id = ? AND flag = ? AND import_id = ?').get(personId, flag, importId) !== undefined;
}

export interface FlagFromList {
  personId: number;
  flag: string;
  score: number | null;
  importId: number;
  rowNumber: number;
  /** The import that replaced the list, when the flag belongs to history (kept inactive). */
  supersededBy: number | null;
}

export function addFlagFromList(db: WorkspaceDb, flag: FlagFromList): void {
  cachedStatement(db, 'INSERT INTO person_flags (person_id, flag, score, import_id, row_number, active, superseded_by_import_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    flag.personId, flag.flag, flag.score, flag.importId, flag.rowNumber, flag.supersededBy === null ? 1 : 0, flag.supersededBy,
  );
}

// Used by the import's hot path (linking and writing rows).

export {};
