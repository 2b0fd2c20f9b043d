import type { agencySheetCalls } from '../../../shared/exports/agencySheetCalls';
import { deliverExportWrittenElsewhere } from '../exportDelivery';
import { agencySheetsOverview, exportOriginId } from './agencySheetExport';
import { runBackgroundTask } from '../../background/runBackgroundTask';
import { saveAgencySheetConfig } from './agencySheetConfig';
import type { HandlerGroup } from '../../handlers/handlerTypes';
import { chooseFileToRead } from '../../security/chooseFileToRead';

export const agencySheetHandlers: HandlerGroup<keyof typeof agencySheetCalls> = {
  'exports.agencySheetsOverview': (_ctx, _input, workspace) => agencySheetsOverview(workspace),
  'exports.agencySheetsSaveConfig': (ctx, input, workspace) => {
    saveAgencySheetConfig(workspace, 'reset' in input ? null : input.config, ctx.actor);
    return agencySheetsOverview(workspace);
  },
  'exports.agencySheet': async (ctx, input, workspace) => {
    // The workspace's export identity is made here (that writes); the sheet is built in a worker, which only reads.
    const built = await runBackgroundTask(ctx, { kind: 'agencySheet', agency: input.agency, actor: ctx.actor, originId: exportOriginId(workspace) });
    // Recorded only when delivered: a cancelled dialog leaves no sheet that could later be "returned".
    // Recording 40,000 rows takes seconds, so the worker writes the file and records it too.
    const { delivery, recorded } = await deliverExportWrittenElsewhere(ctx, built.file, (path) =>
      runBackgroundTask(ctx, { kind: 'recordAgencySheet', sheet: built.record, write: path ? { path, bytes: built.file.bytes } : null, actor: ctx.actor }),
    );
    return { delivery, sheet: recorded };
  },
  'exports.agencySheetChooseReturn': (ctx) => chooseFileToRead(ctx),
  'exports.agencySheetReturn': (ctx, input) => {
    return ctx.session.files.use(input.file, 'read', async (path) => {
      // Reading a 40,000-row return and attaching its comments takes seconds: the background worker does it.
      const report = await runBackgroundTask(ctx, { kind: 'agencyReturn', path, replace: input.replace === true, actor: ctx.actor });
      // Nothing changed yet: confirming the replacement reads the same file again, with a fresh token.
      return { ...report, file: report.status === 'needs_confirmation' ? ctx.session.files.grant(path, 'read').token : null };
    });
  },
};
