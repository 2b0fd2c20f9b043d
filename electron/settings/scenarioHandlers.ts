import type { scenarioCalls } from '../../shared/analysis/scenarioCalls';
import { deleteScenario, listScenarios, saveScenario } from './scenarios';
import type { HandlerGroup } from '../handlers/handlerTypes';

export const scenarioHandlers: HandlerGroup<keyof typeof scenarioCalls> = {
  'scenarios.list': (ctx, _input, workspace) => listScenarios(workspace, ctx.actor),
  'scenarios.save': (ctx, input, workspace) => saveScenario(workspace, input.id, input.scenario, ctx.actor),
  'scenarios.delete': (ctx, input, workspace) => {
    deleteScenario(workspace, input.id, ctx.actor);
    return { deleted: true as const };
  },
};
