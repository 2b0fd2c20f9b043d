import type { ImportRemoval } from '../../shared/import/importSchemas';
export { describeRemoval } from '../../shared/import/importRemoval';
import { isImportKindId } from '../../shared/domain/importKinds';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { appendAudit } from '../workspace/auditLog';
import { deleteUnusedArrestTerms } from '../workspace/arrestTerms';
import { refuseWhileBusy, removePeople } from '../maintenance/personRemoval';
import { invalidateAnalysisModel } from '../analysis/analysisModelLoader';
import type { WorkspaceDb } from '../data/workspaceDb';
import { deleteArrestsOfImport } from '../data/arrests';
import { deleteFlagsOfImport, peoplePerActiveFlag, reactivateFlagsRetiredBy } from '../data/lists';
import { deleteLinkReviewsOfImport, reviewCountsOfImport } from '../data/links';
import { setPersonColumns } from '../data/people';
import {
  deleteSetAsideRowsOfImport,
  importRecord,
  inRolledBackTransaction,
  leaveLongList,
  markImportUndone,
  newestListValue,
  peopleCreatedByImport,
  peopleOnlyThisImportNames,
  stillOnALongList,
  takeFieldSourcesOfImport,
  takeLongListEntriesOfImport,
} from '../data/imports';
import { emptyValueOf, LIST_SET_COLUMNS } from './personFieldRule';

/** People named in a preview; the counts cover everyone. */
const SAMPLE_PEOPLE = 50;

function flagCounts(db: WorkspaceDb): Map<string, number> {
  return peoplePerActiveFlag(db);
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
interface ReplacementStart {
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
export function startReplacement(db: WorkspaceDb, importId: number): ReplacementStart {
  const flagsBefore = flagCounts(db);
  return { flagsBefore, arrestsRemoved: deleteArrestsOfImport(db, importId) };
}

export function removeImportData(db: WorkspaceDb, importId: number, actor: string, now: string, replacement?: ReplacementStart): ImportRemoval {
  if (!db.inTransaction) throw new Error('removeImportData must run inside a transaction');
  const record = importRecord(db, importId);
  if (!record) throw new WorkspaceError('not_found', `There is no import ${importId} in this workspace.`);
  if (record.undoneAt !== null) throw new WorkspaceError('conflict', `Import ${importId} was already undone (${record.undoneAt}); nothing was changed.`);
  if (!isImportKindId(record.kind)) throw new WorkspaceError('internal', `Import ${importId} is of a kind this version of the app does not know, so nothing was changed. Update the app to undo it.`);
  const flagsBefore = replacement?.flagsBefore ?? flagCounts(db);

  // People the import created that no other list, no link decision and no piece of work names.
  const created = peopleCreatedByImport(db, importId);
  const goners = peopleOnlyThisImportNames(db, importId);
  const goneIds = new Set(goners.map((p) => p.id));

  const arrestsRemoved = deleteArrestsOfImport(db, importId) + (replacement?.arrestsRemoved ?? 0);
  const flagsRemoved = deleteFlagsOfImport(db, importId);
  reactivateFlagsRetiredBy(db, importId);

  // Values it set on people who stay: each column back to what the newest remaining list gave.
  const sources = takeFieldSourcesOfImport(db, importId);
  let valuesRemoved = 0;
  for (const { personId, field } of sources) {
    if (goneIds.has(personId)) continue;
    if (!LIST_SET_COLUMNS.has(field)) throw new WorkspaceError('internal', 'An import set a value the undo does not know how to take back; nothing was changed.');
    setPersonColumns(db, personId, { [field]: newestListValue(db, personId, field) ?? emptyValueOf(field) });
    valuesRemoved += 1;
  }

  // The long list: whoever no remaining candidate list names leaves it.
  const longListed = takeLongListEntriesOfImport(db, importId);
  let peopleLeavingLongList = 0;
  for (const personId of longListed) {
    if (goneIds.has(personId) || stillOnALongList(db, personId)) continue;
    peopleLeavingLongList += leaveLongList(db, personId);
  }

  const { pending: reviewsPending, decided: linkDecisionsUndone } = reviewCountsOfImport(db, importId);
  deleteLinkReviewsOfImport(db, importId);
  const rowsSetAsideRemoved = deleteSetAsideRowsOfImport(db, importId);

  if (goners.length) removePeople(db, goners.map((p) => p.id), { mentions: false });
  deleteUnusedArrestTerms(db);
  markImportUndone(db, importId, actor, now);

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
  return refuseWhileBusy(() => inRolledBackTransaction(db, () => removeImportData(db, importId, actor, new Date().toISOString())));
}

interface UndoExpectation {
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
