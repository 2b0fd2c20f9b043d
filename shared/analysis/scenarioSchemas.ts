import type { Scenario } from './projection';

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
