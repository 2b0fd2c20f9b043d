import { z } from 'zod';
import { ScenarioSchema, type Scenario } from './projection';
import { defineCall } from '../api/defineCall';

/**
 * Projection scenarios saved in the workspace, so the panel's assumptions are kept with the data
 * they were applied to. Names are unique; saving with an id changes that scenario (a rename too),
 * saving without one adds a new scenario.
 */

export interface SavedScenario {
  id: number;
  name: string;
  scenario: Scenario;
  updatedBy: string;
  updatedAt: string;
}

export interface ScenarioList {
  scenarios: SavedScenario[];
  /** Stored scenarios that no longer fit the schema (left in place, not shown). */
  unreadable: number;
}

const ScenarioIdSchema = z.number().int().positive();

export const scenarioCalls = {
  'scenarios.list': defineCall({
    summary: 'Saved projection scenarios, most recently changed first; the seed scenario is added when there are none.',
    requiresWorkspace: true,
    input: z.object({}).strict(),
    output: z.custom<ScenarioList>((v) => typeof v === 'object' && v !== null && Array.isArray((v as { scenarios?: unknown }).scenarios)),
  }),
  'scenarios.save': defineCall({
    summary: 'Save a scenario: a new one without an id, or replace the one with that id; names are unique.',
    requiresWorkspace: true,
    input: z.object({ id: ScenarioIdSchema.nullable(), scenario: ScenarioSchema }).strict(),
    output: z.custom<SavedScenario>((v) => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'number'),
  }),
  'scenarios.delete': defineCall({
    summary: 'Delete a saved scenario.',
    requiresWorkspace: true,
    input: z.object({ id: ScenarioIdSchema }).strict(),
    output: z.object({ deleted: z.literal(true) }),
  }),
};
