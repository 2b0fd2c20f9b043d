import { createHash } from 'node:crypto';
import { WorkspaceError } from '../workspace/workspaceErrors';
import type { WorkspaceDb } from '../data/workspaceDb';
import {
  deleteRowsNamingPeople,
  deleteSetAsideRowsOfRow,
  importRowCounts,
  insertStoredRows,
  peopleRows,
  restorePersonRow,
  restoreReviewState,
  reviewStatesNamingPeople,
  rowsNamingPeople,
  setAsideRowsOfRow,
  snapshotTables,
  subtractImportRowCounts,
  type ImportRowCounts,
  type ReviewDecisionState,
  type StoredRow,
} from '../data/links';

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

type ReviewState = ReviewDecisionState;
type ImportCounts = ImportRowCounts;

function toCell(value: unknown): Cell {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value)) return { base64: value.toString('base64') };
  throw new WorkspaceError('internal', 'A value of an unexpected kind was found while saving the decision; nothing was changed.');
}

function fromCell(cell: Cell): unknown {
  return cell !== null && typeof cell === 'object' ? Buffer.from(cell.base64, 'base64') : cell;
}

function toRows(rows: readonly StoredRow[]): Row[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toCell(v)])));
}

function fromRow(row: Row): StoredRow {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, fromCell(v)]));
}

interface PersonState {
  people: Row[];
  tables: Record<string, Row[]>;
  reviews: ReviewState[];
}

function readPersonState(db: WorkspaceDb, personIds: readonly number[]): PersonState {
  const tables: Record<string, Row[]> = {};
  for (const table of snapshotTables()) tables[table] = toRows(rowsNamingPeople(db, table, personIds));
  return {
    people: toRows(peopleRows(db, personIds)),
    tables,
    reviews: reviewStatesNamingPeople(db, personIds),
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

interface DecisionScope {
  reviewId: number;
  importId: number;
  rowNumber: number;
  personIds: number[];
}

type UnsealedSnapshot = Omit<DecisionSnapshot, 'fingerprint' | 'importCountsAdded'> & { importId: number; importCounts: ImportCounts };

/** Saves what the decision may change; call {@link sealSnapshot} once it is made. */
export function snapshotBeforeDecision(db: WorkspaceDb, scope: DecisionScope): UnsealedSnapshot {
  const state = readPersonState(db, scope.personIds);
  return {
    personIds: scope.personIds,
    ...state,
    setAside: toRows(setAsideRowsOfRow(db, scope.importId, scope.rowNumber)),
    importId: scope.importId,
    importCounts: importRowCounts(db, scope.importId),
  };
}

export function sealSnapshot(db: WorkspaceDb, before: UnsealedSnapshot, reviewId: number): DecisionSnapshot {
  const { importId, importCounts, ...saved } = before;
  const counts = importRowCounts(db, importId);
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

/**
 * Puts the people's rows back as they were before the decision, inside the caller's transaction,
 * and the import's counts back by what the decision added. Refused when the people changed since.
 */
export function restoreBeforeDecision(db: WorkspaceDb, snapshot: DecisionSnapshot, scope: Omit<DecisionScope, 'personIds'>): void {
  if (!db.inTransaction) throw new Error('restoreBeforeDecision must run inside a transaction');
  const now = readPersonState(db, snapshot.personIds);
  if (fingerprintOf(now, scope.reviewId) !== snapshot.fingerprint) {
    throw new WorkspaceError(
      'conflict',
      'The person has changed since this decision (a later import, link decision, note or panel step), so undoing it would lose that work; nothing was changed. Undo the later change first.',
    );
  }
  const ids = snapshot.personIds;
  for (const table of Object.keys(now.tables)) deleteRowsNamingPeople(db, table, ids);
  for (const person of snapshot.people) restorePersonRow(db, fromRow(person));
  for (const [table, rows] of Object.entries(snapshot.tables)) insertStoredRows(db, table, rows.map(fromRow));
  for (const review of snapshot.reviews) restoreReviewState(db, review);
  deleteSetAsideRowsOfRow(db, scope.importId, scope.rowNumber);
  insertStoredRows(db, 'rejected_rows', snapshot.setAside.map(fromRow));
  // By the decision's own difference: another decision on the same import since then keeps its counts.
  subtractImportRowCounts(db, scope.importId, snapshot.importCountsAdded);
}
