import { cachedStatement, type WorkspaceDb } from './workspaceDb';

/**
 * Arrests and the arrest terms (offence wording to crime type) they are coded with.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

// Used by analysis, export, workspace and audit.

/** Every arrest term (offence or borough wording) as [id, text]: a few hundred rows. */
export function arrestTermRows(db: WorkspaceDb): Array<[number, string]> {
  return db.prepare('SELECT id, text FROM arrest_terms').raw().all() as Array<[number, string]>;
}

/** Adds a wording; returns its id. */
export function insertArrestTerm(db: WorkspaceDb, text: string): number {
  return Number(cachedStatement(db, 'INSERT INTO arrest_terms (text) VALUES (?)').run(text).lastInsertRowid);
}

/** Removes the wordings no arrest uses any more; returns how many went. */
export function deleteArrestTermsNotInUse(db: WorkspaceDb): number {
  return db
    .prepare(
      `DELETE FROM arrest_terms WHERE id NOT IN (SELECT offence_id FROM arrests)
         AND id NOT IN (SELECT borough_id FROM arrests WHERE borough_id IS NOT NULL)`,
    )
    .run().changes;
}

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).

export {};
