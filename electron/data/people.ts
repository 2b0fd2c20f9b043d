/**
 * People: the person records and their identifying fields.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import type { WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

export interface PersonIdentityWithPnc {
  id: number;
  pnc: string;
  surname: string | null;
  forenames: string | null;
  dob: string | null;
}

/** Everyone who holds a PNC, with the rest of their identity, in no particular order. */
export function peopleWithPnc(db: WorkspaceDb): IterableIterator<PersonIdentityWithPnc> {
  return db.prepare('SELECT id, pnc, surname, forenames, dob FROM people WHERE pnc IS NOT NULL').iterate() as IterableIterator<PersonIdentityWithPnc>;
}

// Used by the import's hot path (linking and writing rows).

export {};
