import type { ExportFormat, ShortlistExportOverview, ShortlistSource } from '../../shared/exports/exportSchemas';
import { CSV_MIME, XLSX_MIME } from '../../shared/exports/exportDelivery';
import { ProtectiveMarkingSchema } from '../../shared/analysis/settingsSchemas';
import { CRIME_TYPE_IDS, CRIME_TYPE_LABELS, type CrimeTypeId } from '../../shared/domain/crimeTypes';
import { CRIME_TYPE_COUNT, describeWindow, windowCounts, type AnalysisWindow } from '../../shared/domain/analysisModel';
import { FLAG_LABELS, type FlagName } from '../../shared/domain/flags';
import { ageOn, isIsoDate } from '../../shared/domain/isoDate';
import { isOneOf } from '../../shared/domain/closedSets';
import { PANEL_DECISIONS, PANEL_REASONS, type PanelDecision, type PanelReason } from '../../shared/panel/panelDecisions';
import { SelectionRuleSetSchema, type SelectionRuleSet } from '../../shared/shortlist/selectionRules';
import { SHORTLIST_COLUMNS, exportCellText, orderShortlistColumns, shortlistTable, type ExportCell, type ShortlistColumnId, type ShortlistExportPerson } from '../../shared/exports/shortlistExport';
import { csvDocument, markedExportFileName } from '../../shared/domain/spreadsheetText';
import { loadAnalysisModel } from '../analysis/analysisModelLoader';
import { readSettings } from '../settings/settingsService';
import { finalCohort, type FinalCohort } from '../panel/finalCohort';
import { appendAudit } from '../workspace/auditLog';
import { WorkspaceError } from '../workspace/workspaceErrors';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { intakePlanForCohort, intakePlanSheetRows } from '../intake/intakePlanService';
import { workbookBytes, type SheetSpec } from './xlsxSheets';
import { includedCountOnShortlist, includedPeopleInExportOrder, shortlistForExport, shortlistMemberStatuses, type ShortlistForExportRow, type ShortlistMemberStatusRow } from '../data/shortlists';
import { latestDecisionsOfSession, panelSessionTitle, type LatestPanelDecisionRow } from '../data/panel';
import { candidateListArrestsOf, peopleForExport, type ExportPersonRow } from '../data/people';
import { newestScenarioRow } from '../data/settings';

type ShortlistRow = ShortlistForExportRow;
type PersonRow = ExportPersonRow;
type MemberRow = ShortlistMemberStatusRow;
type DecisionRow = LatestPanelDecisionRow;

/**
 * The shortlist export (issue 7, point 3): the panel's decided cohort, or before any panel the
 * proposed shortlist, with the columns the analyst chose, a Metadata sheet saying exactly what the
 * file is, and the protective marking first in the file name and at the top (and foot) of every
 * sheet. The CLI and the Exports screen both call `buildShortlistExport` and then audit through
 * `auditShortlistExport` once the file has been written.
 */

function latestShortlist(workspace: OpenWorkspace, id?: number): ShortlistRow | null {
  return shortlistForExport(workspace.db, id) ?? null;
}

function includedCount(workspace: OpenWorkspace, shortlistId: number): number {
  return includedCountOnShortlist(workspace.db, shortlistId);
}

export function shortlistExportOverview(workspace: OpenWorkspace): ShortlistExportOverview {
  const cohort = finalCohort(workspace);
  const proposed = latestShortlist(workspace);
  return {
    workspaceName: workspace.name,
    marking: readSettings(workspace).values.protectiveMarking,
    decided: cohort
      ? { sessionId: cohort.sessionId, shortlistId: cohort.shortlistId, heldOn: cohort.heldOn, status: cohort.status, capacity: cohort.capacity, accepted: cohort.accepted.length, rejected: cohort.rejected, deferred: cohort.deferred, undecided: cohort.undecided }
      : null,
    proposed: proposed
      ? { shortlistId: proposed.id, createdAt: proposed.createdAt, ruleSetName: proposed.ruleSetName, ruleSetVersion: proposed.ruleSetVersion, capacity: proposed.capacity, included: includedCount(workspace, proposed.id) }
      : null,
    defaultSource: cohort ? 'decided' : proposed ? 'proposed' : null,
    intakePlan: intakePlanRows(workspace, cohort) !== null,
  };
}

/**
 * The accepted cohort's staged intake plan (issue 7, point 5: "exportable with the shortlist") as
 * the workbook's "Intake plan" sheet. Only a decided cohort has one: a proposed shortlist has no
 * accepted people to plan.
 */
function intakePlanRows(workspace: OpenWorkspace, cohort: FinalCohort | null): ExportCell[][] | null {
  if (!cohort) return null;
  const report = intakePlanForCohort(workspace, { sessionId: cohort.sessionId });
  return report ? intakePlanSheetRows(report) : null;
}

interface ShortlistExportRequest {
  /** 'auto' takes the decided cohort when a panel has sat, else the proposed shortlist. */
  source: ShortlistSource | 'auto';
  format: ExportFormat;
  columns: readonly ShortlistColumnId[];
  /** Overrides the workspace's marking (the CLI's --marking); validated like the setting. */
  marking?: string;
  actor: string;
  now?: Date;
}

export interface ShortlistExportResult {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  marking: string;
  source: ShortlistSource;
  shortlistId: number;
  people: number;
  columns: number;
  format: ExportFormat;
  intakePlan: boolean;
  /** One line for the CLI and the screen: what the file holds, without personal data. */
  description: string;
}

interface Cohort {
  source: ShortlistSource;
  shortlist: ShortlistRow;
  personIds: number[];
  decisions: Map<number, DecisionRow>;
  panel: { cohort: FinalCohort; title: string } | null;
}

function resolveCohort(workspace: OpenWorkspace, requested: ShortlistSource | 'auto'): Cohort {
  const { db } = workspace;
  const decided = requested === 'proposed' ? null : finalCohort(workspace);
  if (requested === 'decided' && !decided) throw new WorkspaceError('not_found', 'No panel session yet, so there is no decided cohort: export the proposed shortlist instead.');
  if (decided) {
    const shortlist = latestShortlist(workspace, decided.shortlistId);
    if (!shortlist) throw new WorkspaceError('not_found', 'The shortlist the panel reviewed is no longer in the workspace.');
    const decisions: DecisionRow[] = latestDecisionsOfSession(db, decided.sessionId);
    const title = panelSessionTitle(db, decided.sessionId) ?? '';
    return { source: 'decided', shortlist, personIds: decided.accepted.map((m) => m.personId), decisions: new Map(decisions.map((d) => [d.personId, d])), panel: { cohort: decided, title } };
  }
  const shortlist = latestShortlist(workspace);
  if (!shortlist) throw new WorkspaceError('not_found', 'No shortlist has been made yet: run the selection rules first.');
  const personIds = includedPeopleInExportOrder(db, shortlist.id);
  return { source: 'proposed', shortlist, personIds, decisions: new Map(), panel: null };
}

function parseRuleSet(definition: string): SelectionRuleSet | null {
  try {
    const parsed = SelectionRuleSetSchema.safeParse(JSON.parse(definition));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The window the shortlist counted arrests in (its summary has it; the rule set says the same). */
function shortlistWindow(shortlist: ShortlistRow, ruleSet: SelectionRuleSet | null): AnalysisWindow | null {
  try {
    const summary = JSON.parse(shortlist.summary) as { window?: { referenceDate?: unknown; windowMonths?: unknown } };
    const w = summary.window;
    if (w && typeof w.referenceDate === 'string' && isIsoDate(w.referenceDate) && typeof w.windowMonths === 'number' && Number.isInteger(w.windowMonths) && w.windowMonths > 0) {
      return { referenceDate: w.referenceDate, windowMonths: w.windowMonths };
    }
  } catch {
    // Fall back to the rule set below.
  }
  return ruleSet ? { referenceDate: ruleSet.referenceDate, windowMonths: ruleSet.windowMonths } : null;
}

function peopleById(workspace: OpenWorkspace, ids: readonly number[]): Map<number, PersonRow> {
  const result = new Map<number, PersonRow>();
  for (const row of peopleForExport(workspace.db, ids)) result.set(row.id, row);
  return result;
}

/**
 * The arrests each person's candidate-list rows gave in their arrest details column (not the
 * arrests extract's), oldest first, so the panel's sheet can show the list's own account.
 */
function listArrestsById(workspace: OpenWorkspace, ids: readonly number[]): Map<number, Array<{ date: string; offence: string }>> {
  const result = new Map<number, Array<{ date: string; offence: string }>>();
  for (const row of candidateListArrestsOf(workspace.db, ids)) {
    const list = result.get(row.personId) ?? [];
    list.push({ date: row.date, offence: row.offence });
    result.set(row.personId, list);
  }
  return result;
}

function asDecision(value: string): PanelDecision | null {
  return isOneOf(PANEL_DECISIONS, value) ? value : null;
}

function asReason(value: string | null): PanelReason | null {
  return isOneOf(PANEL_REASONS, value) ? value : null;
}

function exportPeople(workspace: OpenWorkspace, cohort: Cohort, ruleSet: SelectionRuleSet | null, window: AnalysisWindow | null): ShortlistExportPerson[] {
  const members = new Map(
    shortlistMemberStatuses(workspace.db, cohort.shortlist.id).map((m): [number, MemberRow] => [m.personId, m]),
  );
  const people = peopleById(workspace, cohort.personIds);
  const listArrests = listArrestsById(workspace, cohort.personIds);
  const model = loadAnalysisModel(workspace);
  const counts = window ? windowCounts(model.index, window) : null;
  const priorityOrder = ruleSet?.priorityGroups ?? [];
  const result: ShortlistExportPerson[] = [];
  for (const id of cohort.personIds) {
    const person = people.get(id);
    if (!person) continue;
    const row = model.index.rowOf(id);
    const analysed = row >= 0 ? model.index.people[row]! : null;
    const flags: FlagName[] = analysed ? analysed.flags : [];
    const byType = Object.fromEntries(CRIME_TYPE_IDS.map((t, code) => [t, counts && row >= 0 ? counts.byType[row * CRIME_TYPE_COUNT + code]! : 0])) as Record<CrimeTypeId, number>;
    const member = members.get(id);
    const decision = cohort.decisions.get(id);
    const decisionKind = decision ? asDecision(decision.decision) : null;
    result.push({
      position: member?.position ?? null,
      ref: person.ref,
      surname: person.surname,
      forenames: person.forenames,
      dob: person.dob,
      age: person.dob && window && isIsoDate(person.dob) ? ageOn(person.dob, window.referenceDate) : null,
      pnc: person.pnc,
      gender: person.gender,
      ethnicity: person.ethnicity,
      address: person.address,
      addressDate: person.addressDate,
      borough: person.borough,
      flags,
      priorityGroups: priorityOrder.filter((g) => flags.includes(g)),
      arrestsInWindow: counts && row >= 0 ? counts.total[row]! : 0,
      arrestsByCrimeType: byType,
      listArrestsLast10: person.listArrestsLast10,
      listArrestsLast22: person.listArrestsLast22,
      listArrests: listArrests.get(id) ?? [],
      custody: person.custody,
      ogrsScore: person.ogrsScore,
      statutory: person.statutory === null ? null : person.statutory === 1,
      selectionReason: member?.reason ?? null,
      panel: decision && decisionKind ? { decision: decisionKind, reason: asReason(decision.reason), note: decision.note, decidedBy: decision.decidedBy, decidedAt: decision.decidedAt } : null,
    });
  }
  return result;
}

/** The most recently changed saved scenario, read without creating one (an export writes nothing but its audit entry). */
function latestScenario(workspace: OpenWorkspace): { name: string; detail: string } | null {
  const row = newestScenarioRow(workspace.db);
  if (!row) return null;
  try {
    const s = JSON.parse(row.definition) as { referenceDate?: unknown; windowMonths?: unknown; reductionRate?: unknown };
    const rate = typeof s.reductionRate === 'number' ? s.reductionRate : typeof s.reductionRate === 'object' && s.reductionRate !== null ? (s.reductionRate as { central?: unknown }).central : null;
    const parts = [typeof s.referenceDate === 'string' ? `reference date ${s.referenceDate}` : null, typeof s.windowMonths === 'number' ? `${s.windowMonths}-month window` : null, typeof rate === 'number' ? `reduction ${Math.round(rate * 1000) / 10}%` : null];
    return { name: row.name, detail: parts.filter(Boolean).join(', ') };
  } catch {
    return { name: row.name, detail: '' };
  }
}

function sourceTitle(cohort: Cohort, people: number): string {
  if (cohort.source === 'decided') {
    const panel = cohort.panel!.cohort;
    const state = panel.status === 'open' ? 'session still open' : 'session closed';
    return `Decided cohort: ${people} ${people === 1 ? 'person' : 'people'} accepted by the selection panel of ${panel.heldOn} (${state})`;
  }
  return `Proposed shortlist: ${people} ${people === 1 ? 'person' : 'people'} proposed by the selection rules, not yet decided by a panel`;
}

function exclusionsText(ruleSet: SelectionRuleSet): string {
  const parts: string[] = [];
  if (ruleSet.exclusions.inCustody) parts.push('in custody');
  if (ruleSet.exclusions.notLivingInBorough) parts.push('not living in the borough');
  if (ruleSet.exclusions.minArrests !== null) parts.push(`fewer than ${ruleSet.exclusions.minArrests} arrests in the window`);
  return parts.length ? `excluded: ${parts.join('; ')}` : 'none';
}

function metadataRows(args: {
  marking: string;
  workspace: OpenWorkspace;
  cohort: Cohort;
  ruleSet: SelectionRuleSet | null;
  window: AnalysisWindow | null;
  people: number;
  columns: readonly ShortlistColumnId[];
  format: ExportFormat;
  actor: string;
  now: Date;
  intakePlan: boolean;
}): ExportCell[][] {
  const { cohort, ruleSet, window } = args;
  const scenario = latestScenario(args.workspace);
  const rows: ExportCell[][] = [
    [args.marking],
    ['IOM cohort export: metadata'],
    [],
    ['Protective marking', args.marking],
    ['Workspace', args.workspace.name],
    ['What this file holds', sourceTitle(cohort, args.people)],
  ];
  if (cohort.panel) {
    const p = cohort.panel.cohort;
    rows.push(['Panel session', `${cohort.panel.title || 'Panel'} held ${p.heldOn} (${p.status})`]);
    rows.push(['Panel decisions', `${p.accepted.length} accepted, ${p.rejected} rejected, ${p.deferred} deferred${p.undecided ? `, ${p.undecided} proposed and undecided` : ''}`]);
    rows.push(['Capacity', p.capacity]);
    rows.push(['Accepted against capacity', p.accepted.length === p.capacity ? 'exactly at capacity' : p.accepted.length < p.capacity ? `${p.capacity - p.accepted.length} under capacity` : `${p.accepted.length - p.capacity} over capacity`]);
  } else {
    rows.push(['Panel session', 'none yet: these people are proposed, not decided']);
    rows.push(['Capacity', cohort.shortlist.capacity]);
  }
  rows.push(['Shortlist', `made ${cohort.shortlist.createdAt.slice(0, 10)} by ${cohort.shortlist.createdBy}`]);
  rows.push(['Rule set', `${cohort.shortlist.ruleSetName} (version ${cohort.shortlist.ruleSetVersion})`]);
  if (ruleSet) {
    rows.push(['Priority groups', ruleSet.priorityGroups.length ? ruleSet.priorityGroups.map((g) => FLAG_LABELS[g]).join('; ') : 'none']);
    rows.push(['Filters (exclusions)', exclusionsText(ruleSet)]);
    rows.push(['Ranking', ruleSet.ranking.method === 'crimeTypeCount' && ruleSet.ranking.crimeType ? `${ruleSet.ranking.method} (${CRIME_TYPE_LABELS[ruleSet.ranking.crimeType]})` : ruleSet.ranking.method]);
  }
  rows.push(['Counting window', window ? describeWindow(window) : 'not recorded']);
  rows.push(['Scenario', scenario ? `${scenario.name}${scenario.detail ? ` (${scenario.detail})` : ''}` : 'none saved']);
  rows.push(['Exported at', args.now.toISOString()]);
  rows.push(['Exported by', args.actor]);
  rows.push(['People in this file', args.people]);
  rows.push(['Columns', orderShortlistColumns(args.columns).map((c) => SHORTLIST_COLUMNS[c].label).join('; ')]);
  rows.push(['Format', args.format === 'xlsx' ? 'Excel workbook (.xlsx)' : 'CSV (UTF-8)']);
  if (args.format === 'xlsx') rows.push(['Intake plan', args.intakePlan ? 'on the "Intake plan" sheet' : 'not planned yet']);
  rows.push([]);
  rows.push(['Arrests are not convictions; addresses may be out of date. Handle, store and share this file according to its marking.']);
  rows.push([]);
  rows.push([args.marking]);
  return rows;
}

/** The workspace's marking, or an override (the CLI's --marking) validated like the setting. */
export function checkedMarking(workspace: OpenWorkspace, override: string | undefined): string {
  if (override === undefined) return readSettings(workspace).values.protectiveMarking;
  const parsed = ProtectiveMarkingSchema.safeParse(override);
  if (!parsed.success) throw new WorkspaceError('invalid_input', `The marking is not valid: ${parsed.error.issues[0]?.message ?? 'check it'}.`);
  return parsed.data;
}

/** Builds the file's bytes; writes nothing (the caller delivers, then audits). */
export function buildShortlistExport(workspace: OpenWorkspace, request: ShortlistExportRequest): ShortlistExportResult {
  const columns = orderShortlistColumns(request.columns);
  if (columns.length === 0) throw new WorkspaceError('invalid_input', 'Choose at least one column to export.');
  const marking = checkedMarking(workspace, request.marking);
  const now = request.now ?? new Date();
  const cohort = resolveCohort(workspace, request.source);
  const ruleSet = parseRuleSet(cohort.shortlist.ruleSetDefinition);
  const window = shortlistWindow(cohort.shortlist, ruleSet);
  const people = exportPeople(workspace, cohort, ruleSet, window);
  const table = shortlistTable(people, columns);
  const title = cohort.source === 'decided' ? 'IOM decided cohort' : 'IOM proposed shortlist';
  const fileName = markedExportFileName(marking, title, now.toISOString().slice(0, 10), request.format);
  const description = sourceTitle(cohort, people.length);
  const intake = request.format === 'xlsx' ? intakePlanRows(workspace, cohort.panel?.cohort ?? null) : null;

  let bytes: Uint8Array;
  if (request.format === 'csv') {
    const cells = (row: readonly ExportCell[]) => row.map(exportCellText);
    // The header says how dates are written, as a spreadsheet opening the file may show them otherwise.
    const header = table.header.map((h) => (h === SHORTLIST_COLUMNS.dob.label ? `${h} (yyyy-mm-dd)` : h));
    bytes = new TextEncoder().encode(csvDocument([[marking], header, ...table.rows.map(cells)]));
  } else {
    const sheets: SheetSpec[] = [
      { name: cohort.source === 'decided' ? 'Cohort' : 'Shortlist', rows: [[marking], [description], [], table.header, ...table.rows, [], [marking]], headerRow: 3 },
      { name: 'Metadata', rows: metadataRows({ marking, workspace, cohort, ruleSet, window, people: people.length, columns, format: request.format, actor: request.actor, now, intakePlan: intake !== null }), widths: [28, 90] },
    ];
    if (intake) sheets.push({ name: 'Intake plan', rows: [[marking], [], ...intake, [], [marking]] });
    bytes = workbookBytes(sheets, { title: `${title} (${workspace.name})`, subject: marking, author: request.actor });
  }
  return {
    fileName,
    mime: request.format === 'csv' ? CSV_MIME : XLSX_MIME,
    bytes,
    marking,
    source: cohort.source,
    shortlistId: cohort.shortlist.id,
    people: people.length,
    columns: table.header.length,
    format: request.format,
    intakePlan: intake !== null,
    description,
  };
}

/** The audit entry for a delivered export: what kind, how many, which format; never who was in it. */
export function auditShortlistExport(workspace: OpenWorkspace, result: ShortlistExportResult, actor: string, via: 'app' | 'cli'): void {
  appendAudit(workspace.db, {
    actor,
    action: 'export.shortlist',
    entity: 'shortlist',
    entityId: result.shortlistId,
    detail: { format: result.format, source: result.source, people: result.people, columns: result.columns, intakePlan: result.intakePlan, via },
  });
}

