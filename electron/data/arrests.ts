import type { ImportRowSource } from './imports';
import { cachedStatement, insertedId, type WorkspaceDb } from './workspaceDb';

/**
 * Arrests and the arrest terms (offence wording to crime type) they are coded with.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import type { CrimeTypeId } from '../../shared/domain/crimeTypes';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

export function countArrests(db: WorkspaceDb): number {
  return cachedStatement(db, 'SELECT COUNT(*) FROM arrests').pluck().get() as number;
}

// Used by analysis, export, workspace and audit.

/** A person's arrests with their wordings and the list row each came from, oldest first. */
export function personArrestsWithSources(db: WorkspaceDb, personId: number): Array<ImportRowSource & { id: number; date: string; offence: string; borough: string | null }> {
  return cachedStatement(
    db,
    `SELECT a.id, a.arrest_date AS date, a.offence, a.borough, a.import_id AS importId, i.file_name AS fileName, i.kind, i.imported_at AS importedAt, a.row_number AS rowNumber
       FROM arrest_details a JOIN imports i ON i.id = a.import_id WHERE a.person_id = ? ORDER BY a.arrest_date, a.id`,
  ).all(personId) as Array<ImportRowSource & { id: number; date: string; offence: string; borough: string | null }>;
}

/** Every arrest term (offence or borough wording) as [id, text]: a few hundred rows. */
export function arrestTermRows(db: WorkspaceDb): Array<[number, string]> {
  return db.prepare('SELECT id, text FROM arrest_terms').raw().all() as Array<[number, string]>;
}

/** Adds a wording; returns its id. */
export function insertArrestTerm(db: WorkspaceDb, text: string): number {
  return insertedId(db, 'INSERT INTO arrest_terms (text) VALUES (?)', text);
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

/** Every classification override: normalised offence wording → crime type. */
export function classificationOverrideRows(db: WorkspaceDb): Array<{ d: string; t: CrimeTypeId }> {
  return cachedStatement(db, 'SELECT normalised_description AS d, crime_type AS t FROM classification_overrides').all() as Array<{ d: string; t: CrimeTypeId }>;
}

export function removeClassificationOverride(db: WorkspaceDb, normalisedDescription: string): void {
  cachedStatement(db, 'DELETE FROM classification_overrides WHERE normalised_description = ?').run(normalisedDescription);
}

/** Sets (or replaces) the crime type an offence wording is classified as. */
export function storeClassificationOverride(db: WorkspaceDb, row: { normalised: string; description: string; crimeType: CrimeTypeId; setBy: string; setAt: string }): void {
  cachedStatement(
    db,
    'INSERT INTO classification_overrides (normalised_description, description, crime_type, set_by, set_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(normalised_description) DO UPDATE SET crime_type = excluded.crime_type, set_by = excluded.set_by, set_at = excluded.set_at',
  ).run(row.normalised, row.description, row.crimeType, row.setBy, row.setAt);
}

/** How many arrests each offence wording has. */
export function arrestCountsByOffenceWording(db: WorkspaceDb): Array<{ description: string; count: number }> {
  return cachedStatement(db, 'SELECT t.text AS description, c.count FROM (SELECT offence_id, COUNT(*) AS count FROM arrests GROUP BY offence_id) c JOIN arrest_terms t ON t.id = c.offence_id').all() as Array<{
    description: string;
    count: number;
  }>;
}

/** The latest arrest date as yyyymmdd; null without arrests. */
export function latestArrestYmd(db: WorkspaceDb): number | null {
  return cachedStatement(db, 'SELECT MAX(arrest_ymd) FROM arrests').pluck().get() as number | null;
}

/** Every arrest after `fromYmd` up to `toYmd` (yyyymmdd) as [person id, offence, borough], one at a time. */
export function arrestsWithBoroughBetween(db: WorkspaceDb, fromYmdExclusive: number, toYmd: number): IterableIterator<[number, string, string | null]> {
  return db
    .prepare(
      `SELECT a.person_id AS personId, o.text AS offence, b.text AS borough
         FROM arrests a JOIN arrest_terms o ON o.id = a.offence_id LEFT JOIN arrest_terms b ON b.id = a.borough_id
        WHERE a.arrest_ymd > ? AND a.arrest_ymd <= ?`,
    )
    .raw()
    .iterate(fromYmdExclusive, toYmd) as IterableIterator<[number, string, string | null]>;
}

/**
 * One page of people's arrests, after person `afterId`: [people in the page, the last person id,
 * `person,n,ymd,offenceId,…` for each person]. SQLite groups them so that JavaScript gets one string
 * per page rather than a row object per arrest (see arrestColumnsReader.ts).
 */
export function arrestsPageGroupedByPerson(db: WorkspaceDb, afterId: number, peoplePerPage: number): [number, number | null, string | null] {
  return cachedStatement(
    db,
    `
SELECT COUNT(*), MAX(person_id), group_concat(person_id || ',' || n || ',' || entries)
FROM (
  SELECT person_id, COUNT(*) AS n, group_concat(arrest_ymd || ',' || offence_id) AS entries
  FROM arrests WHERE person_id > ? GROUP BY person_id ORDER BY person_id LIMIT ?
)`,
  )
    .raw()
    .get(afterId, peoplePerPage) as [number, number | null, string | null];
}

// Used by import, links and retention.

/** Deletes the arrests an import brought in. Returns how many. */
export function deleteArrestsOfImport(db: WorkspaceDb, importId: number): number {
  return cachedStatement(db, 'DELETE FROM arrests WHERE import_id = ?').run(importId).changes;
}

// Used by the import's hot path (linking and writing rows).

/** Arrest rows per multi-row insert of {@link ImportArrestWriters.insertRows}: one native call for many rows, far below SQLite's variable limit. */
export const ARREST_ROWS_PER_STATEMENT = 64;
const ARREST_COLUMNS = '(person_id, arrest_ymd, offence_id, id, borough_id, import_id, row_number)';
/** Bound values per arrest row, in this order: person, date (yyyymmdd), offence term, id, borough term or null, row number. */
export const ARREST_VALUES_PER_ROW = 6;

/**
 * The arrests one import writes, the statements prepared once for the import; a repeated arrest
 * (same person, date and offence term as one stored) is skipped. Each returns how many were new.
 */
interface ImportArrestWriters {
  /** Inserts {@link ARREST_ROWS_PER_STATEMENT} arrests, their values one after another. */
  insertRows(values: ReadonlyArray<number | null>): number;
  /** Inserts the one arrest whose values start at `at`. */
  insertRowAt(values: ReadonlyArray<number | null>, at: number): number;
}

export function importArrestWriters(db: WorkspaceDb, importId: number): ImportArrestWriters {
  if (!Number.isSafeInteger(importId)) throw new Error('An import id must be an integer.');
  // The import id is the same on every row: written into the statement rather than bound a
  // million times (binding is a sixth of the insert).
  const tuple = `(?, ?, ?, ?, ?, ${importId}, ?)`;
  const many = db.prepare<Array<number | null>>(`INSERT OR IGNORE INTO arrests ${ARREST_COLUMNS} VALUES ${new Array<string>(ARREST_ROWS_PER_STATEMENT).fill(tuple).join(', ')}`);
  const one = db.prepare<Array<number | null>>(`INSERT OR IGNORE INTO arrests ${ARREST_COLUMNS} VALUES ${tuple}`);
  return {
    insertRows(values) {
      // Spread, not the array itself: the driver reads an array argument element by element
      // through the engine's general property lookup, arguments directly.
      return many.run(...values).changes;
    },
    insertRowAt(values, at) {
      return one.run(values[at]!, values[at + 1]!, values[at + 2]!, values[at + 3]!, values[at + 4]!, values[at + 5]!).changes;
    },
  };
}
