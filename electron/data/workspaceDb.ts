import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';

/**
 * The one door to a workspace's tables. Every SQL statement of the app (migrations aside) lives in
 * this folder, one module per table group, so a reader finds what touches a table in one place and
 * a change of schema is made once. Callers pass the open connection and get typed rows back.
 */
export type WorkspaceDb = Database;

const statementCaches = new WeakMap<Database, Map<string, Statement>>();

/**
 * A prepared statement for this connection, prepared once, in plain-row mode: the data modules are called in loops
 * (a panel session, an import's batches), and preparing the same text again each call costs more
 * than running it.
 */
export function cachedStatement(db: WorkspaceDb, sql: string): Statement {
  let cache = statementCaches.get(db);
  if (!cache) {
    cache = new Map();
    statementCaches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  } else if (statement.reader) {
    // Two callers may share one text, one plucking and one not: `.pluck()` and `.raw()` change the
    // shared statement, so each fetch starts from plain rows and the caller sets its own mode.
    statement.pluck(false).raw(false).expand(false);
  }
  return statement;
}

/** Runs an INSERT through {@link cachedStatement}; the new row's id. */
export function insertedId(db: WorkspaceDb, sql: string, ...params: unknown[]): number {
  return Number(cachedStatement(db, sql).run(...params).lastInsertRowid);
}
