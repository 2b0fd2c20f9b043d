import { workingNumber, workingPercent } from '../domain/analysisModel';
import { describeMatchQuality } from './comparisonMatching';
import type { TrackingResult } from './outcomeTracking';

/** Below this many matched pairs an interval is wide and one person can swing the figure. */
export const SMALL_NUMBER_PAIRS = 30;
/** Below this many arrests before joining, in either group, rates are too noisy to read much into. */
const SMALL_NUMBER_ARRESTS = 50;

const pct = workingPercent;

/** "a fall of 36%" or, when arrests went up, "a rise of 12%": never "a fall of −12%". */
export function describeFall(reduction: number): string {
  return reduction >= 0 ? `a fall of ${pct(reduction)}` : `a rise of ${pct(-reduction)}`;
}

/**
 * What the tracking can and cannot show, in plain words, with its own figures: the lines a board
 * paper should carry beside any "fall in offending" (issue 20, point 3).
 */
export function describeTracking(result: Omit<TrackingResult, 'statement'>): string[] {
  const lines: string[] = [];
  const all = result.byCrimeType.find((c) => c.crimeType === 'all') ?? result.byCrimeType[0];
  const effect = result.effect;
  const tracked = result.people.length;
  if (tracked === 0) {
    lines.push('No one in the cohort can be followed yet: no member has a start date on or before the last day of the data.');
  } else if (all && all.cohort.change !== null) {
    lines.push(
      `The ${tracked} people followed were arrested ${workingNumber(Number(all.cohort.beforeRate.toFixed(3)))} times a person-month in the ${result.beforeMonths} months before joining and ` +
        `${workingNumber(Number(all.cohort.afterRate.toFixed(3)))} since: ${describeFall(all.cohort.change)}. That before/after figure is what the seed's 36% measured; on its own it is not the effect of IOM.`,
    );
  }
  if (effect) {
    const naive = effect.naiveReduction;
    const comparisonFall = effect.comparison.reduction;
    if (comparisonFall !== null) {
      lines.push(
        `Similar people on the long list who were not taken on (${effect.pairs} matched: ${describeMatchQuality(result.matching)}) went through ${describeFall(comparisonFall)} over the same months. ` +
          'People are picked when their offending is at a peak, and peaks pass with or without IOM (regression to the mean); the comparison group carries the same pull.',
      );
    }
    if (effect.reduction !== null) {
      const interval = effect.bootstrap?.reduction;
      lines.push(
        `Allowing for that, joining is followed by ${describeFall(effect.reduction)}` +
          (interval ? ` (95% interval from ${describeFall(interval.low)} to ${describeFall(interval.high)})` : '') +
          (naive !== null ? `, against the naive ${describeFall(naive)} of the matched members.` : '.') +
          (interval && interval.low <= 0 && interval.high >= 0 ? ' The interval includes no effect at all: these figures cannot tell an effect from chance.' : ''),
      );
    }
  } else if (tracked > 0) {
    lines.push('No comparison group could be matched, so the before/after fall cannot be separated from regression to the mean and from changes everyone went through.');
  }
  if (result.matching.unmatched.length > 0) lines.push(`${result.matching.unmatched.length} members had no one alike on the long list and are not in the comparison.`);
  const smallPairs = (effect?.pairs ?? 0) < SMALL_NUMBER_PAIRS;
  const smallArrests = !effect || effect.cohort.beforeArrests < SMALL_NUMBER_ARRESTS || effect.comparison.beforeArrests < SMALL_NUMBER_ARRESTS;
  if (tracked > 0 && (smallPairs || smallArrests)) {
    lines.push(`Small numbers: ${effect?.pairs ?? 0} matched pairs and ${effect?.cohort.beforeArrests ?? 0} arrests before joining. A few people's arrests can move every figure; read the interval, not the central value.`);
  }
  lines.push(
    'Arrests are not convictions or offences: estimated offences are arrests × allegations per arrest, an assumption carried over from the projection. ' +
      'A change in policing (who is arrested, and how closely IOM clients are watched) changes arrests without any change in offending.',
  );
  lines.push(
    `Time in custody is not known and is not taken off, so a spell inside lowers the after rate. Leavers (${result.exits}) are still followed after they leave. ` +
      'The comparison is matched only on priority group, age band and arrests in the window: anything else the panel weighed (motivation, housing, a new order) can differ.',
  );
  return lines;
}
