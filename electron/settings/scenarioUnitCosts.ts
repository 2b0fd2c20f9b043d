import type { Scenario } from '../../shared/analysis/projection';
import type { ProjectionCrimeTypeId } from '../../shared/domain/crimeTypes';
import { effectiveUnitCosts } from '../../shared/analysis/unitCostSettings';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { readSettings } from './settingsService';

interface UnitCostFromWorkspace {
  crimeType: ProjectionCrimeTypeId;
  unitCost: number;
  /** The published table and, when uplifted, the working. */
  source: string;
}

/**
 * A scenario file that says nothing about a crime type's unit cost (no `unitCost` key at all) gets
 * the workspace's figure from Settings, so a CLI projection is costed as the screen's would be; an
 * explicit `null` stays "no cost". The filled costs are returned so the caller can say so.
 */
export function withWorkspaceUnitCosts(workspace: OpenWorkspace, scenario: Scenario): { scenario: Scenario; filled: UnitCostFromWorkspace[] } {
  const costs = effectiveUnitCosts(readSettings(workspace).values.unitCosts);
  const filled: UnitCostFromWorkspace[] = [];
  const crimeTypes = scenario.crimeTypes.map((c) => {
    if (c.unitCost !== undefined || c.id === 'all') return c;
    const cost = costs.find((e) => e.crimeType === c.id);
    if (!cost || cost.unitCost === null) return c;
    filled.push({ crimeType: c.id, unitCost: cost.unitCost, source: cost.priceYear === cost.entry.priceYear ? cost.entry.source : `${cost.entry.source}; ${cost.working}` });
    return { ...c, unitCost: cost.unitCost };
  });
  return { scenario: { ...scenario, crimeTypes }, filled };
}
