/**
 * Panel sessions, decisions, agency comments and the final cohort.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, insertedId, type WorkspaceDb } from './workspaceDb';
import type { PanelDecision, PanelReason } from '../../shared/panel/panelDecisions';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

export interface PanelSessionRow {
  id: number;
  shortlistId: number;
  title: string;
  heldOn: string;
  members: string;
  status: 'open' | 'closed';
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
}

const SELECT_PANEL_SESSION = `SELECT id, shortlist_id AS shortlistId, title, held_on AS heldOn, members, status, created_by AS createdBy, created_at AS createdAt, closed_at AS closedAt FROM panel_sessions`;

export function panelSessionById(db: WorkspaceDb, sessionId: number): PanelSessionRow | undefined {
  return cachedStatement(db, `${SELECT_PANEL_SESSION} WHERE id = ?`).get(sessionId) as PanelSessionRow | undefined;
}

/** Newest first. */
export function allPanelSessions(db: WorkspaceDb): PanelSessionRow[] {
  return cachedStatement(db, `${SELECT_PANEL_SESSION} ORDER BY id DESC`).all() as PanelSessionRow[];
}

interface PanelSessionHeading {
  id: number;
  heldOn: string;
  title: string;
  status: 'open' | 'closed';
}

const SELECT_PANEL_SESSION_HEADING = 'SELECT id, held_on AS heldOn, title, status FROM panel_sessions';

/** Newest first. */
export function panelSessionHeadings(db: WorkspaceDb): PanelSessionHeading[] {
  return cachedStatement(db, `${SELECT_PANEL_SESSION_HEADING} ORDER BY id DESC`).all() as PanelSessionHeading[];
}

export function panelSessionHeading(db: WorkspaceDb, sessionId: number): PanelSessionHeading | undefined {
  return cachedStatement(db, `${SELECT_PANEL_SESSION_HEADING} WHERE id = ?`).get(sessionId) as PanelSessionHeading | undefined;
}

interface PanelSessionOutline {
  id: number;
  shortlistId: number;
  heldOn: string;
  status: 'open' | 'closed';
}

const SELECT_PANEL_SESSION_OUTLINE = 'SELECT id, shortlist_id AS shortlistId, held_on AS heldOn, status FROM panel_sessions';

/** The given session, or the most recent one without an id. */
export function panelSessionOutline(db: WorkspaceDb, sessionId?: number): PanelSessionOutline | undefined {
  return (
    sessionId === undefined
      ? cachedStatement(db, `${SELECT_PANEL_SESSION_OUTLINE} ORDER BY id DESC LIMIT 1`).get()
      : cachedStatement(db, `${SELECT_PANEL_SESSION_OUTLINE} WHERE id = ?`).get(sessionId)
  ) as PanelSessionOutline | undefined;
}

interface NewPanelSession {
  shortlistId: number;
  heldOn: string;
  title: string;
  /** The members as JSON, as the column keeps them. */
  members: string;
  createdBy: string;
  createdAt: string;
}

/** An open session; its id. */
export function insertPanelSession(db: WorkspaceDb, session: NewPanelSession): number {
  return insertedId(db, "INSERT INTO panel_sessions (shortlist_id, held_on, title, members, status, created_by, created_at) VALUES (@shortlistId, @heldOn, @title, @members, 'open', @createdBy, @createdAt)", session);
}

export function setPanelSessionStatusRow(db: WorkspaceDb, sessionId: number, status: 'open' | 'closed', closedAt: string | null): void {
  cachedStatement(db, 'UPDATE panel_sessions SET status = ?, closed_at = ? WHERE id = ?').run(status, closedAt, sessionId);
}

export function addToPanelAgenda(db: WorkspaceDb, sessionId: number, personId: number, place: number, role: 'proposed' | 'reserve'): void {
  cachedStatement(db, 'INSERT INTO panel_session_people (session_id, person_id, place, role) VALUES (?, ?, ?, ?)').run(sessionId, personId, place, role);
}

export function isOnPanelAgenda(db: WorkspaceDb, sessionId: number, personId: number): boolean {
  return cachedStatement(db, 'SELECT 1 FROM panel_session_people WHERE session_id = ? AND person_id = ?').get(sessionId, personId) !== undefined;
}

export function panelAgendaCounts(db: WorkspaceDb, sessionId: number): { agenda: number; proposed: number } {
  return cachedStatement(db, "SELECT COUNT(*) AS agenda, COALESCE(SUM(role = 'proposed'), 0) AS proposed FROM panel_session_people WHERE session_id = ?").get(sessionId) as { agenda: number; proposed: number };
}

interface PanelAgendaRow {
  personId: number;
  place: number;
  role: 'proposed' | 'reserve';
  surname: string | null;
  forenames: string | null;
  pnc: string | null;
  dob: string | null;
  gender: string | null;
  borough: string | null;
  custody: 'in_custody' | 'not_in_custody' | 'unknown';
  /** Active list flags, comma-joined. */
  flags: string | null;
  /** Why the shortlist took them; null when they are not on it. */
  reason: string | null;
}

/** The session's people in agenda order, with what the panel sees of each. */
export function panelAgenda(db: WorkspaceDb, sessionId: number, shortlistId: number): PanelAgendaRow[] {
  return cachedStatement(
    db,
    `SELECT a.person_id AS personId, a.place, a.role, p.surname, p.forenames, p.pnc, p.dob, p.gender, p.borough, p.custody, m.reason,
              (SELECT group_concat(DISTINCT f.flag) FROM person_flags f WHERE f.person_id = a.person_id AND f.active = 1) AS flags
         FROM panel_session_people a
         JOIN people p ON p.id = a.person_id
         LEFT JOIN shortlist_members m ON m.shortlist_id = ? AND m.person_id = a.person_id
        WHERE a.session_id = ? ORDER BY a.place`,
  ).all(shortlistId, sessionId) as PanelAgendaRow[];
}

interface PanelCohortPersonRow {
  personId: number;
  surname: string | null;
  forenames: string | null;
  pnc: string | null;
  place: number | null;
  role: 'proposed' | 'reserve' | null;
}

/** Names of the given people and their place on the session's agenda (null when not on it). */
export function panelCohortPeople(db: WorkspaceDb, sessionId: number, personIds: readonly number[]): PanelCohortPersonRow[] {
  return cachedStatement(
    db,
    `SELECT p.id AS personId, p.surname, p.forenames, p.pnc, a.place, a.role FROM people p
             LEFT JOIN panel_session_people a ON a.session_id = ? AND a.person_id = p.id
            WHERE p.id IN (SELECT value FROM json_each(?))`,
  ).all(sessionId, JSON.stringify(personIds)) as PanelCohortPersonRow[];
}

export interface PanelDecisionRow {
  id: number;
  decision: PanelDecision;
  reason: PanelReason | null;
  note: string;
  decidedBy: string;
  decidedAt: string;
}

interface NewPanelDecision {
  sessionId: number;
  personId: number;
  decision: PanelDecision;
  reason: PanelReason | null;
  note: string;
  decidedBy: string;
  decidedAt: string;
}

/** Adds a decision (a revision is a new row, never an update); its id. */
export function insertPanelDecision(db: WorkspaceDb, decision: NewPanelDecision): number {
  return insertedId(db, 'INSERT INTO panel_decisions (session_id, person_id, decision, reason, note, decided_by, decided_at) VALUES (@sessionId, @personId, @decision, @reason, @note, @decidedBy, @decidedAt)', decision);
}

/** The id of the person's current decision in the session; null before the first. */
export function latestPanelDecisionId(db: WorkspaceDb, sessionId: number, personId: number): number | null {
  return cachedStatement(db, 'SELECT MAX(id) FROM panel_decisions WHERE session_id = ? AND person_id = ?').pluck().get(sessionId, personId) as number | null;
}

export function panelDecisionCount(db: WorkspaceDb, sessionId: number, personId: number): number {
  return cachedStatement(db, 'SELECT COUNT(*) FROM panel_decisions WHERE session_id = ? AND person_id = ?').pluck().get(sessionId, personId) as number;
}

/** Every decision on one person in a session, oldest first. */
export function panelDecisionsOnPerson(db: WorkspaceDb, sessionId: number, personId: number): PanelDecisionRow[] {
  return cachedStatement(db, 'SELECT id, decision, reason, note, decided_by AS decidedBy, decided_at AS decidedAt FROM panel_decisions WHERE session_id = ? AND person_id = ? ORDER BY id').all(sessionId, personId) as PanelDecisionRow[];
}

/** How many people's current (latest) decision is each decision. */
export function currentPanelDecisionCounts(db: WorkspaceDb, sessionId: number): Array<{ decision: PanelDecision; n: number }> {
  return cachedStatement(
    db,
    `SELECT d.decision, COUNT(*) AS n FROM panel_decisions d
         JOIN (SELECT MAX(id) AS id FROM panel_decisions WHERE session_id = ? GROUP BY person_id) latest ON latest.id = d.id
        GROUP BY d.decision`,
  ).all(sessionId) as Array<{ decision: PanelDecision; n: number }>;
}

interface CurrentPanelDecisionRow extends PanelDecisionRow {
  personId: number;
  /** How many decisions the person has had in the session, revisions included. */
  n: number;
}

/** The current (latest) decision of every decided person in a session. */
export function currentPanelDecisions(db: WorkspaceDb, sessionId: number): CurrentPanelDecisionRow[] {
  return cachedStatement(
    db,
    `SELECT d.id, d.person_id AS personId, d.decision, d.reason, d.note, d.decided_by AS decidedBy, d.decided_at AS decidedAt, latest.n
         FROM panel_decisions d
         JOIN (SELECT MAX(id) AS id, COUNT(*) AS n FROM panel_decisions WHERE session_id = ? GROUP BY person_id) latest ON latest.id = d.id`,
  ).all(sessionId) as CurrentPanelDecisionRow[];
}

interface FinalCohortDecisionRow {
  personId: number;
  decision: PanelDecision;
  decidedAt: string;
  decidedBy: string;
  statutory: number | null;
  /** Position on the session's shortlist; null when not on it. */
  position: number | null;
}

/** The current decision of every decided person, in shortlist order (people not on it last). */
export function finalCohortDecisions(db: WorkspaceDb, sessionId: number, shortlistId: number): FinalCohortDecisionRow[] {
  return cachedStatement(
    db,
    `SELECT d.person_id AS personId, d.decision, d.decided_at AS decidedAt, d.decided_by AS decidedBy, p.statutory, m.position
         FROM panel_decisions d
         JOIN (SELECT person_id, MAX(id) AS id FROM panel_decisions WHERE session_id = ? GROUP BY person_id) latest ON latest.id = d.id
         JOIN people p ON p.id = d.person_id
         LEFT JOIN shortlist_members m ON m.shortlist_id = ? AND m.person_id = d.person_id
        ORDER BY m.position IS NULL, m.position, d.person_id`,
  ).all(sessionId, shortlistId) as FinalCohortDecisionRow[];
}

/** Included people of the shortlist with at least one decision in the session. */
export function decidedIncludedCount(db: WorkspaceDb, sessionId: number, shortlistId: number): number {
  return cachedStatement(
    db,
    `SELECT COUNT(DISTINCT d.person_id) FROM panel_decisions d JOIN shortlist_members m ON m.shortlist_id = ? AND m.person_id = d.person_id AND m.status = 'included' WHERE d.session_id = ?`,
  ).pluck().get(shortlistId, sessionId) as number;
}

/** Columns that may say when a comment came back, in the order they are preferred. */
const AGENCY_COMMENT_TIME_COLUMNS = ['received_at', 'returned_at', 'imported_at', 'created_at', 'commented_at'] as const;

interface AgencyCommentRow {
  personId: number;
  agency: string | null;
  agencyName: string | null;
  comment: string;
  receivedAt: unknown;
  rowEdited: unknown;
}

/**
 * The non-empty agency comments on the given people, newest first per person; null when the
 * workspace has no agency_comments table or it lacks person_id, agency or comment. The table
 * belongs to the agency-sheet import (migration 006), so it is read defensively: the optional
 * columns (the agency's own name, when the comment came back, whether other cells of the returned
 * row were edited) are used when present. Dynamic SQL (it follows the columns), so not cached.
 */
export function agencyCommentsOnPeople(db: WorkspaceDb, personIds: readonly number[]): AgencyCommentRow[] | null {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'agency_comments'").get();
  if (!exists) return null;
  const columns = new Set(db.prepare("SELECT name FROM pragma_table_info('agency_comments')").pluck().all() as string[]);
  if (!columns.has('person_id') || !columns.has('agency') || !columns.has('comment')) return null;
  if (personIds.length === 0) return [];
  const time = AGENCY_COMMENT_TIME_COLUMNS.find((c) => columns.has(c)) ?? null;
  const timeExpression = time === null ? 'NULL' : `c.${time}`;
  const entryOrder = columns.has('id') ? 'c.id' : 'c.rowid';
  const nameExpression = columns.has('agency_name') ? 'CAST(c.agency_name AS TEXT)' : 'NULL';
  const editedExpression = columns.has('row_edited') ? 'c.row_edited' : '0';
  return db
    .prepare(
      `SELECT c.person_id AS personId, CAST(c.agency AS TEXT) AS agency, ${nameExpression} AS agencyName, CAST(c.comment AS TEXT) AS comment,
              ${timeExpression} AS receivedAt, ${editedExpression} AS rowEdited
         FROM agency_comments c
        WHERE c.person_id IN (SELECT value FROM json_each(?)) AND c.comment IS NOT NULL AND trim(c.comment) <> ''
        ORDER BY c.person_id, ${time === null ? '' : `${timeExpression} DESC, `}${entryOrder} DESC`,
    )
    .all(JSON.stringify(personIds)) as AgencyCommentRow[];
}

export function panelSessionExists(db: WorkspaceDb, sessionId: number): boolean {
  return cachedStatement(db, 'SELECT 1 FROM panel_sessions WHERE id = ?').get(sessionId) !== undefined;
}

/** The most recent session's id; null before the first. */
export function latestPanelSessionId(db: WorkspaceDb): number | null {
  return cachedStatement(db, 'SELECT MAX(id) FROM panel_sessions').pluck().get() as number | null;
}

/** The people on a session's agenda with their PNC, for finding one by either. */
export function panelAgendaPncs(db: WorkspaceDb, sessionId: number): Array<{ personId: number; pnc: string | null }> {
  return cachedStatement(db, 'SELECT sp.person_id AS personId, p.pnc FROM panel_session_people sp JOIN people p ON p.id = sp.person_id WHERE sp.session_id = ?').all(sessionId) as Array<{ personId: number; pnc: string | null }>;
}

// Used by analysis, export, workspace and audit.

/** The panel sessions held on a shortlist, newest first. */
export function panelSessionsOnShortlist(db: WorkspaceDb, shortlistId: number): Array<{ id: number; title: string; heldOn: string; status: 'open' | 'closed' }> {
  return cachedStatement(db, 'SELECT id, title, held_on AS heldOn, status FROM panel_sessions WHERE shortlist_id = ? ORDER BY id DESC').all(shortlistId) as Array<{
    id: number;
    title: string;
    heldOn: string;
    status: 'open' | 'closed';
  }>;
}

export interface LatestPanelDecisionRow {
  personId: number;
  decision: string;
  reason: string | null;
  note: string;
  decidedBy: string;
  decidedAt: string;
}

/** Each person's latest decision in a panel session (one row per person decided). */
export function latestDecisionsOfSession(db: WorkspaceDb, sessionId: number): LatestPanelDecisionRow[] {
  return cachedStatement(
    db,
    `SELECT d.person_id AS personId, d.decision, d.reason, d.note, d.decided_by AS decidedBy, d.decided_at AS decidedAt
           FROM panel_decisions d JOIN (SELECT MAX(id) AS id FROM panel_decisions WHERE session_id = ? GROUP BY person_id) latest ON latest.id = d.id`,
  ).all(sessionId) as LatestPanelDecisionRow[];
}

/** A panel session's title; undefined when there is no such session. */
export function panelSessionTitle(db: WorkspaceDb, sessionId: number): string | undefined {
  return cachedStatement(db, 'SELECT title FROM panel_sessions WHERE id = ?').pluck().get(sessionId) as string | undefined;
}

// Used by import, links and retention.

interface PanelSessionCounts {
  open: number;
  closed: number;
}

export function panelSessionCounts(db: WorkspaceDb): PanelSessionCounts {
  return cachedStatement(db, "SELECT COALESCE(SUM(status = 'open'), 0) AS open, COALESCE(SUM(status = 'closed'), 0) AS closed FROM panel_sessions").get() as PanelSessionCounts;
}

// Used by the import's hot path (linking and writing rows).
