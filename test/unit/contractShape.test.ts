import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CALL_NAMES, contract, type CallName } from '../../shared/api/contract';

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
});
