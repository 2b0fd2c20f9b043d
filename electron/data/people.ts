/**
 * People: the person records and their identifying fields.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';
import { LIST_SET_COLUMNS, type PersonValues } from '../import/personFieldRule';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

export function peopleCount(db: WorkspaceDb): number {
  return cachedStatement(db, 'SELECT COUNT(*) FROM people').pluck(true).get() as number;
}

/** A person's identifying fields, for showing who a review or a report is about. */
export interface PersonIdentity {
  pnc: string | null;
  surname: string | null;
  forenames: string | null;
  dob: string | null;
}

export function personIdentity(db: WorkspaceDb, personId: number): PersonIdentity | undefined {
  return cachedStatement(db, 'SELECT pnc, surname, forenames, dob FROM people WHERE id = ?').get(personId) as PersonIdentity | undefined;
}

export function personExists(db: WorkspaceDb, personId: number): boolean {
  return cachedStatement(db, 'SELECT 1 FROM people WHERE id = ?').get(personId) !== undefined;
}

/** Every column of a person's row, by column name. */
export function personValues(db: WorkspaceDb, personId: number): PersonValues | undefined {
  return cachedStatement(db, 'SELECT * FROM people WHERE id = ?').get(personId) as PersonValues | undefined;
}

/** Whoever holds this PNC, if anyone. */
export function personHoldingPnc(db: WorkspaceDb, pnc: string): number | undefined {
  return cachedStatement(db, 'SELECT id FROM people WHERE pnc = ?').pluck(true).get(pnc) as number | undefined;
}

function listSetColumn(column: string): string {
  // Column names are checked against the importer's own list before they go into a statement.
  if (!LIST_SET_COLUMNS.has(column)) throw new Error(`${column} is not a column a list sets`);
  return column;
}

/** Sets columns of a person that lists set (identity and fields), without recording a source. */
export function setPersonColumns(db: WorkspaceDb, personId: number, values: PersonValues): void {
  for (const [column, value] of Object.entries(values)) cachedStatement(db, `UPDATE people SET ${listSetColumn(column)} = ? WHERE id = ?`).run(value, personId);
}

/** Sets a column of a person from a list's row and records that row as the value's source. */
export function setPersonFieldFromList(db: WorkspaceDb, personId: number, column: string, value: string | number, importId: number, rowNumber: number): void {
  cachedStatement(db, `UPDATE people SET ${listSetColumn(column)} = ? WHERE id = ?`).run(value, personId);
  cachedStatement(
    db,
    'INSERT INTO person_field_sources (person_id, field, value, import_id, row_number) VALUES (?, ?, ?, ?, ?) ON CONFLICT(person_id, field, import_id) DO UPDATE SET value = excluded.value, row_number = excluded.row_number',
  ).run(personId, column, String(value), importId, rowNumber);
}

/** The kept person of a merge is on the long list if either was. */
export function keepLongListPlace(db: WorkspaceDb, fromId: number, intoId: number): void {
  cachedStatement(db, 'UPDATE people SET on_long_list = MAX(on_long_list, (SELECT on_long_list FROM people WHERE id = ?)) WHERE id = ?').run(fromId, intoId);
}

/** Removes a person's own row (the caller has dealt with every row naming them, see personTables.ts). */
export function deletePersonRow(db: WorkspaceDb, personId: number): void {
  cachedStatement(db, 'DELETE FROM people WHERE id = ?').run(personId);
}

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
