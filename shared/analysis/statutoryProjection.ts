import { workingPercent } from '../domain/analysisModel';
import { workingFigure, workingPounds, workingShare } from '../domain/numberFormat';
import type { ProjectionCrimeTypeId } from '../domain/crimeTypes';
import { STATUTORY_SHARE_BAND } from '../intake/intakePlan';
import type { ProjectionResult } from './projection';
import { groupReductionRate, STATUTORY_GROUP_LABELS, type GroupRates, type StatutoryGroup } from './statutoryGroups';

/**
 * The projection split by statutory group (statutoryGroups.ts): each group projected at its own
 * rate over its own people, the groups added up per crime type, and the statutory share checked
 * against seed 000's caseload. Kept apart from projection.ts, which the intake plan's modules import.
 */

interface GroupProjection {
  group: StatutoryGroup;
  label: string;
  people: number;
  reductionRate: number;
  rateWorking: string;
  rows: Array<{ crimeType: ProjectionCrimeTypeId; label: string; arrests: number; offencesPerYear: number; reductionPerYear: number; costSavingPerYear: number | null; working: string }>;
  totalCostSavingPerYear: number | null;
}

interface StatutoryShareCheck {
  statutory: number;
  nonStatutory: number;
  unknown: number;
  share: number | null;
  band: { low: number; high: number };
  inBand: boolean | null;
  text: string;
}

export interface GroupSplit {
  source: string;
  groups: GroupProjection[];
  /** Per crime type, the groups' reductions added up, with the working. */
  combined: Array<{ crimeType: ProjectionCrimeTypeId; label: string; reductionPerYear: number; costSavingPerYear: number | null; working: string }>;
  combinedCostSavingPerYear: { value: number; working: string } | null;
  statutoryShare: StatutoryShareCheck;
}

/** The statutory share of the people whose status is known, against the caseload's 55–60% (seed 000). */
export function checkStatutoryShare(statutory: number, nonStatutory: number, unknown: number): StatutoryShareCheck {
  const known = statutory + nonStatutory;
  const band = { low: STATUTORY_SHARE_BAND.low, high: STATUTORY_SHARE_BAND.high };
  if (known === 0) {
    return { statutory, nonStatutory, unknown, share: null, band, inBand: null, text: `No one's statutory status is recorded (${unknown} unknown), so the 55–60% statutory share of seed 000 cannot be checked.` };
  }
  const share = statutory / known;
  // A hair of tolerance so exactly 55% or 60% counts as inside.
  const inBand = share >= band.low - 1e-9 && share <= band.high + 1e-9;
  const where = inBand ? 'within' : share < band.low ? 'below' : 'above';
  return {
    statutory,
    nonStatutory,
    unknown,
    share,
    band,
    inBand,
    text: `${statutory} of ${known} people with a known status are statutory (${workingPercent(share)}${unknown ? `; ${unknown} not recorded` : ''}): ${where} the existing caseload's 55–60% (seed 000).`,
  };
}

/**
 * Combines per-group projections (each made at its group's rate over that group's people) into the
 * split the screen and report show. `results` holds a projection per group that has people.
 */
export function combineGroupProjections(rates: GroupRates, results: Partial<Record<StatutoryGroup, ProjectionResult>>, counts: Record<StatutoryGroup, number>): GroupSplit {
  const groups: GroupProjection[] = [];
  for (const group of ['statutory', 'nonStatutory', 'unknown'] as const) {
    const result = results[group];
    if (!result) continue;
    const rateWorking = group === 'unknown' ? `${workingShare(result.reductionRate.central)}: the scenario's overall rate (no group known)` : groupReductionRate(rates, group).working;
    groups.push({
      group,
      label: STATUTORY_GROUP_LABELS[group],
      people: counts[group],
      reductionRate: result.reductionRate.central,
      rateWorking,
      rows: result.rows.map((r) => ({ crimeType: r.crimeType, label: r.label, arrests: r.arrests, offencesPerYear: r.offencesPerYear, reductionPerYear: r.reductionPerYear, costSavingPerYear: r.costSavingPerYear, working: r.working.reductionPerYear })),
      totalCostSavingPerYear: result.totalCostSavingPerYear?.value ?? null,
    });
  }
  const first = groups[0];
  const combined = (first?.rows ?? []).map((row) => {
    const parts = groups.map((g) => g.rows.find((r) => r.crimeType === row.crimeType)!);
    const reductionPerYear = parts.reduce((s, p) => s + p.reductionPerYear, 0);
    const costed = parts.filter((p) => p.costSavingPerYear !== null);
    const costSavingPerYear = costed.length === 0 ? null : costed.reduce((s, p) => s + (p.costSavingPerYear ?? 0), 0);
    return {
      crimeType: row.crimeType,
      label: row.label,
      reductionPerYear,
      costSavingPerYear,
      working: `${workingFigure(reductionPerYear)} = ${parts.map((p, i) => `${workingFigure(p.reductionPerYear)} (${groups[i]!.label.toLowerCase()})`).join(' + ')}`,
    };
  });
  const costedGroups = groups.filter((g) => g.totalCostSavingPerYear !== null);
  const combinedCostSavingPerYear =
    costedGroups.length === 0
      ? null
      : (() => {
          const value = costedGroups.reduce((s, g) => s + (g.totalCostSavingPerYear ?? 0), 0);
          return { value, working: `${workingPounds(value)} = ${costedGroups.map((g) => `${workingPounds(g.totalCostSavingPerYear ?? 0)} (${g.label.toLowerCase()})`).join(' + ')}` };
        })();
  return { source: rates.source, groups, combined, combinedCostSavingPerYear, statutoryShare: checkStatutoryShare(counts.statutory, counts.nonStatutory, counts.unknown) };
}

