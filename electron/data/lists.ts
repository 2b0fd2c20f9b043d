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

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).
