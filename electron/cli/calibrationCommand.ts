import { parseArgs } from 'node:util';
import { describeCalibration, type CalibrationResult } from '../../shared/analysis/calibration';
import { attributionEstimate, SEED_ATTRIBUTION, type AttributionInput } from '../../shared/analysis/projection';
import { workingNumber, workingPercent } from '../../shared/domain/analysisModel';
import { isIsoDate } from '../../shared/domain/isoDate';
import { calibrateExistingCohort, type CalibrationRequest } from '../analysis/calibrationService';
import { defaultWindow } from '../shortlist/candidateQuery';
import { CliError } from './cliError';
import { workspaceCommandArgs } from './commandArgs';
import type { CliWorkspaceContext } from './cliWorkspace';
import type { CliIo } from './cli';

export const CALIBRATION_USAGE = `  calibrate <workspace> [--reference-date YYYY-MM-DD] [--before 12] [--after 6] [--bootstrap 1000] [--json]
                                     the existing cohort's monthly arrest rates before vs after joining IOM,
                                     the fall with its 95% interval: a reduction rate with its source
  attribution [--before 2.5] [--after 1.6] [--ratio 11.6] [--months 6] [--area-fall 336] [--json]
                                     fewer offences = (arrests a month before − after) × allegations per
                                     arrest × months; inputs not given are the seed's (004)`;

function wholeNumber(text: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new CliError(`--${name} must be a whole number from ${min} to ${max}.`, 64);
  return value;
}

function positiveNumber(text: string | undefined, name: string, allowZero: boolean): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) throw new CliError(`--${name} must be a number${allowZero ? ' of 0 or more' : ' above 0'}.`, 64);
  return value;
}

function printCalibration(result: CalibrationResult, request: CalibrationRequest, io: CliIo): void {
  io.out(`Existing IOM cohort: ${result.people.length} people with an IOM start date and an after window${result.leftOut.length ? ` (${result.leftOut.length} left out: ${summariseLeftOut(result)})` : ''}`);
  io.out(`  before  ${result.before.working}`);
  io.out(`  after   ${result.after.working}`);
  io.out(`  fall    ${result.rateRatioWorking}`);
  if (result.poisson) io.out(`  95% interval (Poisson)    ${workingPercent(result.poisson.reduction.low)} to ${workingPercent(result.poisson.reduction.high)}: ${result.poisson.rateRatio.working}`);
  if (result.bootstrap) io.out(`  95% interval (bootstrap)  ${workingPercent(result.bootstrap.reduction.low)} to ${workingPercent(result.bootstrap.reduction.high)}: ${result.bootstrap.rateRatio.working}`);
  if (result.meanIndividualReduction) io.out(`  mean of individual falls ${workingPercent(result.meanIndividualReduction.value)} (${result.meanIndividualReduction.working})`);
  if (result.suggestedReductionRate) {
    const s = result.suggestedReductionRate;
    io.out(`Suggested reduction rate: ${workingPercent(s.central)} (low ${workingPercent(s.low)}, high ${workingPercent(s.high)}; ${s.basis})`);
    io.out(`Source to record: ${describeCalibration(result, request)}`);
  } else {
    io.out('No reduction rate can be suggested: the cohort has no arrests in its before windows.');
  }
  io.out(`Method: ${result.method}`);
}

function summariseLeftOut(result: CalibrationResult): string {
  const reasons = new Map<string, number>();
  for (const l of result.leftOut) reasons.set(l.reason, (reasons.get(l.reason) ?? 0) + 1);
  return [...reasons].map(([reason, n]) => `${n} ${reason}`).join('; ');
}

/** `iom-cohort calibrate`: what the Projection screen's "Calibrate from the existing cohort" shows. */
export async function calibrateCommand(args: string[], io: CliIo, ctx: Pick<CliWorkspaceContext, 'withWorkspace'>): Promise<void> {
  const { values, workspacePath: path } = workspaceCommandArgs(args, {
    'reference-date': { type: 'string' },
    before: { type: 'string' },
    after: { type: 'string' },
    bootstrap: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const referenceDate = values['reference-date'];
  if (referenceDate !== undefined && !isIsoDate(referenceDate)) throw new CliError('--reference-date must be a date as YYYY-MM-DD.', 64);
  const beforeMonths = wholeNumber(values.before, 12, 'before', 1, 60);
  const afterMonths = wholeNumber(values.after, 6, 'after', 1, 60);
  const bootstrapIterations = wholeNumber(values.bootstrap, 1000, 'bootstrap', 0, 10_000);
  const { result, request } = await ctx.withWorkspace(path, (workspace) => {
    // Without a date the data's own end is used, as the Projection screen's default window does.
    const request: CalibrationRequest = { referenceDate: referenceDate ?? defaultWindow(workspace).referenceDate, beforeMonths, afterMonths, bootstrapIterations };
    return { result: calibrateExistingCohort(workspace, request), request };
  });
  if (values.json) {
    const { people: perPerson, leftOut, ...summary } = result;
    // Person ids are internal; the counts are what a script needs.
    io.out(JSON.stringify({ ...summary, request, people: perPerson.length, leftOut: leftOut.length, source: result.suggestedReductionRate ? describeCalibration(result, request) : null }, null, 2));
    return;
  }
  printCalibration(result, request, io);
}

/** `iom-cohort attribution`: the seed's sum, with the working, on the seed's inputs unless told otherwise. */
export function attributionCommand(args: string[], io: CliIo): Promise<void> {
  const { values } = parseArgs({
    args,
    allowPositionals: false,
    options: {
      before: { type: 'string' },
      after: { type: 'string' },
      ratio: { type: 'string' },
      months: { type: 'string' },
      'area-fall': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const given = {
    beforeMonthlyArrests: positiveNumber(values.before, 'before', true),
    afterMonthlyArrests: positiveNumber(values.after, 'after', true),
    allegationsPerArrest: positiveNumber(values.ratio, 'ratio', false),
    months: values.months === undefined ? undefined : wholeNumber(values.months, 6, 'months', 1, 120),
    areaFallOverPeriod: positiveNumber(values['area-fall'], 'area-fall', false),
  };
  const input: Required<AttributionInput> = {
    beforeMonthlyArrests: given.beforeMonthlyArrests ?? SEED_ATTRIBUTION.beforeMonthlyArrests,
    afterMonthlyArrests: given.afterMonthlyArrests ?? SEED_ATTRIBUTION.afterMonthlyArrests,
    allegationsPerArrest: given.allegationsPerArrest ?? SEED_ATTRIBUTION.allegationsPerArrest,
    months: given.months ?? SEED_ATTRIBUTION.months,
    areaFallOverPeriod: given.areaFallOverPeriod ?? SEED_ATTRIBUTION.areaFallOverPeriod,
  };
  const fromSeed = (Object.keys(given) as Array<keyof typeof given>).filter((k) => given[k] === undefined);
  const estimate = attributionEstimate(input);
  if (values.json) {
    io.out(JSON.stringify({ input, inputsFromSeed: fromSeed, ...estimate }, null, 2));
    return Promise.resolve();
  }
  if (fromSeed.length) io.out(`Inputs from the seed (${fromSeed.join(', ')}): ${SEED_ATTRIBUTION.source}`);
  io.out(`Fewer arrests a month:      ${estimate.working.fewerArrestsPerMonth}`);
  io.out(`Relative fall:              ${estimate.working.relativeFall}`);
  io.out(`Fewer offences a month:     ${estimate.working.fewerOffencesPerMonth}`);
  io.out(`Fewer offences over ${workingNumber(input.months)} months: ${estimate.working.fewerOffencesOverPeriod}`);
  if (estimate.working.shareOfAreaFall) io.out(`Share of the area's fall:   ${estimate.working.shareOfAreaFall}`);
  io.out(`Assumption: ${estimate.assumption}.`);
  return Promise.resolve();
}
