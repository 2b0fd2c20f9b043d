import type { importCalls } from '../../shared/import/importCalls';
import type { ImportRecord } from '../../shared/import/importSchemas';
import { isImportKindId } from '../../shared/domain/importKinds';
import { previewImport } from './previewImport';
import { rejectedRowsCsv } from './rejectedRowsCsv';
import { appendAudit } from '../workspace/auditLog';
import { allImports, countRejectedRowsOfImport, rejectedRowsPage } from '../data/imports';
import { startImportJob } from './startImportJob';
import { previewImportUndo, undoImport } from './importUndo';
import type { HandlerGroup } from '../handlers/handlerTypes';
import { chooseFileToRead } from '../security/chooseFileToRead';

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
