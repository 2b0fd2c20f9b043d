import type { intakeCalls } from '../../shared/api/intakeCalls';
import { exportIntakePlanCsv, intakePlanView, saveIntakeParams } from '../intake/intakePlanService';
import type { HandlerGroup } from './handlerTypes';

export const intakeHandlers: HandlerGroup<keyof typeof intakeCalls> = {
  'intake.plan': (ctx, input) => intakePlanView(ctx.session.requireWorkspace(), input),
  'intake.saveParams': (ctx, input) => ({ saved: saveIntakeParams(ctx.session.requireWorkspace(), input.params, ctx.actor) }),
  'intake.exportCsv': (ctx, input) => exportIntakePlanCsv(ctx, input),
};
