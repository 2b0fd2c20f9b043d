import { describe, expect, it } from 'vitest';
import type { FlagName } from '../../shared/domain/flags';
import { defaultIntakeParams, intakeMonthLabel, intakeOrder, IntakeParamsSchema, planIntake, type IntakeMember, type IntakeParams } from '../../shared/intake/intakePlan';
import { SEED_STAFFING } from '../../shared/shortlist/selectionRules';

function member(personId: number, patch: { statutory?: boolean | null; groups?: FlagName[]; position?: number | null } = {}): IntakeMember {
  return { personId, statutory: patch.statutory === undefined ? null : patch.statutory, priorityGroups: patch.groups ?? [], shortlistPosition: patch.position === undefined ? personId : patch.position };
}

/** `n` people with ids from `firstId`, shortlist position = id; statutory by `status(i)`. */
function cohort(n: number, firstId = 1, status: (i: number) => boolean | null = () => null, groups: (i: number) => FlagName[] = () => []): IntakeMember[] {
  return Array.from({ length: n }, (_, i) => member(firstId + i, { statutory: status(i), groups: groups(i) }));
}

/** The seed team: 3 offender managers × 40 = 120, 2 police leads × 50 = 100, so capacity 100 (police). */
const SEED: IntakeParams = defaultIntakeParams(SEED_STAFFING);

function params(patch: Partial<IntakeParams>): IntakeParams {
  return { ...SEED, ...patch };
}

describe('intake order', () => {
  it('puts priority groups first, then shortlist position (none last), then id', () => {
    const ordered = intakeOrder([
      member(1, { position: 1 }),
      member(2, { position: 5, groups: ['dtoa'] }),
      member(3, { position: null }),
      member(4, { position: 2, groups: ['female', 'ogrsMandatory'] }),
      member(5, { position: 3 }),
      member(6, { position: null, groups: ['gangHigh'] }),
      member(0, { position: null }),
    ]);
    expect(ordered.map((m) => m.personId)).toEqual([4, 2, 6, 1, 5, 0, 3]);
  });
});

describe('planIntake', () => {
  it('defaults to the seed period, Jan–May 2014, spread evenly', () => {
    expect(SEED).toMatchObject({ startMonth: '2014-01', endMonth: '2014-05', offenderManagers: 3, clientsPerManager: 40, policeLeads: 2, clientsPerPoliceLead: 50, pace: 'even', existingCaseload: 0, maxStartsPerMonth: null });
    expect(intakeMonthLabel('2014-01')).toBe('Jan 2014');
  });

  it('spreads 100 accepted people evenly over Jan–May 2014 within the seed capacity of 100', () => {
    // 20 priority people sit at shortlist positions 81–100 but start first.
    const members = cohort(100, 1, (i) => i < 57, (i) => (i >= 80 ? ['dtoa'] : []));
    const plan = planIntake(members, SEED);
    expect(plan.months.map((m) => m.label)).toEqual(['Jan 2014', 'Feb 2014', 'Mar 2014', 'Apr 2014', 'May 2014']);
    expect(plan.months.map((m) => m.starts)).toEqual([20, 20, 20, 20, 20]);
    expect(plan.months.map((m) => m.caseloadAtEnd)).toEqual([20, 40, 60, 80, 100]);
    expect(plan.months.map((m) => m.capacity)).toEqual([100, 100, 100, 100, 100]);
    expect(plan.months.every((m) => m.constrainedBy === 'police leads')).toBe(true);
    // Even pace: ⌈100/5⌉, ⌈80/4⌉, … all 20, so the pace (not capacity) holds Jan–Apr back.
    expect(plan.months.map((m) => m.limitedBy)).toEqual(['pace', 'pace', 'pace', 'pace', null]);
    // January takes the 20 priority people (ids 81–100), then shortlist order.
    expect(plan.months[0]!.personIds).toEqual(Array.from({ length: 20 }, (_, i) => 81 + i));
    expect(plan.months[0]!.priority).toBe(20);
    expect(plan.months[1]!.personIds[0]).toBe(1);
    expect(plan.starters[0]).toMatchObject({ personId: 81, month: '2014-01', order: 1 });
    expect(plan.starters[99]).toMatchObject({ personId: 80, month: '2014-05', order: 100 });
    // Statutory: ids 1–57. Jan (81–100) none; Feb 1–20; Mar 21–40; Apr 41–57 are 17 of 20; May 61–80 none.
    expect(plan.months.map((m) => [m.statutory, m.nonStatutory, m.unknownStatutory])).toEqual([
      [0, 20, 0],
      [20, 0, 0],
      [20, 0, 0],
      [17, 3, 0],
      [0, 20, 0],
    ]);
    expect(plan.notFitting).toEqual([]);
    expect(plan.notFittingReason).toBeNull();
    expect(plan.totals).toEqual({ cohort: 100, planned: 100, notFitting: 0, priority: 20, statutory: 57, nonStatutory: 43, unknownStatutory: 0 });
    expect(plan.statutoryShare).toMatchObject({ statutory: 57, nonStatutory: 43, unknown: 0, share: 0.57, inBand: true });
    expect(plan.statutoryShare.text).toContain('57% (57 of 100 with a known status)');
    expect(plan.statutoryShare.text).toContain('within that band');
    expect(plan.binding).toMatchObject({ role: 'police leads', capacity: 100, limitedMonths: [] });
    expect(plan.working[0]).toBe('Accepted cohort: 100 people (20 in a priority group; 57 statutory, 43 non-statutory). Order: priority groups first, then shortlist position.');
    expect(plan.working).toContain(
      'Jan 2014: capacity 100 = min(3 offender managers × 40 = 120; 2 police leads × 50 = 100) (constrained by police leads). Starts = min(waiting 100; room 100 − 0 = 100; even pace ⌈100 / 5⌉ = 20) = 20 (0 statutory, 20 non-statutory); caseload 0 + 20 = 20 of 100.',
    );
    expect(plan.working).toContain('Everyone accepted starts by May 2014.');
  });

  it('on top of the seed’s current caseload of 72, runs out of room in March and names the police leads', () => {
    const plan = planIntake(cohort(50), params({ existingCaseload: 72 }));
    // Jan: room 28, pace ⌈50/5⌉ = 10 → 10 (82). Feb: room 18, pace ⌈40/4⌉ = 10 → 10 (92).
    // Mar: room 8, pace ⌈30/3⌉ = 10 → 8 (100). Apr, May: room 0.
    expect(plan.months.map((m) => m.starts)).toEqual([10, 10, 8, 0, 0]);
    expect(plan.months.map((m) => m.room)).toEqual([28, 18, 8, 0, 0]);
    expect(plan.months.map((m) => m.caseloadAtEnd)).toEqual([82, 92, 100, 100, 100]);
    expect(plan.months.map((m) => m.spare)).toEqual([18, 8, 0, 0, 0]);
    expect(plan.months.map((m) => m.limitedBy)).toEqual(['pace', 'pace', 'capacity', 'capacity', 'capacity']);
    expect(plan.totals.planned).toBe(28);
    expect(plan.notFitting.map((p) => p.personId)).toEqual(Array.from({ length: 22 }, (_, i) => 29 + i));
    expect(plan.notFitting[0]!.order).toBe(29);
    expect(plan.notFittingReason).toEqual({ limit: 'capacity', text: 'No room by May 2014: the caseload (100) reaches the capacity of 100, limited by the police leads.' });
    expect(plan.notFitting[0]!.reason).toBe(plan.notFittingReason!.text);
    expect(plan.binding).toMatchObject({ role: 'police leads', capacity: 100, limitedMonths: ['2014-03', '2014-04', '2014-05'] });
    expect(plan.binding.text).toBe('Capacity held starts back in Mar 2014, Apr 2014, May 2014: the police leads limit the caseload to 100 (100 = min(3 offender managers × 40 = 120; 2 police leads × 50 = 100) (constrained by police leads)).');
    expect(plan.working).toContain(
      'Mar 2014: capacity 100 = min(3 offender managers × 40 = 120; 2 police leads × 50 = 100) (constrained by police leads). Starts = min(waiting 30; room 100 − 92 = 8; even pace ⌈30 / 3⌉ = 10) = 8 (0 statutory, 0 non-statutory, 8 unknown); caseload 92 + 8 = 100 of 100.',
    );
    expect(plan.working).toContain('22 people do not fit: No room by May 2014: the caseload (100) reaches the capacity of 100, limited by the police leads.');
  });

  it('takes everyone when the expanded team (5 + 4) arrives in March', () => {
    const plan = planIntake(cohort(50), params({ existingCaseload: 72, staffChanges: [{ month: '2014-03', offenderManagers: 5, policeLeads: 4 }] }));
    // Mar on: min(5 × 40, 4 × 50) = 200, a tie named as offender managers (first role).
    expect(plan.months.map((m) => m.capacity)).toEqual([100, 100, 200, 200, 200]);
    expect(plan.months.map((m) => [m.offenderManagers, m.policeLeads])).toEqual([[3, 2], [3, 2], [5, 4], [5, 4], [5, 4]]);
    expect(plan.months.map((m) => m.starts)).toEqual([10, 10, 10, 10, 10]);
    expect(plan.months.map((m) => m.caseloadAtEnd)).toEqual([82, 92, 102, 112, 122]);
    expect(plan.notFitting).toEqual([]);
    expect(plan.binding).toMatchObject({ role: 'offender managers', capacity: 200, limitedMonths: [] });
    expect(plan.months.map((m) => m.tiedWith)).toEqual([null, null, 'police leads', 'police leads', 'police leads']);
    expect(plan.binding.text).toBe(
      'Capacity did not hold any start back; at the end of the period the offender managers and police leads alike set the limit: 200 = min(5 offender managers × 40 = 200; 4 police leads × 50 = 200) (constrained by offender managers).',
    );
  });

  it('applies staff changes in month order whatever order they are listed in', () => {
    const plan = planIntake(cohort(0), params({ staffChanges: [{ month: '2014-04', offenderManagers: 1, policeLeads: 2 }, { month: '2013-12', offenderManagers: 4, policeLeads: 4 }, { month: '2014-02', offenderManagers: 2, policeLeads: 4 }] }));
    // Dec 2013 (before the period) sets the team from January: min(4 × 40, 4 × 50) = 160; Feb: 2 × 40 = 80; Apr: 1 × 40 = 40.
    expect(plan.months.map((m) => m.capacity)).toEqual([160, 80, 80, 40, 40]);
    expect(plan.months.every((m) => m.constrainedBy === 'offender managers')).toBe(true);
  });

  it('as fast as capacity allows, with at most 15 new starts a month', () => {
    const plan = planIntake(cohort(50), params({ pace: 'asap', maxStartsPerMonth: 15 }));
    expect(plan.months.map((m) => m.starts)).toEqual([15, 15, 15, 5, 0]);
    expect(plan.months.map((m) => m.limitedBy)).toEqual(['maxStarts', 'maxStarts', 'maxStarts', null, null]);
    expect(plan.notFitting).toEqual([]);
    expect(plan.months[0]!.working).toContain('Starts = min(waiting 50; room 100 − 0 = 100; at most 15 a month) = 15');
  });

  it('leaves people over when the cap on new starts is too low for the period', () => {
    const plan = planIntake(cohort(50), params({ maxStartsPerMonth: 8 }));
    expect(plan.months.map((m) => m.starts)).toEqual([8, 8, 8, 8, 8]);
    expect(plan.totals).toMatchObject({ planned: 40, notFitting: 10 });
    expect(plan.notFittingReason).toEqual({ limit: 'maxStarts', text: 'Not reached by May 2014: at most 8 new starts a month.' });
    expect(plan.binding.limitedMonths).toEqual([]);
  });

  it('with no capacity, no one starts and everyone is listed with the reason', () => {
    const plan = planIntake(cohort(3, 1, (i) => (i === 0 ? true : null)), params({ offenderManagers: 0 }));
    expect(plan.months.map((m) => [m.capacity, m.starts, m.limitedBy])).toEqual(Array.from({ length: 5 }, () => [0, 0, 'capacity']));
    expect(plan.months[0]!.constrainedBy).toBe('offender managers');
    expect(plan.notFitting.map((p) => [p.personId, p.order])).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(plan.notFittingReason?.text).toBe('No room by May 2014: the capacity is 0 (0 = min(0 offender managers × 40 = 0; 2 police leads × 50 = 100) (constrained by offender managers)).');
    expect(plan.statutoryShare).toMatchObject({ share: null, lowest: null, highest: null, inBand: null, text: 'No one starts in the plan, so there is no statutory share.' });
    // The cohort's own mix is still reported.
    expect(plan.totals).toMatchObject({ cohort: 3, planned: 0, statutory: 1, nonStatutory: 0, unknownStatutory: 2 });
  });

  it('says so when the caseload already on the books fills the capacity', () => {
    const plan = planIntake(cohort(4), params({ existingCaseload: 110 }));
    expect(plan.months.map((m) => [m.room, m.starts, m.spare])).toEqual(Array.from({ length: 5 }, () => [0, 0, -10]));
    expect(plan.notFittingReason?.text).toBe('No room by May 2014: the caseload already on the books (110) fills the capacity of 100, limited by the police leads.');
    expect(plan.months[0]!.working).toContain('room 100 − 110 = -10 (none)');
  });

  it('in a one-month period takes everyone it can at once, and the rest do not fit', () => {
    const plan = planIntake(cohort(130), params({ startMonth: '2014-01', endMonth: '2014-01' }));
    expect(plan.months).toHaveLength(1);
    // Even pace over one month is ⌈130 / 1⌉ = 130, so capacity (100) is the limit.
    expect(plan.months[0]).toMatchObject({ waiting: 130, room: 100, starts: 100, caseloadAtEnd: 100, limitedBy: 'capacity' });
    expect(plan.totals).toMatchObject({ planned: 100, notFitting: 30 });
    expect(plan.notFitting[0]).toMatchObject({ personId: 101, order: 101 });
    expect(plan.working[1]).toBe('Period: Jan 2014 to Jan 2014 (1 month); pace: spread evenly over the period; caseload already on the books: 0.');
  });

  it('spreads the remainder to the first months: 103 over five months is 21, 21, 21, 20, 20', () => {
    const plan = planIntake(cohort(103), params({ clientsPerPoliceLead: null }));
    // Police leads do not limit: capacity 3 × 40 = 120.
    expect(plan.months[0]!.capacity).toBe(120);
    expect(plan.months[0]!.constrainedBy).toBe('offender managers');
    expect(plan.months.map((m) => m.starts)).toEqual([21, 21, 21, 20, 20]);
    expect(plan.working[2]).toBe('Clients per offender manager 40; police leads do not limit the caseload.');
  });

  it('floors part-time staff: 2.5 offender managers × 40 = 100, 1.5 police leads × 50 = 75', () => {
    const plan = planIntake(cohort(0), params({ offenderManagers: 2.5, policeLeads: 1.5 }));
    expect(plan.months[0]).toMatchObject({ capacity: 75, constrainedBy: 'police leads' });
    const plan2 = planIntake(cohort(0), params({ offenderManagers: 1, clientsPerManager: 33.5, policeLeads: 1 }));
    expect(plan2.months[0]!.capacity).toBe(33);
  });

  it('reports an unknown statutory status as a range and the band as information only', () => {
    // 4 statutory, 2 non-statutory, 4 unknown.
    const status = [true, true, true, true, false, false, null, null, null, null];
    const plan = planIntake(cohort(10, 1, (i) => status[i]!), SEED);
    expect(plan.statutoryShare.share).toBeCloseTo(4 / 6, 12);
    expect(plan.statutoryShare).toMatchObject({ statutory: 4, nonStatutory: 2, unknown: 4, lowest: 0.4, highest: 0.8, inBand: false });
    expect(plan.statutoryShare.text).toBe(
      'Statutory share of the plan: 66.67% (4 of 6 with a known status); 4 unknown, so between 40% and 80% of all 10. The existing caseload was about 55–60% statutory: above that band.',
    );
    const allUnknown = planIntake(cohort(5), SEED);
    expect(allUnknown.statutoryShare).toMatchObject({ share: null, inBand: null, lowest: 0, highest: 1 });
    expect(allUnknown.statutoryShare.text).toBe('The statutory status of all 5 planned starters is unknown (import a list with a statutory column).');
    // Exactly 55% and 60% are inside the band; 50% is below.
    expect(planIntake(cohort(20, 1, (i) => i < 11), SEED).statutoryShare.inBand).toBe(true);
    expect(planIntake(cohort(5, 1, (i) => i < 3), SEED).statutoryShare.inBand).toBe(true);
    const half = planIntake(cohort(4, 1, (i) => i < 2), SEED).statutoryShare;
    expect(half.inBand).toBe(false);
    expect(half.text).toContain('below that band');
  });

  it('counts only the people who start in the statutory share, not those left over', () => {
    // One month, capacity 2: the two statutory people start; the non-statutory one does not fit.
    const plan = planIntake(cohort(3, 1, (i) => i < 2), params({ startMonth: '2014-01', endMonth: '2014-01', offenderManagers: 1, clientsPerManager: 2 }));
    expect(plan.statutoryShare).toMatchObject({ statutory: 2, nonStatutory: 0, share: 1 });
    expect(plan.totals).toMatchObject({ statutory: 2, nonStatutory: 1 });
  });

  it('is deterministic: the same input gives the same plan', () => {
    const members = cohort(37, 1, (i) => (i % 3 === 0 ? null : i % 2 === 0), (i) => (i % 5 === 0 ? ['gangHigh'] : []));
    const shuffled = [...members].reverse();
    expect(planIntake(shuffled, params({ existingCaseload: 80 }))).toEqual(planIntake(members, params({ existingCaseload: 80 })));
  });

  it('refuses a period that ends before it starts, one longer than 36 months, and unknown fields', () => {
    expect(IntakeParamsSchema.safeParse(params({ startMonth: '2014-05', endMonth: '2014-01' })).success).toBe(false);
    expect(IntakeParamsSchema.safeParse(params({ startMonth: '2014-01', endMonth: '2017-01' })).success).toBe(false);
    expect(IntakeParamsSchema.safeParse(params({ startMonth: '2014-01', endMonth: '2016-12' })).success).toBe(true);
    expect(IntakeParamsSchema.safeParse({ ...SEED, extra: 1 }).success).toBe(false);
    expect(IntakeParamsSchema.safeParse(params({ startMonth: '2014-13' })).success).toBe(false);
    expect(IntakeParamsSchema.safeParse(params({ clientsPerManager: 0 })).success).toBe(false);
    expect(IntakeParamsSchema.safeParse(params({ existingCaseload: 1.5 })).success).toBe(false);
    expect(() => planIntake([], params({ startMonth: '2014-05', endMonth: '2014-01' }))).toThrow();
  });

  it('plans an empty cohort as empty months', () => {
    const plan = planIntake([], SEED);
    expect(plan.months.map((m) => [m.starts, m.limitedBy])).toEqual(Array.from({ length: 5 }, () => [0, null]));
    expect(plan.totals.cohort).toBe(0);
    expect(plan.notFittingReason).toBeNull();
  });
});

describe('the caseload on the books and its exits', () => {
  it('fills exactly the places for new entrants the shortlist counts: the seed’s doubled team with 72 on the books', () => {
    const p = params({ offenderManagers: 5, policeLeads: 4, existingCaseload: 72, exitRatePerMonth: 0.0176 });
    const plan = planIntake(cohort(200), p);
    expect(plan.newEntrants).toMatchObject({ teamCapacity: 200, currentCaseload: 72, expectedExits: 6, places: 134 });
    expect(plan.totals.planned).toBe(134);
    expect(plan.notFitting).toHaveLength(66);
    // Exits so far by month: ⌊72 × (1 − 0.9824^k)⌋ = 1, 2, 3, 4, 6.
    expect(plan.months.map((m) => m.exitsSoFar)).toEqual([1, 2, 3, 4, 6]);
    expect(plan.months[4]!.caseloadAtEnd).toBe(200);
    expect(plan.working).toContain('Places for new entrants over the period: 134 places for new entrants = team capacity 200 − 72 current clients on the books + 6 (expected exits ⌊72 × (1 − (1 − 1.76%)^5)⌋ = 6 over 5 months).');
    expect(plan.months[0]!.working).toContain('room 200 − 71 (72 on the books − 1 expected to have left + 0 started) = 129');
  });

  it('with no exit rate, the seed team of 100 with 72 on the books has 28 places', () => {
    const plan = planIntake(cohort(66), params({ existingCaseload: 72 }));
    expect(plan.newEntrants.places).toBe(28);
    expect(plan.totals.planned).toBe(28);
    expect(plan.working.at(-1)).toBe('No one is assumed to leave the caseload during the period.');
  });

  it('defaults take the caseload and exit rate given', () => {
    expect(defaultIntakeParams(SEED_STAFFING, { existingCaseload: 42, exitRatePerMonth: 0.0176 })).toMatchObject({ existingCaseload: 42, exitRatePerMonth: 0.0176 });
    expect(defaultIntakeParams(SEED_STAFFING)).not.toHaveProperty('exitRatePerMonth');
  });
});
