import { describe, expect, it } from 'vitest';
import { dayNumber, isoFromDayNumber, type AnalysisArrest } from '../../shared/domain/analysisModel';
import { buildArrestIndex } from '../support/arrestIndex';
import { DEFAULT_EXISTING_COHORT_RULE, ExistingCohortRuleSchema, expectedExits, newEntrantCapacity, SEED_EXIT_RATE } from '../../shared/shortlist/newEntrantCapacity';
import { capacityFromStaffing, DEFAULT_SELECTION_RULE_SET, SEED_EXPANDED_STAFFING, SEED_STAFFING, selectShortlist, type SelectionRuleSet } from '../../shared/shortlist/selectionRules';
import { analysisPerson } from '../support/analysisPeople';

const noExits = { ...DEFAULT_EXISTING_COHORT_RULE, exitRatePerMonth: 0 };

describe('places for new entrants: team capacity − current caseload + expected exits', () => {
  it('reproduces the seed: a team of 90–100 expanding to 180–200 with 72 on the books', () => {
    const team = capacityFromStaffing(SEED_STAFFING).capacity;
    const expanded = capacityFromStaffing(SEED_EXPANDED_STAFFING).capacity;
    expect([team, expanded]).toEqual([100, 200]);
    // With no one leaving: 100 − 72 = 28 places now, 200 − 72 = 128 once the team has doubled.
    expect(newEntrantCapacity(team, noExits, 72).places).toBe(28);
    expect(newEntrantCapacity(expanded, noExits, 72).places).toBe(128);
    expect(newEntrantCapacity(90, noExits, 72).places).toBe(18);
    expect(newEntrantCapacity(180, noExits, 72).places).toBe(108);
    // The seed's own exit rate over Jan–May 2014: 72 × (1 − (1 − 0.0176)^5) = 6.11 → 6 more places.
    const seed = newEntrantCapacity(expanded, DEFAULT_EXISTING_COHORT_RULE, 72);
    expect(seed).toMatchObject({ teamCapacity: 200, currentCaseload: 72, expectedExits: 6, places: 134, caseloadSource: 'workspace' });
    expect(seed.working).toBe(
      '134 places for new entrants = team capacity 200 − 72 current clients (people with an IOM start date, less any recorded as having left) + 6 (expected exits ⌊72 × (1 − (1 − 1.76%)^5)⌋ = 6 over 5 months)',
    );
    expect(newEntrantCapacity(team, DEFAULT_EXISTING_COHORT_RULE, 72).places).toBe(34);
  });

  it('derives the seed exit rate from 97 → 72 over 16.8 months', () => {
    expect(SEED_EXIT_RATE.perMonth).toBe(0.0176);
    expect(97 * Math.pow(1 - SEED_EXIT_RATE.perMonth, 16.8)).toBeCloseTo(72, 0);
    expect(SEED_EXIT_RATE.source).toContain('97');
  });

  it('rounds expected exits down and never lets places go below 0', () => {
    expect(expectedExits(72, 0.5, 1)).toBe(36);
    expect(expectedExits(10, 0.05, 1)).toBe(0);
    expect(expectedExits(100, 1, 3)).toBe(100);
    const full = newEntrantCapacity(60, noExits, 72);
    expect(full.places).toBe(0);
    expect(full.working).toContain('= -12, so none');
  });

  it('takes the rule set’s caseload over the workspace count, and reviews the whole caseload when asked', () => {
    expect(newEntrantCapacity(100, { ...noExits, currentCaseload: 72 }, 40)).toMatchObject({ currentCaseload: 72, caseloadSource: 'ruleSet', places: 28 });
    const review = newEntrantCapacity(100, { ...noExits, include: true }, 72);
    expect(review).toMatchObject({ places: 100, currentCaseload: 0, caseloadSource: 'reviewed', includesExistingCohort: true });
    expect(review.working).toContain('the whole caseload is reviewed');
  });

  it('validates the rule', () => {
    expect(ExistingCohortRuleSchema.safeParse(DEFAULT_EXISTING_COHORT_RULE).success).toBe(true);
    expect(ExistingCohortRuleSchema.safeParse({ ...DEFAULT_EXISTING_COHORT_RULE, exitRatePerMonth: 1.2 }).success).toBe(false);
    expect(ExistingCohortRuleSchema.safeParse({ ...DEFAULT_EXISTING_COHORT_RULE, intakeMonths: 0 }).success).toBe(false);
    expect(ExistingCohortRuleSchema.safeParse({ ...DEFAULT_EXISTING_COHORT_RULE, extra: 1 }).success).toBe(false);
  });
});

describe('the existing cohort in the shortlist', () => {
  const REF = '2013-10-31';
  const arrests = (personId: number, n: number): AnalysisArrest[] =>
    Array.from({ length: n }, (_, k) => ({ personId, date: isoFromDayNumber(dayNumber(REF) - 7 * k), offence: 'x', crimeType: 'other' as const }));
  // The ten most-arrested people are current clients (the second seed-shaped list); 1 and 2 are DTOA as well.
  const people = Array.from({ length: 30 }, (_, k) =>
    analysisPerson(k + 1, { cohortStartDate: k < 10 ? '2012-06-06' : null, flags: k < 2 ? ['dtoa'] : [] }),
  );
  const index = buildArrestIndex(people, people.flatMap((p) => arrests(p.id, 40 - p.id)));
  const rules = (patch: Partial<SelectionRuleSet> = {}): SelectionRuleSet => ({
    ...DEFAULT_SELECTION_RULE_SET,
    capacity: { mode: 'fixed', clients: 15 },
    existingCohort: noExits,
    ...patch,
  });

  it('proposes none of the current clients and fills only the places net of them', () => {
    const shortlist = selectShortlist(rules(), people, index);
    expect(shortlist.summary.capacity).toBe(5);
    expect(shortlist.summary.newEntrants).toMatchObject({ teamCapacity: 15, currentCaseload: 10, places: 5 });
    expect(shortlist.summary.capacityWorking).toBe(
      '5 places for new entrants = team capacity 15 − 10 current clients (people with an IOM start date, less any recorded as having left) + 0 (no exits expected); team capacity: fixed capacity of 15 clients',
    );
    expect(shortlist.selected).toEqual([11, 12, 13, 14, 15]);
    const first = shortlist.results.find((r) => r.personId === 1)!;
    expect(first).toMatchObject({ status: 'excluded', reason: 'excluded: already on IOM (started 2012-06-06)', priorityGroups: ['dtoa'] });
    expect(shortlist.summary.counts.excluded).toBe(10);
  });

  it('counts current clients the long list does not name, when the workspace says so', () => {
    const shortlist = selectShortlist(rules(), people, index, { workspaceCaseload: 12 });
    expect(shortlist.summary.capacity).toBe(3);
    expect(shortlist.selected).toEqual([11, 12, 13]);
  });

  it('includes them for a review of the whole caseload, against the whole capacity', () => {
    const shortlist = selectShortlist(rules({ existingCohort: { ...noExits, include: true } }), people, index);
    expect(shortlist.summary.capacity).toBe(15);
    expect(shortlist.selected.slice(0, 3)).toEqual([1, 2, 3]);
    expect(shortlist.results.find((r) => r.personId === 1)!.reason).toBe('included: DTOA');
  });

  it('applies the seed exit rate when the rule set says nothing', () => {
    const { existingCohort: _omitted, ...withoutRule } = rules();
    const shortlist = selectShortlist(withoutRule, people, index);
    expect(shortlist.summary.newEntrants.exitRatePerMonth).toBe(SEED_EXIT_RATE.perMonth);
    expect(shortlist.summary.capacity).toBe(15 - 10 + 0);
  });
});
