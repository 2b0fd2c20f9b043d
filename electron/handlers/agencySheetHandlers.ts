import type { agencySheetCalls } from '../../shared/api/agencySheetCalls';
import { deliverExport } from '../export/exportDelivery';
import { agencySheetsOverview, exportOriginId, preparedFrom } from '../agencySheets/agencySheetExport';
import { runBackgroundTask } from '../background/runBackgroundTask';
import { saveAgencySheetConfig } from '../agencySheets/agencySheetConfig';
import { importAgencyReturn } from '../agencySheets/agencySheetReturn';
import type { HandlerGroup } from './handlerTypes';
import { chooseFileToRead } from './chooseFileToRead';

export const agencySheetHandlers: HandlerGroup<keyof typeof agencySheetCalls> = {
  'exports.agencySheetsOverview': (ctx) => agencySheetsOverview(ctx.session.requireWorkspace()),
  'exports.agencySheetsSaveConfig': (ctx, input) => {
    const workspace = ctx.session.requireWorkspace();
    saveAgencySheetConfig(workspace, 'reset' in input ? null : input.config, ctx.actor);
    return agencySheetsOverview(workspace);
  },
  'exports.agencySheet': async (ctx, input) => {
    const workspace = ctx.session.requireWorkspace();
    // The workspace's export identity is made here (that writes); the sheet is built in a worker, which only reads.
    const built = await runBackgroundTask(ctx, { kind: 'agencySheet', agency: input.agency, actor: ctx.actor, originId: exportOriginId(workspace) });
    const prepared = preparedFrom(workspace, built, ctx.actor);
    // Recorded only when delivered: a cancelled dialog leaves no sheet that could later be "returned".
    const { delivery, recorded } = await deliverExport(ctx, prepared.file, { action: 'export.agencySheet', record: () => prepared.record() });
    return { delivery, sheet: recorded };
  },
  'exports.agencySheetChooseReturn': (ctx) => chooseFileToRead(ctx),
  'exports.agencySheetReturn': (ctx, input) => {
    const workspace = ctx.session.requireWorkspace();
    return ctx.session.files.use(input.file, 'read', async (path) => {
      const report = await importAgencyReturn(workspace, path, ctx.actor, { replace: input.replace === true });
      // Nothing changed yet: confirming the replacement reads the same file again, with a fresh token.
      return { ...report, file: report.status === 'needs_confirmation' ? ctx.session.files.grant(path, 'read').token : null };
    });
  },
};
