import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WorkspaceError } from '../workspace/workspaceErrors';

/**
 * What a link decision changed, saved with the decision so it can be taken back exactly.
 *
 * A decision touches the person the row was compared with and, when the row had created a person
 * of its own, merges that person in and removes it (see mergePeople). Rather than reverse each of
 * those steps, the rows of both people in every table that names a person are saved before the
 * decision, and an undo puts them back. So that nothing done since is lost, the kept person's rows
 * are fingerprinted after the decision: if a later import, decision, note or panel step changed
 * them, the undo is refused and says so.
 *
 * The snapshot lives in the decided review's own `record` (which already holds the row's personal
 * data): it goes wherever the review goes, so a purge of the person or an undo of the import
 * removes it with the rest.
 */
export interface DecisionSnapshot {
  personIds: number[];
  people: Row[];
  /** Rows naming the people, per table (link_reviews apart, see {@link ReviewState}). */
  tables: Record<string, Row[]>;
  reviews: ReviewState[];
  /** The row's set-aside entries (unmatched, rejected) in its import. */
  setAside: Row[];
  /** What the decision added to its import's counts (negative where it took away). */
  importCountsAdded: ImportCounts;
  /** Of the people's rows after the decision, the decided review left out. */
  fingerprint: string;
}

type Cell = string | number | null | { base64: string };
type Row = Record<string, Cell>;

/** Only the columns a decision changes: a review's `record` may hold an earlier decision's snapshot. */
interface ReviewState {
  id: number;
  person_id: number | null;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
}

interface ImportCounts {
  rows_linked: number;
  rows_imported: number;
  rows_unmatched: number;
}

const SKIPPED_TABLES: ReadonlySet<string> = new Set(['people', 'link_reviews']);

/** Every table with a person_id column: the people's rows an undo must put back. */
function personTables(db: Database): string[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return tables.filter((t) => !SKIPPED_TABLES.has(t) && (db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = 'person_id'`).get(t) !== undefined));
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function toCell(value: unknown): Cell {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value)) return { base64: value.toString('base64') };
  throw new WorkspaceError('internal', 'A value of an unexpected kind was found while saving the decision; nothing was changed.');
}

function fromCell(cell: Cell): unknown {
  return cell !== null && typeof cell === 'object' ? Buffer.from(cell.base64, 'base64') : cell;
}

function readRows(db: Database, sql: string, params: unknown[]): Row[] {
  return (db.prepare(sql).all(...params) as Array<Record<string, unknown>>).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toCell(v)])));
}

function placeholders(ids: readonly number[]): string {
  return ids.map(() => '?').join(', ');
}

interface PersonState {
  people: Row[];
  tables: Record<string, Row[]>;
  reviews: ReviewState[];
}

function readPersonState(db: Database, personIds: readonly number[]): PersonState {
  const marks = placeholders(personIds);
  const tables: Record<string, Row[]> = {};
  for (const table of personTables(db)) tables[table] = readRows(db, `SELECT * FROM ${quoteIdentifier(table)} WHERE person_id IN (${marks})`, [...personIds]);
  return {
    people: readRows(db, `SELECT * FROM people WHERE id IN (${marks}) ORDER BY id`, [...personIds]),
    tables,
    reviews: db.prepare(`SELECT id, person_id, status, decided_by, decided_at FROM link_reviews WHERE person_id IN (${marks}) ORDER BY id`).all(...personIds) as ReviewState[],
  };
}

/** Order-free: rows are compared as a sorted list of their JSON. */
function fingerprintOf(state: PersonState, leaveOutReview: number): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(state.people));
  for (const [table, rows] of Object.entries(state.tables).sort(([a], [b]) => a.localeCompare(b))) {
    hash.update(`\n${table}\n`);
    hash.update(JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()));
  }
  hash.update(JSON.stringify(state.reviews.filter((r) => r.id !== leaveOutReview)));
  return hash.digest('hex');
}

function readCounts(db: Database, importId: number): ImportCounts {
  return db.prepare('SELECT rows_linked, rows_imported, rows_unmatched FROM imports WHERE id = ?').get(importId) as ImportCounts;
}

export interface DecisionScope {
  reviewId: number;
  importId: number;
  rowNumber: number;
  personIds: number[];
}

type UnsealedSnapshot = Omit<DecisionSnapshot, 'fingerprint' | 'importCountsAdded'> & { importId: number; importCounts: ImportCounts };

/** Saves what the decision may change; call {@link sealSnapshot} once it is made. */
export function snapshotBeforeDecision(db: Database, scope: DecisionScope): UnsealedSnapshot {
  const state = readPersonState(db, scope.personIds);
  return {
    personIds: scope.personIds,
    ...state,
    setAside: readRows(db, 'SELECT * FROM rejected_rows WHERE import_id = ? AND row_number = ? ORDER BY id', [scope.importId, scope.rowNumber]),
    importId: scope.importId,
    importCounts: readCounts(db, scope.importId),
  };
}

export function sealSnapshot(db: Database, before: UnsealedSnapshot, reviewId: number): DecisionSnapshot {
  const { importId, importCounts, ...saved } = before;
  const counts = readCounts(db, importId);
  return {
    ...saved,
    importCountsAdded: {
      rows_linked: counts.rows_linked - importCounts.rows_linked,
      rows_imported: counts.rows_imported - importCounts.rows_imported,
      rows_unmatched: counts.rows_unmatched - importCounts.rows_unmatched,
    },
    fingerprint: fingerprintOf(readPersonState(db, before.personIds), reviewId),
  };
}

function insertRows(db: Database, table: string, rows: readonly Row[]): void {
  for (const row of rows) {
    const columns = Object.keys(row);
    db.prepare(`INSERT INTO ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) VALUES (${placeholders(columns.map(() => 0))})`).run(...columns.map((c) => fromCell(row[c] ?? null)));
  }
}

/**
 * Puts the people's rows back as they were before the decision, inside the caller's transaction,
 * and the import's counts back by what the decision added. Refused when the people changed since.
 */
export function restoreBeforeDecision(db: Database, snapshot: DecisionSnapshot, scope: Omit<DecisionScope, 'personIds'>): void {
  if (!db.inTransaction) throw new Error('restoreBeforeDecision must run inside a transaction');
  const now = readPersonState(db, snapshot.personIds);
  if (fingerprintOf(now, scope.reviewId) !== snapshot.fingerprint) {
    throw new WorkspaceError(
      'conflict',
      'The person has changed since this decision (a later import, link decision, note or panel step), so undoing it would lose that work; nothing was changed. Undo the later change first.',
    );
  }
  const ids = snapshot.personIds;
  const marks = placeholders(ids);
  for (const table of Object.keys(now.tables)) db.prepare(`DELETE FROM ${quoteIdentifier(table)} WHERE person_id IN (${marks})`).run(...ids);
  for (const person of snapshot.people) {
    const columns = Object.keys(person).filter((c) => c !== 'id');
    const exists = db.prepare('SELECT 1 FROM people WHERE id = ?').get(person.id);
    if (exists) db.prepare(`UPDATE people SET ${columns.map((c) => `${quoteIdentifier(c)} = ?`).join(', ')} WHERE id = ?`).run(...columns.map((c) => fromCell(person[c] ?? null)), person.id);
    else insertRows(db, 'people', [person]);
  }
  for (const [table, rows] of Object.entries(snapshot.tables)) insertRows(db, table, rows);
  const setReview = db.prepare('UPDATE link_reviews SET person_id = ?, status = ?, decided_by = ?, decided_at = ? WHERE id = ?');
  for (const review of snapshot.reviews) setReview.run(review.person_id, review.status, review.decided_by, review.decided_at, review.id);
  db.prepare('DELETE FROM rejected_rows WHERE import_id = ? AND row_number = ?').run(scope.importId, scope.rowNumber);
  insertRows(db, 'rejected_rows', snapshot.setAside);
  // By the decision's own difference: another decision on the same import since then keeps its counts.
  const added = snapshot.importCountsAdded;
  db.prepare('UPDATE imports SET rows_linked = rows_linked - ?, rows_imported = rows_imported - ?, rows_unmatched = rows_unmatched - ? WHERE id = ?').run(
    added.rows_linked, added.rows_imported, added.rows_unmatched, scope.importId,
  );
}
