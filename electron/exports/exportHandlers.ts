import type { exportCalls } from '../../shared/exports/exportCalls';
import { deliverExport } from './exportDelivery';
import { auditShortlistExport, shortlistExportOverview } from './shortlistExport';
import { auditCandidatesViewExport, buildCandidatesViewExport } from './candidatesViewExport';
import { runBackgroundTask } from '../background/runBackgroundTask';
import type { HandlerGroup } from '../handlers/handlerTypes';

export const exportHandlers: HandlerGroup<keyof typeof exportCalls> = {
  'exports.shortlistOverview': (_ctx, _input, workspace) => shortlistExportOverview(workspace),
  'exports.shortlist': async (ctx, input, workspace) => {
    // Built in a worker: 40,000 rows take seconds, and the window must not freeze meanwhile.
    const built = await runBackgroundTask(ctx, { kind: 'shortlistExport', source: input.source, format: input.format, columns: [...input.columns], actor: ctx.actor });
    const file = { fileName: built.fileName, mime: built.mime, bytes: built.bytes };
    return (await deliverExport(ctx, file, { action: 'export.shortlist', record: () => auditShortlistExport(workspace, built, ctx.actor, 'app') })).delivery;
  },
  'exports.candidatesView': async (ctx, input, workspace) => {
    const built = buildCandidatesViewExport(workspace, { ...input, actor: ctx.actor, now: new Date() });
    return (await deliverExport(ctx, built, { action: 'export.candidatesView', record: () => auditCandidatesViewExport(workspace, built, ctx.actor) })).delivery;
  },
};
