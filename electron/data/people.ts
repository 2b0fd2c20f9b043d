/**
 * People: the person records and their identifying fields.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { ShortlistExportPerson } from '../../shared/exports/shortlistExport';
import { cachedStatement, insertedId, type WorkspaceDb } from './workspaceDb';
import { LIST_SET_COLUMNS, type PersonValue, type PersonValues } from '../import/personFieldRule';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

export function personExists(db: WorkspaceDb, personId: number): boolean {
  return cachedStatement(db, 'SELECT 1 FROM people WHERE id = ?').get(personId) !== undefined;
}


interface PersonNameRow {
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

interface PersonRefRow extends PersonNameRow {
  /** The source system's reference, when a list gave one. */
  ref: string | null;
}

/** Every person's names, PNC and reference, for printing a shortlist. */
export function allPeopleRefs(db: WorkspaceDb): PersonRefRow[] {
  return cachedStatement(db, 'SELECT id, pnc, surname, forenames, ref FROM people').all() as PersonRefRow[];
}

// Used by analysis, export, workspace and audit.

/** The highest person id in use (0 with nobody). */
export function highestPersonId(db: WorkspaceDb): number {
  return cachedStatement(db, 'SELECT COALESCE(MAX(id), 0) FROM people').pluck().get() as number;
}

/** A person's row as stored (`SELECT *`: the profile lists every column). */
export interface PersonRecord {
  id: number;
  pnc: string | null;
  surname: string | null;
  forenames: string | null;
  dob: string | null;
  gender: string | null;
  ethnicity: string | null;
  address: string | null;
  borough: string | null;
  custody: 'in_custody' | 'not_in_custody' | 'unknown';
  pins_result: string | null;
  ogrs_score: number | null;
  on_long_list: number;
  created_at: string;
  [column: string]: unknown;
}

export function personRecord(db: WorkspaceDb, personId: number): PersonRecord | undefined {
  return cachedStatement(db, 'SELECT * FROM people WHERE id = ?').get(personId) as PersonRecord | undefined;
}

/** A person's notes, newest first. */
export function personNotes(db: WorkspaceDb, personId: number): Array<{ id: number; text: string; author: string; createdAt: string }> {
  return cachedStatement(db, 'SELECT id, text, author, created_at AS createdAt FROM person_notes WHERE person_id = ? ORDER BY created_at DESC, id DESC').all(personId) as Array<{
    id: number;
    text: string;
    author: string;
    createdAt: string;
  }>;
}

/** Adds a note; returns its id. */
export function insertPersonNote(db: WorkspaceDb, personId: number, text: string, author: string, createdAt: string): number {
  return insertedId(db, 'INSERT INTO person_notes (person_id, text, author, created_at) VALUES (?, ?, ?, ?)', personId, text, author, createdAt);
}

/** A `people` row as the analysis model reads it, in the order of the query's columns. */
export type AnalysisPersonRow = [
  id: number,
  surname: string | null,
  forenames: string | null,
  pnc: string | null,
  dob: string | null,
  gender: string | null,
  ethnicity: string | null,
  borough: string | null,
  custody: 'in_custody' | 'not_in_custody' | 'unknown',
  ogrsScore: number | null,
  statutory: number | null,
  cohortStartDate: string | null,
  onLongList: number,
];

/**
 * One page of people by id, after `afterId`. Its own statement each call: a page is read to the end
 * before the build yields, and the caller's paced builds must not share a cursor.
 */
export function peoplePageForAnalysis(db: WorkspaceDb, afterId: number, limit: number): IterableIterator<AnalysisPersonRow> {
  return db
    .prepare(
      `SELECT id, surname, forenames, pnc, dob, gender, ethnicity, borough, custody, ogrs_score, statutory, cohort_start_date, on_long_list
  FROM people WHERE id > ? ORDER BY id LIMIT ?`,
    )
    .raw()
    .iterate(afterId, limit) as IterableIterator<AnalysisPersonRow>;
}

/** The borough most of the long list lives in (case ignored); undefined when none is recorded. */
export function homeBoroughByLongList(db: WorkspaceDb): string | undefined {
  return cachedStatement(db, "SELECT borough FROM people WHERE on_long_list = 1 AND borough IS NOT NULL AND borough <> '' GROUP BY lower(borough) ORDER BY COUNT(*) DESC LIMIT 1").pluck().get() as
    | string
    | undefined;
}

/** SQLite's default limit on bound parameters is far above this; it keeps each statement small. */
const ID_CHUNK = 500;

/** The ids in chunks of ID_CHUNK, each chunk with its `?, ?, …` list. */
function* idChunks(ids: readonly number[]): Generator<{ chunk: number[]; placeholders: string }> {
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const chunk = ids.slice(i, i + ID_CHUNK);
    yield { chunk, placeholders: chunk.map(() => '?').join(',') };
  }
}

/** A person's fields as a shortlist export lists them: the stored ones it prints as they are, and those it reads further. */
export type ExportPersonRow = { id: number } & Pick<
  ShortlistExportPerson,
  'ref' | 'surname' | 'forenames' | 'dob' | 'pnc' | 'gender' | 'ethnicity' | 'address' | 'addressDate' | 'borough'
> & {
    custody: 'in_custody' | 'not_in_custody' | 'unknown';
    ogrsScore: number | null;
    statutory: number | null;
    listArrestsLast10: number | null;
    listArrestsLast22: number | null;
  };

/** The people with these ids (those that exist), in chunks; order within a chunk is SQLite's. */
export function peopleForExport(db: WorkspaceDb, ids: readonly number[]): ExportPersonRow[] {
  const rows: ExportPersonRow[] = [];
  for (const { chunk, placeholders } of idChunks(ids)) {
    rows.push(
      ...(db
        .prepare(
          `SELECT id, ref, surname, forenames, dob, pnc, gender, ethnicity, address, address_date AS addressDate, borough, custody, ogrs_score AS ogrsScore, statutory,
                stated_arrests_last10 AS listArrestsLast10, stated_arrests_last22 AS listArrestsLast22
           FROM people WHERE id IN (${placeholders})`,
        )
        .all(...chunk) as ExportPersonRow[]),
    );
  }
  return rows;
}

/**
 * The arrests the candidate lists gave these people in their arrest details column, by person, date
 * and arrest id within each chunk of ids.
 */
export function candidateListArrestsOf(db: WorkspaceDb, ids: readonly number[]): Array<{ personId: number; date: string; offence: string }> {
  const rows: Array<{ personId: number; date: string; offence: string }> = [];
  for (const { chunk, placeholders } of idChunks(ids)) {
    rows.push(
      ...(db
        .prepare(
          `SELECT a.person_id AS personId, a.arrest_date AS date, a.offence FROM arrest_details a JOIN imports i ON i.id = a.import_id
          WHERE i.kind = 'candidates' AND a.person_id IN (${placeholders}) ORDER BY a.person_id, a.arrest_date, a.id`,
        )
        .all(...chunk) as Array<{ personId: number; date: string; offence: string }>),
    );
  }
  return rows;
}

// Used by import, links and retention.

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

/** Every column of a person's row, by column name. */
export function personValues(db: WorkspaceDb, personId: number): PersonValues | undefined {
  return personRecord(db, personId) as PersonValues | undefined;
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

/** Records a list's row as the source of a person's field (the newest value of a list replaces its older one). */
const RECORD_FIELD_SOURCE =
  'INSERT INTO person_field_sources (person_id, field, value, import_id, row_number) VALUES (?, ?, ?, ?, ?) ON CONFLICT(person_id, field, import_id) DO UPDATE SET value = excluded.value, row_number = excluded.row_number';

/** Sets a column of a person from a list's row and records that row as the value's source. */
export function setPersonFieldFromList(db: WorkspaceDb, personId: number, column: string, value: string | number, importId: number, rowNumber: number): void {
  cachedStatement(db, `UPDATE people SET ${listSetColumn(column)} = ? WHERE id = ?`).run(value, personId);
  cachedStatement(db, RECORD_FIELD_SOURCE).run(personId, column, String(value), importId, rowNumber);
}

/** The kept person of a merge is on the long list if either was. */
export function keepLongListPlace(db: WorkspaceDb, fromId: number, intoId: number): void {
  cachedStatement(db, 'UPDATE people SET on_long_list = MAX(on_long_list, (SELECT on_long_list FROM people WHERE id = ?)) WHERE id = ?').run(fromId, intoId);
}

/** Removes a person's own row (the caller has dealt with every row naming them, see personTables.ts). */
export function deletePersonRow(db: WorkspaceDb, personId: number): void {
  cachedStatement(db, 'DELETE FROM people WHERE id = ?').run(personId);
}

interface PersonIdentityWithPnc {
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

/** A person's id and identity, as the import's linking holds everyone. */
interface PersonIdentityRow extends PersonIdentity {
  id: number;
}

/** Everyone's id and identity, one at a time, in no particular order (the import loads its registry from it). */
export function everyPersonIdentity(db: WorkspaceDb): IterableIterator<PersonIdentityRow> {
  return db.prepare('SELECT id, pnc, surname, forenames, dob FROM people').iterate() as IterableIterator<PersonIdentityRow>;
}

/**
 * Bound values per person an import creates, in this order: id, PNC, surname, forenames, date of
 * birth, on the long list (1 or 0), row number. The import and its time, the same for everyone, are
 * written into the statement.
 */
export const CREATED_PERSON_VALUES = 7;
/** People per multi-row insert of {@link ImportPeopleWriters.insertPeople}. */
export const CREATED_PEOPLE_PER_STATEMENT = 32;
const CREATED_PERSON_COLUMNS = '(id, pnc, surname, forenames, dob, on_long_list, created_row_number, created_import_id, created_at)';

/** A statement's literal for a text the importer made itself (its own timestamp). */
function sqlText(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * What one import writes to people, each statement prepared once for the whole import: an extract
 * runs them for a million rows, so the values go in as the import holds them (positional, or a
 * slice of its pending buffer), never wrapped in an object per row.
 */
export interface ImportPeopleWriters {
  /** Inserts {@link CREATED_PEOPLE_PER_STATEMENT} people, their {@link CREATED_PERSON_VALUES} values one after another. */
  insertPeople(values: readonly PersonValue[]): void;
  /** Inserts the one person whose {@link CREATED_PERSON_VALUES} values start at `at`. */
  insertPersonAt(values: readonly PersonValue[], at: number): void;
  /** Sets a column of a person and records the import's row as the value's source. */
  setFieldFromRow(personId: number, column: string, value: string | number, rowNumber: number): void;
  /** Marks a person as on the long list. */
  putOnLongList(personId: number): void;
  /** Whether someone in the workspace holds this PNC text. */
  pncHeld(pnc: string): boolean;
}

export function importPeopleWriters(db: WorkspaceDb, importId: number, now: string): ImportPeopleWriters {
  if (!Number.isSafeInteger(importId)) throw new Error('An import id must be an integer.');
  const person = `(?, ?, ?, ?, ?, ?, ?, ${importId}, ${sqlText(now)})`;
  const insertOne = db.prepare<PersonValue[]>(`INSERT INTO people ${CREATED_PERSON_COLUMNS} VALUES ${person}`);
  const insertMany = db.prepare<PersonValue[]>(`INSERT INTO people ${CREATED_PERSON_COLUMNS} VALUES ${new Array<string>(CREATED_PEOPLE_PER_STATEMENT).fill(person).join(', ')}`);
  const insertSource = db.prepare<[personId: number, field: string, value: string, importId: number, rowNumber: number]>(RECORD_FIELD_SOURCE);
  const setLongList = db.prepare<[personId: number]>('UPDATE people SET on_long_list = 1 WHERE id = ?');
  const selectPnc = db.prepare<[pnc: string]>('SELECT 1 FROM people WHERE pnc = ?');
  const updates = new Map<string, Statement<[value: string | number, personId: number]>>();
  return {
    insertPeople(values) {
      insertMany.run(...values);
    },
    insertPersonAt(values, at) {
      insertOne.run(values[at]!, values[at + 1]!, values[at + 2]!, values[at + 3]!, values[at + 4]!, values[at + 5]!, values[at + 6]!);
    },
    setFieldFromRow(personId, column, value, rowNumber) {
      let update = updates.get(column);
      if (!update) {
        update = db.prepare(`UPDATE people SET ${listSetColumn(column)} = ? WHERE id = ?`);
        updates.set(column, update);
      }
      update.run(value, personId);
      insertSource.run(personId, column, String(value), importId, rowNumber);
    },
    putOnLongList(personId) {
      setLongList.run(personId);
    },
    pncHeld(pnc) {
      return selectPnc.get(pnc) !== undefined;
    },
  };
}
