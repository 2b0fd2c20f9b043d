import { DEFAULT_SCENARIO, ScenarioSchema, type Scenario } from '../../shared/analysis/projection';
import type { SavedScenario, ScenarioList } from '../../shared/analysis/scenarioSchemas';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { appendAudit } from '../workspace/auditLog';
import { deleteScenarioRow, insertScenarioRow, scenarioCount, scenarioIdNamed, scenarioRows, updateScenarioRow, type ScenarioRow } from '../data/settings';

function parseRow(row: ScenarioRow): SavedScenario | null {
  let json: unknown;
  try {
    json = JSON.parse(row.definition);
  } catch {
    return null;
  }
  const parsed = ScenarioSchema.safeParse(json);
  if (!parsed.success) return null;
  // The row's name column is the one uniqueness is enforced on, so it wins over the JSON's.
  return { id: row.id, name: row.name, scenario: { ...parsed.data, name: row.name }, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
}

function insertScenario(workspace: OpenWorkspace, scenario: Scenario, actor: string, now: string): number {
  return insertScenarioRow(workspace.db, scenario.name, JSON.stringify(scenario), actor, now);
}

/**
 * Saved scenarios, most recently changed first. A workspace with none gets the seed's scenario, so
 * the projection screen always opens on the seed's assumptions with their sources.
 */
export function listScenarios(workspace: OpenWorkspace, actor: string): ScenarioList {
  const { db } = workspace;
  const count = scenarioCount(db);
  if (count === 0) {
    db.transaction(() => {
      const now = new Date().toISOString();
      const id = insertScenario(workspace, DEFAULT_SCENARIO, actor, now);
      appendAudit(db, { actor, action: 'scenario.save', entity: 'scenario', entityId: id, detail: { created: true, seeded: true } }, now);
    }).immediate();
  }
  const rows = scenarioRows(db);
  const scenarios: SavedScenario[] = [];
  let unreadable = 0;
  for (const row of rows) {
    const saved = parseRow(row);
    if (saved) scenarios.push(saved);
    else unreadable++;
  }
  return { scenarios, unreadable };
}

function nameTakenBy(workspace: OpenWorkspace, name: string): number | null {
  return scenarioIdNamed(workspace.db, name);
}

/** Adds a scenario (id null) or replaces the one with `id`; a name used by another scenario is refused. */
export function saveScenario(workspace: OpenWorkspace, id: number | null, scenarioInput: Scenario, actor: string): SavedScenario {
  const name = scenarioInput.name.trim();
  if (name.length === 0) throw new WorkspaceError('invalid_input', 'A scenario needs a name.');
  const scenario = ScenarioSchema.parse({ ...scenarioInput, name });
  const { db } = workspace;
  return db.transaction(() => {
    const holder = nameTakenBy(workspace, scenario.name);
    if (holder !== null && holder !== id) {
      throw new WorkspaceError('already_exists', `A scenario called “${scenario.name}” already exists. Choose another name, or open that scenario to change it.`);
    }
    const now = new Date().toISOString();
    let savedId: number;
    if (id === null) {
      savedId = insertScenario(workspace, scenario, actor, now);
    } else {
      const changed = updateScenarioRow(db, id, scenario.name, JSON.stringify(scenario), actor, now);
      if (changed === 0) throw new WorkspaceError('not_found', 'That scenario no longer exists; save it as a new scenario instead.');
      savedId = id;
    }
    // Scenario names are the analyst's own labels, but the audit keeps to ids all the same.
    appendAudit(db, { actor, action: 'scenario.save', entity: 'scenario', entityId: savedId, detail: { created: id === null } }, now);
    return { id: savedId, name: scenario.name, scenario, updatedBy: actor, updatedAt: now };
  }).immediate();
}

export function deleteScenario(workspace: OpenWorkspace, id: number, actor: string): void {
  const { db } = workspace;
  db.transaction(() => {
    const changed = deleteScenarioRow(db, id);
    if (changed === 0) throw new WorkspaceError('not_found', 'That scenario no longer exists.');
    appendAudit(db, { actor, action: 'scenario.delete', entity: 'scenario', entityId: id });
  }).immediate();
}
