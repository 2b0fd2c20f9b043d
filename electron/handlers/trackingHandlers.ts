import type { trackingCalls } from '../../shared/api/trackingCalls';
import { clearExit, recordExit, recordStart } from '../tracking/cohortMembership';
import { trackCohort } from '../tracking/trackingService';
import type { HandlerGroup } from './handlerTypes';

export const trackingHandlers: HandlerGroup<keyof typeof trackingCalls> = {
  'tracking.track': (ctx, input, workspace) => trackCohort(workspace, input, ctx.actor),
  'tracking.recordStart': (ctx, input, workspace) => recordStart(workspace, input.personId, input.startDate, ctx.actor),
  'tracking.recordExit': (ctx, input, workspace) => recordExit(workspace, input.personId, input.exitDate, input.reason, ctx.actor),
  'tracking.clearExit': (ctx, input, workspace) => clearExit(workspace, input.personId, ctx.actor),
};
