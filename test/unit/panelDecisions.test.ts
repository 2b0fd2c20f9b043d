import { describe, expect, it } from 'vitest';
import { capacityStanding, decisionProblem } from '../../shared/panel/panelDecisions';
import { PanelDecideInputSchema } from '../../shared/panel/panelSchemas';
import { draftFromRuleSet, ruleSetFromDraft } from '../../renderer/pages/Shortlist/ruleSetDraft';
import { DEFAULT_EXISTING_COHORT_RULE } from '../../shared/shortlist/newEntrantCapacity';
import { DEFAULT_SELECTION_RULE_SET, SEED_EXPANDED_STAFFING, SEED_STAFFING, resolveCapacity } from '../../shared/shortlist/selectionRules';

describe('what a panel decision must carry', () => {
  it('accepts an accept without a reason, and refuses one with a reason', () => {
    expect(decisionProblem({ decision: 'accept', reason: null, note: '' })).toBeNull();
    expect(decisionProblem({ decision: 'accept', reason: null, note: 'agreed by all' })).toBeNull();
    expect(decisionProblem({ decision: 'accept', reason: 'unsuitable', note: '' })).toMatch(/no reason/);
  });

  it('needs a reason to reject or defer, and a note for "other"', () => {
    expect(decisionProblem({ decision: 'reject', reason: null, note: 'moved to Kent' })).toBe('Choose a reason to reject.');
    expect(decisionProblem({ decision: 'defer', reason: null, note: '' })).toBe('Choose a reason to defer.');
    expect(decisionProblem({ decision: 'reject', reason: 'no_longer_in_borough', note: '' })).toBeNull();
    expect(decisionProblem({ decision: 'defer', reason: 'other', note: ' \n ' })).toMatch(/Say in the note why/);
    expect(decisionProblem({ decision: 'defer', reason: 'other', note: 'await probation check' })).toBeNull();
    expect(decisionProblem({ decision: 'reject', reason: 'other', note: 'x'.repeat(1001) })).toMatch(/1000 characters/);
  });

  it('is enforced by the contract, which also refuses unknown reasons and fields', () => {
    const base = { sessionId: 1, personId: 2 };
    expect(PanelDecideInputSchema.safeParse({ ...base, decision: 'reject', reason: 'in_custody' }).success).toBe(true);
    expect(PanelDecideInputSchema.safeParse({ ...base, decision: 'reject', reason: null }).success).toBe(false);
    expect(PanelDecideInputSchema.safeParse({ ...base, decision: 'reject', reason: 'moved_away' }).success).toBe(false);
    expect(PanelDecideInputSchema.safeParse({ ...base, decision: 'accept', reason: null, by: 'someone else' }).success).toBe(false);
    expect(PanelDecideInputSchema.safeParse({ ...base, decision: 'maybe', reason: null }).success).toBe(false);
  });

  it('says how the accepted set stands against capacity', () => {
    expect(capacityStanding({ accepted: 87, capacity: 100 })).toBe('87 accepted of a capacity of 100: 13 places left');
    expect(capacityStanding({ accepted: 99, capacity: 100 })).toBe('99 accepted of a capacity of 100: 1 place left');
    expect(capacityStanding({ accepted: 100, capacity: 100 })).toBe('100 accepted: capacity of 100 exactly filled');
    expect(capacityStanding({ accepted: 104, capacity: 100 })).toBe('104 accepted: 4 over the capacity of 100');
  });
});

describe('the Shortlist form draft', () => {
  const window = { referenceDate: '2013-10-31', windowMonths: 24 };

  it('starts from the seed rules with capacity from the staffing setting, and runs with that team', () => {
    const draft = draftFromRuleSet(null, window);
    expect(draft.capacityMode).toBe('staffing');
    const { ruleSet, errors } = ruleSetFromDraft(draft, SEED_EXPANDED_STAFFING);
    expect(errors).toEqual({});
    // The form states the existing-cohort rule it ran with: the default, written out.
    expect(ruleSet).toEqual({ ...DEFAULT_SELECTION_RULE_SET, capacity: SEED_EXPANDED_STAFFING, existingCohort: DEFAULT_EXISTING_COHORT_RULE });
    expect(resolveCapacity(ruleSet!.capacity).clients).toBe(200);
  });

  it('keeps a fixed capacity from the last run, and round-trips the rest', () => {
    const previous = {
      ...DEFAULT_SELECTION_RULE_SET,
      capacity: { mode: 'fixed' as const, clients: 90 },
      ranking: { method: 'rfg' as const, weights: { recency: 2, frequency: 1, gravity: 1, ogrs: 1, ppo: 1 }, gravityByCrimeType: { vehicle_crime: 40 }, recencyHalfLifeMonths: 9 },
      ogrsPriorityThreshold: 75,
      existingCohort: { include: false, currentCaseload: 72, exitRatePerMonth: 0.02, intakeMonths: 6 },
    };
    const draft = draftFromRuleSet(previous, window);
    expect(draft).toMatchObject({ capacityMode: 'fixed', fixedClients: '90', rankingMethod: 'rfg', ogrsThreshold: '75', currentCaseload: '72', exitRatePercent: '2', intakeMonths: '6' });
    expect(ruleSetFromDraft(draft, SEED_STAFFING).ruleSet).toEqual(previous);
    expect(draft.rfgWeights).toEqual({ recency: '2', frequency: '1', gravity: '1', ogrs: '1', ppo: '1' });
    expect(draft.gravity).toMatchObject({ vehicle_crime: '40', residential_burglary: '438', robbery: '746' });
  });

  it('checks the RFG weights: numbers, not all zero, a half-life above 0', () => {
    const rfg = { ...draftFromRuleSet(null, window), rankingMethod: 'rfg' as const };
    expect(ruleSetFromDraft(rfg, SEED_STAFFING).ruleSet?.ranking).toEqual({ method: 'rfg', weights: { recency: 1, frequency: 1, gravity: 1 } });
    const bad = { ...rfg, rfgWeights: { ...rfg.rfgWeights, ppo: 'x' }, gravity: { ...rfg.gravity, drugs: '-3' }, halfLifeMonths: '0' };
    expect(Object.keys(ruleSetFromDraft(bad, SEED_STAFFING).errors).sort()).toEqual(['gravity', 'halfLifeMonths', 'rfgWeights']);
    const zero = { ...rfg, rfgWeights: { recency: '0', frequency: '0', gravity: '0', ogrs: '0', ppo: '0' } };
    expect(ruleSetFromDraft(zero, SEED_STAFFING).errors.rfgWeights).toBe('Give at least one term a weight above 0.');
  });

  it('says what is wrong, field by field, before anything is run', () => {
    const draft = { ...draftFromRuleSet(null, window), name: ' ', referenceDate: '31/10/2013', windowMonths: '0', capacityMode: 'fixed' as const, fixedClients: 'ten', minArrests: '-1', rankingMethod: 'crimeTypeCount' as const, crimeType: '' as const };
    const { ruleSet, errors } = ruleSetFromDraft(draft, SEED_STAFFING);
    expect(ruleSet).toBeNull();
    expect(Object.keys(errors).sort()).toEqual(['crimeType', 'fixedClients', 'minArrests', 'name', 'referenceDate', 'windowMonths']);
    const cohortFields = { ...draftFromRuleSet(null, window), exitRatePercent: '150', intakeMonths: '0', currentCaseload: 'many', ogrsThreshold: '101' };
    expect(Object.keys(ruleSetFromDraft(cohortFields, SEED_STAFFING).errors).sort()).toEqual(['currentCaseload', 'exitRatePercent', 'intakeMonths', 'ogrsThreshold']);
  });

  it('orders priority groups as the lists are ordered, whatever order they were ticked in', () => {
    const draft = { ...draftFromRuleSet(null, window), priorityGroups: ['ogrsMandatory' as const, 'dtoa' as const, 'female' as const] };
    expect(ruleSetFromDraft(draft, SEED_STAFFING).ruleSet?.priorityGroups).toEqual(['dtoa', 'female', 'ogrsMandatory']);
  });
});
