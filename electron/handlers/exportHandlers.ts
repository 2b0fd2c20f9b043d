import type { exportCalls } from '../../shared/api/exportCalls';
import { deliverExport } from '../export/exportDelivery';
import { auditShortlistExport, buildShortlistExport, shortlistExportOverview } from '../export/shortlistExport';
import type { HandlerGroup } from './handlerTypes';

export const exportHandlers: HandlerGroup<keyof typeof exportCalls> = {
  'exports.shortlistOverview': (ctx) => shortlistExportOverview(ctx.session.requireWorkspace()),
  'exports.shortlist': async (ctx, input) => {
    const workspace = ctx.session.requireWorkspace();
    const built = buildShortlistExport(workspace, { source: input.source, format: input.format, columns: input.columns, actor: ctx.actor });
    const file = { fileName: built.fileName, mime: built.mime, bytes: built.bytes };
    return (await deliverExport(ctx, file, { action: 'export.shortlist', record: () => auditShortlistExport(workspace, built, ctx.actor, 'app') })).delivery;
  },
};
