import { z } from 'zod';
import { panelCalls } from '../../shared/panel/panelCalls';
import { PanelDecideInputSchema, PanelMemberSchema, type PanelDecisionRecord, type PanelMember, type PanelSession } from '../../shared/panel/panelSchemas';
import { PANEL_MAX_PEOPLE, type PanelDecision, type PanelProgress } from '../../shared/panel/panelDecisions';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { appendAudit } from '../workspace/auditLog';
import { latestShortlistId } from '../analysis/analysisService';
import { addToPanelAgenda, allPanelSessions, currentPanelDecisionCounts, currentPanelDecisions, insertPanelDecision, insertPanelSession, isOnPanelAgenda, latestPanelDecisionId, panelAgendaCounts, panelDecisionCount, panelDecisionsOnPerson, panelSessionById, setPanelSessionStatusRow, type PanelDecisionRow, type PanelSessionRow } from '../data/panel';
import { includedPeopleInShortlistOrder, overCapacityReserves, shortlistCapacity, shortlistExists } from '../data/shortlists';

/**
 * Panel sessions and their decisions. Every change runs in one transaction with its audit entry
 * (the workspace runs with synchronous=FULL, so a committed decision survives a power cut), and the
 * audit holds ids and counts only: never a name, a reason given about a person or the free text.
 */

type Database = OpenWorkspace['db'];

type CreatePanelSessionInput = z.input<(typeof panelCalls)['panel.create']['input']>;
type PanelDecideInput = z.input<typeof PanelDecideInputSchema>;

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

function sessionRow(db: Database, sessionId: number): PanelSessionRow {
  const row = panelSessionById(db, sessionId);
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
function sessionProgress(db: Database, sessionId: number, shortlistId: number): PanelProgress {
  const agenda = panelAgendaCounts(db, sessionId);
  const current = currentPanelDecisionCounts(db, sessionId);
  const count = (decision: PanelDecision) => current.find((c) => c.decision === decision)?.n ?? 0;
  const capacity = shortlistCapacity(db, shortlistId) ?? 0;
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

function toSession(db: Database, row: PanelSessionRow, latestShortlist: number | null): PanelSession {
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
  return allPanelSessions(db).map((row) => toSession(db, row, latest));
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
    if (!shortlistExists(db, parsed.shortlistId)) throw new WorkspaceError('not_found', 'That shortlist no longer exists.');
    const proposed = includedPeopleInShortlistOrder(db, parsed.shortlistId);
    const reserves = parsed.reserves === 0 ? [] : overCapacityReserves(db, parsed.shortlistId, parsed.reserves);
    if (proposed.length + reserves.length === 0) throw new WorkspaceError('invalid_input', 'That shortlist proposes nobody, so there is nothing for a panel to decide.');
    if (proposed.length + reserves.length > PANEL_MAX_PEOPLE) {
      throw new WorkspaceError('invalid_input', `A panel session walks at most ${PANEL_MAX_PEOPLE.toLocaleString('en-GB')} people; this shortlist proposes ${proposed.length.toLocaleString('en-GB')}. Lower the capacity first.`);
    }
    const now = new Date().toISOString();
    const sessionId = insertPanelSession(db, { shortlistId: parsed.shortlistId, heldOn: parsed.heldOn, title: parsed.title, members: JSON.stringify(parsed.members), createdBy: actor, createdAt: now });
    proposed.forEach((personId, i) => addToPanelAgenda(db, sessionId, personId, i + 1, 'proposed'));
    reserves.forEach((personId, i) => addToPanelAgenda(db, sessionId, personId, proposed.length + i + 1, 'reserve'));
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

function toRecord(row: PanelDecisionRow): PanelDecisionRecord {
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
    if (!isOnPanelAgenda(db, parsed.sessionId, parsed.personId)) throw new WorkspaceError('not_found', 'That person is not on this session’s list.');
    const previous = latestPanelDecisionId(db, parsed.sessionId, parsed.personId);
    const now = new Date().toISOString();
    const note = parsed.note.trim();
    const decisionId = insertPanelDecision(db, { sessionId: parsed.sessionId, personId: parsed.personId, decision: parsed.decision, reason: parsed.reason, note, decidedBy: actor, decidedAt: now });
    appendAudit(db, { actor, action: 'panel.decide', entity: 'panel_decision', entityId: decisionId, detail: { sessionId: parsed.sessionId, personId: parsed.personId, revises: previous } }, now);
    const decisionCount = panelDecisionCount(db, parsed.sessionId, parsed.personId);
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
  return panelDecisionsOnPerson(db, sessionId, personId).map(toRecord);
}

/** The current (latest) decision of every decided person in a session. */
export function currentDecisions(db: Database, sessionId: number): Map<number, { record: PanelDecisionRecord; count: number }> {
  const rows = currentPanelDecisions(db, sessionId);
  return new Map(rows.map((r) => [r.personId, { record: toRecord(r), count: r.n }]));
}

/** Closing stops decisions (the outcome is settled for the exports); reopening allows revisions again. */
export function setPanelSessionStatus(workspace: OpenWorkspace, sessionId: number, status: 'open' | 'closed', actor: string): PanelSession {
  const { db } = workspace;
  db.transaction(() => {
    const session = sessionRow(db, sessionId);
    if (session.status === status) throw new WorkspaceError('conflict', status === 'closed' ? 'This panel session is already closed.' : 'This panel session is already open.');
    const now = new Date().toISOString();
    setPanelSessionStatusRow(db, sessionId, status, status === 'closed' ? now : null);
    const progress = sessionProgress(db, sessionId, session.shortlistId);
    appendAudit(
      db,
      { actor, action: status === 'closed' ? 'panel.close' : 'panel.reopen', entity: 'panel_session', entityId: sessionId, detail: { accepted: progress.accepted, decided: progress.decided, agenda: progress.agenda } },
      now,
    );
  }).immediate();
  return getPanelSession(workspace, sessionId);
}
