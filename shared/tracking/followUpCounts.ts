import { type ArrestIndex, CRIME_TYPE_COUNT, dayNumber, tryDayNumber } from '../domain/analysisModel';
import { addMonths, type IsoDate } from '../domain/isoDate';

/**
 * One person's arrests before and after a start date (issue 20), counted in calendar months stepped
 * from the start date, as the calibration counts them (shared/analysis/calibration.ts):
 * - relative month k (−beforeMonths … afterMonths − 1) covers [start + k months, start + k + 1 months);
 *   an arrest on the start day is in month 0, the first month "after";
 * - the after period stops at the last day the data covers (`dataTo`): a month cut short counts as the
 *   share of its days that lie inside the data, so rates are per person-month of data, never diluted
 *   by months that have not happened yet;
 * - time in custody is not known and is not taken off.
 */

interface FollowUpPeriods {
  beforeMonths: number;
  afterMonths: number;
  /** The last day the arrest data covers. */
  dataTo: IsoDate;
}

export interface PersonFollowUp {
  personId: number;
  startDate: IsoDate;
  beforeArrests: number;
  afterArrests: number;
  /** Months of data before the start (always the whole period). */
  beforeMonths: number;
  /** Months of data after the start, cut at `dataTo`. */
  afterMonths: number;
  /** Arrests per relative month, index 0 = month −beforeMonths. */
  monthly: Int32Array;
  /** Person-months of data per relative month (1, a fraction for the month `dataTo` cuts, 0 after it). */
  exposure: Float64Array;
  /** Arrests per crime code (positions of CRIME_TYPE_IDS) before and after. */
  beforeByType: Int32Array;
  afterByType: Int32Array;
}

/** Month boundaries of each start date as day numbers, shared by everyone who starts that day. */
export type BoundaryCache = Map<IsoDate, Int32Array>;

function boundariesOf(startDate: IsoDate, periods: FollowUpPeriods, cache: BoundaryCache): Int32Array {
  let boundaries = cache.get(startDate);
  if (!boundaries) {
    const months = periods.beforeMonths + periods.afterMonths;
    boundaries = new Int32Array(months + 1);
    for (let k = 0; k <= months; k++) boundaries[k] = dayNumber(addMonths(startDate, k - periods.beforeMonths));
    cache.set(startDate, boundaries);
  }
  return boundaries;
}

/** Why a start date cannot be followed up, or null when it can. */
export function followUpProblem(startDate: IsoDate | null, dataTo: IsoDate): string | null {
  if (startDate === null || tryDayNumber(startDate) === null) return 'no start date';
  if (startDate > dataTo) return `starts after the data ends (${dataTo})`;
  return null;
}

export function personFollowUp(index: ArrestIndex, personId: number, startDate: IsoDate, periods: FollowUpPeriods, cache: BoundaryCache): PersonFollowUp {
  const months = periods.beforeMonths + periods.afterMonths;
  const b = boundariesOf(startDate, periods, cache);
  const dataEnd = dayNumber(periods.dataTo) + 1;
  const monthly = new Int32Array(months);
  const exposure = new Float64Array(months);
  for (let k = 0; k < months; k++) {
    const from = b[k]!;
    const to = b[k + 1]!;
    exposure[k] = k < periods.beforeMonths ? 1 : Math.max(0, Math.min(1, (Math.min(to, dataEnd) - from) / (to - from)));
  }
  const beforeByType = new Int32Array(CRIME_TYPE_COUNT);
  const afterByType = new Int32Array(CRIME_TYPE_COUNT);
  let beforeArrests = 0;
  let afterArrests = 0;
  const row = index.rowOf(personId);
  if (row >= 0) {
    const first = b[0]!;
    const last = Math.min(b[months]!, dataEnd);
    for (let i = index.offsets[row]!; i < index.offsets[row + 1]!; i++) {
      const day = index.days[i]!;
      if (day < first || day >= last) continue;
      let lo = 0;
      let hi = months - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (b[mid]! <= day) lo = mid;
        else hi = mid - 1;
      }
      monthly[lo]!++;
      const code = index.crimeCodes[i]!;
      if (lo < periods.beforeMonths) {
        beforeArrests++;
        if (code < CRIME_TYPE_COUNT) beforeByType[code]!++;
      } else {
        afterArrests++;
        if (code < CRIME_TYPE_COUNT) afterByType[code]!++;
      }
    }
  }
  let afterMonths = 0;
  for (let k = periods.beforeMonths; k < months; k++) afterMonths += exposure[k]!;
  return { personId, startDate, beforeArrests, afterArrests, beforeMonths: periods.beforeMonths, afterMonths, monthly, exposure, beforeByType, afterByType };
}
