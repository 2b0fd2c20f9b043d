import type { Database } from 'better-sqlite3-multiple-ciphers';

const LAST_ID_KEY = 'arrests_last_id';

/**
 * The highest arrest id ever given. Arrests are stored without a rowid (migration 011), so their
 * ids come from this counter; read in one lookup where `MAX(id)` would scan every arrest.
 */
export function lastArrestId(db: Database): number {
  const value = db.prepare('SELECT value FROM workspace_meta WHERE key = ?').pluck().get(LAST_ID_KEY) as string | undefined;
  return value === undefined ? 0 : Number(value);
}

/** Records that ids up to `id` are given; never moves the counter back. */
export function recordLastArrestId(db: Database, id: number): void {
  db.prepare(
    `INSERT INTO workspace_meta (key, value) VALUES (?, CAST(? AS TEXT))
     ON CONFLICT(key) DO UPDATE SET value = CAST(MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)`,
  ).run(LAST_ID_KEY, id);
}
