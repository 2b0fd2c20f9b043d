import { type ArrestIndex, CRIME_TYPE_CODE, workingNumber } from '../domain/analysisModel';
import type { ProjectionCrimeTypeId } from '../domain/crimeTypes';
import type { FlagName } from '../domain/flags';
import type { IsoDate } from '../domain/isoDate';
import { asRange, projectCohortFromIndex, type Scenario } from '../analysis/projection';
import { STATUTORY_GROUP_LABELS, type StatutoryGroup } from '../analysis/statutoryGroups';
import { matchComparisonGroup, type MatchingSummary } from './comparisonMatching';
import { differenceInDifferences, type DidEffect, type PairArrests } from './differenceInDifferences';
import { type BoundaryCache, followUpProblem, personFollowUp, type PersonFollowUp } from './followUpCounts';
import { describeTracking } from './trackingStatement';

/**
 * Outcome tracking (issue 20): the cohort's arrests and estimated offences before and after each
 * member's start date, against the projection the panel was shown and against a matched comparison
 * group from the long list. Estimated offences are arrests × the scenario's allegations per arrest
 * (central), exactly as the projection estimates them. Members who leave keep being followed after
 * their exit (intention to treat): leaving early is itself an outcome, and dropping leavers would
 * flatter the cohort.
 */

export interface TrackedMember {
  personId: number;
  startDate: IsoDate | null;
  exit: { date: IsoDate; reason: string } | null;
  statutory: boolean | null;
}

export interface TrackingInput {
  scenario: Scenario;
  members: readonly TrackedMember[];
  /** People on the long list who were not taken on (the members are left out if given). */
  candidates: readonly number[];
  priorityGroups: readonly FlagName[];
  dataTo: IsoDate;
  beforeMonths: number;
  afterMonths: number;
  bootstrap: { iterations: number; seed: number } | null;
}

export interface PeriodCounts {
  people: number;
  beforeArrests: number;
  beforePersonMonths: number;
  afterArrests: number;
  afterPersonMonths: number;
  /** Arrests per person-month. */
  beforeRate: number;
  afterRate: number;
  /** Estimated offences per person-month: the rate × allegations per arrest. */
  beforeOffencesPerMonth: number;
  afterOffencesPerMonth: number;
  /** 1 − after / before; null without arrests before. */
  change: number | null;
}

export interface TrackedPersonRow {
  personId: number;
  startDate: IsoDate;
  exit: { date: IsoDate; reason: string } | null;
  group: StatutoryGroup;
  beforeArrests: number;
  afterArrests: number;
  beforeMonths: number;
  afterMonths: number;
  beforeRate: number;
  afterRate: number;
  beforeOffencesPerMonth: number;
  afterOffencesPerMonth: number;
  comparison: { personId: number; quality: 'exact' | 'nearest'; distance: number } | null;
}

interface CrimeTypeTracking {
  crimeType: ProjectionCrimeTypeId;
  label: string;
  allegationsPerArrest: number;
  cohort: PeriodCounts;
  comparison: PeriodCounts;
}

interface ProjectedVsActual {
  crimeType: ProjectionCrimeTypeId;
  label: string;
  people: number;
  /** The projection's offences a year before IOM (its window) and after (its reduction applied). */
  projectedBefore: number;
  projectedAfter: number;
  projectedAfterLow: number | null;
  projectedAfterHigh: number | null;
  /** The cohort's offences a year since starting: after rate × 12 × people × allegations per arrest. */
  actualAfter: number;
  /** actual − projected (negative: fewer offences than the panel was told to expect). */
  difference: number;
  working: string;
}

export interface MonthlySeries {
  /** −beforeMonths … afterMonths − 1; 0 is the month starting on the start date. Matched members and their comparisons only, so the two lines are alike. */
  relativeMonths: number[];
  cohort: { arrests: number[]; personMonths: number[] };
  comparison: { arrests: number[]; personMonths: number[] };
}

export interface TrackingResult {
  scenarioName: string;
  dataTo: IsoDate;
  beforeMonths: number;
  afterMonths: number;
  people: TrackedPersonRow[];
  leftOut: Array<{ personId: number; reason: string }>;
  exits: number;
  byCrimeType: CrimeTypeTracking[];
  byGroup: Array<{ group: StatutoryGroup; label: string; cohort: PeriodCounts }>;
  projectedVsActual: ProjectedVsActual[];
  matching: MatchingSummary;
  effect: DidEffect | null;
  monthly: MonthlySeries;
  statement: string[];
  method: string;
}

const w = workingNumber;

function groupOf(statutory: boolean | null): StatutoryGroup {
  return statutory === null ? 'unknown' : statutory ? 'statutory' : 'nonStatutory';
}

function periodCounts(followUps: readonly PersonFollowUp[], crimeType: ProjectionCrimeTypeId, allegations: number): PeriodCounts {
  const code = crimeType === 'all' ? -1 : CRIME_TYPE_CODE[crimeType];
  let beforeArrests = 0;
  let afterArrests = 0;
  let beforePersonMonths = 0;
  let afterPersonMonths = 0;
  for (const f of followUps) {
    beforeArrests += code < 0 ? f.beforeArrests : f.beforeByType[code]!;
    afterArrests += code < 0 ? f.afterArrests : f.afterByType[code]!;
    beforePersonMonths += f.beforeMonths;
    afterPersonMonths += f.afterMonths;
  }
  const beforeRate = beforePersonMonths > 0 ? beforeArrests / beforePersonMonths : 0;
  const afterRate = afterPersonMonths > 0 ? afterArrests / afterPersonMonths : 0;
  return {
    people: followUps.length,
    beforeArrests,
    beforePersonMonths,
    afterArrests,
    afterPersonMonths,
    beforeRate,
    afterRate,
    beforeOffencesPerMonth: beforeRate * allegations,
    afterOffencesPerMonth: afterRate * allegations,
    change: beforeArrests === 0 ? null : 1 - afterRate / beforeRate,
  };
}

function monthlyTotals(followUps: readonly PersonFollowUp[], months: number): { arrests: number[]; personMonths: number[] } {
  const arrests = new Array<number>(months).fill(0);
  const personMonths = new Array<number>(months).fill(0);
  for (const f of followUps) {
    for (let k = 0; k < months; k++) {
      arrests[k]! += f.monthly[k]!;
      personMonths[k]! += f.exposure[k]!;
    }
  }
  return { arrests, personMonths };
}

export function trackOutcomes(index: ArrestIndex, input: TrackingInput): TrackingResult {
  const { scenario, beforeMonths, afterMonths, dataTo } = input;
  if (!(Number.isInteger(beforeMonths) && beforeMonths > 0 && Number.isInteger(afterMonths) && afterMonths > 0)) {
    throw new Error('before and after periods must be whole numbers of months above 0');
  }
  const periods = { beforeMonths, afterMonths, dataTo };
  const cache: BoundaryCache = new Map();
  const allegationsAll = asRange(scenario.crimeTypes.find((c) => c.id === 'all')?.allegationsPerArrest ?? 1).central;

  const leftOut: TrackingResult['leftOut'] = [];
  const tracked: Array<{ member: TrackedMember & { startDate: IsoDate }; followUp: PersonFollowUp }> = [];
  const seen = new Set<number>();
  for (const member of input.members) {
    if (seen.has(member.personId)) continue;
    seen.add(member.personId);
    const problem = followUpProblem(member.startDate, dataTo);
    if (problem !== null || member.startDate === null) {
      leftOut.push({ personId: member.personId, reason: problem ?? 'no start date' });
      continue;
    }
    tracked.push({ member: { ...member, startDate: member.startDate }, followUp: personFollowUp(index, member.personId, member.startDate, periods, cache) });
  }

  // Comparison: matched on the selection window the scenario counts, followed over the member's own periods.
  const window = { referenceDate: scenario.referenceDate, windowMonths: scenario.windowMonths };
  const candidateIds = input.candidates.filter((id) => !seen.has(id));
  const { matches, summary } = matchComparisonGroup(index, window, input.priorityGroups, tracked.map((t) => t.member.personId), candidateIds);
  const matchOf = new Map(matches.map((m) => [m.memberId, m]));
  const pairs: PairArrests[] = [];
  const matchedCohort: PersonFollowUp[] = [];
  const comparisonFollowUps: PersonFollowUp[] = [];
  const people: TrackedPersonRow[] = tracked.map(({ member, followUp: f }) => {
    const match = matchOf.get(member.personId) ?? null;
    if (match) {
      const k = personFollowUp(index, match.comparisonId, member.startDate, periods, cache);
      matchedCohort.push(f);
      comparisonFollowUps.push(k);
      pairs.push({
        cohortBefore: f.beforeArrests,
        cohortBeforeMonths: f.beforeMonths,
        cohortAfter: f.afterArrests,
        cohortAfterMonths: f.afterMonths,
        comparisonBefore: k.beforeArrests,
        comparisonBeforeMonths: k.beforeMonths,
        comparisonAfter: k.afterArrests,
        comparisonAfterMonths: k.afterMonths,
      });
    }
    const beforeRate = f.beforeArrests / f.beforeMonths;
    const afterRate = f.afterMonths > 0 ? f.afterArrests / f.afterMonths : 0;
    return {
      personId: member.personId,
      startDate: member.startDate,
      exit: member.exit,
      group: groupOf(member.statutory),
      beforeArrests: f.beforeArrests,
      afterArrests: f.afterArrests,
      beforeMonths: f.beforeMonths,
      afterMonths: f.afterMonths,
      beforeRate,
      afterRate,
      beforeOffencesPerMonth: beforeRate * allegationsAll,
      afterOffencesPerMonth: afterRate * allegationsAll,
      comparison: match ? { personId: match.comparisonId, quality: match.quality, distance: match.distance } : null,
    };
  });

  const followUps = tracked.map((t) => t.followUp);
  const byCrimeType: CrimeTypeTracking[] = scenario.crimeTypes.map((c) => {
    const allegations = asRange(c.allegationsPerArrest).central;
    return { crimeType: c.id, label: c.label, allegationsPerArrest: allegations, cohort: periodCounts(followUps, c.id, allegations), comparison: periodCounts(comparisonFollowUps, c.id, allegations) };
  });
  const groups: StatutoryGroup[] = ['statutory', 'nonStatutory', 'unknown'];
  const byGroup = groups.map((group) => ({
    group,
    label: STATUTORY_GROUP_LABELS[group],
    cohort: periodCounts(tracked.filter((t) => groupOf(t.member.statutory) === group).map((t) => t.followUp), 'all', allegationsAll),
  }));

  // Projected vs actual: the same projection the panel saw, of the people tracked here.
  const projection = projectCohortFromIndex(scenario, index, people.map((p) => p.personId));
  const projectedVsActual: ProjectedVsActual[] = projection.rows.map((row) => {
    const tracking = byCrimeType.find((b) => b.crimeType === row.crimeType)!;
    const actualAfter = tracking.cohort.afterRate * 12 * people.length * row.allegationsPerArrest;
    const range = row.ranges.offencesPerYearAfter;
    return {
      crimeType: row.crimeType,
      label: row.label,
      people: people.length,
      projectedBefore: row.offencesPerYear,
      projectedAfter: row.offencesPerYearAfter,
      projectedAfterLow: range?.low ?? null,
      projectedAfterHigh: range?.high ?? null,
      actualAfter,
      difference: actualAfter - row.offencesPerYearAfter,
      working:
        `projected ${w(row.offencesPerYearAfter)} a year (${row.working.offencesPerYearAfter}); ` +
        `actual ${w(actualAfter)} = ${w(tracking.cohort.afterArrests)} arrests / ${w(tracking.cohort.afterPersonMonths)} person-months × 12 × ${people.length} people × ${w(row.allegationsPerArrest)}`,
    };
  });

  const effect = differenceInDifferences(pairs, input.bootstrap);
  const months = beforeMonths + afterMonths;
  const monthly: MonthlySeries = {
    relativeMonths: Array.from({ length: months }, (_, k) => k - beforeMonths),
    cohort: monthlyTotals(matchedCohort, months),
    comparison: monthlyTotals(comparisonFollowUps, months),
  };
  const exits = people.filter((p) => p.exit !== null).length;
  const result: Omit<TrackingResult, 'statement'> = {
    scenarioName: scenario.name,
    dataTo,
    beforeMonths,
    afterMonths,
    people,
    leftOut,
    exits,
    byCrimeType,
    byGroup,
    projectedVsActual,
    matching: summary,
    effect,
    monthly,
    method:
      `Arrests ${beforeMonths} months before vs up to ${afterMonths} months after each start date (data to ${dataTo}); estimated offences = arrests × allegations per arrest (${scenario.name}). ` +
      `Comparison: ${summary.method} Effect: difference in differences of pooled monthly arrest rates` +
      (input.bootstrap ? `, 95% interval from ${input.bootstrap.iterations} bootstrap resamples of the pairs (seed ${input.bootstrap.seed}).` : '.') +
      ` Leavers are followed after they leave (intention to treat).`,
  };
  return { ...result, statement: describeTracking(result) };
}
