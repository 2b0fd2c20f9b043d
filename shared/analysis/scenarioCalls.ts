import { z } from 'zod';
import { ScenarioSchema } from './projection';
import { workspaceCall } from '../api/defineCall';
import { idInput, NoInput, RecordIdSchema } from '../api/callInputs';
import type { SavedScenario, ScenarioList } from './scenarioSchemas';

export const scenarioCalls = {
  'scenarios.list': workspaceCall({
    summary: 'Saved projection scenarios, most recently changed first; the seed scenario is added when there are none.',
    input: NoInput,
    output: z.custom<ScenarioList>((v) => typeof v === 'object' && v !== null && Array.isArray((v as { scenarios?: unknown }).scenarios)),
  }),
  'scenarios.save': workspaceCall({
    summary: 'Save a scenario: a new one without an id, or replace the one with that id; names are unique.',
    input: z.object({ id: RecordIdSchema.nullable(), scenario: ScenarioSchema }).strict(),
    output: z.custom<SavedScenario>((v) => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'number'),
  }),
  'scenarios.delete': workspaceCall({
    summary: 'Delete a saved scenario.',
    input: idInput('id'),
    output: z.object({ deleted: z.literal(true) }),
  }),
};
