import type { Database } from 'better-sqlite3-multiple-ciphers';
import { existsSync, statSync } from 'node:fs';
import type { Compaction } from '../../shared/api/maintenanceCalls';
import { PurgeTargets, type MappedColumn, type PurgeIdentity } from '../../shared/purgeMatching';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { retirePersonIds } from '../workspace/rowIds';
import { deleteUnusedArrestTerms } from '../workspace/arrestTerms';

/** A column that holds a person's id, found from the schema. */
interface PersonColumn {
  table: string;
  column: string;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Every column that points at a person: foreign keys to `people` and any `person_id` column.
 * Read from the schema, not listed by hand, so tables added by later migrations (agency comments,
 * panel decisions…) are purged too without anyone remembering to add them here.
 */
export function personColumns(db: Database): PersonColumn[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'people' ORDER BY name").pluck().all() as string[];
  const found: PersonColumn[] = [];
  for (const table of tables) {
    const columns = new Set<string>();
    for (const fk of db.pragma(`foreign_key_list(${quoteIdentifier(table)})`) as Array<{ table: string; from: string }>) {
      if (fk.table === 'people') columns.add(fk.from);
    }
    for (const info of db.pragma(`table_info(${quoteIdentifier(table)})`) as Array<{ name: string }>) {
      if (info.name === 'person_id') columns.add(info.name);
    }
    for (const column of columns) found.push({ table, column });
  }
  return found;
}

/** Rows removed, by table. */
export type RemovedRows = Record<string, number>;

const IDS = 'SELECT value FROM json_each(?)';

/**
 * Removes people and everything derived from them, inside the caller's transaction:
 * - every row in any table that points at them (arrests, flags, field sources, notes, shortlist
 *   places, panel decisions, link reviews, and whatever later migrations add);
 * - the import rows that were theirs but were set aside (a "note" row whose DOB was unreadable has
 *   the same list and row number as the person's own fields);
 * - set-aside rows and queued link reviews that name them (see shared/purgeMatching.ts).
 * Foreign keys are checked at commit, so the order of the deletes does not matter; afterwards no
 * column anywhere may still hold one of the ids, or the whole transaction is undone.
 */
export function removePeople(db: Database, ids: readonly number[], options: { thisYear?: number; mentions?: boolean } = {}): RemovedRows {
  const removed: RemovedRows = {};
  if (!ids.length) return removed;
  if (!db.inTransaction) throw new Error('removePeople must run inside a transaction');
  const idJson = JSON.stringify(ids);
  const add = (table: string, n: number) => {
    if (n > 0) removed[table] = (removed[table] ?? 0) + n;
  };
  db.pragma('defer_foreign_keys = ON');

  const identities = db.prepare(`SELECT pnc, surname, forenames, dob FROM people WHERE id IN (${IDS})`).all(idJson) as PurgeIdentity[];
  const targets = new PurgeTargets(identities, options.thisYear);

  // Set-aside rows keyed to the people's own list rows.
  add(
    'rejected_rows',
    db
      .prepare(
        `DELETE FROM rejected_rows WHERE (import_id, row_number) IN (
           SELECT import_id, row_number FROM person_field_provenance WHERE person_id IN (${IDS})
           UNION SELECT import_id, row_number FROM arrests WHERE person_id IN (${IDS})
           UNION SELECT import_id, row_number FROM person_flags WHERE person_id IN (${IDS})
           UNION SELECT import_id, row_number FROM link_reviews WHERE person_id IN (${IDS}) AND status = 'linked')`,
      )
      .run(idJson, idJson, idJson, idJson).changes,
  );

  // Set-aside rows and queued reviews that name them. An undo of an import removes the people only
  // that import knew, not every other list's row that happens to share a name (mentions: false).
  if (!targets.empty && options.mentions !== false) {
    const mappings = new Map<number, MappedColumn[]>();
    for (const row of db.prepare('SELECT id, mapping FROM imports').all() as Array<{ id: number; mapping: string }>) {
      mappings.set(row.id, parseMapping(row.mapping));
    }
    const deleteRejected = db.prepare('DELETE FROM rejected_rows WHERE id = ?');
    const rejected: number[] = [];
    for (const row of db.prepare("SELECT id, import_id AS importId, raw FROM rejected_rows WHERE raw <> '[]'").iterate() as IterableIterator<{ id: number; importId: number; raw: string }>) {
      if (targets.matchesRawRow(parseCells(row.raw), mappings.get(row.importId) ?? [])) rejected.push(row.id);
    }
    for (const id of rejected) add('rejected_rows', deleteRejected.run(id).changes);
  }
  const deleteReview = db.prepare('DELETE FROM link_reviews WHERE id = ?');
  const reviews: number[] = [];
  const purged = new Set(ids);
  for (const row of db.prepare('SELECT id, person_id AS personId, record FROM link_reviews').iterate() as IterableIterator<{ id: number; personId: number | null; record: string }>) {
    const record = parseRecord(row.record);
    if ((row.personId !== null && purged.has(row.personId)) || (record.createdPersonId !== null && purged.has(record.createdPersonId)) || (options.mentions !== false && record.identity && targets.matchesIdentity(record.identity))) {
      reviews.push(row.id);
    }
  }
  for (const id of reviews) add('link_reviews', deleteReview.run(id).changes);

  const columns = personColumns(db);
  for (const { table, column } of columns) {
    add(table, db.prepare(`DELETE FROM ${quoteIdentifier(table)} WHERE ${quoteIdentifier(column)} IN (${IDS})`).run(idJson).changes);
  }
  retirePersonIds(db);
  add('people', db.prepare(`DELETE FROM people WHERE id IN (${IDS})`).run(idJson).changes);
  add('arrest_terms', deleteUnusedArrestTerms(db));

  for (const { table, column } of columns) {
    const left = db.prepare(`SELECT COUNT(*) FROM ${quoteIdentifier(table)} WHERE ${quoteIdentifier(column)} IN (${IDS})`).pluck().get(idJson) as number;
    if (left) throw new WorkspaceError('internal', 'The purge could not remove every row about the person, so it was rolled back and nothing was changed. Try again; if it happens again, give IT support the person’s id (shown on their page), not their name.');
  }
  return removed;
}

function parseMapping(text: string): MappedColumn[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? (value as MappedColumn[]).filter((m) => typeof m?.column === 'number') : [];
  } catch {
    return [];
  }
}

function parseCells(text: string): string[] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.map((c) => (typeof c === 'string' ? c : c === null || c === undefined ? '' : String(c))) : [];
  } catch {
    return [text];
  }
}

function parseRecord(text: string): { createdPersonId: number | null; identity: PurgeIdentity | null } {
  try {
    const value = JSON.parse(text) as { createdPersonId?: unknown; identity?: Partial<PurgeIdentity> };
    const identity = value.identity
      ? { pnc: value.identity.pnc ?? null, surname: value.identity.surname ?? null, forenames: value.identity.forenames ?? null, dob: value.identity.dob ?? null }
      : null;
    return { createdPersonId: typeof value.createdPersonId === 'number' ? value.createdPersonId : null, identity };
  } catch {
    return { createdPersonId: null, identity: null };
  }
}

function fileBytes(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

export function workspaceBytes(path: string): number {
  return fileBytes(path) + fileBytes(`${path}-wal`);
}

function isBusy(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : null;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** Runs a removal; if another connection (an import worker) holds the write lock past the busy timeout, says so plainly. */
export function refuseWhileBusy<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isBusy(error)) throw new WorkspaceError('conflict', 'Another task (an import) is writing to the workspace; nothing was removed. Try again when it has finished.');
    throw error;
  }
}

/**
 * Makes deleted rows gone from the file, not just unlinked. SQLite3 Multiple Ciphers turns on
 * `secure_delete` for keyed connections, so a delete already zeroes the cells in the current pages;
 * but the write-ahead log keeps the earlier versions of those pages until a checkpoint, and freed
 * pages stay in the file. VACUUM rebuilds the file without them (its temporary database gets the
 * workspace key), and the TRUNCATE checkpoint then empties the log.
 * If another connection (an import) holds the file, the deletion stands and this reports that the
 * file was not compacted; running it again later finishes the job.
 */
export function compactWorkspace(workspace: OpenWorkspace): Compaction {
  const { db, path } = workspace;
  const bytesBefore = workspaceBytes(path);
  try {
    db.exec('VACUUM');
  } catch (error) {
    if (isBusy(error)) return { compacted: false, walCleared: false, bytesBefore, bytesAfter: workspaceBytes(path) };
    throw error;
  }
  const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
  const walCleared = checkpoint !== undefined && checkpoint.busy === 0 && fileBytes(`${path}-wal`) === 0;
  return { compacted: true, walCleared, bytesBefore, bytesAfter: workspaceBytes(path) };
}
