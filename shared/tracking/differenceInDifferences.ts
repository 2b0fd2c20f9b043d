import { workingNumber, workingPercent } from '../domain/analysisModel';
import { percentile, type Interval } from '../analysis/calibration';
import { mulberry32 } from '../domain/seededRandom';

/**
 * The effect of joining as a difference in differences over matched pairs (issue 20). Per group
 * (members; their comparisons, each followed over the member's own before and after periods):
 *   rate = arrests / person-months, pooled over the group
 *   change = after rate − before rate
 *   difference in differences D = change(cohort) − change(comparison)  (arrests per person-month)
 *   counterfactual after rate = cohort before rate + change(comparison)  (the cohort, had it changed as its comparison did)
 *   reduction attributed = 1 − cohort after rate / counterfactual after rate = −D / counterfactual
 * The naive before/after reduction, 1 − after rate / before rate of the cohort alone, is what the
 * seed's 36% is; regression to the mean (people are selected at a peak) is part of it, and the
 * comparison's own fall takes that part out.
 * 95% interval: whole pairs resampled with replacement (a member and their comparison stay
 * together), D and the reduction recomputed, 2.5th and 97.5th percentiles (R type 7); resamples
 * whose counterfactual is not positive have no reduction and are skipped (and counted).
 */

export interface PairArrests {
  cohortBefore: number;
  cohortBeforeMonths: number;
  cohortAfter: number;
  cohortAfterMonths: number;
  comparisonBefore: number;
  comparisonBeforeMonths: number;
  comparisonAfter: number;
  comparisonAfterMonths: number;
}

interface GroupRates {
  beforeArrests: number;
  beforePersonMonths: number;
  beforeRate: number;
  afterArrests: number;
  afterPersonMonths: number;
  afterRate: number;
  /** 1 − after / before; null without arrests before. */
  reduction: number | null;
}

export interface DidEffect {
  pairs: number;
  cohort: GroupRates;
  comparison: GroupRates;
  /** The cohort's own before/after fall: the figure that overstates the effect. */
  naiveReduction: number | null;
  difference: number;
  differenceWorking: string;
  counterfactualAfterRate: number;
  /** Null when the counterfactual rate is not positive (the comparison fell below zero). */
  reduction: number | null;
  reductionWorking: string;
  bootstrap: { iterations: number; seed: number; skipped: number; difference: Interval; reduction: Interval | null } | null;
}

const w = workingNumber;

function rate(arrests: number, months: number): number {
  return months > 0 ? arrests / months : 0;
}

function groupRates(beforeArrests: number, beforePersonMonths: number, afterArrests: number, afterPersonMonths: number): GroupRates {
  const beforeRate = rate(beforeArrests, beforePersonMonths);
  const afterRate = rate(afterArrests, afterPersonMonths);
  return { beforeArrests, beforePersonMonths, beforeRate, afterArrests, afterPersonMonths, afterRate, reduction: beforeArrests === 0 ? null : 1 - afterRate / beforeRate };
}

/** The pairs' eight columns side by side, so a resample is one pass over a typed array. */
function columnsOf(pairs: readonly PairArrests[]): Float64Array {
  const columns = new Float64Array(pairs.length * 8);
  pairs.forEach((p, i) => {
    columns.set([p.cohortBefore, p.cohortBeforeMonths, p.cohortAfter, p.cohortAfterMonths, p.comparisonBefore, p.comparisonBeforeMonths, p.comparisonAfter, p.comparisonAfterMonths], i * 8);
  });
  return columns;
}

/** Sums of the eight columns over the pairs picked by `weights` (how often each pair is drawn). */
function totals(columns: Float64Array, weights: Uint32Array | null): Float64Array {
  const t = new Float64Array(8);
  const n = columns.length / 8;
  for (let i = 0; i < n; i++) {
    const k = weights === null ? 1 : weights[i]!;
    if (k === 0) continue;
    for (let c = 0; c < 8; c++) t[c]! += k * columns[i * 8 + c]!;
  }
  return t;
}

function effectOf(t: Float64Array): { difference: number; counterfactual: number; reduction: number | null; cohortAfterRate: number } {
  const cb = rate(t[0]!, t[1]!);
  const ca = rate(t[2]!, t[3]!);
  const kb = rate(t[4]!, t[5]!);
  const ka = rate(t[6]!, t[7]!);
  const difference = ca - cb - (ka - kb);
  const counterfactual = cb + (ka - kb);
  return { difference, counterfactual, reduction: counterfactual > 0 ? 1 - ca / counterfactual : null, cohortAfterRate: ca };
}

export function differenceInDifferences(pairs: readonly PairArrests[], bootstrap: { iterations: number; seed: number } | null): DidEffect | null {
  if (pairs.length === 0) return null;
  const columns = columnsOf(pairs);
  const t = totals(columns, null);
  const cohort = groupRates(t[0]!, t[1]!, t[2]!, t[3]!);
  const comparison = groupRates(t[4]!, t[5]!, t[6]!, t[7]!);
  const { difference, counterfactual, reduction } = effectOf(t);
  const differenceWorking =
    `${w(difference)} = (${w(cohort.afterRate)} − ${w(cohort.beforeRate)}) − (${w(comparison.afterRate)} − ${w(comparison.beforeRate)}) ` +
    'arrests a person-month: the cohort’s change less its comparison’s';
  const reductionWorking =
    reduction === null
      ? `no reduction: the counterfactual rate ${w(counterfactual)} = ${w(cohort.beforeRate)} + (${w(comparison.afterRate)} − ${w(comparison.beforeRate)}) is not above 0`
      : `${workingPercent(reduction)} = 1 − ${w(cohort.afterRate)} / ${w(counterfactual)}, where ${w(counterfactual)} = ${w(cohort.beforeRate)} + (${w(comparison.afterRate)} − ${w(comparison.beforeRate)}) is the cohort’s rate had it changed as its comparison did`;

  let boot: DidEffect['bootstrap'] = null;
  if (bootstrap && bootstrap.iterations > 0) {
    const random = mulberry32(bootstrap.seed);
    const n = pairs.length;
    const weights = new Uint32Array(n);
    const differences = new Float64Array(bootstrap.iterations);
    const reductions: number[] = [];
    for (let b = 0; b < bootstrap.iterations; b++) {
      weights.fill(0);
      for (let i = 0; i < n; i++) weights[Math.floor(random() * n)]!++;
      const e = effectOf(totals(columns, weights));
      differences[b] = e.difference;
      if (e.reduction !== null) reductions.push(e.reduction);
    }
    differences.sort();
    const sortedReductions = Float64Array.from(reductions).sort();
    const dLow = percentile(differences, 0.025);
    const dHigh = percentile(differences, 0.975);
    boot = {
      iterations: bootstrap.iterations,
      seed: bootstrap.seed,
      skipped: bootstrap.iterations - reductions.length,
      difference: { low: dLow, high: dHigh, working: `2.5th and 97.5th percentiles of ${bootstrap.iterations} resamples of the ${n} pairs` },
      reduction:
        sortedReductions.length === 0
          ? null
          : {
              low: percentile(sortedReductions, 0.025),
              high: percentile(sortedReductions, 0.975),
              working: `2.5th and 97.5th percentiles of ${sortedReductions.length} resamples of the ${n} pairs${reductions.length < bootstrap.iterations ? ` (${bootstrap.iterations - reductions.length} without a positive counterfactual skipped)` : ''}`,
            },
    };
  }
  return { pairs: pairs.length, cohort, comparison, naiveReduction: cohort.reduction, difference, differenceWorking, counterfactualAfterRate: counterfactual, reduction, reductionWorking, bootstrap: boot };
}
