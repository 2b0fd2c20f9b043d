import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ImportRemoval } from '../../shared/api/importCalls';
export { describeRemoval } from '../../shared/importRemoval';
import { isImportKindId } from '../../shared/domain/importKinds';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { appendAudit } from '../workspace/auditLog';
import { deleteUnusedArrestTerms } from '../workspace/arrestTerms';
import { refuseWhileBusy, removePeople } from '../retention/personRemoval';
import { invalidateAnalysisModel } from '../analysis/analysisModelLoader';

/** People named in a preview; the counts cover everyone. */
const SAMPLE_PEOPLE = 50;

/**
 * Person columns an import sets through `person_field_sources`, with what a column holds when no
 * list gives it a value any more. Field names read from the table are checked against this list
 * before they are put into a statement.
 */
const RESTORABLE_COLUMNS: ReadonlyMap<string, string | null> = new Map([
  ['pnc', null], ['surname', null], ['forenames', null], ['dob', null],
  ['address', null], ['borough', null], ['address_date', null], ['approx_age', null], ['gender', null], ['ethnicity', null], ['ref', null],
  ['stated_arrests_two_years', null], ['stated_arrests_last10', null], ['stated_arrests_last22', null],
  ['pins_result', null], ['custody', 'unknown'], ['ogrs_score', null], ['cohort_start_date', null], ['statutory', null],
]);

/**
 * Tables of the analyst's and the panel's own work. A person an import created stays when any of
 * them names the person: undoing a list must not silently take a panel decision or a note with it.
 */
const WORK_TABLES = ['person_notes', 'shortlist_members', 'panel_session_people', 'panel_decisions', 'agency_comments', 'cohort_membership'] as const;

interface ImportRow {
  id: number;
  kind: string;
  fileName: string;
  importedAt: string;
  undoneAt: string | null;
  supersedes: number | null;
}

export function flagCounts(db: Database): Map<string, number> {
  const rows = db.prepare('SELECT flag, COUNT(DISTINCT person_id) AS n FROM person_flags WHERE active = 1 GROUP BY flag').all() as Array<{ flag: string; n: number }>;
  return new Map(rows.map((r) => [r.flag, r.n]));
}

function displayName(forenames: string | null, surname: string | null): string {
  return [forenames, surname].filter((part) => part).join(' ') || '(no name)';
}

/**
 * Takes one import's data out of the workspace, inside the caller's transaction: its arrests,
 * flags, set-aside rows and link reviews (a decided "link" included, whose rows carry the import's
 * id wherever the merge put them); the values it set on people, each column going back to the
 * newest value another list gave it, or empty; its long-list entries; and the people it created
 * that nothing else names. Flags an old-style newer version of the list had retired come back.
 * The import's record stays, marked undone, with its hash freed for a fresh import of the file.
 */
export interface ReplacementStart {
  /** People per flag before the replacing import began. */
  flagsBefore: Map<string, number>;
  /** The replaced import's arrests, taken out before the new file's rows went in. */
  arrestsRemoved: number;
}

/**
 * The first half of a replacement, before the new file's rows go in: the old list's arrests
 * leave first, so an arrest both lists hold is written again under the new import (arrests are
 * kept once per person, date and offence) rather than skipped as known and then removed with the
 * old list.
 */
export function startReplacement(db: Database, importId: number): ReplacementStart {
  const flagsBefore = flagCounts(db);
  return { flagsBefore, arrestsRemoved: db.prepare('DELETE FROM arrests WHERE import_id = ?').run(importId).changes };
}

export function removeImportData(db: Database, importId: number, actor: string, now: string, replacement?: ReplacementStart): ImportRemoval {
  if (!db.inTransaction) throw new Error('removeImportData must run inside a transaction');
  const record = db
    .prepare('SELECT id, kind, file_name AS fileName, imported_at AS importedAt, undone_at AS undoneAt, supersedes_import_id AS supersedes FROM imports WHERE id = ?')
    .get(importId) as ImportRow | undefined;
  if (!record) throw new WorkspaceError('not_found', `There is no import ${importId} in this workspace.`);
  if (record.undoneAt !== null) throw new WorkspaceError('conflict', `Import ${importId} was already undone (${record.undoneAt}); nothing was changed.`);
  if (!isImportKindId(record.kind)) throw new WorkspaceError('internal', `Import ${importId} is of a kind this version of the app does not know, so nothing was changed. Update the app to undo it.`);
  const flagsBefore = replacement?.flagsBefore ?? flagCounts(db);
  const one = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;

  // People the import created that no other list, no link decision and no piece of work names.
  const elsewhere = [
    'SELECT 1 FROM person_field_sources s WHERE s.person_id = p.id AND s.import_id <> @id',
    'SELECT 1 FROM person_flags f WHERE f.person_id = p.id AND f.import_id <> @id',
    'SELECT 1 FROM arrests a WHERE a.person_id = p.id AND a.import_id <> @id',
    'SELECT 1 FROM long_list_entries e WHERE e.person_id = p.id AND e.import_id <> @id',
    'SELECT 1 FROM link_reviews r WHERE r.person_id = p.id AND r.import_id <> @id',
    ...WORK_TABLES.map((table) => `SELECT 1 FROM ${table} w WHERE w.person_id = p.id`),
  ];
  const created = db.prepare('SELECT COUNT(*) FROM people WHERE created_import_id = ?').pluck().get(importId) as number;
  const goners = db
    .prepare(`SELECT p.id, p.forenames, p.surname, p.pnc FROM people p WHERE p.created_import_id = @id ${elsewhere.map((q) => `AND NOT EXISTS (${q})`).join(' ')} ORDER BY p.id`)
    .all({ id: importId }) as Array<{ id: number; forenames: string | null; surname: string | null; pnc: string | null }>;
  const goneIds = new Set(goners.map((p) => p.id));

  const arrestsRemoved = db.prepare('DELETE FROM arrests WHERE import_id = ?').run(importId).changes + (replacement?.arrestsRemoved ?? 0);
  const flagsRemoved = db.prepare('DELETE FROM person_flags WHERE import_id = ?').run(importId).changes;
  db.prepare('UPDATE person_flags SET active = 1, superseded_by_import_id = NULL WHERE superseded_by_import_id = ?').run(importId);

  // Values it set on people who stay: each column back to what the newest remaining list gave.
  const sources = db.prepare('SELECT person_id AS personId, field FROM person_field_sources WHERE import_id = ?').all(importId) as Array<{ personId: number; field: string }>;
  db.prepare('DELETE FROM person_field_sources WHERE import_id = ?').run(importId);
  const latest = db.prepare('SELECT value FROM person_field_sources WHERE person_id = ? AND field = ? ORDER BY import_id DESC LIMIT 1').pluck();
  let valuesRemoved = 0;
  for (const { personId, field } of sources) {
    if (goneIds.has(personId)) continue;
    if (!RESTORABLE_COLUMNS.has(field)) throw new WorkspaceError('internal', 'An import set a value the undo does not know how to take back; nothing was changed.');
    const value = (latest.get(personId, field) as string | undefined) ?? RESTORABLE_COLUMNS.get(field) ?? null;
    db.prepare(`UPDATE people SET ${field} = ? WHERE id = ?`).run(value, personId);
    valuesRemoved += 1;
  }

  // The long list: whoever no remaining candidate list names leaves it.
  const longListed = db.prepare('SELECT person_id FROM long_list_entries WHERE import_id = ?').pluck().all(importId) as number[];
  db.prepare('DELETE FROM long_list_entries WHERE import_id = ?').run(importId);
  const stillListed = db.prepare('SELECT 1 FROM long_list_entries e JOIN imports i ON i.id = e.import_id WHERE e.person_id = ? AND i.undone_at IS NULL');
  const leaveLongList = db.prepare('UPDATE people SET on_long_list = 0 WHERE id = ? AND on_long_list = 1');
  let peopleLeavingLongList = 0;
  for (const personId of longListed) {
    if (goneIds.has(personId) || stillListed.get(personId)) continue;
    peopleLeavingLongList += leaveLongList.run(personId).changes;
  }

  const reviewsPending = one("SELECT COUNT(*) FROM link_reviews WHERE import_id = ? AND status = 'pending'", importId);
  const linkDecisionsUndone = one("SELECT COUNT(*) FROM link_reviews WHERE import_id = ? AND status <> 'pending'", importId);
  db.prepare('DELETE FROM link_reviews WHERE import_id = ?').run(importId);
  const rowsSetAsideRemoved = db.prepare('DELETE FROM rejected_rows WHERE import_id = ?').run(importId).changes;

  if (goners.length) removePeople(db, goners.map((p) => p.id), { mentions: false });
  deleteUnusedArrestTerms(db);
  db.prepare("UPDATE imports SET undone_at = ?, undone_by = ?, sha256 = 'undone/' || id || '/' || sha256 WHERE id = ?").run(now, actor, importId);

  const flagsAfter = flagCounts(db);
  const flagChanges = [...new Set([...flagsBefore.keys(), ...flagsAfter.keys()])]
    .sort()
    .map((flag) => ({ flag, before: flagsBefore.get(flag) ?? 0, after: flagsAfter.get(flag) ?? 0 }))
    .filter((c) => c.before !== c.after);
  return {
    importId,
    kind: record.kind,
    fileName: record.fileName,
    importedAt: record.importedAt,
    peopleRemoved: goners.length,
    peopleRemovedSample: goners.slice(0, SAMPLE_PEOPLE).map((p) => ({ personId: p.id, name: displayName(p.forenames, p.surname), pnc: p.pnc })),
    peopleKept: created - goners.length,
    arrestsRemoved,
    flagsRemoved,
    flagChanges,
    valuesRemoved,
    peopleLeavingLongList,
    reviewsPending,
    linkDecisionsUndone,
    rowsSetAsideRemoved,
    replacedImportId: record.supersedes,
  };
}

/** What {@link undoImport} would remove, worked out by doing it and rolling back: exact by construction. */
export function previewImportUndo(workspace: OpenWorkspace, importId: number, actor: string): ImportRemoval {
  const { db } = workspace;
  return refuseWhileBusy(() => {
    db.exec('BEGIN IMMEDIATE');
    try {
      return removeImportData(db, importId, actor, new Date().toISOString());
    } finally {
      db.exec('ROLLBACK');
    }
  });
}

export interface UndoExpectation {
  peopleRemoved: number;
  arrestsRemoved: number;
  flagsRemoved: number;
}

/**
 * Undoes one import in one transaction with its audit entry. With `expect` (the preview's counts),
 * refuses and changes nothing if the workspace moved on since the preview was shown.
 */
export function undoImport(workspace: OpenWorkspace, importId: number, actor: string, expect?: UndoExpectation): ImportRemoval {
  const { db } = workspace;
  const now = new Date().toISOString();
  const removal = refuseWhileBusy(() =>
    db.transaction(() => {
      const removed = removeImportData(db, importId, actor, now);
      if (expect && (expect.peopleRemoved !== removed.peopleRemoved || expect.arrestsRemoved !== removed.arrestsRemoved || expect.flagsRemoved !== removed.flagsRemoved)) {
        throw new WorkspaceError('conflict', 'What this undo would remove has changed since the preview (another import or a link decision); nothing was changed. Look at the preview again.');
      }
      appendAudit(db, {
        actor,
        action: 'import.undo',
        entity: 'import',
        entityId: importId,
        detail: auditDetail(removed),
      }, now);
      return removed;
    }).immediate(),
  );
  // Flags and long-list places are read into the analysis model, and an undo of a flag list
  // removes no person or arrest, which is all the model's own fingerprint would notice.
  invalidateAnalysisModel(workspace);
  return removal;
}

/** Counts and internal ids only, as every audit entry. */
export function auditDetail(removal: ImportRemoval): Record<string, unknown> {
  return {
    kind: removal.kind,
    peopleRemoved: removal.peopleRemoved,
    peopleKept: removal.peopleKept,
    arrestsRemoved: removal.arrestsRemoved,
    flagsRemoved: removal.flagsRemoved,
    valuesRemoved: removal.valuesRemoved,
    reviewsPending: removal.reviewsPending,
    linkDecisionsUndone: removal.linkDecisionsUndone,
    rowsSetAsideRemoved: removal.rowsSetAsideRemoved,
  };
}
