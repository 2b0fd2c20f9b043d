import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { LinkReview } from '../../shared/api/importCalls';
import type { PairScore } from '../../shared/recordLinkage';
import { isImportKindId, type ImportKindId } from '../../shared/domain/importKinds';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { appendAudit } from '../workspace/auditLog';
import { retirePersonIds } from '../workspace/rowIds';
import type { QueuedRecord } from './importEngine';
import { evidenceReason, linkStrength } from '../../shared/linkEvidence';
import { invalidateAnalysisModel } from '../analysis/analysisModelLoader';
import { refuseWhileBusy } from '../retention/personRemoval';
import { restoreBeforeDecision, sealSnapshot, snapshotBeforeDecision, type DecisionSnapshot } from './linkDecisionUndo';

/** A review's stored row: the queued record, and once decided the snapshot that undoes it. */
type StoredRecord = QueuedRecord & { decisionUndo?: DecisionSnapshot };

interface ReviewRow {
  id: number;
  importId: number;
  importKind: string;
  fileName: string;
  rowNumber: number;
  personId: number | null;
  score: number;
  breakdown: string;
  record: string;
  status: 'pending' | 'linked' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
}

const SELECT_REVIEW = `SELECT r.id, r.import_id AS importId, i.kind AS importKind, i.file_name AS fileName, r.row_number AS rowNumber,
  r.person_id AS personId, r.score, r.breakdown, r.record, r.status, r.decided_by AS decidedBy, r.decided_at AS decidedAt
  FROM link_reviews r JOIN imports i ON i.id = r.import_id`;

function describe(field: string, record: QueuedRecord, person: Record<string, string | null> | undefined): { left: string | null; right: string | null } {
  const key = field as 'pnc' | 'surname' | 'forenames' | 'dob';
  return { left: record.identity[key] ?? null, right: person?.[key] ?? null };
}

function personName(person: Record<string, string | null> | undefined): string | null {
  if (!person) return null;
  return [person.forenames, person.surname].filter((part) => part).join(' ') || null;
}

function toReview(db: Database, row: ReviewRow): LinkReview {
  const score = JSON.parse(row.breakdown) as PairScore;
  const record = JSON.parse(row.record) as StoredRecord;
  const person = row.personId === null ? undefined : (db.prepare('SELECT pnc, surname, forenames, dob FROM people WHERE id = ?').get(row.personId) as Record<string, string | null> | undefined);
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
  const total = db.prepare("SELECT COUNT(*) FROM link_reviews WHERE status = 'pending'").pluck().get() as number;
  const rows = db.prepare(`${SELECT_REVIEW} WHERE r.status = 'pending' ORDER BY r.id LIMIT ?`).all(limit) as ReviewRow[];
  return { total, reviews: rows.map((row) => toReview(db, row)) };
}

/** Moves everything of `fromId` onto `intoId` and removes `fromId`: the two rows were one person. */
function mergePeople(db: Database, fromId: number, intoId: number): void {
  // Each keeps its id: the originals go with the removed person below.
  db.prepare('INSERT OR IGNORE INTO arrests (person_id, arrest_ymd, offence_id, id, borough_id, import_id, row_number) SELECT ?, arrest_ymd, offence_id, id, borough_id, import_id, row_number FROM arrests WHERE person_id = ?').run(intoId, fromId);
  db.prepare('UPDATE person_flags SET person_id = ? WHERE person_id = ?').run(intoId, fromId);
  // Through the provenance view (migration 007), as rows: first the values the kept person was
  // created with, which the view would stop showing once the person holds a row for that field,
  // then everything of the removed person, the values it was created with included.
  const copySources = db.prepare('INSERT OR IGNORE INTO person_field_sources (person_id, field, value, import_id, row_number) SELECT ?, field, value, import_id, row_number FROM person_field_provenance WHERE person_id = ?');
  copySources.run(intoId, intoId);
  copySources.run(intoId, fromId);
  db.prepare('UPDATE people SET on_long_list = MAX(on_long_list, (SELECT on_long_list FROM people WHERE id = ?)) WHERE id = ?').run(fromId, intoId);
  db.prepare('INSERT OR IGNORE INTO long_list_entries (import_id, person_id) SELECT import_id, ? FROM long_list_entries WHERE person_id = ?').run(intoId, fromId);
  db.prepare('UPDATE link_reviews SET person_id = ? WHERE person_id = ? AND status = \'pending\'').run(intoId, fromId);
  db.prepare('UPDATE person_notes SET person_id = ? WHERE person_id = ?').run(intoId, fromId);
  // What the analyst and the panel recorded about the removed person goes with the person: a
  // decision or an agency's comment must not vanish because two records turned out to be one.
  // Where both were on the same shortlist or panel, the kept person's own place stands.
  db.prepare('INSERT OR IGNORE INTO shortlist_members (shortlist_id, person_id, status, reason, position, rank, score, arrests_in_window) SELECT shortlist_id, ?, status, reason, position, rank, score, arrests_in_window FROM shortlist_members WHERE person_id = ?').run(intoId, fromId);
  db.prepare('UPDATE OR IGNORE panel_session_people SET person_id = ? WHERE person_id = ?').run(intoId, fromId);
  db.prepare('UPDATE panel_decisions SET person_id = ? WHERE person_id = ?').run(intoId, fromId);
  db.prepare('UPDATE agency_sheet_rows SET person_id = ? WHERE person_id = ?').run(intoId, fromId);
  db.prepare('UPDATE agency_comments SET person_id = ? WHERE person_id = ?').run(intoId, fromId);
  db.prepare('UPDATE agency_comment_history SET person_id = ? WHERE person_id = ?').run(intoId, fromId);
  // A recorded start or exit (outcome tracking) moves too, unless the kept person has their own.
  db.prepare('UPDATE OR IGNORE cohort_membership SET person_id = ? WHERE person_id = ?').run(intoId, fromId);
  retirePersonIds(db);
  db.prepare('DELETE FROM people WHERE id = ?').run(fromId);
}

/**
 * The analyst's decision on an uncertain match. Linking applies the row to the person (or merges
 * the person created for it); rejecting keeps them apart, and a list row then counts as unmatched.
 */
export function decideLinkReview(workspace: OpenWorkspace, reviewId: number, decision: 'link' | 'reject', actor: string): LinkReview {
  const { db } = workspace;
  return db.transaction(() => {
    const row = db.prepare(`${SELECT_REVIEW} WHERE r.id = ?`).get(reviewId) as ReviewRow | undefined;
    if (!row) throw new WorkspaceError('not_found', 'That match is no longer waiting for review (its import was undone or replaced). Reload the review list.');
    if (row.status !== 'pending') throw new WorkspaceError('conflict', 'That match has already been decided, so nothing was changed. Reload the review list to see the decision.');
    if (row.personId === null) throw new WorkspaceError('conflict', 'The person in that match is no longer in the workspace (purged, or their import undone), so nothing was changed. Reload the review list.');
    const record = JSON.parse(row.record) as StoredRecord;
    const now = new Date().toISOString();
    const scope = { reviewId, importId: row.importId, rowNumber: row.rowNumber, personIds: [row.personId, ...(record.createdPersonId !== null && record.createdPersonId !== row.personId ? [record.createdPersonId] : [])] };
    const before = snapshotBeforeDecision(db, scope);
    if (decision === 'link') {
      if (record.createdPersonId !== null) {
        mergePeople(db, record.createdPersonId, row.personId);
      } else {
        // A list replaced while this row waited (workspaces from before replacing was explicit
        // deactivated the older list's flags): its decision then belongs to history, so the flag
        // is kept inactive and the person's fields are left as the newer list set them. A list
        // replaced the explicit way is undone with its reviews, so none of its rows waits here.
        const supersededBy = db.prepare('SELECT MIN(id) FROM imports WHERE supersedes_import_id = ? AND undone_at IS NULL').pluck().get(row.importId) as number | null;
        for (const flag of record.flags) {
          const exists = db.prepare('SELECT 1 FROM person_flags WHERE person_id = ? AND flag = ? AND import_id = ?').get(row.personId, flag, row.importId);
          if (!exists) {
            db.prepare('INSERT INTO person_flags (person_id, flag, score, import_id, row_number, active, superseded_by_import_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
              row.personId, flag, flag === 'ogrsMandatory' ? (record.fields.ogrsScore ?? null) : null, row.importId, row.rowNumber, supersededBy === null ? 1 : 0, supersededBy,
            );
          }
        }
        if (supersededBy === null) {
          if (record.kind === 'pins' && record.fields.custody) {
            db.prepare('UPDATE people SET custody = ?, pins_result = COALESCE(?, pins_result) WHERE id = ?').run(record.fields.custody, record.fields.pinsResult ?? null, row.personId);
          }
          if (record.fields.ogrsScore !== undefined) db.prepare('UPDATE people SET ogrs_score = ? WHERE id = ?').run(record.fields.ogrsScore, row.personId);
        if (record.kind === 'cohort') {
          db.prepare('UPDATE people SET cohort_start_date = COALESCE(?, cohort_start_date), statutory = COALESCE(?, statutory) WHERE id = ?').run(record.fields.cohortStartDate ?? null, record.fields.statutory ?? null, row.personId);
        }
        }
      }
      // A list row was counted unmatched while it waited (see the import engine), with a note: now
      // it is imported. (Imports made before that rule have no note and counted it nowhere.)
      const waited = record.createdPersonId === null ? db.prepare("DELETE FROM rejected_rows WHERE import_id = ? AND row_number = ? AND disposition = 'unmatched'").run(row.importId, row.rowNumber).changes : 0;
      db.prepare('UPDATE imports SET rows_linked = rows_linked + 1, rows_imported = rows_imported + ?, rows_unmatched = rows_unmatched - ? WHERE id = ?').run(waited > 0 ? 1 : 0, waited > 0 ? 1 : 0, row.importId);
    } else if (record.createdPersonId === null) {
      // Already counted unmatched when it was queued; the reason now says who decided.
      const noted = db.prepare("UPDATE rejected_rows SET reason = 'the analyst decided the closest match was a different person' WHERE import_id = ? AND row_number = ? AND disposition = 'unmatched'").run(row.importId, row.rowNumber).changes;
      if (noted === 0) {
        db.prepare("INSERT INTO rejected_rows (import_id, row_number, reason, raw, disposition) VALUES (?, ?, 'the analyst decided the closest match was a different person', '[]', 'unmatched')").run(row.importId, row.rowNumber);
        db.prepare('UPDATE imports SET rows_unmatched = rows_unmatched + 1 WHERE id = ?').run(row.importId);
      }
    }
    const status = decision === 'link' ? 'linked' : 'rejected';
    db.prepare('UPDATE link_reviews SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?').run(status, actor, now, reviewId);
    const stored: StoredRecord = { ...record, decisionUndo: sealSnapshot(db, before, reviewId) };
    db.prepare('UPDATE link_reviews SET record = ? WHERE id = ?').run(JSON.stringify(stored), reviewId);
    appendAudit(db, { actor, action: `link.${decision}`, entity: 'link_review', entityId: reviewId, detail: { personId: row.personId, importId: row.importId } }, now);
    return toReview(db, { ...row, record: JSON.stringify(stored), status, decidedBy: actor, decidedAt: now });
  }).immediate();
}

/** The newest decisions first, for the review screen's "recent decisions" and their undo. */
export function recentLinkDecisions(workspace: OpenWorkspace, limit: number): LinkReview[] {
  const { db } = workspace;
  const rows = db.prepare(`${SELECT_REVIEW} WHERE r.status <> 'pending' ORDER BY r.decided_at DESC, r.id DESC LIMIT ?`).all(limit) as ReviewRow[];
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
      const row = db.prepare(`${SELECT_REVIEW} WHERE r.id = ?`).get(reviewId) as ReviewRow | undefined;
      if (!row) throw new WorkspaceError('not_found', 'That review no longer exists.');
      if (row.status === 'pending') throw new WorkspaceError('conflict', 'That match has not been decided, so there is nothing to undo.');
      const { decisionUndo, ...record } = JSON.parse(row.record) as StoredRecord;
      if (!decisionUndo) throw new WorkspaceError('conflict', 'That decision was made before decisions could be undone; undo its import instead.');
      restoreBeforeDecision(db, decisionUndo, { reviewId, importId: row.importId, rowNumber: row.rowNumber });
      db.prepare('UPDATE link_reviews SET record = ? WHERE id = ?').run(JSON.stringify(record), reviewId);
      const now = new Date().toISOString();
      appendAudit(db, { actor, action: 'link.undo', entity: 'link_review', entityId: reviewId, detail: { undid: row.status, personId: row.personId, importId: row.importId, peopleRestored: decisionUndo.personIds } }, now);
      const restored = db.prepare(`${SELECT_REVIEW} WHERE r.id = ?`).get(reviewId) as ReviewRow;
      return toReview(db, restored);
    }).immediate(),
  );
  // A merge moved arrests and flags between people; the model reads both.
  invalidateAnalysisModel(workspace);
  return review;
}
