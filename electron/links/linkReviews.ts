import type { LinkReview } from '../../shared/links/linkSchemas';
import type { PairScore } from '../../shared/links/recordLinkage';
import { isImportKindId, type ImportKindId } from '../../shared/domain/importKinds';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { appendAudit } from '../workspace/auditLog';
import { retirePersonIds } from '../workspace/rowIds';
import type { QueuedRecord } from '../import/importEngine';
import type { PersonFields } from '../../shared/import/importRowInterpretation';
import type { WorkspaceDb } from '../data/workspaceDb';
import { deletePersonRow, keepLongListPlace, personHoldingPnc, personIdentity, personValues, setPersonColumns, setPersonFieldFromList, type PersonIdentity } from '../data/people';
import { addFlagFromList, personHasFlagFromImport } from '../data/lists';
import {
  countLinkedRow,
  countRejectedLinkRow,
  fieldSourceStampsOf,
  importReplacing,
  linkReviewRow,
  movePersonRowsForMerge,
  pendingLinkReviewCount,
  pendingLinkReviewRows,
  recentLinkDecisionRows,
  recordLinkDecision,
  storeLinkReviewRecord,
  type LinkReviewRow,
} from '../data/links';
import { fieldsListSets, IDENTITY_COLUMNS, mergedPersonChanges, PERSON_FIELD_COLUMNS } from '../import/personFieldRule';
import { evidenceReason, linkStrength } from '../../shared/links/linkEvidence';
import { invalidateAnalysisModel } from '../analysis/analysisModelLoader';
import { refuseWhileBusy } from '../maintenance/personRemoval';
import { restoreBeforeDecision, sealSnapshot, snapshotBeforeDecision, type DecisionSnapshot } from './linkDecisionUndo';

/** A review's stored row: the queued record, and once decided the snapshot that undoes it. */
type StoredRecord = QueuedRecord & { decisionUndo?: DecisionSnapshot };

function describe(field: string, record: QueuedRecord, person: PersonIdentity | undefined): { left: string | null; right: string | null } {
  const key = field as 'pnc' | 'surname' | 'forenames' | 'dob';
  return { left: record.identity[key] ?? null, right: person?.[key] ?? null };
}

function personName(person: PersonIdentity | undefined): string | null {
  if (!person) return null;
  return [person.forenames, person.surname].filter((part) => part).join(' ') || null;
}

function toReview(db: WorkspaceDb, row: LinkReviewRow): LinkReview {
  const score = JSON.parse(row.breakdown) as PairScore;
  const record = JSON.parse(row.record) as StoredRecord;
  const person = row.personId === null ? undefined : personIdentity(db, row.personId);
  const fields = score.fields.map((f) => {
    const values = describe(f.field, record, person);
    const reason = evidenceReason({ field: f.field, level: f.level, ...values });
    return { field: f.field, level: f.level, weight: f.weight, explanation: f.explanation, ...values, reason: reason.text, tone: reason.tone };
  });
  return {
    id: row.id,
    importId: row.importId,
    importKind: (isImportKindId(row.importKind) ? row.importKind : 'candidates') as ImportKindId,
    fileName: row.fileName,
    rowNumber: row.rowNumber,
    personId: row.personId,
    score: row.score,
    probability: score.probability,
    fields,
    status: row.status,
    strength: linkStrength(row.score, score.fields),
    personName: personName(person),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    undoable: row.status !== 'pending' && record.decisionUndo !== undefined,
  };
}

export function pendingLinkReviews(workspace: OpenWorkspace, limit: number): { total: number; reviews: LinkReview[] } {
  const { db } = workspace;
  const total = pendingLinkReviewCount(db);
  const rows = pendingLinkReviewRows(db, limit);
  return { total, reviews: rows.map((row) => toReview(db, row)) };
}

/**
 * Moves everything of `fromId` onto `intoId` and removes `fromId`: the two rows were one person.
 * Every table that names a person is treated as personTables.ts declares, and the kept person ends
 * with every field either held (the importer's rule, see personFieldRule.ts).
 */
function mergePeople(db: WorkspaceDb, fromId: number, intoId: number): void {
  const kept = personValues(db, intoId);
  const removed = personValues(db, fromId);
  const changes = kept && removed ? mergedPersonChanges(kept, removed, fieldSourceStampsOf(db, intoId, fromId)) : {};
  movePersonRowsForMerge(db, fromId, intoId);
  keepLongListPlace(db, fromId, intoId);
  retirePersonIds(db);
  deletePersonRow(db, fromId);
  // After the removed person is gone: a PNC moving to the kept person is unique again.
  setPersonColumns(db, intoId, changes);
}

/**
 * A list row (of a kind that creates no people) linked to the person it was compared with, applied
 * as the importer applies a matched row: its flags, identity filled in where the person has none,
 * and the fields a list of its kind sets, each with the row as its source.
 * A list replaced while this row waited (workspaces from before replacing was explicit deactivated
 * the older list's flags): its decision then belongs to history, so the flag is kept inactive and
 * the person's fields are left as the newer list set them. A list replaced the explicit way is
 * undone with its reviews, so none of its rows waits here.
 */
function applyQueuedRow(db: WorkspaceDb, personId: number, record: QueuedRecord, importId: number, rowNumber: number): void {
  const supersededBy = importReplacing(db, importId);
  for (const flag of record.flags) {
    if (!personHasFlagFromImport(db, personId, flag, importId)) {
      addFlagFromList(db, { personId, flag, score: flag === 'ogrsMandatory' ? (record.fields.ogrsScore ?? null) : null, importId, rowNumber, supersededBy });
    }
  }
  if (supersededBy !== null) return;
  const person = personIdentity(db, personId);
  for (const column of IDENTITY_COLUMNS) {
    const value = record.identity[column];
    if (!value || !person || person[column]) continue;
    if (column === 'pnc' && personHoldingPnc(db, value) !== undefined) continue;
    setPersonFieldFromList(db, personId, column, value, importId, rowNumber);
  }
  for (const [key, value] of Object.entries(fieldsListSets(record.kind, record.fields)) as Array<[keyof PersonFields, string | number | undefined]>) {
    if (value !== undefined) setPersonFieldFromList(db, personId, PERSON_FIELD_COLUMNS[key], value, importId, rowNumber);
  }
}

/**
 * The analyst's decision on an uncertain match. Linking applies the row to the person (or merges
 * the person created for it); rejecting keeps them apart, and a list row then counts as unmatched.
 */
export function decideLinkReview(workspace: OpenWorkspace, reviewId: number, decision: 'link' | 'reject', actor: string): LinkReview {
  const { db } = workspace;
  return db.transaction(() => {
    const row = linkReviewRow(db, reviewId);
    if (!row) throw new WorkspaceError('not_found', 'That match is no longer waiting for review (its import was undone or replaced). Reload the review list.');
    if (row.status !== 'pending') throw new WorkspaceError('conflict', 'That match has already been decided, so nothing was changed. Reload the review list to see the decision.');
    if (row.personId === null) throw new WorkspaceError('conflict', 'The person in that match is no longer in the workspace (purged, or their import undone), so nothing was changed. Reload the review list.');
    const record = JSON.parse(row.record) as StoredRecord;
    const now = new Date().toISOString();
    const scope = { reviewId, importId: row.importId, rowNumber: row.rowNumber, personIds: [row.personId, ...(record.createdPersonId !== null && record.createdPersonId !== row.personId ? [record.createdPersonId] : [])] };
    const before = snapshotBeforeDecision(db, scope);
    if (decision === 'link') {
      if (record.createdPersonId !== null) mergePeople(db, record.createdPersonId, row.personId);
      else applyQueuedRow(db, row.personId, record, row.importId, row.rowNumber);
      // A list row was counted unmatched while it waited (see the import engine), with a note: now
      // it is imported. (Imports made before that rule have no note and counted it nowhere.)
      countLinkedRow(db, row.importId, row.rowNumber, record.createdPersonId === null);
    } else if (record.createdPersonId === null) {
      // Already counted unmatched when it was queued; the reason now says who decided.
      countRejectedLinkRow(db, row.importId, row.rowNumber);
    }
    const status = decision === 'link' ? 'linked' : 'rejected';
    recordLinkDecision(db, reviewId, status, actor, now);
    const stored: StoredRecord = { ...record, decisionUndo: sealSnapshot(db, before, reviewId) };
    storeLinkReviewRecord(db, reviewId, JSON.stringify(stored));
    appendAudit(db, { actor, action: `link.${decision}`, entity: 'link_review', entityId: reviewId, detail: { personId: row.personId, importId: row.importId } }, now);
    return toReview(db, { ...row, record: JSON.stringify(stored), status, decidedBy: actor, decidedAt: now });
  }).immediate();
}

/** The newest decisions first, for the review screen's "recent decisions" and their undo. */
export function recentLinkDecisions(workspace: OpenWorkspace, limit: number): LinkReview[] {
  const { db } = workspace;
  const rows = recentLinkDecisionRows(db, limit);
  return rows.map((row) => toReview(db, row));
}

/**
 * Takes a decision back: the review waits again, and the people it touched (the kept person, and
 * the person merged into them) are put back as they were, in one audited transaction. Refused if
 * they changed since, so no later work is lost.
 */
export function undoLinkDecision(workspace: OpenWorkspace, reviewId: number, actor: string): LinkReview {
  const { db } = workspace;
  const review = refuseWhileBusy(() =>
    db.transaction(() => {
      const row = linkReviewRow(db, reviewId);
      if (!row) throw new WorkspaceError('not_found', 'That review no longer exists.');
      if (row.status === 'pending') throw new WorkspaceError('conflict', 'That match has not been decided, so there is nothing to undo.');
      const { decisionUndo, ...record } = JSON.parse(row.record) as StoredRecord;
      if (!decisionUndo) throw new WorkspaceError('conflict', 'That decision was made before decisions could be undone; undo its import instead.');
      restoreBeforeDecision(db, decisionUndo, { reviewId, importId: row.importId, rowNumber: row.rowNumber });
      storeLinkReviewRecord(db, reviewId, JSON.stringify(record));
      const now = new Date().toISOString();
      appendAudit(db, { actor, action: 'link.undo', entity: 'link_review', entityId: reviewId, detail: { undid: row.status, personId: row.personId, importId: row.importId, peopleRestored: decisionUndo.personIds } }, now);
      const restored = linkReviewRow(db, reviewId)!;
      return toReview(db, restored);
    }).immediate(),
  );
  // A merge moved arrests and flags between people; the model reads both.
  invalidateAnalysisModel(workspace);
  return review;
}
