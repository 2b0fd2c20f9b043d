import {
  type AnalysisPerson,
  type ArrestIndex,
  dayNumber,
  isoFromDayNumber,
  tryDayNumber,
  workingNumber,
  workingPercent,
} from '../domain/analysisModel';
import { addMonths, type IsoDate } from '../domain/isoDate';
import { mulberry32 } from '../domain/seededRandom';
import { formatDisplayDate } from '../domain/dateDisplay';

/**
 * Calibrating the reduction rate from an existing cohort, as the seed did ("reduction in monthly
 * conviction rate … 12 months pre IOM compared to 6 months after start of IOM").
 *
 * Method
 * - Each person's before window is [joining date − beforeMonths months, joining date) and the after
 *   window is [joining date, joining date + afterMonths months), cut off at the reference date
 *   (the last day the data covers). An arrest on the joining day counts as after.
 * - Exposure is measured in calendar months: whole months stepped from the joining date, plus the
 *   last part-month as a fraction of that month's days, so a full 6-month window is exactly 6.
 *   Time in custody is not known here and is not taken off (rates are per month at risk or not).
 * - Cohort rates pool everyone: total arrests / total person-months (each window).
 * - Rate ratio RR = after rate / before rate; reduction = 1 − RR.
 * - 95% interval, Poisson with the log-normal approximation: log RR ± 1.96 × √(1/a + 1/b), a and b
 *   the after and before arrest counts (0.5 added to both when either is 0, for the interval only).
 *   This assumes arrests are Poisson; repeat offenders' arrests are over-dispersed, so the interval
 *   is too narrow when a few people dominate. The bootstrap below accounts for that.
 * - Bootstrap: people resampled with replacement (whole people, so each person's before and after
 *   stay together), RR recomputed per resample, 2.5th and 97.5th percentiles (linear interpolation
 *   between order statistics). The generator is mulberry32 from a given seed, so a run is
 *   reproducible. Resamples with no before arrests have no RR and are skipped (and counted).
 * - The suggested reduction rate is the pooled 1 − RR, with the bootstrap interval when run
 *   (otherwise the Poisson one), clamped to 0…1.
 * - Also reported: the mean of individual reductions (1 − after rate / before rate) over people
 *   with arrests before, the other reading of the seed's "average reduction in offenders' rate".
 */

export const Z_95 = 1.959963984540054;

export interface CalibrationOptions {
  /** The last day the arrest data covers; after windows stop here. */
  referenceDate: IsoDate;
  beforeMonths?: number;
  afterMonths?: number;
  /** Leave out people whose after window is shorter than this many months (default: any length > 0). */
  minAfterMonths?: number;
  /** Bootstrap iterations and seed; null or absent for none. */
  bootstrap?: { iterations: number; seed: number } | null;
}

interface PersonCalibration {
  personId: number;
  cohortStartDate: IsoDate;
  beforeArrests: number;
  beforeMonths: number;
  beforeRate: number;
  afterArrests: number;
  afterMonths: number;
  afterRate: number;
  /** 1 − after rate / before rate; null without arrests before. */
  reduction: number | null;
}

interface RateSummary {
  arrests: number;
  personMonths: number;
  monthlyRate: number;
  working: string;
}

export interface Interval {
  low: number;
  high: number;
  working: string;
}

export interface CalibrationResult {
  people: PersonCalibration[];
  leftOut: Array<{ personId: number; reason: string }>;
  before: RateSummary;
  after: RateSummary;
  /** Null when there are no arrests before (no rate to compare with). */
  rateRatio: number | null;
  rateRatioWorking: string;
  reduction: number | null;
  poisson: { rateRatio: Interval; reduction: Interval } | null;
  bootstrap: {
    iterations: number;
    seed: number;
    skipped: number;
    rateRatio: Interval;
    reduction: Interval;
  } | null;
  meanIndividualReduction: { value: number; people: number; working: string } | null;
  suggestedReductionRate: { low: number; central: number; high: number; basis: string } | null;
  method: string;
}

/**
 * Months from `from` to `toExclusive`: whole months stepped from `from` (so clamping at month ends
 * never drifts), plus the remainder as a fraction of the next month's days.
 */
export function monthsBetween(from: IsoDate, toExclusive: IsoDate): number {
  if (toExclusive <= from) return 0;
  let whole = 0;
  while (addMonths(from, whole + 1) <= toExclusive) whole++;
  const stepStart = dayNumber(addMonths(from, whole));
  const stepEnd = dayNumber(addMonths(from, whole + 1));
  return whole + (dayNumber(toExclusive) - stepStart) / (stepEnd - stepStart);
}

export { mulberry32 };

/** Percentile by linear interpolation between order statistics (R's type 7). */
export function percentile(sortedValues: ArrayLike<number>, p: number): number {
  const n = sortedValues.length;
  if (n === 0) return NaN;
  const position = (n - 1) * p;
  const lower = Math.floor(position);
  const upper = Math.min(n - 1, lower + 1);
  const fraction = position - lower;
  return sortedValues[lower]! + (sortedValues[upper]! - sortedValues[lower]!) * fraction;
}

/** Counts a person's sorted arrest day numbers in [fromDay, toDayExclusive). */
function countBetween(days: ArrayLike<number>, fromDay: number, toDayExclusive: number): number {
  let n = 0;
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    if (d >= fromDay && d < toDayExclusive) n++;
  }
  return n;
}

const w = workingNumber;

function rateSummary(arrests: number, personMonths: number, label: string): RateSummary {
  const monthlyRate = personMonths === 0 ? 0 : arrests / personMonths;
  return { arrests, personMonths, monthlyRate, working: `${w(monthlyRate)} = ${arrests} arrests / ${w(personMonths)} person-months ${label}` };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** The calibration over each person's arrest days, however they are held (the app's index, or a test's list). */
export function calibrateCore(
  people: readonly AnalysisPerson[],
  arrestDaysOf: (personId: number) => ArrayLike<number>,
  options: CalibrationOptions,
): CalibrationResult {
  const beforeMonths = options.beforeMonths ?? 12;
  const afterMonths = options.afterMonths ?? 6;
  const minAfter = options.minAfterMonths ?? 0;
  const refDay = tryDayNumber(options.referenceDate);
  if (refDay === null) throw new Error(`not an ISO date: ${options.referenceDate}`);
  if (beforeMonths <= 0 || afterMonths <= 0) throw new Error('before and after windows must be positive');
  const dataEndExclusive = isoFromDayNumber(refDay + 1);

  const rows: PersonCalibration[] = [];
  const leftOut: CalibrationResult['leftOut'] = [];
  const seen = new Set<number>();
  for (const person of people) {
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    const start = person.cohortStartDate;
    if (start === null || tryDayNumber(start) === null) {
      leftOut.push({ personId: person.id, reason: 'no cohort start date' });
      continue;
    }
    if (start > options.referenceDate) {
      leftOut.push({ personId: person.id, reason: `joins after the reference date ${options.referenceDate}` });
      continue;
    }
    const beforeStart = addMonths(start, -beforeMonths);
    const plannedEnd = addMonths(start, afterMonths);
    const afterEnd = plannedEnd < dataEndExclusive ? plannedEnd : dataEndExclusive;
    const afterLength = monthsBetween(start, afterEnd);
    if (afterLength <= 0 || afterLength < minAfter) {
      leftOut.push({ personId: person.id, reason: `after window of ${w(afterLength)} months is shorter than ${minAfter || 'any'}` });
      continue;
    }
    const beforeLength = monthsBetween(beforeStart, start);
    const days = arrestDaysOf(person.id);
    const beforeArrests = countBetween(days, dayNumber(beforeStart), dayNumber(start));
    const afterArrests = countBetween(days, dayNumber(start), dayNumber(afterEnd));
    const beforeRate = beforeArrests / beforeLength;
    const afterRate = afterArrests / afterLength;
    rows.push({
      personId: person.id,
      cohortStartDate: start,
      beforeArrests,
      beforeMonths: beforeLength,
      beforeRate,
      afterArrests,
      afterMonths: afterLength,
      afterRate,
      reduction: beforeArrests === 0 ? null : 1 - afterRate / beforeRate,
    });
  }

  const sum = (pick: (r: PersonCalibration) => number, subset: readonly PersonCalibration[] = rows): number =>
    subset.reduce((s, r) => s + pick(r), 0);
  const b = sum((r) => r.beforeArrests);
  const bMonths = sum((r) => r.beforeMonths);
  const a = sum((r) => r.afterArrests);
  const aMonths = sum((r) => r.afterMonths);
  const before = rateSummary(b, bMonths, `in the ${beforeMonths} months before joining`);
  const after = rateSummary(a, aMonths, `in up to ${afterMonths} months after joining`);

  const rateRatio = b === 0 || aMonths === 0 ? null : after.monthlyRate / before.monthlyRate;
  const reduction = rateRatio === null ? null : 1 - rateRatio;
  const rateRatioWorking =
    rateRatio === null
      ? 'no rate ratio: no arrests in the before windows'
      : `${w(rateRatio)} = ${w(after.monthlyRate)} / ${w(before.monthlyRate)}; reduction ${w(reduction ?? 0)} (${workingPercent(reduction ?? 0)})`;

  let poisson: CalibrationResult['poisson'] = null;
  if (rateRatio !== null) {
    const corrected = a === 0 || b === 0;
    const ac = corrected ? a + 0.5 : a;
    const bc = corrected ? b + 0.5 : b;
    const ratioForInterval = (ac / aMonths) / (bc / bMonths);
    const se = Math.sqrt(1 / ac + 1 / bc);
    const low = ratioForInterval * Math.exp(-Z_95 * se);
    const high = ratioForInterval * Math.exp(Z_95 * se);
    const seWorking = `SE(log RR) = √(1/${w(ac)} + 1/${w(bc)}) = ${w(se)}${corrected ? ' (0.5 added to both counts)' : ''}`;
    poisson = {
      rateRatio: { low, high, working: `${w(ratioForInterval)} × exp(∓1.96 × ${w(se)}) = ${w(low)} … ${w(high)}; ${seWorking}` },
      reduction: { low: 1 - high, high: 1 - low, working: `1 − RR bounds: ${w(1 - high)} … ${w(1 - low)}` },
    };
  }

  let bootstrap: CalibrationResult['bootstrap'] = null;
  if (options.bootstrap && rows.length > 0) {
    const { iterations, seed } = options.bootstrap;
    if (!Number.isInteger(iterations) || iterations <= 0) throw new Error('bootstrap iterations must be a positive whole number');
    const random = mulberry32(seed);
    const n = rows.length;
    const ratios: number[] = [];
    let skipped = 0;
    for (let it = 0; it < iterations; it++) {
      let sb = 0;
      let sbm = 0;
      let sa = 0;
      let sam = 0;
      for (let k = 0; k < n; k++) {
        const r = rows[Math.floor(random() * n)]!;
        sb += r.beforeArrests;
        sbm += r.beforeMonths;
        sa += r.afterArrests;
        sam += r.afterMonths;
      }
      if (sb === 0 || sam === 0) skipped++;
      else ratios.push(sa / sam / (sb / sbm));
    }
    const sorted = Float64Array.from(ratios).sort();
    const low = percentile(sorted, 0.025);
    const high = percentile(sorted, 0.975);
    bootstrap = {
      iterations,
      seed,
      skipped,
      rateRatio: {
        low,
        high,
        working: `2.5th and 97.5th percentiles of ${ratios.length} resampled rate ratios (seed ${seed}, ${skipped} resamples without before arrests skipped)`,
      },
      reduction: { low: 1 - high, high: 1 - low, working: `1 − RR bounds: ${w(1 - high)} … ${w(1 - low)}` },
    };
  }

  const withBefore = rows.filter((r) => r.reduction !== null);
  const meanIndividualReduction =
    withBefore.length === 0
      ? null
      : (() => {
          const total = sum((r) => r.reduction ?? 0, withBefore);
          const value = total / withBefore.length;
          return { value, people: withBefore.length, working: `${w(value)} = ${w(total)} / ${withBefore.length} people with arrests before joining` };
        })();

  const interval = bootstrap?.reduction ?? poisson?.reduction ?? null;
  const suggestedReductionRate =
    reduction === null || interval === null
      ? null
      : {
          low: clamp01(interval.low),
          central: clamp01(reduction),
          high: clamp01(interval.high),
          basis: `pooled 1 − RR with the ${bootstrap ? 'bootstrap' : 'Poisson'} 95% interval, clamped to 0…1`,
        };

  return {
    people: rows,
    leftOut,
    before,
    after,
    rateRatio,
    rateRatioWorking,
    reduction,
    poisson,
    bootstrap,
    meanIndividualReduction,
    suggestedReductionRate,
    method:
      `Monthly arrest rates ${beforeMonths} months before vs up to ${afterMonths} months after joining (cut at ${formatDisplayDate(options.referenceDate)}); ` +
      'rate ratio of pooled rates; 95% interval by Poisson log-normal approximation' +
      (bootstrap ? ` and by a person-level bootstrap (${bootstrap.iterations} resamples, seed ${bootstrap.seed})` : ''),
  };
}

/** Calibration over the prebuilt index. */
export function calibrateReductionFromIndex(
  people: readonly AnalysisPerson[],
  index: ArrestIndex,
  options: CalibrationOptions,
): CalibrationResult {
  const empty = new Int32Array(0);
  return calibrateCore(
    people,
    (id) => {
      const row = index.rowOf(id);
      return row < 0 ? empty : index.days.subarray(index.offsets[row]!, index.offsets[row + 1]!);
    },
    options,
  );
}

/**
 * The calibration in one sentence: what a scenario records as its rate's source when the analyst
 * sets the rate from it, and what the CLI prints.
 */
export function describeCalibration(result: CalibrationResult, options: { referenceDate: string; beforeMonths: number; afterMonths: number }): string {
  const interval = result.bootstrap?.reduction ?? result.poisson?.reduction ?? null;
  const reduction = result.reduction === null ? 'no rate (no arrests before joining)' : `a fall of ${workingPercent(result.reduction)}`;
  return (
    `Calibrated from the existing cohort: ${result.people.length} people, arrests ${options.beforeMonths} months before vs up to ${options.afterMonths} after joining (data to ${options.referenceDate}); ` +
    `${w(Number(result.before.monthlyRate.toFixed(4)))} → ${w(Number(result.after.monthlyRate.toFixed(4)))} arrests a person-month, ${reduction}` +
    (interval ? ` (95% ${result.bootstrap ? 'bootstrap' : 'Poisson'} interval ${workingPercent(interval.low)} to ${workingPercent(interval.high)})` : '')
  );
}
