import { arrestTrend, DEFAULT_SMOOTHING_ALPHA, type TrendPoint, type TrendSeries } from '../analysis/arrestTrend';
import type { CsvTable } from '../domain/chartCsv';
import { workingNumber } from '../domain/analysisModel';
import type { MonthlySeries } from './outcomeTracking';
import { SMALL_NUMBER_PAIRS } from './trackingStatement';

/**
 * The seed's "IOM cohort's arrest rate trend vs. Non IOM" (004: "indexed at 100, Jun 12 levels",
 * "exponentially smoothed to provide a trend line") for a tracked cohort (issue 20, point 4): the
 * matched members' and their comparison people's monthly arrests per person-month, smoothed and
 * indexed to 100 at the start month. The arithmetic is the Charts page's (shared/analysis/arrestTrend.ts):
 *   rate_k = arrests_k / person-months_k
 *   s_k = α · rate_k + (1 − α) · s_(k−1), s_first = rate_first   (α = 0.3 unless asked otherwise)
 *   trend index_k = 100 × s_k / s_0
 * Months are counted from each member's own start date (month 0 begins on it; the comparison
 * person is followed over their member's months), not calendar months: new members start in
 * different intake tranches, so a calendar month would mix people before and after starting, and
 * "Jun 12" in the seed was the month the whole cohort's after period began.
 * Smoothing runs before indexing, so the base is the smoothed level at the start month, which
 * carries the months before it: a start month with no arrests still has a base; only a group with
 * no arrests at all up to its start month has none, and its line is not drawn.
 * The last months rest on fewer people (later starters have not reached them yet): a month where
 * the matched members have less than half their number in person-months of data is left off the
 * lines (its raw counts stay in the CSV), so a handful of people cannot bend the end of the trend.
 */

/** A month after the start is drawn when the members' person-months reach this share of their number. */
const TREND_MIN_COVERAGE = 0.5;
export const TRACKING_TREND_ALPHA = DEFAULT_SMOOTHING_ALPHA;
const INDEX_MONTH = 0;

interface TrackingTrendMonth {
  relativeMonth: number;
  /** "−3", "Start", "+5": the axis label. */
  label: string;
  /** Person-months of data among the matched members, as a share of their number. */
  coverage: number;
  onLines: boolean;
  cohort: TrackingTrendValue;
  comparison: TrackingTrendValue;
}

/** A month of one group: the smoothed figures only on the lines' months (null elsewhere). */
interface TrackingTrendValue {
  arrests: number;
  personMonths: number;
  /** Arrests per person-month. */
  rate: number;
  smoothedRate: number | null;
  trendIndex: number | null;
  working: TrendPoint['working'] | null;
}

export interface TrackingTrend {
  alpha: number;
  pairs: number;
  months: TrackingTrendMonth[];
  /** Cohort then comparison, over the months on the lines. */
  series: TrendSeries[];
  /** Months with some data left off the lines for thin coverage. */
  leftOff: number[];
  /** Index points one arrest more in one month moves a line by (at the start month's level), null without a base. */
  pointsPerArrest: number | null;
  note: string[];
  method: string;
}

export function relativeMonthLabel(k: number): string {
  return k === 0 ? 'Start' : k > 0 ? `+${k}` : `−${-k}`;
}

const w = workingNumber;
const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function trackingTrend(monthly: MonthlySeries, options: { alpha?: number } = {}): TrackingTrend {
  const alpha = options.alpha ?? TRACKING_TREND_ALPHA;
  const { relativeMonths, cohort, comparison } = monthly;
  const start = relativeMonths.indexOf(INDEX_MONTH);
  // Every matched member contributes one whole person-month to each month before the start.
  const pairs = start > 0 ? cohort.personMonths[0]! : cohort.personMonths[start] ?? 0;
  const coverageOf = (k: number) => (pairs > 0 ? cohort.personMonths[k]! / pairs : 0);
  let last = start;
  for (let k = start + 1; k < relativeMonths.length; k++) if (coverageOf(k) >= TREND_MIN_COVERAGE) last = k;

  const withData = relativeMonths.map((_, k) => k).filter((k) => cohort.personMonths[k]! > 0);
  const drawn = start >= 0 && pairs > 0 ? relativeMonths.slice(0, last + 1).map((_, k) => k) : [];
  const labels = drawn.map((k) => String(relativeMonths[k]));
  const trend =
    drawn.length > 0
      ? arrestTrend(
          [
            { name: 'Cohort', people: pairs, arrests: drawn.map((k) => cohort.arrests[k]!), personMonths: drawn.map((k) => cohort.personMonths[k]!) },
            { name: 'Comparison', people: pairs, arrests: drawn.map((k) => comparison.arrests[k]!), personMonths: drawn.map((k) => comparison.personMonths[k]!) },
          ],
          labels,
          { baseMonth: String(INDEX_MONTH), alpha },
        )
      : null;
  const series = trend?.series ?? [];
  const valueOf = (group: MonthlySeries['cohort'], s: TrendSeries | undefined, k: number): TrackingTrendValue => {
    const point = k <= last ? s?.points[k] : undefined;
    const arrests = group.arrests[k]!;
    const personMonths = group.personMonths[k]!;
    return { arrests, personMonths, rate: personMonths > 0 ? arrests / personMonths : 0, smoothedRate: point?.smoothedRate ?? null, trendIndex: point?.trendIndex ?? null, working: point?.working ?? null };
  };
  const months: TrackingTrendMonth[] = withData.map((k) => ({
    relativeMonth: relativeMonths[k]!,
    label: relativeMonthLabel(relativeMonths[k]!),
    coverage: coverageOf(k),
    onLines: k <= last && drawn.length > 0,
    cohort: valueOf(cohort, series[0], k),
    comparison: valueOf(comparison, series[1], k),
  }));
  const leftOff = months.filter((m) => !m.onLines).map((m) => m.relativeMonth);
  const base = series[0]?.baseSmoothedRate ?? null;
  const pointsPerArrest = base !== null && base > 0 && pairs > 0 ? (100 * alpha) / pairs / base : null;

  const method = `rate = arrests / person-months; s_k = ${w(alpha)} × rate_k + ${w(round(1 - alpha, 10))} × s_(k−1); index = 100 × s_k / s_0 (month 0 = the start month).`;
  if (pairs === 0) {
    const note = ['No member has a comparison person yet (no one followed, or no one alike on the long list), so there is no trend to draw.'];
    return { alpha, pairs, months, series, leftOff, pointsPerArrest, note, method };
  }
  const note: string[] = [];
  note.push(
    `Arrests per person-month of the ${pairs} matched members and of their comparison people, by month from each member's start (month 0 begins on the start date; ` +
      `a comparison person is followed over their member's months), ${alpha === 1 ? 'not smoothed (α = 1)' : `smoothed exponentially with α = ${w(alpha)}`} and indexed to 100 at the ${alpha === 1 ? '' : 'smoothed '}start-month level.`,
  );
  note.push(
    alpha === 1
      ? 'α = 1 is no smoothing: the base is the start month’s own rate, so a group without arrests in its start month has no base and no line.'
      : 'The base is the smoothed rate, which carries the months before the start, so a start month without arrests still has one; a group with no arrests at all up to its start has no base and no line.',
  );
  for (const s of series) {
    if (!(s.baseSmoothedRate !== null && s.baseSmoothedRate > 0)) note.push(`${s.name}: no arrests ${alpha === 1 ? 'in' : 'up to'} the start month, so there is no base to index to and no line.`);
  }
  if (leftOff.length > 0) {
    note.push(
      `Months ${leftOff.map(relativeMonthLabel).join(', ')} are left off the lines: fewer than half the members have data for them yet (later starters). Their counts are in the CSV.`,
    );
  }
  if (pointsPerArrest !== null) {
    const move = `one arrest more in one month moves a line by about ${w(round(pointsPerArrest, 1))} index points`;
    note.push(pairs < SMALL_NUMBER_PAIRS ? `Small numbers: ${move}; with ${pairs} pairs the lines follow a few people's arrests, not a trend.` : `${move[0]!.toUpperCase()}${move.slice(1)}.`);
  }
  note.push('People are picked at a peak of their offending, so both lines usually fall after the start (regression to the mean): the gap between them, not the fall, is the sign of an effect.');
  return {
    alpha,
    pairs,
    months,
    series,
    leftOff,
    pointsPerArrest,
    note,
    method,
  };
}

/** The chart's numbers, one row per month and group, as the Charts page's trend CSV with the month counted from the start. */
export function trackingTrendCsv(trend: TrackingTrend): CsvTable {
  const header = ['month from start', 'group', 'people', 'arrests', 'person-months', 'arrests per person-month', 'smoothed rate', 'trend index', 'on the chart'];
  const rows = trend.months.flatMap((m) =>
    (['cohort', 'comparison'] as const).map((group) => {
      const v = m[group];
      return [m.relativeMonth, group === 'cohort' ? 'Cohort' : 'Comparison', trend.pairs, v.arrests, v.personMonths, v.rate, v.smoothedRate, v.trendIndex, m.onLines ? 'yes' : 'no'];
    }),
  );
  return { header, rows };
}
