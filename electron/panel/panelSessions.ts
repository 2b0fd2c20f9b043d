import { z } from 'zod';
import { PanelDecideInputSchema, PanelMemberSchema, panelCalls, type PanelDecisionRecord, type PanelMember, type PanelSession } from '../../shared/api/panelCalls';
import { PANEL_MAX_PEOPLE, type PanelDecision, type PanelProgress, type PanelReason } from '../../shared/panelDecisions';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { appendAudit } from '../workspace/auditLog';
import { latestShortlistId } from '../analysis/analysisService';
import { OVER_CAPACITY_ORDER } from '../analysis/shortlistView';

/**
 * Panel sessions and their decisions. Every change runs in one transaction with its audit entry
 * (the workspace runs with synchronous=FULL, so a committed decision survives a power cut), and the
 * audit holds ids and counts only: never a name, a reason given about a person or the free text.
 */

type Database = OpenWorkspace['db'];

export type CreatePanelSessionInput = z.input<(typeof panelCalls)['panel.create']['input']>;
export type PanelDecideInput = z.input<typeof PanelDecideInputSchema>;

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? issue.message : 'That is not valid.';
}

/** The contract's own schema, applied again here so the CLI and tests get the same checks as the UI. */
function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new WorkspaceError('invalid_input', firstIssue(parsed.error));
  return parsed.data;
}

interface SessionRow {
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

const SELECT_SESSION = `SELECT id, shortlist_id AS shortlistId, title, held_on AS heldOn, members, status, created_by AS createdBy, created_at AS createdAt, closed_at AS closedAt FROM panel_sessions`;

function sessionRow(db: Database, sessionId: number): SessionRow {
  const row = db.prepare(`${SELECT_SESSION} WHERE id = ?`).get(sessionId) as SessionRow | undefined;
  if (!row) throw new WorkspaceError('not_found', 'That panel session does not exist.');
  return row;
}

function membersOf(json: string): PanelMember[] {
  try {
    const parsed = z.array(PanelMemberSchema).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Current decision counts of a session: the latest decision per person decides. */
export function sessionProgress(db: Database, sessionId: number, shortlistId: number): PanelProgress {
  const agenda = db.prepare("SELECT COUNT(*) AS agenda, COALESCE(SUM(role = 'proposed'), 0) AS proposed FROM panel_session_people WHERE session_id = ?").get(sessionId) as { agenda: number; proposed: number };
  const current = db
    .prepare(
      `SELECT d.decision, COUNT(*) AS n FROM panel_decisions d
         JOIN (SELECT MAX(id) AS id FROM panel_decisions WHERE session_id = ? GROUP BY person_id) latest ON latest.id = d.id
        GROUP BY d.decision`,
    )
    .all(sessionId) as Array<{ decision: PanelDecision; n: number }>;
  const count = (decision: PanelDecision) => current.find((c) => c.decision === decision)?.n ?? 0;
  const capacity = (db.prepare('SELECT capacity FROM shortlists WHERE id = ?').pluck().get(shortlistId) as number | undefined) ?? 0;
  return {
    agenda: agenda.agenda,
    proposed: agenda.proposed,
    reserves: agenda.agenda - agenda.proposed,
    decided: count('accept') + count('reject') + count('defer'),
    accepted: count('accept'),
    rejected: count('reject'),
    deferred: count('defer'),
    capacity,
  };
}

function toSession(db: Database, row: SessionRow, latestShortlist: number | null): PanelSession {
  return {
    id: row.id,
    shortlistId: row.shortlistId,
    onLatestShortlist: latestShortlist === row.shortlistId,
    title: row.title,
    heldOn: row.heldOn,
    members: membersOf(row.members),
    status: row.status,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    progress: sessionProgress(db, row.id, row.shortlistId),
  };
}

export function getPanelSession(workspace: OpenWorkspace, sessionId: number): PanelSession {
  return toSession(workspace.db, sessionRow(workspace.db, sessionId), latestShortlistId(workspace));
}

export function listPanelSessions(workspace: OpenWorkspace): PanelSession[] {
  const { db } = workspace;
  const latest = latestShortlistId(workspace);
  return (db.prepare(`${SELECT_SESSION} ORDER BY id DESC`).all() as SessionRow[]).map((row) => toSession(db, row, latest));
}

/**
 * Starts a session on a shortlist. Its agenda is fixed now: the included people in shortlist order,
 * then the first `reserves` over-capacity people in the order they would have been taken, so that
 * places freed by rejections can be filled in the same meeting.
 */
export function createPanelSession(workspace: OpenWorkspace, input: CreatePanelSessionInput, actor: string): PanelSession {
  const parsed = parseOrThrow(panelCalls['panel.create'].input, input);
  const { db } = workspace;
  const id = db.transaction(() => {
    const shortlist = db.prepare('SELECT id FROM shortlists WHERE id = ?').get(parsed.shortlistId);
    if (!shortlist) throw new WorkspaceError('not_found', 'That shortlist no longer exists.');
    const proposed = db.prepare("SELECT person_id FROM shortlist_members m WHERE m.shortlist_id = ? AND m.status = 'included' ORDER BY m.position, m.person_id").pluck().all(parsed.shortlistId) as number[];
    const reserves =
      parsed.reserves === 0
        ? []
        : (db.prepare(`SELECT m.person_id FROM shortlist_members m WHERE m.shortlist_id = ? AND m.status = 'over_capacity' ORDER BY ${OVER_CAPACITY_ORDER} LIMIT ?`).pluck().all(parsed.shortlistId, parsed.reserves) as number[]);
    if (proposed.length + reserves.length === 0) throw new WorkspaceError('invalid_input', 'That shortlist proposes nobody, so there is nothing for a panel to decide.');
    if (proposed.length + reserves.length > PANEL_MAX_PEOPLE) {
      throw new WorkspaceError('invalid_input', `A panel session walks at most ${PANEL_MAX_PEOPLE.toLocaleString('en-GB')} people; this shortlist proposes ${proposed.length.toLocaleString('en-GB')}. Lower the capacity first.`);
    }
    const now = new Date().toISOString();
    const sessionId = Number(
      db
        .prepare("INSERT INTO panel_sessions (shortlist_id, held_on, title, members, status, created_by, created_at) VALUES (?, ?, ?, ?, 'open', ?, ?)")
        .run(parsed.shortlistId, parsed.heldOn, parsed.title, JSON.stringify(parsed.members), actor, now).lastInsertRowid,
    );
    const insert = db.prepare('INSERT INTO panel_session_people (session_id, person_id, place, role) VALUES (?, ?, ?, ?)');
    proposed.forEach((personId, i) => insert.run(sessionId, personId, i + 1, 'proposed'));
    reserves.forEach((personId, i) => insert.run(sessionId, personId, proposed.length + i + 1, 'reserve'));
    appendAudit(
      db,
      {
        actor,
        action: 'panel.create',
        entity: 'panel_session',
        entityId: sessionId,
        detail: { shortlistId: parsed.shortlistId, members: parsed.members.length, agencies: new Set(parsed.members.map((m) => m.agency)).size, proposed: proposed.length, reserves: reserves.length },
      },
      now,
    );
    return sessionId;
  }).immediate();
  return getPanelSession(workspace, id);
}

interface DecisionRow {
  id: number;
  decision: PanelDecision;
  reason: PanelReason | null;
  note: string;
  decidedBy: string;
  decidedAt: string;
}

const SELECT_DECISION = 'SELECT id, decision, reason, note, decided_by AS decidedBy, decided_at AS decidedAt FROM panel_decisions';

function toRecord(row: DecisionRow): PanelDecisionRecord {
  return { id: row.id, decision: row.decision, reason: row.reason, note: row.note, decidedBy: row.decidedBy, decidedAt: row.decidedAt };
}

/**
 * Records a decision on one person of the session. A second decision on the same person is a
 * revision: it is added, never written over, so the history of the panel's thinking is kept.
 */
export function recordPanelDecision(workspace: OpenWorkspace, input: PanelDecideInput, actor: string): { decision: PanelDecisionRecord; progress: PanelProgress; decisionCount: number } {
  const parsed = parseOrThrow(PanelDecideInputSchema, input);
  const { db } = workspace;
  return db.transaction(() => {
    const session = sessionRow(db, parsed.sessionId);
    if (session.status !== 'open') throw new WorkspaceError('conflict', 'This panel session is closed; reopen it to record or change a decision.');
    const onAgenda = db.prepare('SELECT 1 FROM panel_session_people WHERE session_id = ? AND person_id = ?').get(parsed.sessionId, parsed.personId);
    if (!onAgenda) throw new WorkspaceError('not_found', 'That person is not on this session’s list.');
    const previous = db.prepare('SELECT MAX(id) FROM panel_decisions WHERE session_id = ? AND person_id = ?').pluck().get(parsed.sessionId, parsed.personId) as number | null;
    const now = new Date().toISOString();
    const note = parsed.note.trim();
    const decisionId = Number(
      db
        .prepare('INSERT INTO panel_decisions (session_id, person_id, decision, reason, note, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(parsed.sessionId, parsed.personId, parsed.decision, parsed.reason, note, actor, now).lastInsertRowid,
    );
    appendAudit(db, { actor, action: 'panel.decide', entity: 'panel_decision', entityId: decisionId, detail: { sessionId: parsed.sessionId, personId: parsed.personId, revises: previous } }, now);
    const decisionCount = db.prepare('SELECT COUNT(*) FROM panel_decisions WHERE session_id = ? AND person_id = ?').pluck().get(parsed.sessionId, parsed.personId) as number;
    return {
      decision: { id: decisionId, decision: parsed.decision, reason: parsed.reason, note, decidedBy: actor, decidedAt: now },
      progress: sessionProgress(db, parsed.sessionId, session.shortlistId),
      decisionCount,
    };
  }).immediate();
}

/** Every decision on one person in a session, oldest first. */
export function decisionHistory(workspace: OpenWorkspace, sessionId: number, personId: number): PanelDecisionRecord[] {
  const { db } = workspace;
  sessionRow(db, sessionId);
  return (db.prepare(`${SELECT_DECISION} WHERE session_id = ? AND person_id = ? ORDER BY id`).all(sessionId, personId) as DecisionRow[]).map(toRecord);
}

/** The current (latest) decision of every decided person in a session. */
export function currentDecisions(db: Database, sessionId: number): Map<number, { record: PanelDecisionRecord; count: number }> {
  const rows = db
    .prepare(
      `SELECT d.id, d.person_id AS personId, d.decision, d.reason, d.note, d.decided_by AS decidedBy, d.decided_at AS decidedAt, latest.n
         FROM panel_decisions d
         JOIN (SELECT MAX(id) AS id, COUNT(*) AS n FROM panel_decisions WHERE session_id = ? GROUP BY person_id) latest ON latest.id = d.id`,
    )
    .all(sessionId) as Array<DecisionRow & { personId: number; n: number }>;
  return new Map(rows.map((r) => [r.personId, { record: toRecord(r), count: r.n }]));
}

/** Closing stops decisions (the outcome is settled for the exports); reopening allows revisions again. */
export function setPanelSessionStatus(workspace: OpenWorkspace, sessionId: number, status: 'open' | 'closed', actor: string): PanelSession {
  const { db } = workspace;
  db.transaction(() => {
    const session = sessionRow(db, sessionId);
    if (session.status === status) throw new WorkspaceError('conflict', status === 'closed' ? 'This panel session is already closed.' : 'This panel session is already open.');
    const now = new Date().toISOString();
    db.prepare('UPDATE panel_sessions SET status = ?, closed_at = ? WHERE id = ?').run(status, status === 'closed' ? now : null, sessionId);
    const progress = sessionProgress(db, sessionId, session.shortlistId);
    appendAudit(
      db,
      { actor, action: status === 'closed' ? 'panel.close' : 'panel.reopen', entity: 'panel_session', entityId: sessionId, detail: { accepted: progress.accepted, decided: progress.decided, agenda: progress.agenda } },
      now,
    );
  }).immediate();
  return getPanelSession(workspace, sessionId);
}
