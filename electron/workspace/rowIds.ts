import type { Database } from 'better-sqlite3-multiple-ciphers';
import { highestPersonId } from '../data/people';
import { raiseWorkspaceCounter, workspaceMetaValue } from '../data/settings';

/**
 * Ids the app gives itself rather than leaving to SQLite, each kept as a number in `workspace_meta`
 * that only ever rises.
 */
const PEOPLE_HIGH_WATER = 'people_id_high_water';
const ARRESTS_LAST_ID = 'arrests_last_id';

function readCounter(db: Database, key: string): number {
  const value = workspaceMetaValue(db, key);
  return value === undefined ? 0 : Number(value);
}

const raiseCounter = raiseWorkspaceCounter;

/**
 * Marks every person id given so far as used for good. Called before people are removed (a purge,
 * or a merge of two records into one): the audit trail names people only by their internal id, so
 * an id that once meant a removed person must never come to mean someone else.
 */
export function retirePersonIds(db: Database): void {
  raiseCounter(db, PEOPLE_HIGH_WATER, highestPersonId(db));
}

/** The id for the next person created: above every id in use or ever retired. */
export function firstFreePersonId(db: Database): number {
  return Math.max(highestPersonId(db), readCounter(db, PEOPLE_HIGH_WATER)) + 1;
}

/**
 * The highest arrest id ever given. Arrests are stored without a rowid (migration 011), so their
 * ids come from this counter; read in one lookup where `MAX(id)` would scan every arrest.
 */
export function lastArrestId(db: Database): number {
  return readCounter(db, ARRESTS_LAST_ID);
}

/** Records that arrest ids up to `id` are given; never moves the counter back. */
export function recordLastArrestId(db: Database, id: number): void {
  raiseCounter(db, ARRESTS_LAST_ID, id);
}
