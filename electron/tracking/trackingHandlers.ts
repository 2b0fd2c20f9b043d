import type { trackingCalls } from '../../shared/tracking/trackingCalls';
import { clearExit, recordExit, recordStart } from './cohortMembership';
import { trackCohort } from './trackingService';
import { auditQuarterlyReturn, quarterlyReturnRequest } from '../exports/quarterlyReturnExport';
import { listScenarios } from '../settings/scenarios';
import { runBackgroundTask } from '../background/runBackgroundTask';
import { deliverExport } from '../exports/exportDelivery';
import type { HandlerGroup } from '../handlers/handlerTypes';

export const trackingHandlers: HandlerGroup<keyof typeof trackingCalls> = {
  'tracking.track': (ctx, input, workspace) => trackCohort(workspace, input, ctx.actor),
  'tracking.recordStart': (ctx, input, workspace) => recordStart(workspace, input.personId, input.startDate, ctx.actor),
  'tracking.recordExit': (ctx, input, workspace) => recordExit(workspace, input.personId, input.exitDate, input.reason, ctx.actor),
  'tracking.clearExit': (ctx, input, workspace) => clearExit(workspace, input.personId, ctx.actor),
  'tracking.quarterlyReturn': async (ctx, input, workspace) => {
    // Checked here so a mistyped quarter costs no worker; listing the scenarios seeds the default
    // one if there is none (a write), as the report does: the worker only reads.
    quarterlyReturnRequest(input, ctx.actor);
    listScenarios(workspace, ctx.actor);
    // Built in a worker: it loads the analysis model and follows the whole cohort, seconds on a large workspace.
    const built = await runBackgroundTask(ctx, { kind: 'quarterlyReturn', request: input, actor: ctx.actor });
    return (await deliverExport(ctx, built, { action: 'export.quarterlyReturn', record: () => auditQuarterlyReturn(workspace, built, ctx.actor, 'app') })).delivery;
  },
};
