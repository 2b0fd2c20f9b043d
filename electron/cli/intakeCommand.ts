import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { IntakePlanReport } from '../../shared/intake/intakeSchemas';
import { isOneOf } from '../../shared/domain/closedSets';
import { INTAKE_PACES, IntakeParamsSchema, type IntakeParams } from '../../shared/intake/intakePlan';
import { writeRecordedExport } from '../exports/exportAudit';
import { defaultIntakeParamsFor, intakePlanExportFile, intakePlanForCohort, saveIntakeParams, savedIntakeParams } from '../intake/intakePlanService';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { CliError } from './cliError';
import { workspaceCommandArgs } from './commandArgs';
import { refuseToReplace } from './outputFile';
import type { CliIo } from './cli';
import type { CliWorkspaceContext } from './cliWorkspace';

export const INTAKE_USAGE = `  intake <workspace> plan [--session ID] [PARAMETERS] [--save] [--json]
                                     the monthly intake of the panel's accepted cohort (latest session by default)
  intake <workspace> export out.csv [--session ID] [PARAMETERS] [--force]
                                     the plan as a marked CSV; never replaces a file without --force
    PARAMETERS start from the saved ones (else the defaults): --params params.json, or any of
    --start-month YYYY-MM --end-month YYYY-MM --offender-managers N --clients-per-manager N
    --police-leads N --clients-per-police-lead N|none --existing-caseload N --exit-rate 0.0176
    --max-starts N|none --pace even|asap`;

const PARAM_OPTIONS = {
  params: { type: 'string' },
  'start-month': { type: 'string' },
  'end-month': { type: 'string' },
  'offender-managers': { type: 'string' },
  'clients-per-manager': { type: 'string' },
  'police-leads': { type: 'string' },
  'clients-per-police-lead': { type: 'string' },
  'existing-caseload': { type: 'string' },
  'exit-rate': { type: 'string' },
  'max-starts': { type: 'string' },
  pace: { type: 'string' },
} as const;

type ParamValues = Partial<Record<keyof typeof PARAM_OPTIONS, string>>;

function number(text: string, flag: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new CliError(`--${flag} must be a number.`, 64);
  return value;
}

const numberOrNone = (text: string, flag: string): number | null => (text.toLowerCase() === 'none' ? null : number(text, flag));

/** The given flags over `base`; the result is checked with the contract's schema so the CLI refuses what the screen refuses. */
function intakeParamsFrom(base: IntakeParams, values: ParamValues): IntakeParams {
  let draft: Record<string, unknown> = { ...base };
  if (values.params !== undefined) {
    try {
      draft = JSON.parse(readFileSync(resolve(values.params), 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new CliError(`Cannot read the intake parameters file ${values.params}: ${error instanceof SyntaxError ? 'it is not valid JSON' : 'it could not be opened'}.`, 66);
    }
  }
  if (values['start-month'] !== undefined) draft.startMonth = values['start-month'];
  if (values['end-month'] !== undefined) draft.endMonth = values['end-month'];
  if (values['offender-managers'] !== undefined) draft.offenderManagers = number(values['offender-managers'], 'offender-managers');
  if (values['clients-per-manager'] !== undefined) draft.clientsPerManager = number(values['clients-per-manager'], 'clients-per-manager');
  if (values['police-leads'] !== undefined) draft.policeLeads = number(values['police-leads'], 'police-leads');
  if (values['clients-per-police-lead'] !== undefined) draft.clientsPerPoliceLead = numberOrNone(values['clients-per-police-lead'], 'clients-per-police-lead');
  if (values['existing-caseload'] !== undefined) draft.existingCaseload = number(values['existing-caseload'], 'existing-caseload');
  if (values['exit-rate'] !== undefined) draft.exitRatePerMonth = number(values['exit-rate'], 'exit-rate');
  if (values['max-starts'] !== undefined) draft.maxStartsPerMonth = numberOrNone(values['max-starts'], 'max-starts');
  if (values.pace !== undefined) {
    if (!isOneOf(INTAKE_PACES, values.pace)) throw new CliError(`--pace must be one of ${INTAKE_PACES.join(', ')}.`, 64);
    draft.pace = values.pace;
  }
  const parsed = IntakeParamsSchema.safeParse(draft);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new CliError(`The intake parameters are not valid: ${issues}.`, 64);
  }
  return parsed.data;
}

function paramsFor(workspace: OpenWorkspace, values: ParamValues): IntakeParams {
  return intakeParamsFrom(savedIntakeParams(workspace) ?? defaultIntakeParamsFor(workspace), values);
}

function printPlan(report: IntakePlanReport, io: CliIo): void {
  const { plan } = report;
  io.out(`Intake plan for panel session ${report.session.id} "${report.session.title}" (${report.session.heldOn}): ${plan.totals.cohort} accepted, ${plan.totals.planned} start, ${plan.totals.notFitting} do not fit.`);
  io.out(`  ${plan.newEntrants.working}`);
  const header = ['Month', 'Capacity', 'On books', 'Starts', 'Stat', 'Non-stat', 'Unknown', 'Caseload', 'Spare'];
  const rows = plan.months.map((m) => [m.label, String(m.capacity), String(m.caseloadAtStart), String(m.starts), String(m.statutory), String(m.nonStatutory), String(m.unknownStatutory), String(m.caseloadAtEnd), String(m.spare)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  io.out(`  ${header.map((h, i) => (i === 0 ? h.padEnd(widths[i]!) : h.padStart(widths[i]!))).join('  ')}`);
  for (const r of rows) io.out(`  ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`);
  io.out('Working:');
  for (const line of plan.working) io.out(`  ${line}`);
}

/** `iom-cohort intake <workspace> plan|export`: the Intake plan screen without a window. */
export async function intakeCommand(args: string[], io: CliIo, ctx: CliWorkspaceContext): Promise<void> {
  const { values, workspacePath: path, rest: [action, out] } = workspaceCommandArgs(args, { ...PARAM_OPTIONS, session: { type: 'string' }, save: { type: 'boolean', default: false }, force: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } }, INTAKE_USAGE);
  let sessionId: number | undefined;
  if (values.session !== undefined) {
    sessionId = Number(values.session);
    if (!Number.isInteger(sessionId) || sessionId <= 0) throw new CliError('--session must be a panel session number such as 1.', 64);
  }
  const noPanel = (): never => {
    throw new CliError(sessionId ? `There is no panel session ${sessionId}.` : 'There is no panel session yet: the intake plan is made from the panel’s accepted cohort.', 66);
  };

  if (action === 'plan') {
    const report = await ctx.withWorkspace(path, (workspace) => {
      const params = paramsFor(workspace, values);
      if (values.save) saveIntakeParams(workspace, params, ctx.actor());
      return intakePlanForCohort(workspace, { sessionId: sessionId ?? null, params }) ?? noPanel();
    });
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else printPlan(report, io);
    if (values.save && !values.json) io.out('The parameters are saved in the workspace.');
    return;
  }
  if (action === 'export') {
    if (!out) throw new CliError('intake export needs the file to write, e.g. intake <workspace> export plan.csv.', 64);
    const target = resolve(out);
    if (extname(target).toLowerCase() !== '.csv') throw new CliError(`${basename(target)}: the intake plan is written as .csv.`, 64);
    refuseToReplace(target, values.force);
    const actor = ctx.actor();
    const report = await ctx.withWorkspace(path, (workspace) => {
      const params = paramsFor(workspace, values);
      if (!intakePlanForCohort(workspace, { sessionId: sessionId ?? null, params })) noPanel();
      const { report, file, record } = intakePlanExportFile(workspace, { sessionId: sessionId ?? null, params }, actor);
      writeRecordedExport(workspace, target, file.bytes, { overwrite: values.force, action: 'intake.export', actor }, record);
      return report;
    });
    const summary = { path: target, planned: report.plan.totals.planned, notFitting: report.plan.totals.notFitting, months: report.plan.months.length };
    io.out(values.json ? JSON.stringify(summary, null, 2) : `Wrote ${target}: ${summary.planned} starts over ${summary.months} months, ${summary.notFitting} not fitting.`);
    return;
  }
  throw new CliError(`Say what to do: intake <workspace> plan|export.\n${INTAKE_USAGE}`, 64);
}
