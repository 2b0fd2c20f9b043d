import { describe, expect, it } from 'vitest';
import { draftFromParams, paramsFromDraft } from '../../renderer/pages/Intake/intakeDraft';
import { defaultIntakeParams } from '../../shared/intake/intakePlan';
import { SEED_STAFFING } from '../../shared/shortlist/selectionRules';

const SEED = defaultIntakeParams(SEED_STAFFING);

describe('intake form draft', () => {
  it('round-trips the parameters, blanks standing for "no limit"', () => {
    const params = { ...SEED, clientsPerPoliceLead: null, maxStartsPerMonth: 15, staffChanges: [{ month: '2014-03', offenderManagers: 5, policeLeads: 4 }] };
    const draft = draftFromParams(params);
    expect(draft).toMatchObject({ clientsPerPoliceLead: '', maxStartsPerMonth: '15', existingCaseload: '0', staffChanges: [{ key: 1, month: '2014-03', offenderManagers: '5', policeLeads: '4' }] });
    expect(paramsFromDraft(draft)).toEqual({ params, problems: {} });
  });

  it('names the problem on each field instead of guessing', () => {
    const draft = { ...draftFromParams(SEED), startMonth: '2014-1', clientsPerManager: '0', policeLeads: '', existingCaseload: '7.5', maxStartsPerMonth: '-2', clientsPerPoliceLead: '0' };
    const { params, problems } = paramsFromDraft(draft);
    expect(params).toBeNull();
    expect(problems).toEqual({
      startMonth: 'A month, e.g. 2014-01.',
      clientsPerManager: 'More than 0.',
      policeLeads: 'Needed.',
      clientsPerPoliceLead: 'More than 0, or blank.',
      existingCaseload: 'A whole number.',
      maxStartsPerMonth: 'A number, 0 or more.',
    });
  });

  it('puts the period checks on the last month and staff change problems on their row', () => {
    expect(paramsFromDraft({ ...draftFromParams(SEED), startMonth: '2014-06' }).problems).toEqual({ endMonth: 'The last month cannot be before the first.' });
    expect(paramsFromDraft({ ...draftFromParams(SEED), endMonth: '2018-01' }).problems).toEqual({ endMonth: 'A plan covers at most 36 months.' });
    const withChange = { ...draftFromParams(SEED), staffChanges: [{ key: 7, month: '2014-03', offenderManagers: 'five', policeLeads: '4' }] };
    expect(paramsFromDraft(withChange).problems).toEqual({ staffChanges: { 7: 'Staff numbers, 0 or more.' } });
  });
});
