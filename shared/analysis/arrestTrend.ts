import { z } from 'zod';
import { type ArrestIndex, CRIME_TYPE_CODE, dayNumber, workingNumber } from '../domain/analysisModel';
import type { ProjectionCrimeTypeId } from '../domain/crimeTypes';
import { PROJECTION_CRIME_TYPE_IDS } from './projection';

/**
 * The seed's "IOM cohort's arrest rate trend vs. Non IOM" chart (004): monthly arrest rates of the
 * cohort and of everyone else, "indexed at 100, Jun 12 levels" and "exponentially smoothed to
 * provide a trend line". Per group and calendar month t:
 *   rate_t       = arrests_t / personMonths_t            (arrests per person-month)
 *   index_t      = 100 × rate_t / rate_base              (the month's own rate, indexed)
 *   smoothed_t   = α · rate_t + (1 − α) · smoothed_{t−1}, smoothed_first = rate_first
 *   trendIndex_t = 100 × smoothed_t / smoothed_base      (the trend line, indexed)
 * The trend line is indexed to its own value at the base month, so it passes through 100 there as
 * the seed's chart does, and a single noisy base month does not shift the whole line. Because
 * smoothing is linear this is the smoothed index series rescaled to 100 at the base month.
 * Nothing is rounded here; every figure carries its working.
 */

export const MonthKeySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'a month is YYYY-MM' });

/** Most months a trend covers: 20 years, far more than any extract, and a bound on the work. */
const MAX_TREND_MONTHS = 240;

/** The smoothing the seed's chart appears to use is not stated; 0.3 gives a readable trend over 2 years. */
export const DEFAULT_SMOOTHING_ALPHA = 0.3;

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthOfIndex(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Calendar months from `from` to `to` inclusive, as YYYY-MM. */
export function monthRange(from: string, to: string): string[] {
  const a = monthIndex(from);
  const b = monthIndex(to);
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < a) return [];
  return Array.from({ length: b - a + 1 }, (_, k) => monthOfIndex(a + k));
}

/** The month `months` calendar months after (or before, when negative) `month`. */
export function addMonthsToMonth(month: string, months: number): string {
  return monthOfIndex(monthIndex(month) + months);
}

/**
 * Arrests per calendar month of a set of people, over the prebuilt index (each id counted once;
 * ids the index does not hold have no arrests). `crimeType` 'all' counts every arrest.
 */
export function monthlyArrestCounts(
  index: ArrestIndex,
  personIds: Iterable<number>,
  months: readonly string[],
  crimeType: ProjectionCrimeTypeId = 'all',
): { people: number; arrests: number[] } {
  const counts = new Array<number>(months.length).fill(0);
  if (months.length === 0) return { people: 0, arrests: counts };
  // Month boundaries as day numbers: month k covers [starts[k], starts[k + 1]).
  const starts = new Int32Array(months.length + 1);
  months.forEach((m, k) => {
    starts[k] = dayNumber(`${m}-01`);
  });
  starts[months.length] = dayNumber(`${addMonthsToMonth(months[months.length - 1]!, 1)}-01`);
  const code = crimeType === 'all' ? -1 : CRIME_TYPE_CODE[crimeType];
  const seen = new Uint8Array(index.people.length);
  let people = 0;
  const outside = new Set<number>();
  for (const id of personIds) {
    const row = index.rowOf(id);
    if (row < 0) {
      if (!outside.has(id)) people++;
      outside.add(id);
      continue;
    }
    if (seen[row] === 1) continue;
    seen[row] = 1;
    people++;
    for (let i = index.offsets[row]!; i < index.offsets[row + 1]!; i++) {
      if (code >= 0 && index.crimeCodes[i] !== code) continue;
      const day = index.days[i]!;
      if (day < starts[0]! || day >= starts[months.length]!) continue;
      // Binary search for the month holding the day.
      let lo = 0;
      let hi = months.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (starts[mid]! <= day) lo = mid;
        else hi = mid - 1;
      }
      counts[lo]!++;
    }
  }
  return { people, arrests: counts };
}

/** s_t = α·x_t + (1 − α)·s_{t−1}, starting from the first value; a null value carries the trend on unchanged. */
export function exponentialSmoothing(values: ReadonlyArray<number | null>, alpha: number): Array<number | null> {
  if (!(alpha > 0 && alpha <= 1)) throw new Error(`smoothing α must be in (0, 1], got ${alpha}`);
  const out: Array<number | null> = [];
  let previous: number | null = null;
  for (const x of values) {
    if (x === null) out.push(previous);
    else {
      previous = previous === null ? x : alpha * x + (1 - alpha) * previous;
      out.push(previous);
    }
  }
  return out;
}

interface TrendGroupInput {
  name: string;
  /** People in the group (for the text; the rates use person-months). */
  people: number;
  /** Arrests per month, aligned with `months`. */
  arrests: readonly number[];
  /** Person-months of exposure per month, aligned with `months`. */
  personMonths: readonly number[];
}

export interface TrendPoint {
  month: string;
  arrests: number;
  personMonths: number;
  /** Arrests per person-month; null without exposure. */
  rate: number | null;
  /** 100 × rate / base rate; null when either is missing or the base rate is 0. */
  index: number | null;
  smoothedRate: number | null;
  /** 100 × smoothed rate / smoothed base rate. */
  trendIndex: number | null;
  working: { rate: string; index: string | null; smoothedRate: string | null; trendIndex: string | null };
}

export interface TrendSeries {
  name: string;
  people: number;
  arrests: number;
  baseRate: number | null;
  baseSmoothedRate: number | null;
  points: TrendPoint[];
  /** Why the series cannot be indexed, when it cannot. */
  problem: string | null;
}

interface ArrestTrend {
  months: string[];
  baseMonth: string;
  alpha: number;
  series: TrendSeries[];
  method: string;
}

const w = workingNumber;

/** The rates, indices and trend of each group (see the module comment for the formulas). */
export function arrestTrend(groups: readonly TrendGroupInput[], months: readonly string[], options: { baseMonth: string; alpha: number }): ArrestTrend {
  const { baseMonth, alpha } = options;
  if (!(alpha > 0 && alpha <= 1)) throw new Error(`smoothing α must be in (0, 1], got ${alpha}`);
  const base = months.indexOf(baseMonth);
  if (base < 0) throw new Error(`base month ${baseMonth} is not among the months`);
  const series = groups.map((group): TrendSeries => {
    if (group.arrests.length !== months.length || group.personMonths.length !== months.length) {
      throw new Error(`group ${group.name}: one value per month is needed`);
    }
    const rates = months.map((_, t) => (group.personMonths[t]! > 0 ? group.arrests[t]! / group.personMonths[t]! : null));
    const smoothed = exponentialSmoothing(rates, alpha);
    const baseRate = rates[base] ?? null;
    const baseSmoothedRate = smoothed[base] ?? null;
    const canIndex = baseRate !== null && baseRate > 0;
    const canTrend = baseSmoothedRate !== null && baseSmoothedRate > 0;
    let previousSmoothed: number | null = null;
    const points = months.map((month, t): TrendPoint => {
      const rate = rates[t]!;
      const s = smoothed[t]!;
      // The base month is 100 by definition; computing it would give 100.00000000000001 at times.
      const index = rate !== null && canIndex ? (t === base ? 100 : (100 * rate) / baseRate) : null;
      const trendIndex = s !== null && canTrend ? (t === base ? 100 : (100 * s) / baseSmoothedRate) : null;
      const smoothedWorking =
        s === null
          ? null
          : rate === null
            ? `${w(s)} (no exposure this month: the trend carries on)`
            : previousSmoothed === null
              ? `${w(s)} (first month: the rate itself)`
              : `${w(s)} = ${w(alpha)} × ${w(rate)} + ${w(1 - alpha)} × ${w(previousSmoothed)}`;
      const point: TrendPoint = {
        month,
        arrests: group.arrests[t]!,
        personMonths: group.personMonths[t]!,
        rate,
        index,
        smoothedRate: s,
        trendIndex,
        working: {
          rate: rate === null ? 'no person-months' : `${w(rate)} = ${w(group.arrests[t]!)} / ${w(group.personMonths[t]!)}`,
          index: index === null || rate === null ? null : `${w(index)} = 100 × ${w(rate)} / ${w(baseRate!)}`,
          smoothedRate: smoothedWorking,
          trendIndex: trendIndex === null || s === null ? null : `${w(trendIndex)} = 100 × ${w(s)} / ${w(baseSmoothedRate!)}`,
        },
      };
      if (s !== null) previousSmoothed = s;
      return point;
    });
    const problem =
      group.people === 0
        ? 'no people in this group'
        : !canIndex || !canTrend
          ? `no arrests in the base month ${baseMonth} (or before it, for the trend), so the series cannot be indexed to it`
          : null;
    return {
      name: group.name,
      people: group.people,
      arrests: group.arrests.reduce((a, b) => a + b, 0),
      baseRate,
      baseSmoothedRate,
      points,
      problem,
    };
  });
  return {
    months: [...months],
    baseMonth,
    alpha,
    series,
    method:
      `Monthly arrests per person-month; index = 100 × rate / rate in ${baseMonth}; ` +
      `trend = exponential smoothing s_t = ${w(alpha)} × rate_t + ${w(1 - alpha)} × s_(t−1), indexed to 100 at ${baseMonth}.`,
  };
}

/** Person-months of a fixed group over whole calendar months: its size, every month. */
export function fixedGroupExposure(people: number, months: number): number[] {
  return new Array<number>(months).fill(people);
}

// ---------------------------------------------------------------------------------------------
// The request the app answers (analysis.monthlyTrend)
// ---------------------------------------------------------------------------------------------

/** Who is "the cohort": the latest shortlist's included people, or everyone with a cohort start date. */
export const TREND_COHORTS = ['shortlist', 'cohortStartDate'] as const;
/** Who the cohort is compared with: the rest of the long list, or everyone else in the workspace. */
export const TREND_COMPARISONS = ['longList', 'all'] as const;

export const MonthlyTrendRequestSchema = z
  .object({
    cohort: z.enum(TREND_COHORTS),
    comparison: z.enum(TREND_COMPARISONS),
    fromMonth: MonthKeySchema,
    toMonth: MonthKeySchema,
    baseMonth: MonthKeySchema,
    alpha: z.number().gt(0).max(1),
    crimeType: z.enum(PROJECTION_CRIME_TYPE_IDS).default('all'),
  })
  .strict()
  .superRefine((r, ctx) => {
    const span = monthRange(r.fromMonth, r.toMonth).length;
    if (span === 0) ctx.addIssue({ code: 'custom', message: 'the first month must not be after the last', path: ['toMonth'] });
    if (span > MAX_TREND_MONTHS) ctx.addIssue({ code: 'custom', message: `at most ${MAX_TREND_MONTHS} months`, path: ['toMonth'] });
    if (r.baseMonth < r.fromMonth || r.baseMonth > r.toMonth) ctx.addIssue({ code: 'custom', message: 'the base month must lie between the first and last month', path: ['baseMonth'] });
  });
export type MonthlyTrendRequest = z.infer<typeof MonthlyTrendRequestSchema>;

export interface MonthlyTrendResult extends ArrestTrend {
  crimeType: ProjectionCrimeTypeId;
  /** Plain-words description of each group, in the order of `series`. */
  groupDescriptions: string[];
  /** The latest arrest date in the workspace, so months after it can be flagged as having no data. */
  latestArrestDate: string | null;
}
