import type { importCalls, jobCalls, linkCalls, ImportRecord } from '../../shared/api/importCalls';
import { isImportKindId } from '../../shared/domain/importKinds';
import { previewImport } from '../import/previewImport';
import { rejectedRowsCsv } from '../import/rejectedRowsCsv';
import { appendAudit } from '../workspace/auditLog';
import { allImports, countRejectedRowsOfImport, rejectedRowsPage } from '../data/imports';
import { startImportJob } from '../import/startImportJob';
import { decideLinkReview, pendingLinkReviews, recentLinkDecisions, undoLinkDecision } from '../import/linkReviews';
import { previewImportUndo, undoImport } from '../import/importUndo';
import { possibleDuplicatePncs } from '../import/duplicatePncReport';
import type { HandlerGroup } from './handlerTypes';
import { chooseFileToRead } from './chooseFileToRead';

export const importHandlers: HandlerGroup<keyof typeof importCalls> = {
  // Each use spends the token; the answer carries a fresh one for the same file, for the next step.
  'import.preview': async (ctx, input, workspace) => {
    const { file, ...request } = input;
    return ctx.session.files.use(file, 'read', async (path) => ({ ...(await previewImport(workspace, { ...request, path })), file: ctx.session.files.grant(path, 'read').token }));
  },
  'import.start': (ctx, input) => {
    const { file, ...request } = input;
    return ctx.session.files.use(file, 'read', (path) => ({ jobId: startImportJob(ctx, { ...request, path }), file: ctx.session.files.grant(path, 'read').token }));
  },
  'import.undoPreview': (ctx, input, workspace) => previewImportUndo(workspace, input.importId, ctx.actor),
  'import.undo': (ctx, input, workspace) =>
    undoImport(workspace, input.importId, ctx.actor, { peopleRemoved: input.expectPeopleRemoved, arrestsRemoved: input.expectArrestsRemoved, flagsRemoved: input.expectFlagsRemoved }),
  'import.list': (_ctx, _input, workspace) => {
    const rows = allImports(workspace.db);
    return rows.filter((r): r is ImportRecord => isImportKindId(r.kind));
  },
  'import.issues': (_ctx, input, workspace) => {
    const { db } = workspace;
    const total = countRejectedRowsOfImport(db, input.importId);
    const rows = rejectedRowsPage(db, input.importId, input.limit, input.offset);
    return { total, rows: rows.map((r) => ({ ...r, raw: JSON.parse(r.raw) as string[] })) };
  },
  'import.rejectedRowsCsv': (ctx, input, workspace) => {
    const csv = rejectedRowsCsv(workspace, input.importId);
    appendAudit(workspace.db, { actor: ctx.actor, action: 'export.rejectedRows', entity: 'import', entityId: input.importId });
    return { fileName: `rejected-rows-import-${input.importId}.csv`, csv };
  },
  'import.chooseFile': (ctx) => chooseFileToRead(ctx),
};

export const linkHandlers: HandlerGroup<keyof typeof linkCalls> = {
  'links.pending': (_ctx, input, workspace) => pendingLinkReviews(workspace, input.limit),
  'links.duplicatePncs': (_ctx, _input, workspace) => possibleDuplicatePncs(workspace.db),
  'links.decide': (ctx, input, workspace) => decideLinkReview(workspace, input.reviewId, input.decision, ctx.actor),
  'links.recent': (_ctx, input, workspace) => recentLinkDecisions(workspace, input.limit),
  'links.undo': (ctx, input, workspace) => undoLinkDecision(workspace, input.reviewId, ctx.actor),
};

export const jobHandlers: HandlerGroup<keyof typeof jobCalls> = {
  'jobs.status': (ctx, input) => ctx.jobs.status(input.jobId),
  'jobs.running': (ctx, input) => ({ jobId: ctx.jobs.newestRunning(input.kind) }),
  'jobs.cancel': (ctx, input) => ({ cancelled: ctx.jobs.cancel(input.jobId) }),
};
