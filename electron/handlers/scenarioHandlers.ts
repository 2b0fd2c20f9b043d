import type { scenarioCalls } from '../../shared/api/scenarioCalls';
import { deleteScenario, listScenarios, saveScenario } from '../analysis/scenarios';
import type { HandlerGroup } from './handlerTypes';

export const scenarioHandlers: HandlerGroup<keyof typeof scenarioCalls> = {
  'scenarios.list': (ctx) => listScenarios(ctx.session.requireWorkspace(), ctx.actor),
  'scenarios.save': (ctx, input) => saveScenario(ctx.session.requireWorkspace(), input.id, input.scenario, ctx.actor),
  'scenarios.delete': (ctx, input) => {
    deleteScenario(ctx.session.requireWorkspace(), input.id, ctx.actor);
    return { deleted: true as const };
  },
};
