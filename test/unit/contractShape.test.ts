import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CALL_NAMES, contract, type CallName } from '../../shared/api/contract';
import { DEFAULT_CANDIDATE_SORT } from '../../shared/shortlist/candidateSchemas';
import { emptyFilter } from '../../shared/shortlist/filterModel';

/**
 * The whole contract as the renderer, the preload and main see it: every call's name (in order),
 * whether it needs the unlocked workspace, its summary, and JSON Schema descriptions of what its
 * input accepts and its output holds. Refactoring how calls are declared must leave this unchanged;
 * a real change to the contract updates test/fixtures/contractShape.json on purpose (`vitest -u`).
 */
function describeCall(name: CallName) {
  const spec = contract[name];
  return {
    name,
    requiresWorkspace: spec.requiresWorkspace,
    summary: spec.summary,
    input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }),
    output: z.toJSONSchema(spec.output, { io: 'output', unrepresentable: 'any' }),
  };
}

describe('the contract’s described shape', () => {
  it('is the recorded one: names, workspace requirement, summaries, input and output schemas', async () => {
    await expect(`${JSON.stringify(CALL_NAMES.map(describeCall), null, 2)}\n`).toMatchFileSnapshot('../fixtures/contractShape.json');
  });

  // Refinements do not show in JSON Schema: the ones shared helpers declare are checked here.
  it('refuses an export naming a column twice, for the shortlist and for the Candidates view', () => {
    const shortlist = { source: 'proposed', format: 'csv', columns: ['surname', 'surname'] };
    expect(contract['exports.shortlist'].input.safeParse(shortlist).error?.issues[0]?.message).toBe('a column is chosen twice');
    expect(contract['exports.shortlist'].input.safeParse({ ...shortlist, columns: ['surname', 'pnc'] }).success).toBe(true);
    const view = { filter: emptyFilter('2013-06-30', 24), sort: DEFAULT_CANDIDATE_SORT, format: 'xlsx', columns: ['name', 'pnc', 'name'] };
    expect(contract['exports.candidatesView'].input.safeParse(view).error?.issues[0]?.message).toBe('a column is chosen twice');
    expect(contract['exports.candidatesView'].input.safeParse({ ...view, columns: ['name', 'pnc'] }).success).toBe(true);
  });
});
