import type { ImportRowSource } from './imports';

/**
 * Lists and flags: candidate lists (DTOA, gangs matrix, MARAC, YOS, ...) and the flags they give people.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

/** The distinct active list flags of the given people. */
export function activeFlagsOfPeople(db: WorkspaceDb, personIds: readonly number[]): Array<{ personId: number; flag: string }> {
  return cachedStatement(db, 'SELECT DISTINCT person_id AS personId, flag FROM person_flags WHERE active = 1 AND person_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(personIds)) as Array<{
    personId: number;
    flag: string;
  }>;
}

/** The distinct active list flags of one person. */
export function activeFlagsOfPerson(db: WorkspaceDb, personId: number): string[] {
  return cachedStatement(db, 'SELECT DISTINCT flag FROM person_flags WHERE person_id = ? AND active = 1').pluck().all(personId) as string[];
}

/** How many people each active flag is on (a flag nobody has is absent). */
export function peoplePerActiveFlag(db: WorkspaceDb): Map<string, number> {
  const rows = cachedStatement(db, 'SELECT flag, COUNT(DISTINCT person_id) AS n FROM person_flags WHERE active = 1 GROUP BY flag').all() as Array<{ flag: string; n: number }>;
  return new Map(rows.map((r) => [r.flag, r.n]));
}

// Used by analysis, export, workspace and audit.

interface PersonFlagRow extends ImportRowSource {
  flag: string;
  active: number;
  score: number | null;
  supersededId: number | null;
  supersededFileName: string | null;
  supersededAt: string | null;
}

/** A person's flags with the list that set each and the one that superseded it; active first, newest import first. */
export function personFlagHistory(db: WorkspaceDb, personId: number): PersonFlagRow[] {
  return cachedStatement(
    db,
    `SELECT f.flag, f.active, f.score, f.import_id AS importId, i.file_name AS fileName, i.kind, i.imported_at AS importedAt, f.row_number AS rowNumber,
         f.superseded_by_import_id AS supersededId, s.file_name AS supersededFileName, s.imported_at AS supersededAt
       FROM person_flags f JOIN imports i ON i.id = f.import_id LEFT JOIN imports s ON s.id = f.superseded_by_import_id
       WHERE f.person_id = ? ORDER BY f.active DESC, f.import_id DESC`,
  ).all(personId) as PersonFlagRow[];
}

/** Every active flag as [person id, flag, import id], in (person, flag row) order, one at a time. */
export function activeFlagRowsByPerson(db: WorkspaceDb): IterableIterator<[number, string, number]> {
  return db.prepare('SELECT person_id, flag, import_id FROM person_flags WHERE active = 1 ORDER BY person_id, id').raw().iterate() as IterableIterator<[number, string, number]>;
}

// Used by import, links and retention.

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

interface FlagFromList {
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

/** A flag one import sets, prepared once for the whole import (see importPeopleWriters). */
export interface ImportFlagWriter {
  insertFlag(personId: number, flag: string, score: number | null, rowNumber: number): void;
}

export function importFlagWriter(db: WorkspaceDb, importId: number): ImportFlagWriter {
  const insert = db.prepare<[personId: number, flag: string, score: number | null, importId: number, rowNumber: number]>(
    'INSERT INTO person_flags (person_id, flag, score, import_id, row_number) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    insertFlag(personId, flag, score, rowNumber) {
      insert.run(personId, flag, score, importId, rowNumber);
    },
  };
}
