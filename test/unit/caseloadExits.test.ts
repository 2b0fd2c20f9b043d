import { describe, expect, it } from 'vitest';
import { caseloadCountedBySummary, caseloadOn, EXIT_REASONS, exitReasonText, lastDayBefore, NO_RECORDED_EXITS, starterHasLeftBy, type RecordedExits } from '../../shared/tracking/caseloadExits';
import { defaultIntakeParams, planIntake, type IntakeMember, type IntakeParams } from '../../shared/intake/intakePlan';
import { newEntrantCapacity } from '../../shared/shortlist/newEntrantCapacity';
import { SEED_STAFFING } from '../../shared/shortlist/selectionRules';

function cohort(n: number): IntakeMember[] {
  return Array.from({ length: n }, (_, i) => ({ personId: i + 1, statutory: null, priorityGroups: [], shortlistPosition: i + 1 }));
}

/** The seed team (capacity 100, police-limited), 90 clients on the books, no forecast exits, starts as fast as room allows. */
const FULL: IntakeParams = { ...defaultIntakeParams(SEED_STAFFING), existingCaseload: 90, pace: 'asap' };

describe('exit reasons', () => {
  it('stores the chosen reason, with a note after a colon; "Other" needs the words', () => {
    expect(EXIT_REASONS).toContain('Moved out of the borough');
    expect(EXIT_REASONS[EXIT_REASONS.length - 1]).toBe('Other');
    expect(exitReasonText('Moved out of the borough', '')).toBe('Moved out of the borough');
    expect(exitReasonText('Sentenced to custody', '  18 months,\n Crown Court ')).toBe('Sentenced to custody: 18 months, Crown Court');
    expect(exitReasonText('Other', '  ')).toBeNull();
    expect(exitReasonText('Other', 'Deported')).toBe('Deported');
  });
});

describe('caseload on a day', () => {
  const clients = [
    { personId: 1, exitDate: null },
    { personId: 2, exitDate: '2014-03-10' },
    { personId: 3, exitDate: '2014-03-11' },
    { personId: 4, exitDate: null },
  ];
  it('counts everyone who started, less those recorded as having left by that day (the exit day included)', () => {
    expect(caseloadOn(clients, '2014-03-09')).toMatchObject({ started: 4, left: 0, onTheBooks: 4 });
    const on10th = caseloadOn(clients, '2014-03-10');
    expect(on10th).toMatchObject({ started: 4, left: 1, onTheBooks: 3 });
    expect(on10th.working).toBe('4 people with an IOM start date − 1 recorded as having left by 2014-03-10 = 3');
    expect(caseloadOn(clients, '2026-01-01').onTheBooks).toBe(2);
    expect(caseloadOn([], '2014-01-01')).toMatchObject({ started: 0, left: 0, onTheBooks: 0 });
  });

  it('takes the last day before a month, across year ends and leap years', () => {
    expect(lastDayBefore('2014-01')).toBe('2013-12-31');
    expect(lastDayBefore('2016-03')).toBe('2016-02-29');
    expect(lastDayBefore('2014-05')).toBe('2014-04-30');
  });

  it('frees a starter’s place from the exit month, but never in the month they start', () => {
    expect(starterHasLeftBy(undefined, '2014-01', '2014-05')).toBe(false);
    expect(starterHasLeftBy('2014-01-20', '2014-01', '2014-01')).toBe(false);
    expect(starterHasLeftBy('2014-01-20', '2014-01', '2014-02')).toBe(true);
    expect(starterHasLeftBy('2014-03-05', '2014-01', '2014-02')).toBe(false);
    expect(starterHasLeftBy('2014-03-05', '2014-01', '2014-03')).toBe(true);
  });
});

describe('the intake plan with recorded exits', () => {
  it('without exits, a caseload of 90 against 100 leaves room for 10 in January and none after', () => {
    const plan = planIntake(cohort(50), FULL);
    expect(plan.months.map((m) => m.starts)).toEqual([10, 0, 0, 0, 0]);
    expect(plan.totals.notFitting).toBe(40);
    expect(plan.months.every((m) => m.recordedExitsSoFar === 0 && m.startersLeftSoFar === 0)).toBe(true);
    expect(planIntake(cohort(50), FULL, NO_RECORDED_EXITS)).toEqual(plan);
  });

  it('frees a place from the month of each exit: clients on the books and starters alike', () => {
    const recorded: RecordedExits = {
      // Three in February count; one before the period and one after it do not.
      existingClients: ['2014-02-10', '2014-02-28', '2014-02-01', '2013-12-15', '2014-07-01'],
      // Starter 1 (January) leaves in March; starter 2 leaves in January, the month they started, so their place is free from February.
      members: new Map([
        [1, '2014-03-05'],
        [2, '2014-01-20'],
      ]),
    };
    const plan = planIntake(cohort(50), FULL, recorded);
    expect(plan.months.map((m) => m.starts)).toEqual([10, 4, 1, 0, 0]);
    expect(plan.months.map((m) => m.recordedExitsSoFar)).toEqual([0, 3, 3, 3, 3]);
    expect(plan.months.map((m) => m.exitsSoFar)).toEqual([0, 3, 3, 3, 3]);
    expect(plan.months.map((m) => m.startersLeftSoFar)).toEqual([0, 1, 2, 2, 2]);
    expect(plan.months.map((m) => m.caseloadAtStart)).toEqual([90, 96, 99, 100, 100]);
    expect(plan.months.map((m) => m.caseloadAtEnd)).toEqual([100, 100, 100, 100, 100]);
    expect(plan.totals).toMatchObject({ planned: 15, notFitting: 35 });
    expect(plan.months[1]!.working).toContain('room 100 − 96 (90 on the books − 3 recorded as having left + 10 started − 1 of them recorded as having left) = 4');
    expect(plan.working).toContain('Recorded exits: 3 existing clients left during the period, each freeing a place from the month of the exit (the expected exits are never fewer).');
    expect(plan.working).toContain('Recorded exits: 2 new starters left after starting, each freeing a place from the month of the exit.');
    expect(plan.working).toContain('1 existing client was recorded as leaving before Jan 2014: a caseload counted from the workspace leaves them out; a figure typed in should too.');
    // The places for new entrants over the period count the three known exits (the forecast is none).
    expect(plan.newEntrants).toMatchObject({ expectedExits: 3, places: 13 });
    expect(plan.newEntrants.working).toContain('3 recorded as leaving in the period, more than the no exits expected');
  });

  it('never counts a recorded exit twice with the forecast: the larger of the two', () => {
    // 90 × (1 − 0.98^2) = 3.56 → 3 expected by February; 2 recorded by then.
    const forecast = { ...FULL, exitRatePerMonth: 0.02 };
    const recorded: RecordedExits = { existingClients: ['2014-01-15', '2014-02-15'], members: new Map() };
    const plain = planIntake(cohort(50), forecast);
    const withExits = planIntake(cohort(50), forecast, recorded);
    expect(withExits.months[1]).toMatchObject({ exitsSoFar: 3, recordedExitsSoFar: 2 });
    expect(withExits.months.map((m) => m.starts)).toEqual(plain.months.map((m) => m.starts));
    expect(withExits.months[1]!.working).toContain('expected to have left (2 of them recorded)');
    // Six recorded in January outrun the forecast of ⌊90 × 0.02⌋ = 1.
    const many = planIntake(cohort(50), forecast, { existingClients: Array.from({ length: 6 }, () => '2014-01-31'), members: new Map() });
    expect(many.months[0]).toMatchObject({ exitsSoFar: 6, recordedExitsSoFar: 6, starts: 16 });
  });
});

describe('places for new entrants with recorded exits', () => {
  it('takes the recorded exits when more than the forecast, and never more than the caseload', () => {
    const rule = { include: false, currentCaseload: 72, exitRatePerMonth: 0, intakeMonths: 5 };
    expect(newEntrantCapacity(100, rule, 0).places).toBe(28);
    expect(newEntrantCapacity(100, rule, 0, 4)).toMatchObject({ expectedExits: 4, places: 32 });
    expect(newEntrantCapacity(100, rule, 0, 500)).toMatchObject({ expectedExits: 72, places: 100 });
    const seedRate = { ...rule, exitRatePerMonth: 0.0176 };
    const forecast = newEntrantCapacity(100, seedRate, 0);
    expect(newEntrantCapacity(100, seedRate, 0, 1)).toMatchObject({ expectedExits: forecast.expectedExits, places: forecast.places });
    expect(newEntrantCapacity(100, seedRate, 0, 1).working).toContain('of whom 1 recorded as leaving');
  });
});

describe('the caseload a shortlist counted', () => {
  it('is read from a stored summary only when counted from the workspace', () => {
    expect(caseloadCountedBySummary({ capacity: 61, newEntrants: { currentCaseload: 42, caseloadSource: 'workspace' } })).toBe(42);
    expect(caseloadCountedBySummary({ capacity: 28, newEntrants: { currentCaseload: 72, caseloadSource: 'ruleSet' } })).toBeNull();
    expect(caseloadCountedBySummary({ capacity: 100, newEntrants: { currentCaseload: 0, caseloadSource: 'reviewed' } })).toBeNull();
    expect(caseloadCountedBySummary({ capacity: 100 })).toBeNull();
    expect(caseloadCountedBySummary({ newEntrants: { currentCaseload: '42', caseloadSource: 'workspace' } })).toBeNull();
    expect(caseloadCountedBySummary(null)).toBeNull();
  });
});
