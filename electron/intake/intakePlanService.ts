import type { IntakePanelSession, IntakePerson, IntakePlanReport, IntakePlanView } from '../../shared/intake/intakeSchemas';
import { CSV_MIME, type ExportDelivery } from '../../shared/exports/exportDelivery';
import { FLAG_LABELS, isFlagName, type FlagName } from '../../shared/domain/flags';
import { defaultIntakeParams, INTAKE_PACE_LABELS, intakeMonthLabel, IntakeParamsSchema, planIntake, SEED_INTAKE_PERIOD, type IntakeMember, type IntakeParams } from '../../shared/intake/intakePlan';
import { lastDayBefore } from '../../shared/tracking/caseloadExits';
import { recordedExitsForPlan, workspaceCaseload } from '../tracking/caseloadService';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';
import { DEFAULT_EXISTING_COHORT_RULE, type NewEntrantCapacity } from '../../shared/shortlist/newEntrantCapacity';
import { csvDocument, markedExportFileName } from '../../shared/domain/spreadsheetText';
import { workingNumber, workingPercent } from '../../shared/domain/analysisModel';
import { readSettings } from '../settings/settingsService';
import { readSetting, writeSetting } from '../settings/workspaceSettings';
import { deliverExport, type ExportFile } from '../exports/exportDelivery';
import { finalCohort } from '../panel/finalCohort';
import type { AppContext } from '../runtime/appContext';
import { appendAudit } from '../workspace/auditLog';
import { WorkspaceError } from '../workspace/workspaceErrors';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { panelSessionHeading, panelSessionHeadings } from '../data/panel';
import { peopleNames } from '../data/people';
import { activeFlagsOfPeople } from '../data/lists';
import { latestShortlistSummary, shortlistRuleSet } from '../data/shortlists';

/** The workspace setting that keeps the plan's parameters (its own key, beside the Settings screen's). */
export const INTAKE_PARAMS_SETTING = 'intakePlan';

interface IntakePlanOptions {
  /** A panel session; the most recent one when absent. */
  sessionId?: number | null;
  /** Parameters to plan with; the saved ones (or the defaults) when absent. */
  params?: IntakeParams | null;
}

/**
 * The seed's period with the team from the workspace's staffing setting, and the caseload on the
 * books as the latest shortlist counted it (its rule set's caseload and exit rate), else the
 * workspace's current clients at the seed's exit rate, so Intake and Shortlist show the same places.
 */
export function defaultIntakeParamsFor(workspace: OpenWorkspace): IntakeParams {
  return defaultIntakeParams(readSettings(workspace).values.staffing, caseloadOnTheBooks(workspace));
}

function caseloadOnTheBooks(workspace: OpenWorkspace): { existingCaseload: number; exitRatePerMonth: number } {
  const { db } = workspace;
  const summary = latestShortlistSummary(db);
  // Clients recorded as leaving before the default period starts are off the books by then.
  const counted = workspaceCaseload(workspace, lastDayBefore(SEED_INTAKE_PERIOD.startMonth)).onTheBooks;
  try {
    const newEntrants = (JSON.parse(summary ?? 'null') as { newEntrants?: Partial<NewEntrantCapacity> } | null)?.newEntrants;
    if (newEntrants && typeof newEntrants.exitRatePerMonth === 'number') {
      const existingCaseload = newEntrants.caseloadSource === 'ruleSet' && typeof newEntrants.currentCaseload === 'number' ? newEntrants.currentCaseload : counted;
      return { existingCaseload, exitRatePerMonth: newEntrants.exitRatePerMonth };
    }
  } catch {
    // A shortlist from before the caseload was counted: the workspace's figures below.
  }
  return { existingCaseload: counted, exitRatePerMonth: DEFAULT_EXISTING_COHORT_RULE.exitRatePerMonth };
}

export function savedIntakeParams(workspace: OpenWorkspace): IntakeParams | null {
  return readSetting<IntakeParams | null>(workspace, INTAKE_PARAMS_SETTING, IntakeParamsSchema, null);
}

/** Keeps the parameters; the audit says what kind of plan it is (months, staff), never who is in it. */
export function saveIntakeParams(workspace: OpenWorkspace, paramsInput: IntakeParams, actor: string): IntakeParams {
  const params = IntakeParamsSchema.parse(paramsInput);
  const { db } = workspace;
  db.transaction(() => {
    writeSetting(workspace, INTAKE_PARAMS_SETTING, params);
    appendAudit(db, {
      actor,
      action: 'intake.saveParams',
      entity: 'setting',
      entityId: INTAKE_PARAMS_SETTING,
      detail: { startMonth: params.startMonth, endMonth: params.endMonth, offenderManagers: params.offenderManagers, policeLeads: params.policeLeads, staffChanges: params.staffChanges.length },
    });
  }).immediate();
  return params;
}

function panelSessions(workspace: OpenWorkspace): IntakePanelSession[] {
  const sessions: Array<Omit<IntakePanelSession, 'accepted'>> = panelSessionHeadings(workspace.db);
  return sessions.map((s) => ({ ...s, accepted: finalCohort(workspace, s.id)?.accepted.length ?? 0 }));
}

/** The priority groups of the rule set the session's shortlist came from; the seed's when it cannot be read. */
function shortlistPriorityGroups(workspace: OpenWorkspace, shortlistId: number): FlagName[] {
  const definition = shortlistRuleSet(workspace.db, shortlistId)?.definition;
  try {
    const groups = (JSON.parse(definition ?? 'null') as { priorityGroups?: unknown } | null)?.priorityGroups;
    if (Array.isArray(groups)) return groups.filter((g): g is FlagName => typeof g === 'string' && isFlagName(g));
  } catch {
    // An unreadable definition falls back to the seed's groups below.
  }
  return [...DEFAULT_SELECTION_RULE_SET.priorityGroups];
}

/**
 * Names and active agency lists of the accepted people only, read as the analysis model reads them
 * (active person_flags), so a plan for a hundred people never waits for a big workspace's arrests.
 */
function acceptedPeople(workspace: OpenWorkspace, ids: readonly number[]): Map<number, { surname: string | null; forenames: string | null; pnc: string | null; flags: FlagName[] }> {
  const { db } = workspace;
  const rows = peopleNames(db, ids);
  const people = new Map(rows.map((r) => [r.id, { surname: r.surname, forenames: r.forenames, pnc: r.pnc, flags: [] as FlagName[] }]));
  const flags = activeFlagsOfPeople(db, ids);
  for (const f of flags) if (isFlagName(f.flag)) people.get(f.personId)?.flags.push(f.flag);
  return people;
}

/**
 * The intake plan of a panel session's accepted cohort. Null when there has been no panel yet (or
 * the given session does not exist: the caller says which it asked for). The shortlist export
 * calls this and adds `intakePlanSheetRows(report)` as its "Intake plan" sheet.
 */
export function intakePlanForCohort(workspace: OpenWorkspace, options: IntakePlanOptions = {}): IntakePlanReport | null {
  const cohort = finalCohort(workspace, options.sessionId ?? undefined);
  if (!cohort) return null;
  const session: Omit<IntakePanelSession, 'accepted'> = panelSessionHeading(workspace.db, cohort.sessionId)!;
  const saved = options.params ? null : savedIntakeParams(workspace);
  const params = options.params ? IntakeParamsSchema.parse(options.params) : (saved ?? defaultIntakeParamsFor(workspace));
  const paramsSource: IntakePlanReport['paramsSource'] = options.params ? 'given' : saved ? 'saved' : 'default';

  const priorityGroups = shortlistPriorityGroups(workspace, cohort.shortlistId);
  const details = acceptedPeople(workspace, cohort.accepted.map((a) => a.personId));
  const people = new Map<number, IntakePerson>();
  const members: IntakeMember[] = cohort.accepted.map((a) => {
    const person = details.get(a.personId);
    const groups = person ? priorityGroups.filter((g) => person.flags.includes(g)) : [];
    people.set(a.personId, { personId: a.personId, surname: person?.surname ?? null, forenames: person?.forenames ?? null, pnc: person?.pnc ?? null, statutory: a.statutory, priorityGroups: groups, shortlistPosition: a.shortlistPosition });
    return { personId: a.personId, statutory: a.statutory, priorityGroups: groups, shortlistPosition: a.shortlistPosition };
  });
  const plan = planIntake(members, params, recordedExitsForPlan(workspace));
  const ordered = [...plan.starters, ...plan.notFitting].map((m) => people.get(m.personId)!);
  return {
    session: { ...session, accepted: cohort.accepted.length },
    shortlistCapacity: cohort.capacity,
    priorityGroups,
    params,
    paramsSource,
    plan,
    people: ordered,
  };
}

/** What the Intake page shows: the plan (or null before any panel), the sessions to choose from, saved and default parameters. */
export function intakePlanView(workspace: OpenWorkspace, options: IntakePlanOptions = {}): IntakePlanView {
  const report = intakePlanForCohort(workspace, options);
  if (!report && options.sessionId) throw new WorkspaceError('not_found', 'That panel session does not exist.');
  return { report, sessions: panelSessions(workspace), saved: savedIntakeParams(workspace), defaults: defaultIntakeParamsFor(workspace) };
}

function nameOf(person: IntakePerson): string {
  if (!person.surname && !person.forenames) return '(no name given)';
  if (!person.surname) return person.forenames ?? '';
  if (!person.forenames) return person.surname;
  return `${person.surname}, ${person.forenames}`;
}

function statutoryWord(value: boolean | null): string {
  return value === null ? 'Unknown' : value ? 'Statutory' : 'Non-statutory';
}

function groupsText(groups: readonly FlagName[]): string {
  return groups.map((g) => FLAG_LABELS[g]).join('; ');
}

function teamText(report: IntakePlanReport): string {
  const p = report.params;
  const police = p.clientsPerPoliceLead === null ? `${workingNumber(p.policeLeads)} police leads (not limiting)` : `${workingNumber(p.policeLeads)} police leads × ${workingNumber(p.clientsPerPoliceLead)} clients`;
  const changes = p.staffChanges.map((c) => `from ${intakeMonthLabel(c.month)}: ${workingNumber(c.offenderManagers)} offender managers, ${workingNumber(c.policeLeads)} police leads`);
  return [`${workingNumber(p.offenderManagers)} offender managers × ${workingNumber(p.clientsPerManager)} clients; ${police}`, ...changes].join('; ');
}

/**
 * The plan as rows of text for a spreadsheet sheet or a CSV: the parameters, the month table, who
 * starts when, who does not fit and why, and the working. Every cell is text, so the caller writes
 * them as string cells (never formulas).
 */
export function intakePlanSheetRows(report: IntakePlanReport): string[][] {
  const { plan, params } = report;
  const person = new Map(report.people.map((p) => [p.personId, p]));
  const rows: string[][] = [
    ['Intake plan'],
    ['Panel session', `${report.session.title} (${report.session.heldOn})`],
    ['Accepted cohort', String(plan.totals.cohort)],
    ['Period', `${intakeMonthLabel(params.startMonth)} to ${intakeMonthLabel(params.endMonth)}`],
    ['Team', teamText(report)],
    ['Caseload already on the books', String(params.existingCaseload)],
    ['Existing clients leaving each month', workingPercent(params.exitRatePerMonth ?? 0)],
    ['Places for new entrants', plan.newEntrants.working],
    ['Pace', INTAKE_PACE_LABELS[params.pace]],
    ['Most new starts a month', params.maxStartsPerMonth === null ? 'No limit' : String(params.maxStartsPerMonth)],
    ['Statutory share', plan.statutoryShare.text],
    ['Binding constraint', plan.binding.text],
    [],
    ['Month', 'Offender managers', 'Police leads', 'Capacity', 'Capacity limited by', 'Caseload at start', 'Starts', 'Statutory', 'Non-statutory', 'Statutory unknown', 'In a priority group', 'Caseload at end', 'Spare places', 'Left by then', 'Of whom recorded'],
    ...plan.months.map((m) => [
      m.label,
      workingNumber(m.offenderManagers),
      workingNumber(m.policeLeads),
      String(m.capacity),
      m.constrainedBy ? (m.tiedWith ? `${m.constrainedBy} and ${m.tiedWith}` : m.constrainedBy) : '',
      String(m.caseloadAtStart),
      String(m.starts),
      String(m.statutory),
      String(m.nonStatutory),
      String(m.unknownStatutory),
      String(m.priority),
      String(m.caseloadAtEnd),
      String(m.spare),
      String(m.exitsSoFar + m.startersLeftSoFar),
      String(m.recordedExitsSoFar + m.startersLeftSoFar),
    ]),
    ['Total', '', '', '', '', '', String(plan.totals.planned), String(plan.statutoryShare.statutory), String(plan.statutoryShare.nonStatutory), String(plan.statutoryShare.unknown), String(plan.months.reduce((n, m) => n + m.priority, 0)), '', '', '', ''],
    [],
    ['Starts by month'],
    ['Order', 'Month', 'Name', 'PNC', 'Statutory', 'Priority groups', 'Shortlist position'],
    ...plan.starters.map((s) => {
      const p = person.get(s.personId)!;
      return [String(s.order), intakeMonthLabel(s.month), nameOf(p), p.pnc ?? '', statutoryWord(s.statutory), groupsText(s.priorityGroups), s.shortlistPosition === null ? '' : String(s.shortlistPosition)];
    }),
  ];
  if (plan.notFitting.length) {
    rows.push([], ['Not fitting within the period'], ['Order', 'Name', 'PNC', 'Statutory', 'Priority groups', 'Shortlist position', 'Reason']);
    for (const n of plan.notFitting) {
      const p = person.get(n.personId)!;
      rows.push([String(n.order), nameOf(p), p.pnc ?? '', statutoryWord(n.statutory), groupsText(n.priorityGroups), n.shortlistPosition === null ? '' : String(n.shortlistPosition), n.reason]);
    }
  }
  rows.push([], ['Working'], ...plan.working.map((line) => [line]));
  return rows;
}

/** The CSV: the protective marking on the first line, as on the lists the agencies send. */
function intakePlanCsv(report: IntakePlanReport, marking: string): string {
  return csvDocument([[marking], ...intakePlanSheetRows(report)]);
}

/** The marked CSV of a plan and how to record its export (counts only), for the app and the CLI alike. */
export function intakePlanExportFile(workspace: OpenWorkspace, options: IntakePlanOptions, actor: string): { report: IntakePlanReport; file: ExportFile; record: () => void } {
  const report = intakePlanForCohort(workspace, options);
  if (!report) throw new WorkspaceError('not_found', options.sessionId ? 'That panel session does not exist.' : 'There is no panel session yet: the intake plan is made from the panel’s accepted cohort.');
  const marking = readSettings(workspace).values.protectiveMarking;
  const fileName = markedExportFileName(marking, 'IOM intake plan', new Date().toISOString().slice(0, 10), 'csv');
  const file = { fileName, mime: CSV_MIME, bytes: new TextEncoder().encode(intakePlanCsv(report, marking)) };
  const record = (): void => {
    appendAudit(workspace.db, {
      actor,
      action: 'intake.export',
      entity: 'panel_session',
      entityId: report.session.id,
      detail: { format: 'csv', months: report.plan.months.length, planned: report.plan.totals.planned, notFitting: report.plan.totals.notFitting },
    });
  };
  return { report, file, record };
}

/** Delivers the plan as a marked CSV and audits it (counts only) unless the user cancelled. */
export async function exportIntakePlanCsv(ctx: AppContext, options: IntakePlanOptions = {}): Promise<ExportDelivery> {
  const { file, record } = intakePlanExportFile(ctx.session.requireWorkspace(), options, ctx.actor);
  return (await deliverExport(ctx, file, { action: 'intake.export', record })).delivery;
}
