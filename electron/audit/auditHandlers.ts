import type { auditCalls } from '../../shared/audit/auditCalls';
import { CSV_MIME } from '../../shared/exports/exportDelivery';
import { auditFacets, listAuditEntries, recordAuditExport, verifyAudit } from './auditService';
import { runBackgroundTask } from '../background/runBackgroundTask';
import { deliverExport } from '../exports/exportDelivery';
import type { HandlerGroup } from '../handlers/handlerTypes';

export const auditHandlers: HandlerGroup<keyof typeof auditCalls> = {
  'audit.list': (_ctx, input, workspace) => listAuditEntries(workspace, input.filter, input.offset, input.limit),
  'audit.facets': (_ctx, _input, workspace) => auditFacets(workspace),
  'audit.verify': (_ctx, _input, workspace) => verifyAudit(workspace),
  'audit.export': async (ctx, input, workspace) => {
    // Verifying and writing out the whole chain is built in a worker; the trail can hold many thousand entries.
    const exported = await runBackgroundTask(ctx, { kind: 'auditCsv', filter: input.filter, actor: ctx.actor });
    const file = { fileName: exported.fileName, mime: CSV_MIME, bytes: new TextEncoder().encode(exported.csv) };
    return (await deliverExport(ctx, file, { action: 'export.audit', record: () => recordAuditExport(workspace, exported, input.filter, ctx.actor) })).delivery;
  },
};
