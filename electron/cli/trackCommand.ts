import { basename, extname, resolve } from 'node:path';
import { RecordExitSchema, TrackingRequestSchema, type TrackingView } from '../../shared/tracking/trackingSchemas';
import { EXIT_REASONS } from '../../shared/tracking/caseloadExits';
import { workingNumber, workingPercent } from '../../shared/domain/analysisModel';
import { isIsoDate } from '../../shared/domain/isoDate';
import { describeMatchQuality } from '../../shared/tracking/comparisonMatching';
import type { PeriodCounts } from '../../shared/tracking/outcomeTracking';
import { CSV_BYTE_ORDER_MARK, toCsv } from '../../shared/domain/chartCsv';
import { TRACKING_TREND_ALPHA, trackingTrend, trackingTrendCsv, type TrackingTrend } from '../../shared/tracking/trackingTrend';
import { readSettings } from '../settings/settingsService';
import { writeFileAtomic } from '../exports/atomicFile';
import { clearExit, recordExit, recordStart } from '../tracking/cohortMembership';
import { trackCohort } from '../tracking/trackingService';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { CliError } from './cliError';
import { workspaceCommandArgs } from './commandArgs';
import { refuseToReplace } from './outputFile';
import { FOLLOW_UP_OPTIONS, followUpRequestFields, optionIssues, wholeNumber } from './followUpOptions';
import type { CliWorkspaceContext } from './cliWorkspace';
import type { CliIo } from './cli';
import { printTable } from './textTable';

export const TRACK_USAGE = `  track <workspace> [--cohort auto|new|existing] [--scenario NAME] [--before 12] [--after 12]
        [--data-to YYYY-MM-DD] [--bootstrap 1000] [--json] [--chart-csv FILE [--alpha 0.3] [--force]]
                                     the cohort's arrests and estimated offences before vs after joining,
                                     against the projection and a matched comparison group from the long list;
                                     --chart-csv writes the Tracking screen's indexed arrest-rate trend as CSV
  track <workspace> start PERSON_ID YYYY-MM-DD|plan   record the day a member started (plan: the tranche's)
  track <workspace> exit PERSON_ID YYYY-MM-DD --reason TEXT
                                     record that a member left (TEXT: e.g. "Moved out of the borough", as the Tracking
                                     screen offers, or your own words); their place is free from that date;
                                     track <workspace> clear-exit PERSON_ID takes it back`;

const rate = (value: number) => workingNumber(Number(value.toFixed(4)));
const change = (value: number | null) => (value === null ? '–' : workingPercent(-value));

function periodCells(p: PeriodCounts): string[] {
  return [String(p.people), String(p.beforeArrests), rate(p.beforeRate), String(p.afterArrests), rate(p.afterRate), change(p.change), rate(p.beforeOffencesPerMonth), rate(p.afterOffencesPerMonth)];
}

const PERIOD_HEADER = ['People', 'Arrests before', 'a month', 'Arrests after', 'a month', 'Change', 'Offences/month before', 'after'];

function printTracking(view: TrackingView, io: CliIo): void {
  const r = view.result;
  io.out(`Cohort: ${view.cohort.description}`);
  io.out(`Projection: “${view.scenario.name}”; data to ${view.dataTo}${view.dataToSource === 'latestArrest' ? ' (the latest arrest)' : view.dataToSource === 'referenceDate' ? ' (no arrests: the scenario’s reference date)' : ''}`);
  io.out(`Followed: ${r.people.length}${r.leftOut.length ? `; not followed: ${r.leftOut.length} (${summarise(r.leftOut.map((l) => l.reason))})` : ''}; exits recorded: ${r.exits}`);
  io.out('');
  io.out(`By crime type (cohort; ${r.beforeMonths} months before, up to ${r.afterMonths} after):`);
  printTable(['Crime type', ...PERIOD_HEADER], r.byCrimeType.map((c) => [c.label, ...periodCells(c.cohort)]), io);
  io.out('');
  io.out('By group (all arrests):');
  printTable(['Group', ...PERIOD_HEADER], r.byGroup.map((g) => [g.label, ...periodCells(g.cohort)]), io);
  io.out('');
  io.out('Projected vs actual offences a year since joining:');
  printTable(['Crime type', 'Projected before', 'Projected after', 'Actual after', 'Difference'], r.projectedVsActual.map((p) => [p.label, rate(p.projectedBefore), rate(p.projectedAfter), rate(p.actualAfter), rate(p.difference)]), io);
  for (const p of r.projectedVsActual) io.out(`  ${p.label}: ${p.working}`);
  io.out('');
  io.out(`Comparison group: ${r.matching.candidates} people on the long list not taken on; ${describeMatchQuality(r.matching)}`);
  const all = r.byCrimeType.find((c) => c.crimeType === 'all');
  if (all) printTable(['Group', ...PERIOD_HEADER], [['Cohort', ...periodCells(all.cohort)], ['Comparison', ...periodCells(all.comparison)]], io);
  if (r.effect) {
    io.out(`Difference in differences: ${r.effect.differenceWorking}`);
    if (r.effect.bootstrap) io.out(`  95% interval ${rate(r.effect.bootstrap.difference.low)} to ${rate(r.effect.bootstrap.difference.high)} (${r.effect.bootstrap.difference.working})`);
    io.out(`Fall attributable to joining: ${r.effect.reductionWorking}`);
    if (r.effect.bootstrap?.reduction) io.out(`  95% interval ${workingPercent(r.effect.bootstrap.reduction.low)} to ${workingPercent(r.effect.bootstrap.reduction.high)}`);
    if (r.effect.naiveReduction !== null) io.out(`Naive before/after fall of the cohort: ${workingPercent(r.effect.naiveReduction)}`);
  }
  io.out('');
  io.out('What this can and cannot show:');
  for (const line of r.statement) io.out(`  - ${line}`);
  io.out('');
  const names = new Map(view.names.map((n) => [n.personId, n]));
  printTable(
    ['PNC', 'Name', 'Start', 'Before', 'After', 'Months after', 'Comparison', 'Exit'],
    r.people.map((p) => {
      const n = names.get(p.personId);
      return [n?.pnc ?? `#${p.personId}`, `${n?.surname ?? ''}, ${n?.forenames ?? ''}`, p.startDate, String(p.beforeArrests), String(p.afterArrests), rate(p.afterMonths), p.comparison ? `${p.comparison.quality}${p.comparison.distance ? ` (${p.comparison.distance})` : ''}` : 'none', p.exit ? `${p.exit.date}` : ''];
    }),
    io,
  );
  io.out(`Method: ${r.method}`);
}

function summarise(reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${n} ${reason}`).join('; ');
}

function personIdOf(text: string | undefined): number {
  const id = Number(text);
  if (!text || !Number.isInteger(id) || id <= 0) throw new CliError('PERSON_ID must be a whole number above 0 (the id the track table and the JSON give).', 64);
  return id;
}

function dateOf(text: string | undefined): string {
  if (!text || !isIsoDate(text)) throw new CliError('The date must be given as YYYY-MM-DD.', 64);
  return text;
}

/** Everything about --chart-csv that can be checked before the passphrase is asked for. */
function trendChartTarget(values: { 'chart-csv'?: string | undefined; alpha?: string | undefined; force?: boolean | undefined }): { path: string; alpha: number } | null {
  if (values['chart-csv'] === undefined) {
    if (values.alpha !== undefined) throw new CliError('--alpha is the smoothing of the trend chart: give it with --chart-csv FILE.', 64);
    return null;
  }
  if (!values['chart-csv'].trim()) throw new CliError('--chart-csv needs a file name, e.g. --chart-csv trend.csv.', 64);
  const target = resolve(values['chart-csv']);
  if (extname(target).toLowerCase() !== '.csv') throw new CliError(`${basename(target)}: the trend is written as .csv.`, 64);
  const alpha = values.alpha === undefined ? TRACKING_TREND_ALPHA : Number(values.alpha);
  if (!(Number.isFinite(alpha) && alpha > 0 && alpha <= 1)) throw new CliError('--alpha must be a number above 0 and at most 1 (1 is no smoothing).', 64);
  refuseToReplace(target, values.force);
  return { path: target, alpha };
}

/** The same bytes as the screen's "Download data (CSV)": byte-order mark, the marking line, the table. */
function writeTrendCsv(workspace: OpenWorkspace, target: string, trend: TrackingTrend, overwrite: boolean): void {
  const marking = readSettings(workspace).values.protectiveMarking;
  writeFileAtomic(target, CSV_BYTE_ORDER_MARK + toCsv(trackingTrendCsv(trend), marking), { overwrite });
}

/** `iom-cohort track`: what the Tracking screen shows, and the start dates and exits it is measured from. */
export async function trackCommand(args: string[], io: CliIo, ctx: CliWorkspaceContext): Promise<void> {
  const { values, workspacePath: path, rest: [action, ...rest] } = workspaceCommandArgs(args, {
    ...FOLLOW_UP_OPTIONS,
    bootstrap: { type: 'string' },
    reason: { type: 'string' },
    json: { type: 'boolean', default: false },
    'chart-csv': { type: 'string' },
    alpha: { type: 'string' },
    force: { type: 'boolean', default: false },
  });
  if (action === 'start' || action === 'exit' || action === 'clear-exit') {
    const personId = personIdOf(rest[0]);
    const record = await ctx.withWorkspace(path, (workspace) => {
      if (action === 'start') return recordStart(workspace, personId, rest[1] === 'plan' ? null : dateOf(rest[1]), ctx.actor());
      if (action === 'exit') {
        if (!values.reason?.trim()) throw new CliError(`An exit needs --reason: one of ${EXIT_REASONS.filter((r) => r !== 'Other').map((r) => `"${r}"`).join(', ')}, or your own words.`, 64);
        // The same contract as the Tracking screen's call, so both store the same kind of reason.
        const exit = RecordExitSchema.safeParse({ personId, exitDate: dateOf(rest[1]), reason: values.reason });
        if (!exit.success) throw new CliError(exit.error.issues.map((i) => `${String(i.path[0] ?? '')}: ${i.message}`).join('; '), 64);
        return recordExit(workspace, exit.data.personId, exit.data.exitDate, exit.data.reason, ctx.actor());
      }
      return clearExit(workspace, personId, ctx.actor());
    });
    if (values.json) io.out(JSON.stringify(record, null, 2));
    else io.out(action === 'start' ? `Start date of #${personId}: ${record?.startDate ?? 'from the intake plan or the list'}` : action === 'exit' ? `Exit of #${personId} recorded: ${record?.exitDate ?? ''}` : `Exit of #${personId} taken back.`);
    return;
  }
  if (action !== undefined) throw new CliError(`Unknown track action "${action}": start, exit or clear-exit.`, 64);
  const parsed = TrackingRequestSchema.safeParse({
    ...followUpRequestFields(values),
    ...(values.bootstrap ? { bootstrapIterations: wholeNumber(values.bootstrap, 'bootstrap') } : {}),
  });
  if (!parsed.success) throw optionIssues(parsed.error.issues);
  const chart = trendChartTarget(values);
  const view = await ctx.withWorkspace(path, (workspace) => {
    const tracked = trackCohort(workspace, parsed.data, ctx.actor());
    if (chart) writeTrendCsv(workspace, chart.path, trackingTrend(tracked.result.monthly, { alpha: chart.alpha }), values.force);
    return tracked;
  });
  if (chart) {
    const wrote = `Wrote ${chart.path}: the arrest-rate trend of the cohort and its comparison, indexed to 100 at the start month (α = ${workingNumber(chart.alpha)}).`;
    // With --json, stdout is the JSON alone.
    if (values.json) io.err(wrote);
    else io.out(wrote);
  }
  if (values.json) {
    // Names stay out of machine output: a script gets the ids the screen and the exit command use.
    const { names: _names, ...rest } = view;
    io.out(JSON.stringify(rest, null, 2));
    return;
  }
  printTracking(view, io);
}
