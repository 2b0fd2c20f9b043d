/**
 * People: the person records and their identifying fields.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

export function personExists(db: WorkspaceDb, personId: number): boolean {
  return cachedStatement(db, 'SELECT 1 FROM people WHERE id = ?').get(personId) !== undefined;
}

/** People with a recorded cohort start date: the current clients of the scheme. */
export function countPeopleWithCohortStart(db: WorkspaceDb): number {
  return cachedStatement(db, 'SELECT COUNT(*) FROM people WHERE cohort_start_date IS NOT NULL').pluck().get() as number;
}

export interface PersonNameRow {
  id: number;
  surname: string | null;
  forenames: string | null;
  pnc: string | null;
}

/** Names of the given people (ids not in the workspace are left out). */
export function peopleNames(db: WorkspaceDb, personIds: readonly number[]): PersonNameRow[] {
  return cachedStatement(db, 'SELECT id, surname, forenames, pnc FROM people WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(personIds)) as PersonNameRow[];
}

export function peopleCount(db: WorkspaceDb): number {
  return cachedStatement(db, 'SELECT COUNT(*) FROM people').pluck().get() as number;
}

export interface PersonRefRow extends PersonNameRow {
  /** The source system's reference, when a list gave one. */
  ref: string | null;
}

/** Every person's names, PNC and reference, for printing a shortlist. */
export function allPeopleRefs(db: WorkspaceDb): PersonRefRow[] {
  return cachedStatement(db, 'SELECT id, pnc, surname, forenames, ref FROM people').all() as PersonRefRow[];
}

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).
