import type { scenarioCalls } from '../../shared/api/scenarioCalls';
import { deleteScenario, listScenarios, saveScenario } from '../analysis/scenarios';
import type { HandlerGroup } from './handlerTypes';

export const scenarioHandlers: HandlerGroup<keyof typeof scenarioCalls> = {
  'scenarios.list': (ctx, _input, workspace) => listScenarios(workspace, ctx.actor),
  'scenarios.save': (ctx, input, workspace) => saveScenario(workspace, input.id, input.scenario, ctx.actor),
  'scenarios.delete': (ctx, input, workspace) => {
    deleteScenario(workspace, input.id, ctx.actor);
    return { deleted: true as const };
  },
};
