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

/** People per flag, counting active flags only. */
export function peoplePerActiveFlag(db: WorkspaceDb): Map<string, number> {
  const rows = cachedStatement(db, 'SELECT flag, COUNT(DISTINCT person_id) AS n FROM person_flags WHERE active = 1 GROUP BY flag').all() as Array<{ flag: string; n: number }>;
  return new Map(rows.map((r) => [r.flag, r.n]));
}

/** Deletes the flags an import set. Returns how many. */
export function deleteFlagsOfImport(db: WorkspaceDb, importId: number): number {
  return cachedStatement(db, 'DELETE FROM person_flags WHERE import_id = ?').run(importId).changes;
}

/** Flags an old-style newer version of a list had retired come back when that version is undone. */
export function reactivateFlagsRetiredBy(db: WorkspaceDb, importId: number): void {
  cachedStatement(db, 'UPDATE person_flags SET active = 1, superseded_by_import_id = NULL WHERE superseded_by_import_id = ?').run(importId);
}

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
