import type { Database } from 'better-sqlite3-multiple-ciphers';

const HIGH_WATER_KEY = 'people_id_high_water';

/**
 * Marks every id given so far as used for good. Called before people are removed (a purge, or a
 * merge of two records into one): the audit trail names people only by their internal id, so an
 * id that once meant a removed person must never come to mean someone else.
 */
export function retirePersonIds(db: Database): void {
  db.prepare(
    `INSERT INTO workspace_meta (key, value) VALUES (?, CAST((SELECT COALESCE(MAX(id), 0) FROM people) AS TEXT))
     ON CONFLICT(key) DO UPDATE SET value = CAST(MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)`,
  ).run(HIGH_WATER_KEY);
}

/** The id for the next person created: above every id in use or ever retired. */
export function firstFreePersonId(db: Database): number {
  return db
    .prepare(`SELECT MAX(COALESCE((SELECT MAX(id) FROM people), 0), COALESCE((SELECT CAST(value AS INTEGER) FROM workspace_meta WHERE key = ?), 0)) + 1`)
    .pluck()
    .get(HIGH_WATER_KEY) as number;
}
