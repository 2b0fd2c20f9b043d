import type { intakeCalls } from '../../shared/intake/intakeCalls';
import { exportIntakePlanCsv, intakePlanView, saveIntakeParams } from './intakePlanService';
import type { HandlerGroup } from '../handlers/handlerTypes';

export const intakeHandlers: HandlerGroup<keyof typeof intakeCalls> = {
  'intake.plan': (_ctx, input, workspace) => intakePlanView(workspace, input),
  'intake.saveParams': (ctx, input, workspace) => ({ saved: saveIntakeParams(workspace, input.params, ctx.actor) }),
  'intake.exportCsv': (ctx, input) => exportIntakePlanCsv(ctx, input),
};
