import { resolve } from 'node:path';
import { PanelDecideInputSchema, PanelMemberSchema, type PanelCohort, type PanelMember, type PanelSession } from '../../shared/panel/panelSchemas';
import { PANEL_AGENCIES, PANEL_DECISIONS, PANEL_REASON_LABELS, PANEL_REASONS, type PanelDecision, type PanelReason } from '../../shared/panel/panelDecisions';
import { isOneOf } from '../../shared/domain/closedSets';
import { parsePnc } from '../../shared/domain/pnc';
import type { RawCell } from '../../shared/domain/rawCell';
import { latestShortlistId } from '../analysis/analysisService';
import { readCsvRows } from '../import/readers/readCsv';
import { latestPanelSessionId, panelAgendaPncs, panelSessionExists } from '../data/panel';
import { createPanelSession, listPanelSessions, recordPanelDecision, setPanelSessionStatus } from '../panel/panelSessions';
import { panelCohort } from '../panel/panelSessionView';
import { WorkspaceError } from '../workspace/workspaceErrors';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { CliError } from './cliError';
import { workspaceCommandArgs } from './commandArgs';
import type { CliIo } from './cli';
import type { CliWorkspaceContext } from './cliWorkspace';

export const PANEL_USAGE = `  panel <workspace> start --title TEXT --held-on YYYY-MM-DD --member "Name=agency" … [--reserves N] [--shortlist ID] [--json]
                                     start a selection panel on the latest (or given) shortlist; agencies: ${PANEL_AGENCIES.join(', ')}
  panel <workspace> decide --session ID --decisions decisions.csv [--json]
                                     record decisions from a CSV (columns: pnc or personId, decision, reason, note);
                                     every row is checked first and all are recorded in one transaction, or none
  panel <workspace> close --session ID [--json]   close a session (reopen with: panel <workspace> reopen --session ID)
  panel <workspace> cohort [--session ID] [--json]
                                     the final cohort (accepted) against the places, with reasons for the rest`;

/** A CSV cell as text; dates and numbers as they would be typed. */
function cellText(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'object') return cell.date;
  return String(cell).trim();
}

const normaliseHeader = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, '');
type DecisionColumn = 'pnc' | 'personId' | 'decision' | 'reason' | 'note';
const HEADER_FIELDS: Record<string, DecisionColumn> = {
  pnc: 'pnc',
  pncid: 'pnc',
  personid: 'personId',
  person: 'personId',
  id: 'personId',
  decision: 'decision',
  reason: 'reason',
  note: 'note',
  notes: 'note',
};

/** "no_longer_in_borough", "No longer living in the borough" and "no longer in borough" all name one reason. */
function reasonOf(text: string): PanelReason | null | 'unknown' {
  if (text === '') return null;
  const key = normaliseHeader(text);
  for (const reason of PANEL_REASONS) if (normaliseHeader(reason) === key || normaliseHeader(PANEL_REASON_LABELS[reason]) === key) return reason;
  return 'unknown';
}

function decisionOf(text: string): PanelDecision | null {
  const key = text.toLowerCase();
  const aliases: Record<string, PanelDecision> = { accepted: 'accept', rejected: 'reject', deferred: 'defer' };
  return isOneOf(PANEL_DECISIONS, key) ? key : (aliases[key] ?? null);
}

interface DecisionRow {
  rowNumber: number;
  personId: number;
  decision: PanelDecision;
  reason: PanelReason | null;
  note: string;
}

/**
 * Reads the decisions file with the import's guarded CSV reader and checks every row against the
 * session's agenda and the decision rules before anything is written, so a file with one bad row
 * records nothing and says which rows to fix.
 */
async function readDecisionsCsv(path: string, agenda: { byId: Set<number>; byPnc: Map<string, number> }, sessionId: number): Promise<DecisionRow[]> {
  const rows: DecisionRow[] = [];
  const problems: string[] = [];
  let columns: Partial<Record<DecisionColumn, number>> | null = null;
  let rowNumber = 0;
  const seen = new Map<number, number>();
  for await (const raw of readCsvRows(path)) {
    rowNumber++;
    const cells = raw.map(cellText);
    if (cells.every((c) => c === '')) continue;
    if (columns === null) {
      columns = {};
      cells.forEach((header, i) => {
        const field = HEADER_FIELDS[normaliseHeader(header)];
        if (field && columns![field] === undefined) columns![field] = i;
      });
      if (columns.decision === undefined || (columns.pnc === undefined && columns.personId === undefined)) {
        throw new CliError(`${path}: the first row must name the columns: pnc or personId, decision, reason, note (found: ${cells.join(', ')}).`, 65);
      }
      continue;
    }
    const found = columns;
    const at = (field: DecisionColumn): string => {
      const column = found[field];
      return column === undefined ? '' : (cells[column] ?? '');
    };
    let personId: number | undefined;
    const idText = at('personId');
    const pncText = at('pnc');
    if (idText !== '') {
      const id = Number(idText);
      if (Number.isInteger(id) && agenda.byId.has(id)) personId = id;
      else problems.push(`row ${rowNumber}: person ${idText} is not on this session's list`);
    } else if (pncText !== '') {
      const parsed = parsePnc(pncText);
      const id = parsed.ok ? agenda.byPnc.get(parsed.pnc) : undefined;
      if (id !== undefined) personId = id;
      else problems.push(`row ${rowNumber}: ${parsed.ok ? 'no one on this session’s list has that PNC' : `the PNC is not valid (${parsed.message})`}`);
    } else problems.push(`row ${rowNumber}: no pnc or personId`);
    const decision = decisionOf(at('decision'));
    if (decision === null) problems.push(`row ${rowNumber}: decision "${at('decision')}" is not one of ${PANEL_DECISIONS.join(', ')}`);
    const reason = reasonOf(at('reason'));
    if (reason === 'unknown') problems.push(`row ${rowNumber}: reason "${at('reason')}" is not one of ${PANEL_REASONS.join(', ')}`);
    if (personId === undefined || decision === null || reason === 'unknown') continue;
    const input = { sessionId, personId, decision, reason, note: at('note') };
    const checked = PanelDecideInputSchema.safeParse(input);
    if (!checked.success) {
      problems.push(`row ${rowNumber}: ${checked.error.issues[0]?.message ?? 'not a valid decision'}`);
      continue;
    }
    const earlier = seen.get(personId);
    if (earlier !== undefined) problems.push(`row ${rowNumber}: the same person as row ${earlier}; give one decision per person (a later run records a revision)`);
    seen.set(personId, rowNumber);
    rows.push({ rowNumber, personId, decision, reason, note: checked.data.note });
  }
  if (columns === null) throw new CliError(`${path}: the file is empty.`, 65);
  if (problems.length) {
    const shown = problems.slice(0, 20).map((p) => `  ${p}`).join('\n');
    throw new CliError(`${path}: nothing was recorded; ${problems.length} row${problems.length === 1 ? '' : 's'} to fix:\n${shown}${problems.length > 20 ? `\n  (${problems.length - 20} more)` : ''}`, 65);
  }
  return rows;
}

function sessionAgenda(workspace: OpenWorkspace, sessionId: number): { byId: Set<number>; byPnc: Map<string, number> } {
  const rows = panelAgendaPncs(workspace.db, sessionId);
  if (rows.length === 0 && !panelSessionExists(workspace.db, sessionId)) throw new WorkspaceError('not_found', `There is no panel session ${sessionId}.`);
  return { byId: new Set(rows.map((r) => r.personId)), byPnc: new Map(rows.filter((r) => r.pnc !== null).map((r) => [r.pnc!, r.personId])) };
}

function parseMember(text: string): PanelMember {
  const at = text.lastIndexOf('=');
  const candidate = { name: at < 0 ? text : text.slice(0, at), agency: at < 0 ? '' : text.slice(at + 1).trim().toLowerCase() };
  const parsed = PanelMemberSchema.safeParse(candidate);
  if (!parsed.success) throw new CliError(`--member "${text}": give it as "Name=agency" with agency one of ${PANEL_AGENCIES.join(', ')}.`, 64);
  return parsed.data;
}

function positiveId(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new CliError(`${flag} must be a session or shortlist number such as 1.`, 64);
  return id;
}

function describeSession(session: PanelSession): string {
  const p = session.progress;
  return `Panel session ${session.id} "${session.title}" (${session.heldOn}, ${session.status}): ${p.decided} of ${p.agenda} decided; ${p.accepted} accepted, ${p.rejected} rejected, ${p.deferred} deferred; ${p.accepted} of ${p.capacity} places taken.`;
}

function printCohort(cohort: PanelCohort, io: CliIo): void {
  io.out(`Final cohort of panel session ${cohort.sessionId} (${cohort.heldOn}, ${cohort.status}): ${cohort.counts.accepted} accepted against ${cohort.capacity} places (${cohort.placesLeft < 0 ? `${-cohort.placesLeft} over` : `${cohort.placesLeft} left`}); ${cohort.counts.rejected} rejected, ${cohort.counts.deferred} deferred, ${cohort.counts.undecided} undecided.`);
  io.out(`  statutory ${cohort.statutory.statutory}, non-statutory ${cohort.statutory.nonStatutory}, unknown ${cohort.statutory.unknown}`);
  for (const kind of ['reject', 'defer'] as const) {
    const reasons = Object.entries(cohort.reasons[kind]).filter(([, n]) => n > 0);
    if (reasons.length) io.out(`  ${kind === 'reject' ? 'rejected' : 'deferred'}: ${reasons.map(([r, n]) => `${PANEL_REASON_LABELS[r as PanelReason]} ${n}`).join('; ')}`);
  }
}

/** `iom-cohort panel <workspace> start|decide|close|reopen|cohort`: the Panel screen without a window. */
export async function panelCommand(args: string[], io: CliIo, ctx: CliWorkspaceContext): Promise<void> {
  const { values, workspacePath: path, rest: [action] } = workspaceCommandArgs(args, {
    title: { type: 'string' },
    'held-on': { type: 'string' },
    member: { type: 'string', multiple: true },
    reserves: { type: 'string' },
    shortlist: { type: 'string' },
    session: { type: 'string' },
    decisions: { type: 'string' },
    json: { type: 'boolean', default: false },
  }, PANEL_USAGE);
  const actor = ctx.actor();
  const print = (value: unknown, text: () => void): void => (values.json ? io.out(JSON.stringify(value, null, 2)) : text());

  switch (action) {
    case 'start': {
      if (!values.title || !values['held-on'] || !values.member?.length) throw new CliError('panel start needs --title, --held-on YYYY-MM-DD and at least one --member "Name=agency".', 64);
      const members = values.member.map(parseMember);
      const reserves = values.reserves === undefined ? 0 : Number(values.reserves);
      if (!Number.isInteger(reserves) || reserves < 0) throw new CliError('--reserves must be a whole number (0 or more).', 64);
      const shortlistId = positiveId(values.shortlist, '--shortlist');
      const session = await ctx.withWorkspace(path, (workspace) => {
        const id = shortlistId ?? latestShortlistId(workspace);
        if (id === null) throw new CliError('No shortlist has been made yet: run iom-cohort shortlist first.', 66);
        return createPanelSession(workspace, { shortlistId: id, heldOn: values['held-on']!, title: values.title!, members, reserves }, actor);
      });
      print(session, () => io.out(describeSession(session)));
      return;
    }
    case 'decide': {
      const sessionId = positiveId(values.session, '--session');
      if (sessionId === undefined || !values.decisions) throw new CliError('panel decide needs --session ID and --decisions decisions.csv.', 64);
      const file = resolve(values.decisions);
      const result = await ctx.withWorkspace(path, async (workspace) => {
        const rows = await readDecisionsCsv(file, sessionAgenda(workspace, sessionId), sessionId);
        // All or nothing: one bad write (a closed session, say) leaves no partial set of decisions.
        return workspace.db.transaction(() => {
          const recorded = rows.map((row) => ({ rowNumber: row.rowNumber, personId: row.personId, ...recordPanelDecision(workspace, { sessionId, personId: row.personId, decision: row.decision, reason: row.reason, note: row.note }, actor) }));
          return { recorded, session: listPanelSessions(workspace).find((s) => s.id === sessionId)! };
        }).immediate();
      });
      const revisions = result.recorded.filter((r) => r.decisionCount > 1).length;
      print(
        { sessionId, recorded: result.recorded.map((r) => ({ rowNumber: r.rowNumber, personId: r.personId, decision: r.decision.decision, reason: r.decision.reason, revision: r.decisionCount > 1 })), progress: result.session.progress },
        () => {
          io.out(`Recorded ${result.recorded.length} decision${result.recorded.length === 1 ? '' : 's'} from ${values.decisions}${revisions ? ` (${revisions} revising an earlier one, which is kept as history)` : ''}.`);
          io.out(describeSession(result.session));
        },
      );
      return;
    }
    case 'close':
    case 'reopen': {
      const sessionId = positiveId(values.session, '--session');
      if (sessionId === undefined) throw new CliError(`panel ${action} needs --session ID.`, 64);
      const session = await ctx.withWorkspace(path, (workspace) => setPanelSessionStatus(workspace, sessionId, action === 'close' ? 'closed' : 'open', actor));
      print(session, () => io.out(describeSession(session)));
      return;
    }
    case 'cohort': {
      const given = positiveId(values.session, '--session');
      const cohort = await ctx.withWorkspace(path, (workspace) => {
        const sessionId = given ?? latestPanelSessionId(workspace.db);
        if (sessionId === null) throw new CliError('There is no panel session yet: start one with iom-cohort panel <workspace> start.', 66);
        return panelCohort(workspace, sessionId);
      });
      print(cohort, () => printCohort(cohort, io));
      return;
    }
    default:
      throw new CliError(`Say what to do: panel <workspace> start|decide|close|reopen|cohort.\n${PANEL_USAGE}`, 64);
  }
}
