import type { trackingCalls } from '../../shared/api/trackingCalls';
import { clearExit, recordExit, recordStart } from '../tracking/cohortMembership';
import { trackCohort } from '../tracking/trackingService';
import { auditQuarterlyReturn, buildQuarterlyReturn, quarterlyReturnRequest } from '../export/quarterlyReturnExport';
import { deliverExport } from '../export/exportDelivery';
import type { HandlerGroup } from './handlerTypes';

export const trackingHandlers: HandlerGroup<keyof typeof trackingCalls> = {
  'tracking.track': (ctx, input) => trackCohort(ctx.session.requireWorkspace(), input, ctx.actor),
  'tracking.recordStart': (ctx, input) => recordStart(ctx.session.requireWorkspace(), input.personId, input.startDate, ctx.actor),
  'tracking.recordExit': (ctx, input) => recordExit(ctx.session.requireWorkspace(), input.personId, input.exitDate, input.reason, ctx.actor),
  'tracking.clearExit': (ctx, input) => clearExit(ctx.session.requireWorkspace(), input.personId, ctx.actor),
  'tracking.quarterlyReturn': async (ctx, input) => {
    const workspace = ctx.session.requireWorkspace();
    const built = buildQuarterlyReturn(workspace, quarterlyReturnRequest(input, ctx.actor));
    return (await deliverExport(ctx, built, { action: 'export.quarterlyReturn', record: () => auditQuarterlyReturn(workspace, built, ctx.actor, 'app') })).delivery;
  },
};
