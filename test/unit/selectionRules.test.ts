import { describe, expect, it } from 'vitest';
import { type AnalysisArrest, type AnalysisPerson, dayNumber, isoFromDayNumber } from '../../shared/domain/analysisModel';
import { buildArrestIndex } from '../support/arrestIndex';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';
import type { FlagName } from '../../shared/domain/flags';
import {
  AVERAGE_DAYS_PER_MONTH,
  DEFAULT_SELECTION_RULE_SET,
  SEED_EXPANDED_STAFFING,
  SEED_STAFFING,
  SelectionRuleSetSchema,
  capacityFromStaffing,
  selectShortlist,
  type SelectionRuleSet,
} from '../../shared/shortlist/selectionRules';
import { analysisPerson } from '../support/analysisPeople';

const person = analysisPerson;

const REF = '2013-10-31';

/** `n` arrests of one type, the last `lastDaysBeforeRef` days before the reference date, then one a week earlier. */
function arrestsFor(personId: number, n: number, crimeType: CrimeTypeId = 'other', lastDaysBeforeRef = 0): AnalysisArrest[] {
  const last = dayNumber(REF) - lastDaysBeforeRef;
  return Array.from({ length: n }, (_, k) => ({ personId, date: isoFromDayNumber(last - 7 * k), offence: crimeType, crimeType }));
}

function fixture(): { people: AnalysisPerson[]; arrests: AnalysisArrest[] } {
  const flagged = (id: number, flags: FlagName[], patch: Partial<AnalysisPerson> = {}): AnalysisPerson => person(id, { flags, ...patch });
  const people = [
    flagged(1, ['dtoa']),
    flagged(2, ['female', 'dtoa'], { gender: 'F' }),
    flagged(3, ['gangHigh'], { custody: 'in_custody' }),
    person(4),
    person(5, { livesInBorough: false }),
    person(6),
    person(7),
    person(8),
    person(9),
    flagged(10, ['ogrsMandatory']),
  ];
  const arrests = [
    ...arrestsFor(1, 5),
    ...arrestsFor(2, 4),
    ...arrestsFor(3, 9),
    ...arrestsFor(4, 10),
    ...arrestsFor(5, 8),
    ...arrestsFor(6, 2),
    ...arrestsFor(7, 8),
    ...arrestsFor(8, 8),
    ...arrestsFor(9, 3),
    // outside the 24-month window: never counts
    { personId: 10, date: '2010-01-01', offence: 'x', crimeType: 'other' as const },
    { personId: 9, date: '2011-10-31', offence: 'x', crimeType: 'other' as const },
  ];
  return { people, arrests };
}

function rules(patch: Partial<SelectionRuleSet> = {}): SelectionRuleSet {
  return { ...DEFAULT_SELECTION_RULE_SET, capacity: { mode: 'fixed', clients: 4 }, ...patch };
}

describe('selectShortlist', () => {
  const { people, arrests } = fixture();
  const index = buildArrestIndex(people, arrests);

  it('takes priority groups first, applies exclusions to everyone, then fills by arrests', () => {
    const shortlist = selectShortlist(rules(), people, index);
    expect(shortlist.selected).toEqual([1, 2, 4, 7]);
    expect(shortlist.results.map((r) => [r.personId, r.status, r.reason])).toEqual([
      [1, 'included', 'included: DTOA'],
      [2, 'included', 'included: DTOA'],
      [3, 'excluded', 'excluded: in custody'],
      [4, 'included', 'included: ranked 1 of 4 by arrests'],
      [5, 'excluded', 'excluded: not living in borough'],
      [6, 'excluded', 'excluded: fewer than 3 arrests'],
      [7, 'included', 'included: ranked 2 of 4 by arrests'],
      [8, 'over_capacity', 'over capacity: ranked 3 of 4 by arrests'],
      [9, 'over_capacity', 'over capacity: ranked 4 of 4 by arrests'],
      [10, 'excluded', 'excluded: fewer than 3 arrests'],
    ]);
    expect(shortlist.results[1]!.priorityGroups).toEqual(['dtoa', 'female']);
    expect(shortlist.results[0]).toMatchObject({ rank: 1, score: 5, arrestsInWindow: 5 });
    expect(shortlist.results[8]).toMatchObject({ rank: 4, score: 3, arrestsInWindow: 3 });
    expect(shortlist.summary).toMatchObject({
      capacity: 4,
      priorityCandidates: 2,
      priorityExceedsCapacity: false,
      rankedPool: 4,
      counts: { included: 4, excluded: 4, over_capacity: 2, not_eligible: 0 },
    });
  });

  it('takes a person listed twice once, at the first position', () => {
    const twice = [people[3]!, people[0]!, people[3]!];
    const r = selectShortlist(rules(), twice, index);
    expect(r.results.map((x) => x.personId)).toEqual([4, 1]);
    expect(r.selected).toEqual([1, 4]);
  });

  it('lists every exclusion that applies', () => {
    const moved = [person(1, { custody: 'in_custody', livesInBorough: false })];
    const r = selectShortlist(rules(), moved, buildArrestIndex(moved, []));
    expect(r.results[0]!.reason).toBe('excluded: in custody; not living in borough; fewer than 3 arrests');
  });

  it('says when the priority groups alone exceed capacity', () => {
    const shortlist = selectShortlist(rules({ capacity: { mode: 'fixed', clients: 1 } }), people, index);
    expect(shortlist.selected).toEqual([1]);
    expect(shortlist.summary.priorityExceedsCapacity).toBe(true);
    const byId = new Map(shortlist.results.map((r) => [r.personId, r]));
    expect(byId.get(2)!.reason).toBe('over capacity: DTOA, priority place 2 of 2; priority groups alone exceed capacity of 1');
    expect(byId.get(4)!.reason).toBe('over capacity: ranked 1 of 4 by arrests; priority groups fill the capacity');
  });

  it('orders priority people by group order, then by the ranking', () => {
    const group = [person(1, { flags: ['ogrsMandatory'] }), person(2, { flags: ['female'] }), person(3, { flags: ['female'] })];
    const idx = buildArrestIndex(group, [...arrestsFor(1, 9), ...arrestsFor(2, 3), ...arrestsFor(3, 5)]);
    const r = selectShortlist(rules({ capacity: { mode: 'fixed', clients: 10 } }), group, idx);
    expect(r.selected).toEqual([3, 2, 1]);
    expect(r.results.map((x) => x.reason)).toEqual(['included: OGRS', 'included: Female', 'included: Female']);
  });

  it('breaks ties by id, whatever the input order', () => {
    const reversed = [...people].reverse();
    const a = selectShortlist(rules(), people, index);
    const b = selectShortlist(rules(), reversed, index);
    expect(b.selected).toEqual(a.selected);
    expect(b.results.map((r) => r.personId)).toEqual(reversed.map((p) => p.id));
  });

  it('marks people with nothing to rank by as not eligible when no minimum applies', () => {
    const r = selectShortlist(rules({ exclusions: { inCustody: true, notLivingInBorough: true, minArrests: null } }), people, index);
    const byId = new Map(r.results.map((x) => [x.personId, x]));
    expect(byId.get(10)).toMatchObject({ status: 'included', reason: 'included: OGRS' });
    const lone = [person(11)];
    const r2 = selectShortlist(rules({ exclusions: { inCustody: false, notLivingInBorough: false, minArrests: null } }), lone, buildArrestIndex(lone, []));
    expect(r2.results[0]).toMatchObject({ status: 'not_eligible', reason: 'not eligible: no arrests in the window and in no priority group' });
  });

  it('can ignore exclusions', () => {
    const r = selectShortlist(
      rules({ capacity: { mode: 'fixed', clients: 100 }, exclusions: { inCustody: false, notLivingInBorough: false, minArrests: null } }),
      people,
      index,
    );
    expect(r.summary.counts.excluded).toBe(0);
    expect(r.selected).toEqual([1, 2, 3, 10, 4, 5, 7, 8, 9, 6]);
  });

  it('ranks by one crime type', () => {
    const pool = [person(1), person(2), person(3)];
    const idx = buildArrestIndex(pool, [
      ...arrestsFor(1, 6, 'drugs'),
      ...arrestsFor(1, 1, 'robbery', 100),
      ...arrestsFor(2, 2, 'robbery'),
      ...arrestsFor(2, 1, 'drugs', 50),
      ...arrestsFor(3, 2, 'robbery'),
    ]);
    const r = selectShortlist(
      rules({ ranking: { method: 'crimeTypeCount', crimeType: 'robbery' }, exclusions: { inCustody: true, notLivingInBorough: true, minArrests: null } }),
      pool,
      idx,
    );
    // 2 and 3 tie on robbery; 2 has more arrests in all, so it goes first.
    expect(r.selected).toEqual([2, 3, 1]);
    expect(r.results[1]!.reason).toBe('included: ranked 1 of 3 by robbery (personal property) arrests');
    expect(r.results[1]!.score).toBeCloseTo(2 + 3 / 4, 12);
  });

  it('ranks by RFG with editable weights', () => {
    const pool = [person(1), person(2)];
    const idx = buildArrestIndex(pool, [...arrestsFor(1, 4, 'residential_burglary'), ...arrestsFor(2, 8, 'shoplifting', 365)]);
    const rfg = rules({
      ranking: { method: 'rfg' },
      exclusions: { inCustody: true, notLivingInBorough: true, minArrests: null },
    });
    const r = selectShortlist(rfg, pool, idx);
    // Gravity from the ONS Crime Severity Score: residential burglary 438, shoplifting 13 per arrest.
    // 1: R = 1, F = 4/8, G = 1752/1752 → 2.5 / 3; 2: R = 0.5^((365 / 30.4375) / 6), F = 1, G = 104/1752.
    const recency2 = Math.pow(0.5, 365 / AVERAGE_DAYS_PER_MONTH / 6);
    expect(r.results[0]!.score).toBeCloseTo(2.5 / 3, 12);
    expect(r.results[1]!.score).toBeCloseTo((recency2 + 1 + 104 / 1752) / 3, 12);
    expect(r.selected).toEqual([1, 2]);
    expect(r.results[0]!.reason).toBe('included: ranked 1 of 2 by RFG score: 0.833 = (1·1 + 1·0.5 + 1·1) / 3');

    const frequencyOnly = selectShortlist({ ...rfg, ranking: { method: 'rfg', weights: { recency: 0, frequency: 1, gravity: 0 } } }, pool, idx);
    expect(frequencyOnly.selected).toEqual([2, 1]);
    const gravityByType = selectShortlist(
      { ...rfg, ranking: { method: 'rfg', weights: { recency: 0, frequency: 0, gravity: 1 }, gravityByCrimeType: { shoplifting: 500 } } },
      pool,
      idx,
    );
    expect(gravityByType.selected).toEqual([2, 1]);
    expect(gravityByType.results[0]!.score).toBeCloseTo(1752 / 4000, 12);
  });

  it('validates rule sets', () => {
    expect(SelectionRuleSetSchema.safeParse(DEFAULT_SELECTION_RULE_SET).success).toBe(true);
    expect(SelectionRuleSetSchema.safeParse({ ...DEFAULT_SELECTION_RULE_SET, priorityGroups: ['dtoa', 'dtoa'] }).success).toBe(false);
    expect(SelectionRuleSetSchema.safeParse({ ...DEFAULT_SELECTION_RULE_SET, priorityGroups: ['gangs'] }).success).toBe(false);
    expect(SelectionRuleSetSchema.safeParse({ ...DEFAULT_SELECTION_RULE_SET, ranking: { method: 'crimeTypeCount' } }).success).toBe(false);
    expect(SelectionRuleSetSchema.safeParse({ ...DEFAULT_SELECTION_RULE_SET, capacity: { mode: 'fixed' } }).success).toBe(false);
    expect(() => selectShortlist({ ...DEFAULT_SELECTION_RULE_SET, referenceDate: '2013-13-01' }, people, index)).toThrow();
  });

  it('takes capacity from staffing', () => {
    const r = selectShortlist(rules({ capacity: { ...SEED_STAFFING, offenderManagers: 0.1, clientsPerManager: 30 } }), people, index);
    expect(r.summary.capacity).toBe(3);
    expect(r.selected).toEqual([1, 2, 4]);
  });
});

describe('capacityFromStaffing', () => {
  it('reproduces the seed team: 100 clients now, 200 with +2 managers and +2 police leads', () => {
    const now = capacityFromStaffing(SEED_STAFFING);
    expect(now.capacity).toBe(100);
    expect(now.constrainedBy).toBe('police leads');
    expect(now.working).toBe('100 = min(3 offender managers × 40 = 120; 2 police leads × 50 = 100) (constrained by police leads)');
    const expanded = capacityFromStaffing(SEED_EXPANDED_STAFFING);
    expect(expanded.capacity).toBe(200);
    expect(expanded.perRole.map((r) => r.capacity)).toEqual([200, 200]);
  });

  it('gives the lower seed figures with the lower ratios (90 and 180)', () => {
    expect(capacityFromStaffing({ ...SEED_STAFFING, clientsPerManager: 36, clientsPerPoliceLead: 45 }).capacity).toBe(90);
    expect(capacityFromStaffing({ ...SEED_EXPANDED_STAFFING, clientsPerManager: 36, clientsPerPoliceLead: 45 }).capacity).toBe(180);
  });

  it('models resettlement officers only when given a ratio, and rounds down', () => {
    const r = capacityFromStaffing({ ...SEED_STAFFING, clientsPerPoliceLead: null, clientsPerResettlementOfficer: 25 });
    expect(r).toMatchObject({ capacity: 75, constrainedBy: 'resettlement officers' });
    expect(capacityFromStaffing({ ...SEED_STAFFING, offenderManagers: 2.5, clientsPerManager: 33.3, clientsPerPoliceLead: null }).capacity).toBe(83);
  });
});

describe('partnership data in the selection: OGRS as a priority threshold and a ranking term', () => {
  const REF_DAY = dayNumber(REF);
  const arrestsOn = (personId: number, n: number): AnalysisArrest[] =>
    Array.from({ length: n }, (_, k) => ({ personId, date: isoFromDayNumber(REF_DAY - 7 * k), offence: 'x', crimeType: 'other' as const }));
  const people = [person(1, { ogrsScore: 20 }), person(2, { ogrsScore: 90 }), person(3), person(4, { ogrsScore: 75 }), person(5, { flags: ['dtoa'], ogrsScore: 95 })];
  const index = buildArrestIndex(people, [...arrestsOn(1, 9), ...arrestsOn(2, 4), ...arrestsOn(3, 8), ...arrestsOn(4, 3), ...arrestsOn(5, 3)]);
  const base = rules({ capacity: { mode: 'fixed', clients: 3 }, priorityGroups: ['dtoa'] });

  it('takes people at or above the OGRS threshold after the listed groups, with their score in the reason', () => {
    const shortlist = selectShortlist({ ...base, ogrsPriorityThreshold: 75 }, people, index);
    expect(shortlist.selected).toEqual([5, 2, 4]);
    const reasons = new Map(shortlist.results.map((r) => [r.personId, r.reason]));
    expect(reasons.get(5)).toBe('included: DTOA');
    expect(reasons.get(2)).toBe('included: OGRS 90 ≥ 75');
    expect(reasons.get(4)).toBe('included: OGRS 75 ≥ 75');
    expect(reasons.get(1)).toBe('over capacity: ranked 1 of 2 by arrests');
    expect(shortlist.summary.priorityCandidates).toBe(3);
    // Without a threshold, OGRS decides nothing.
    expect(selectShortlist(base, people, index).selected).toEqual([5, 1, 3]);
  });

  it('ranks on OGRS / 100 as a weighted term of the RFG score, with the term in the formula', () => {
    const ranking = { method: 'rfg' as const, weights: { recency: 0, frequency: 1, gravity: 0, ogrs: 1 } };
    const shortlist = selectShortlist({ ...base, priorityGroups: [], capacity: { mode: 'fixed', clients: 2 }, ranking }, people, index);
    // F = arrests / 9; score = (F + O) / 2: 1: (1 + 0.2)/2 = 0.6; 2: (4/9 + 0.9)/2 ≈ 0.672; 3: (8/9 + 0)/2 ≈ 0.444; 4: (3/9 + 0.75)/2 ≈ 0.542; 5: (3/9 + 0.95)/2 ≈ 0.642.
    expect(shortlist.selected).toEqual([2, 5]);
    expect(shortlist.results.find((r) => r.personId === 2)!.score).toBeCloseTo((4 / 9 + 0.9) / 2, 12);
    expect(shortlist.results.find((r) => r.personId === 3)!.score).toBeCloseTo(8 / 9 / 2, 12);
    expect(shortlist.summary.rankingFormula).toContain('(0·R + 1·F + 0·G + 1·O) / 2');
    expect(shortlist.summary.rankingFormula).toContain('O = OGRS score / 100 (0 without a score)');
    expect(shortlist.results.find((r) => r.personId === 1)!.reason).toBe('over capacity: ranked 3 of 5 by RFG and OGRS score: 0.6 = (0·1 + 1·1 + 0·1 + 1·0.2) / 2');
  });

  it('ranks on the PPO list as a weighted term of the RFG score, and takes PPO as a priority group', () => {
    const withPpo = [person(1), person(2, { flags: ['ppo'] }), person(3), person(4, { flags: ['ppo', 'dtoa'] })];
    const idx = buildArrestIndex(withPpo, [...arrestsOn(1, 9), ...arrestsOn(2, 4), ...arrestsOn(3, 8), ...arrestsOn(4, 3)]);
    const ranking = { method: 'rfg' as const, weights: { recency: 0, frequency: 1, gravity: 0, ppo: 1 } };
    const shortlist = selectShortlist({ ...base, priorityGroups: [], capacity: { mode: 'fixed', clients: 2 }, ranking }, withPpo, idx);
    // score = (F + P) / 2 with F = arrests / 9: 1: 0.5; 2: (4/9 + 1)/2 ≈ 0.722; 3: 8/18 ≈ 0.444; 4: (3/9 + 1)/2 ≈ 0.667.
    expect(shortlist.selected).toEqual([2, 4]);
    expect(shortlist.results.find((r) => r.personId === 4)!.score).toBeCloseTo((3 / 9 + 1) / 2, 12);
    expect(shortlist.summary.rankingFormula).toContain('(0·R + 1·F + 0·G + 1·P) / 2');
    expect(shortlist.summary.rankingFormula).toContain('P = 1 on the PPO list, else 0');
    expect(shortlist.results.find((r) => r.personId === 1)!.reason).toBe('over capacity: ranked 3 of 4 by RFG and PPO score: 0.5 = (0·1 + 1·1 + 0·1 + 1·0) / 2');
    // Without the term, PPO changes nothing; as a priority group it goes first.
    expect(selectShortlist({ ...base, priorityGroups: [], capacity: { mode: 'fixed', clients: 2 } }, withPpo, idx).selected).toEqual([1, 3]);
    const priority = selectShortlist({ ...base, priorityGroups: ['ppo'], capacity: { mode: 'fixed', clients: 2 } }, withPpo, idx);
    expect(priority.selected).toEqual([2, 4]);
    expect(priority.results.find((r) => r.personId === 2)!.reason).toBe('included: PPO');
  });

  it('names the published harm index and each offence code in the RFG formula', () => {
    const ranking = { method: 'rfg' as const };
    const formula = selectShortlist({ ...base, ranking }, people, index).summary.rankingFormula;
    expect(formula).toContain('gravity per arrest: source: ONS Crime Severity Score weights (29 Nov 2016)');
    expect(formula).toContain('residential burglary 438 (28A–28H)');
    expect(formula).toContain('robbery (personal property) 746 (34B)');
    expect(formula).toContain('vehicle crime 13 (no published weight; stand-in)');
    const edited = selectShortlist({ ...base, ranking: { ...ranking, gravityByCrimeType: { residential_burglary: 500 } } }, people, index).summary.rankingFormula;
    expect(edited).toContain('residential burglary 500 (edited)');
  });

  it('refuses a threshold outside 0–100', () => {
    expect(SelectionRuleSetSchema.safeParse({ ...base, ogrsPriorityThreshold: 101 }).success).toBe(false);
    expect(SelectionRuleSetSchema.safeParse({ ...base, ogrsPriorityThreshold: null }).success).toBe(true);
  });
});
