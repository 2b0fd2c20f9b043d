import type { Database } from 'better-sqlite3-multiple-ciphers';
import { existsSync, statSync } from 'node:fs';
import type { Compaction } from '../../shared/maintenance/maintenanceSchemas';
import { PurgeTargets, type MappedColumn, type PurgeIdentity } from '../../shared/maintenance/purgeMatching';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { retirePersonIds } from '../workspace/rowIds';
import { deleteUnusedArrestTerms } from '../workspace/arrestTerms';
import { PERSON_TABLES, personColumnsInSchema } from '../data/personTables';
import { everyImportMapping } from '../data/imports';
import {
  checkpointAndTruncateLog,
  countRowsNamingPeopleBy,
  deferForeignKeysToCommit,
  deleteLinkReview,
  deletePeopleRows,
  deleteRowsNamingPeopleBy,
  deleteSetAsideRow,
  deleteSetAsideRowsOfPeoplesRows,
  everyLinkReview,
  identitiesOfPeople,
  setAsideRowsWithCells,
  vacuumWorkspace,
} from '../data/maintenance';

/** Rows removed, by table. */
type RemovedRows = Record<string, number>;

/**
 * Removes people and everything derived from them, inside the caller's transaction:
 * - every row in every table that names them, as electron/data/personTables.ts declares (arrests,
 *   flags, field sources, notes, shortlist places, panel decisions, link reviews…);
 * - the import rows that were theirs but were set aside (a "note" row whose DOB was unreadable has
 *   the same list and row number as the person's own fields);
 * - set-aside rows and queued link reviews that name them (see shared/maintenance/purgeMatching.ts).
 * Foreign keys are checked at commit, so the order of the deletes does not matter; afterwards no
 * column anywhere may still hold one of the ids, or the whole transaction is undone.
 */
export function removePeople(db: Database, ids: readonly number[], options: { thisYear?: number; mentions?: boolean } = {}): RemovedRows {
  const removed: RemovedRows = {};
  if (!ids.length) return removed;
  if (!db.inTransaction) throw new Error('removePeople must run inside a transaction');
  const add = (table: string, n: number) => {
    if (n > 0) removed[table] = (removed[table] ?? 0) + n;
  };
  deferForeignKeysToCommit(db);

  const identities: PurgeIdentity[] = identitiesOfPeople(db, ids);
  const targets = new PurgeTargets(identities, options.thisYear);

  // Set-aside rows keyed to the people's own list rows.
  add('rejected_rows', deleteSetAsideRowsOfPeoplesRows(db, ids));

  // Set-aside rows and queued reviews that name them. An undo of an import removes the people only
  // that import knew, not every other list's row that happens to share a name (mentions: false).
  if (!targets.empty && options.mentions !== false) {
    const mappings = new Map<number, MappedColumn[]>();
    for (const row of everyImportMapping(db)) {
      mappings.set(row.id, parseMapping(row.mapping));
    }
    const rejected: number[] = [];
    for (const row of setAsideRowsWithCells(db)) {
      if (targets.matchesRawRow(parseCells(row.raw), mappings.get(row.importId) ?? [])) rejected.push(row.id);
    }
    for (const id of rejected) add('rejected_rows', deleteSetAsideRow(db, id));
  }
  const reviews: number[] = [];
  const purged = new Set(ids);
  for (const row of everyLinkReview(db)) {
    const record = parseRecord(row.record);
    if ((row.personId !== null && purged.has(row.personId)) || (record.createdPersonId !== null && purged.has(record.createdPersonId)) || (options.mentions !== false && record.identity && targets.matchesIdentity(record.identity))) {
      reviews.push(row.id);
    }
  }
  for (const id of reviews) add('link_reviews', deleteLinkReview(db, id));

  for (const personTable of PERSON_TABLES) add(personTable.table, deleteRowsNamingPeopleBy(db, personTable, ids));
  retirePersonIds(db);
  add('people', deletePeopleRows(db, ids));
  add('arrest_terms', deleteUnusedArrestTerms(db));

  // Checked against the schema, not the declaration: a table naming a person that personTables.ts
  // does not declare stops the purge rather than keep the person there.
  for (const column of personColumnsInSchema(db)) {
    const left = countRowsNamingPeopleBy(db, column, ids);
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
    vacuumWorkspace(db);
  } catch (error) {
    if (isBusy(error)) return { compacted: false, walCleared: false, bytesBefore, bytesAfter: workspaceBytes(path) };
    throw error;
  }
  const checkpoint = checkpointAndTruncateLog(db);
  const walCleared = checkpoint !== undefined && checkpoint.busy === 0 && fileBytes(`${path}-wal`) === 0;
  return { compacted: true, walCleared, bytesBefore, bytesAfter: workspaceBytes(path) };
}
