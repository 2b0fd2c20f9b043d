import { z } from 'zod';
import { workingNumber, workingPercent } from '../domain/analysisModel';

/**
 * The existing cohort and the places it leaves for new entrants (004: the new cohort is drawn from
 * people "not on IOM"; the team is "set up to manage 90-100 clients" with a "Current caseload: 72").
 *
 *   places for new entrants = team capacity − current caseload + expected exits over the intake period
 *   expected exits          = ⌊caseload × (1 − (1 − monthly exit rate) ^ months)⌋
 *
 * Exits compound (each month a share of those still on the books leaves) and are rounded down, so
 * the figure never promises a place that may not come free.
 */

/**
 * Seed 004: "Clients in the IOM cohort (initial cohort size 97, current size 72)"; the programme
 * "was implemented on June 6th 2012" and the report's figures run to 31 October 2013, 16.8 months.
 * If no one joined in between, 1 − (72 / 97) ^ (1 / 16.8) ≈ 1.76% of the caseload left each month;
 * anyone who did join means more left, so this is a floor on the rate.
 */
export const SEED_EXIT_RATE = {
  initialCohort: 97,
  currentCohort: 72,
  months: 16.8,
  perMonth: Math.round((1 - Math.pow(72 / 97, 1 / 16.8)) * 10000) / 10000,
  source:
    'Seed 004: the IOM cohort went from 97 at the start (6 June 2012) to 72 by October 2013 (16.8 months): 1 − (72 / 97)^(1 / 16.8) ≈ 1.76% of the caseload a month, assuming no one joined meanwhile.',
} as const;

/** The seed's intake period, January–May 2014 (004, "stepped expansion programme"). */
const SEED_INTAKE_MONTHS = 5;

export const ExistingCohortRuleSchema = z
  .object({
    /** True for a review of the whole caseload: current clients compete for places with everyone else. */
    include: z.boolean(),
    /** Null: the number of people in the workspace with an IOM start date. */
    currentCaseload: z.number().int().min(0).max(100_000).nullable(),
    exitRatePerMonth: z.number().min(0).max(1),
    intakeMonths: z.number().int().min(1).max(36),
  })
  .strict();
export type ExistingCohortRule = z.infer<typeof ExistingCohortRuleSchema>;

export const DEFAULT_EXISTING_COHORT_RULE: ExistingCohortRule = {
  include: false,
  currentCaseload: null,
  exitRatePerMonth: SEED_EXIT_RATE.perMonth,
  intakeMonths: SEED_INTAKE_MONTHS,
};

export interface NewEntrantCapacity {
  teamCapacity: number;
  /** Current clients counted against the team's capacity (0 when the caseload is reviewed as a whole). */
  currentCaseload: number;
  /** Where the caseload figure came from. */
  caseloadSource: 'workspace' | 'ruleSet' | 'reviewed';
  exitRatePerMonth: number;
  intakeMonths: number;
  expectedExits: number;
  /** Places the shortlist fills; never below 0. */
  places: number;
  includesExistingCohort: boolean;
  working: string;
}

export function expectedExits(caseload: number, exitRatePerMonth: number, months: number): number {
  // The 1e-9 keeps 72 × 0.5 = 36 from flooring to 35 through floating-point noise.
  return Math.floor(caseload * (1 - Math.pow(1 - exitRatePerMonth, months)) + 1e-9);
}

/**
 * The places for new entrants. `workspaceCaseload` is the number of current clients the workspace
 * knows of (people with an IOM start date, less those recorded as having left); the rule may give
 * its own figure instead. `recordedExits` are clients on the books recorded as leaving during the
 * intake period: the expected exits are never fewer than those already known.
 */
export function newEntrantCapacity(teamCapacity: number, ruleInput: ExistingCohortRule | undefined, workspaceCaseload: number, recordedExits = 0): NewEntrantCapacity {
  const rule = ruleInput ?? DEFAULT_EXISTING_COHORT_RULE;
  const common = { teamCapacity, exitRatePerMonth: rule.exitRatePerMonth, intakeMonths: rule.intakeMonths };
  if (rule.include) {
    return {
      ...common,
      currentCaseload: 0,
      caseloadSource: 'reviewed',
      expectedExits: 0,
      places: teamCapacity,
      includesExistingCohort: true,
      working: `${teamCapacity} places: the whole caseload is reviewed, so current clients (${workspaceCaseload} in the workspace) compete for the team's capacity of ${teamCapacity} with everyone else`,
    };
  }
  const caseload = rule.currentCaseload ?? workspaceCaseload;
  const forecast = expectedExits(caseload, rule.exitRatePerMonth, rule.intakeMonths);
  const known = Math.min(caseload, recordedExits);
  const exits = Math.max(forecast, known);
  const places = Math.max(0, teamCapacity - caseload + exits);
  const months = `${rule.intakeMonths} month${rule.intakeMonths === 1 ? '' : 's'}`;
  const caseloadWords = rule.currentCaseload === null ? `${caseload} current clients (people with an IOM start date, less any recorded as having left)` : `${caseload} current clients on the books`;
  const forecastWorking =
    rule.exitRatePerMonth === 0
      ? 'no exits expected'
      : `expected exits ⌊${caseload} × (1 − (1 − ${workingPercent(rule.exitRatePerMonth)})^${rule.intakeMonths})⌋ = ${forecast} over ${months}`;
  const exitWorking = known > forecast ? `${known} recorded as leaving in the period, more than the ${forecastWorking}` : known > 0 ? `${forecastWorking}, of whom ${known} recorded as leaving` : forecastWorking;
  const raw = teamCapacity - caseload + exits;
  return {
    ...common,
    currentCaseload: caseload,
    caseloadSource: rule.currentCaseload === null ? 'workspace' : 'ruleSet',
    expectedExits: exits,
    places,
    includesExistingCohort: false,
    working: `${places} places for new entrants = team capacity ${teamCapacity} − ${caseloadWords} + ${exits} (${exitWorking})${raw < 0 ? ` = ${workingNumber(raw)}, so none` : ''}`,
  };
}
