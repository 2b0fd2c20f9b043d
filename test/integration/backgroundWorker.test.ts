import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { callValue } from '../support/demoContext';
import { AppSession } from '../../electron/runtime/appSession';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import type { AppContext, HostPlatform } from '../../electron/runtime/appContext';
import { invalidateAnalysisModel, isAnalysisModelReady, loadAnalysisModel } from '../../electron/analysis/analysisModelLoader';
import { backgroundWorkerPath, runBackgroundTask, startBackgroundTask } from '../../electron/background/runBackgroundTask';
import { buildShortlistExport } from '../../electron/exports/shortlistExport';
import { unpackSheetRows } from '../../electron/exports/agencySheets/agencySheetExport';
import { importAgencyReturn } from '../../electron/exports/agencySheets/agencySheetReturn';
import type { AgencyReturnReport } from '../../shared/exports/agencySheetSchemas';
import { writeAgencyReturn } from '../support/agencyReturnFile';
import type { CallName } from '../../shared/api/contract';
import { SHORTLIST_COLUMN_IDS } from '../../shared/exports/shortlistExport';
import { fillExportWorkspace } from '../support/exportWorkspace';
import { makeTempWorkspace, TEST_PASSPHRASE } from '../support/tempWorkspace';
import { BACKGROUND_WORKER_PATH, ensureNodeBuild, IMPORT_WORKER_PATH } from '../support/nodeBuild';

/**
 * The background worker (issue 14, point 6) does on a connection of its own what the main thread
 * used to do: these check it gives the very same answers, writes only where it must, stops when
 * told to, and is found beside the import worker. (How little it holds up the main thread is
 * mainLoopLag.test.ts.)
 */
const PEOPLE = 2_000;

describe('the background worker', () => {
  const temp = makeTempWorkspace('Background');
  let ctx: AppContext;
  let saved = 0;

  beforeAll(() => {
    ensureNodeBuild();
    fillExportWorkspace(temp.workspace, PEOPLE, 600);
    const host: HostPlatform = { kind: 'test', chooseFile: (_mode, _purpose, name) => Promise.resolve(temp.temp.path(`${++saved}-${name ?? 'file'}`)) };
    ctx = { session: new AppSession(), host, actor: 'tester', jobs: new JobRegistry(), importWorkerPath: IMPORT_WORKER_PATH };
    ctx.session.adopt(temp.workspace, TEST_PASSPHRASE);
  }, 120_000);
  afterAll(() => {
    ctx.session.lock('user');
    temp.temp.remove();
  });

  const call = (name: CallName, input: unknown): Promise<unknown> => callValue(ctx, name, input);

  it('is the built file beside the import worker, wherever that was found', () => {
    expect(backgroundWorkerPath(ctx)).toBe(BACKGROUND_WORKER_PATH);
    expect(backgroundWorkerPath({ ...ctx, importWorkerPath: '/opt/app/resources/app.asar.unpacked/dist/electron/importWorker.js' })).toBe('/opt/app/resources/app.asar.unpacked/dist/electron/backgroundWorker.js');
    // Without a built worker (the CLI) the same tasks run in the caller's thread.
    expect(backgroundWorkerPath({ ...ctx, importWorkerPath: undefined })).toBeNull();
  });

  it('loads the analysis model in the worker: the same model as a load on this thread, and stores its index for the next unlock', async () => {
    invalidateAnalysisModel(temp.workspace);
    const answer = (await call('analysis.prepare', {})) as { ready: false; jobId: string };
    expect(answer.ready).toBe(false);
    expect(isAnalysisModelReady(temp.workspace)).toBe(false);
    const done = await ctx.jobs.settle(answer.jobId);
    expect(done.state).toBe('done');
    expect(isAnalysisModelReady(temp.workspace)).toBe(true);
    const fromWorker = loadAnalysisModel(temp.workspace);
    const stored = temp.workspace.db.prepare('SELECT COUNT(*) FROM analysis_model_snapshot').pluck().get();
    expect(stored).toBe(1);

    invalidateAnalysisModel(temp.workspace);
    const here = loadAnalysisModel(temp.workspace);
    expect(fromWorker).not.toBe(here);
    expect(fromWorker.people).toEqual(here.people);
    expect(fromWorker.longList.map((p) => p.id)).toEqual(here.longList.map((p) => p.id));
    expect(fromWorker.index.arrestCount).toBe(here.index.arrestCount);
    expect([...fromWorker.index.offsets]).toEqual([...here.index.offsets]);
    expect([...fromWorker.index.days]).toEqual([...here.index.days]);
    expect([...fromWorker.index.crimeCodes]).toEqual([...here.index.crimeCodes]);
    expect(fromWorker.index.rowOf(PEOPLE)).toBe(here.index.rowOf(PEOPLE));
    expect(fromWorker.homeBorough).toBe(here.homeBorough);
    expect(fromWorker.overrides).toEqual(here.overrides);
  });

  it('stops loading the model when the job is cancelled, keeping nothing', async () => {
    invalidateAnalysisModel(temp.workspace);
    const answer = (await call('analysis.prepare', {})) as { ready: false; jobId: string };
    expect(ctx.jobs.cancel(answer.jobId)).toBe(true);
    const state = await ctx.jobs.settle(answer.jobId);
    expect(state.state).toBe('cancelled');
    expect(state.error?.message).toMatch(/stopped/);
    expect(isAnalysisModelReady(temp.workspace)).toBe(false);
  });

  it('builds the same shortlist file as this thread does, and saves it through the host', async () => {
    const columns = [...SHORTLIST_COLUMN_IDS];
    const here = buildShortlistExport(temp.workspace, { source: 'proposed', format: 'csv', columns, actor: 'tester' });
    const inWorker = await runBackgroundTask(ctx, { kind: 'shortlistExport', source: 'proposed', format: 'csv', columns, actor: 'tester' });
    expect(inWorker.people).toBe(600);
    expect(Buffer.from(inWorker.bytes).equals(Buffer.from(here.bytes))).toBe(true);

    const delivery = (await call('exports.shortlist', { source: 'proposed', format: 'csv', columns })) as { delivered: string; path: string };
    expect(delivery.delivered).toBe('saved');
    expect(readFileSync(delivery.path).equals(Buffer.from(here.bytes))).toBe(true);
    const audited = temp.workspace.db.prepare("SELECT detail FROM audit_log WHERE action = 'export.shortlist' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audited)).toMatchObject({ format: 'csv', people: 600, via: 'app' });
  });

  it('records an agency sheet built in the worker with a reference and fingerprint per row', async () => {
    const result = (await call('exports.agencySheet', { agency: 'police' })) as { sheet: { sheetId: number; rows: number } };
    expect(result.sheet.rows).toBe(600);
    const rows = temp.workspace.db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT ref) AS refs, MIN(row_number) AS first FROM agency_sheet_rows WHERE sheet_id = ?').get(result.sheet.sheetId);
    expect(rows).toEqual({ n: 600, refs: 600, first: expect.any(Number) });
  });

  it('writes and records an agency sheet in the worker: the file as built, and per row what was built', async () => {
    const built = await runBackgroundTask(ctx, { kind: 'agencySheet', agency: 'probation', actor: 'tester', originId: 'origin-for-test' });
    const path = temp.temp.path('probation-sheet.xlsx');
    const recorded = await runBackgroundTask(ctx, { kind: 'recordAgencySheet', sheet: built.record, write: { path, bytes: built.file.bytes }, actor: 'tester' });
    expect(recorded).toMatchObject({ rows: 600, fileName: built.file.fileName, exportedBy: 'tester', exportedAt: built.record.exportedAt });
    expect(readFileSync(path).equals(Buffer.from(built.file.bytes))).toBe(true);
    const { db } = temp.workspace;
    const stored = db.prepare('SELECT ref, person_id AS personId, fingerprint, cell_hashes AS cellHashes FROM agency_sheet_rows WHERE sheet_id = ? ORDER BY row_number').all(recorded.sheetId) as Array<{ ref: string; personId: number; fingerprint: string; cellHashes: string }>;
    const sent = unpackSheetRows(built.record.rows);
    expect(stored).toEqual(sent.refs.map((ref, i) => ({ ref, personId: sent.personIds[i], fingerprint: sent.fingerprints[i], cellHashes: sent.cellHashes[i] })));
    const audit = db.prepare("SELECT actor, entity, entity_id AS entityId, detail FROM audit_log WHERE action = 'export.agencySheet' ORDER BY id DESC LIMIT 1").get() as { actor: string; entity: string; entityId: string; detail: string };
    expect({ ...audit, detail: JSON.parse(audit.detail) as unknown }).toEqual({
      actor: 'tester',
      entity: 'agency_sheet',
      entityId: String(recorded.sheetId),
      detail: { agency: 'probation', shortlistId: built.record.shortlistId, rows: 600, columns: built.record.columns.length },
    });
  });

  it('stops recording an agency sheet when its job is cancelled: no sheet on record and no file', async () => {
    const built = await runBackgroundTask(ctx, { kind: 'agencySheet', agency: 'council', actor: 'tester', originId: 'origin-for-test' });
    const path = temp.temp.path('cancelled-sheet.xlsx');
    const { jobId, result } = startBackgroundTask(ctx, { kind: 'recordAgencySheet', sheet: built.record, write: { path, bytes: built.file.bytes }, actor: 'tester' });
    const outcome = result.then(
      () => 'finished',
      (error: unknown) => (error as { code?: string }).code,
    );
    expect(ctx.jobs.cancel(jobId)).toBe(true);
    expect(await outcome).toBe('cancelled');
    expect(temp.workspace.db.prepare('SELECT COUNT(*) FROM agency_sheets WHERE token = ?').pluck().get(built.record.token)).toBe(0);
    expect(existsSync(path)).toBe(false);
  });

  it("reads an agency's return in the worker: the same report as this thread gives, and the comments attached with their audit entry", async () => {
    const exported = (await call('exports.agencySheet', { agency: 'yos' })) as { delivery: { path: string }; sheet: { sheetId: number } };
    const first = temp.temp.path('yos-return-1.xlsx');
    writeAgencyReturn(exported.delivery.path, first, (i) => (i % 3 === 0 ? `Synthetic comment ${i}` : null));
    const attached = (await call('exports.agencySheetReturn', { file: ctx.session.files.grant(first, 'read').token })) as AgencyReturnReport;
    expect(attached).toMatchObject({ status: 'imported', rowsSent: 600, rowsReturned: 600, commentsAttached: 200, emptyComments: 400, rowsEdited: 0, rowsMissing: 0 });
    const { db } = temp.workspace;
    expect(db.prepare("SELECT COUNT(*) FROM agency_comments WHERE agency = 'yos'").pluck().get()).toBe(200);

    // A second return waits for confirmation: read in the worker or here, the same preview.
    const second = temp.temp.path('yos-return-2.xlsx');
    writeAgencyReturn(exported.delivery.path, second, (i) => (i % 2 === 0 ? `Newer synthetic comment ${i}` : null));
    const here = await importAgencyReturn(temp.workspace, second, 'tester');
    const { file: confirmWith, ...inWorker } = (await call('exports.agencySheetReturn', { file: ctx.session.files.grant(second, 'read').token })) as AgencyReturnReport & { file: string | null };
    expect(inWorker.status).toBe('needs_confirmation');
    expect(inWorker).toEqual(here);

    // Confirming reads the same file again, through the fresh token the preview handed back.
    const replaced = (await call('exports.agencySheetReturn', { file: confirmWith, replace: true })) as AgencyReturnReport;
    expect(replaced).toMatchObject({ status: 'imported', commentsAttached: 300, commentsReplaced: 200 });
    const audit = db.prepare("SELECT detail FROM audit_log WHERE action = 'agencySheet.return' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ returnId: replaced.returnId, agency: 'yos', rowsReturned: 600, commentsAttached: 300, commentsReplaced: 200 });
    expect(db.prepare("SELECT COUNT(*) FROM agency_comments WHERE agency = 'yos'").pluck().get()).toBe(300);
    expect(db.prepare("SELECT COUNT(*) FROM agency_comment_history WHERE agency = 'yos'").pluck().get()).toBe(500);
  });

  it('opens read-only for the tasks that only read: a task that tried to write fails rather than writes', async () => {
    temp.workspace.db.prepare('DELETE FROM scenarios').run();
    // The report's scenario list seeds a default scenario when there is none: that is a write.
    await expect(runBackgroundTask(ctx, { kind: 'cohortReport', scenarioId: null, population: 'auto', actor: 'tester' })).rejects.toThrow();
    expect(temp.workspace.db.prepare('SELECT COUNT(*) FROM scenarios').pluck().get()).toBe(0);
    // The handler seeds it on the app's connection first, then builds in the worker.
    const report = (await call('report.html', { scenarioId: null })) as { html: string; people: number };
    expect(report.people).toBe(600);
    expect(report.html).toContain('<!DOCTYPE html>');
  });

  it('stops a read-only task at once when its job is cancelled', async () => {
    const { jobId, result } = startBackgroundTask(ctx, { kind: 'shortlistExport', source: 'proposed', format: 'xlsx', columns: [...SHORTLIST_COLUMN_IDS], actor: 'tester' });
    const outcome = result.then(
      () => 'finished',
      (error: unknown) => (error as { code?: string }).code,
    );
    expect(ctx.jobs.cancel(jobId)).toBe(true);
    expect(await outcome).toBe('cancelled');
    expect((await ctx.jobs.settle(jobId)).state).toBe('cancelled');
  });

  it('compacts after a purge in the worker: the rows are gone from the file and the log is emptied', async () => {
    const result = (await call('maintenance.purgePerson', { personId: 42, reason: 'recorded_in_error', confirmation: 'PURGE' })) as { compaction: { compacted: boolean; walCleared: boolean } };
    expect(result.compaction).toMatchObject({ compacted: true, walCleared: true });
    expect(temp.workspace.db.prepare('SELECT COUNT(*) FROM people WHERE id = 42').pluck().get()).toBe(0);
    // The app's connection carries on after the worker rewrote the file.
    expect(temp.workspace.db.prepare('SELECT COUNT(*) FROM people').pluck().get()).toBe(PEOPLE - 1);
  });
});
