import { describe, expect, it } from 'vitest';
import { draftFromScenario, newCrimeTypeDraft, scenarioFromDraft } from '../../renderer/pages/Projection/scenarioDraft';
import { DEFAULT_SCENARIO } from '../../shared/analysis/projection';

describe('the projection editor draft', () => {
  it('round-trips the seed scenario, rates shown as percentages', () => {
    const draft = draftFromScenario(DEFAULT_SCENARIO);
    expect(draft.reduction).toEqual({ low: '30', central: '36', high: '43' });
    expect(draft.crimeTypes.map((c) => c.allegations.central)).toEqual(['5', '11.6', '3']);
    expect(scenarioFromDraft(draft)).toEqual({ scenario: DEFAULT_SCENARIO, errors: null });
  });

  it('turns 36.34% into exactly 0.3634, and blank low/high into a single rate', () => {
    const draft = { ...draftFromScenario(DEFAULT_SCENARIO), reduction: { low: '', central: '36.34', high: '' } };
    const result = scenarioFromDraft(draft);
    expect(result.scenario?.reductionRate).toBe(0.3634);
  });

  it('names each problem by its field', () => {
    const draft = draftFromScenario(DEFAULT_SCENARIO);
    draft.name = ' ';
    draft.windowMonths = '2.5';
    draft.reduction = { low: '40', central: '36', high: '' };
    draft.crimeTypes = [...draft.crimeTypes, { ...newCrimeTypeDraft('drugs', null), unitCost: '-1' }];
    const result = scenarioFromDraft(draft);
    expect(result.errors).toEqual({
      name: 'Give the scenario a name.',
      windowMonths: 'Enter whole months, 1 to 240.',
      'reduction.low': 'Low must not be above the central value.',
      'crimeTypes.drugs.allegations.central': 'Enter a value.',
      'crimeTypes.drugs.unitCost': '0 or more, or blank.',
    });
  });

  it('reads grouping commas and a pound sign in costs', () => {
    const draft = draftFromScenario(DEFAULT_SCENARIO);
    draft.crimeTypes[1] = { ...draft.crimeTypes[1]!, unitCost: '£5,930', borough: '3,000' };
    const crimeType = scenarioFromDraft(draft).scenario!.crimeTypes[1]!;
    expect([crimeType.unitCost, crimeType.boroughOffencesPerYear]).toEqual([5930, 3000]);
  });
});
