import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { dispatchCall } from '../../electron/callDispatcher';
import { AppSession } from '../../electron/runtime/appSession';
import type { AppContext } from '../../electron/runtime/appContext';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import { closeWorkspace, openWorkspaceFile, type OpenWorkspace } from '../../electron/workspace/workspaceFile';
import type { ExportDelivery } from '../../shared/exports/exportDelivery';
import { DEFAULT_SCENARIO } from '../../shared/analysis/projection';
import { quarterlyReturnFigures } from '../../shared/tracking/quarterlyReturn';
import { CASELOAD_ROWS, SECTION_TITLES } from '../../shared/tracking/quarterlyReturnTemplate';
import { parseReturnQuarter } from '../../shared/tracking/returnQuarter';
import { generateFollowUp, trackGeneratedFollowUp } from '../support/followUpGenerator';
import { importFollowUpByCli, writeFollowUpFiles, type FollowUpFiles } from '../support/followUpFiles';
import { ensureNodeBuild, IMPORT_WORKER_PATH } from '../support/nodeBuild';
import { runCli } from '../support/runCli';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

/**
 * The quarterly return written from a real encrypted workspace filled through the importer (a
 * generated follow-up: the existing cohort starting Jan–May 2014, arrests to the end of 2013, then
 * a later extract to May 2015), read back with SheetJS: its cells against the figures the domain
 * computes from the generated data itself, its marking, and its audit entry; by the CLI and by the call.
 */
describe('the quarterly return from an encrypted workspace', () => {
  const env = { IOM_PASSPHRASE: TEST_PASSPHRASE };
  const data = generateFollowUp({ seed: 31, people: 4000, trueReduction: 0.3 });
  const quarter = parseReturnQuarter('2014Q2')!;
  let temp: TempDir;
  let workspace: string;
  let files: FollowUpFiles;

  beforeAll(() => {
    ensureNodeBuild();
    temp = makeTempDir();
    workspace = temp.path('return.iomdb');
    files = writeFollowUpFiles(temp.path('.'), data, '2013-12-31');
    importFollowUpByCli(workspace, files, env);
  }, 240_000);
  afterAll(() => temp.remove());

  /** Column A's text → the row's cells, on a sheet read back as arrays. */
  function rowsOf(sheet: XLSX.WorkSheet): unknown[][] {
    return XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, blankrows: true, defval: null });
  }
  const rowLabelled = (rows: unknown[][], label: string) => rows.find((r) => r[0] === label) ?? null;

  it('refuses a quarter the arrests do not cover to its end, and writes nothing', () => {
    const out = temp.path('OFFICIAL-SENSITIVE early.xlsx');
    const run = runCli(['quarterly-return', workspace, '--quarter', '2014Q2', '--out', out], env);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/before 2014Q2 ends \(30 Jun 2014\)/);
    expect(existsSync(out)).toBe(false);
    const bad = runCli(['quarterly-return', workspace, '--quarter', '2014-Q5', '--out', out], env);
    expect(bad.status).toBe(64);
    expect(bad.stderr).toMatch(/like 2013Q3/);
    const badMarking = runCli(['quarterly-return', workspace, '--quarter', '2014Q2', '--out', out, '--marking', 'A/B'], env);
    expect(badMarking.status).toBe(64);
    expect(badMarking.stderr).toMatch(/^iom-cohort: --marking:/);
  });

  it('writes the marked return with the CLI after the later extract: cells as the domain computes them, audited', () => {
    const imported = runCli(['import', workspace, files.arrestsLater, '--kind', 'arrests'], env);
    expect(imported.status, imported.stderr).toBe(0);
    const out = temp.path('OFFICIAL-SENSITIVE IOM quarterly return 2014Q2.xlsx');
    const run = runCli(['quarterly-return', workspace, '--quarter', '2014q2', '--out', out], env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2014 Q2 \(1 Apr 2014 to 30 Jun 2014\): \d+ on the cohort at the quarter's end/);

    const book = XLSX.read(readFileSync(out), { type: 'buffer' });
    expect(book.SheetNames).toEqual(['Return', 'Definitions']);
    expect(book.Props?.Subject).toBe('OFFICIAL-SENSITIVE');
    const rows = rowsOf(book.Sheets.Return!);
    expect(rows[0]![0]).toBe('OFFICIAL-SENSITIVE');
    expect(rows.at(-1)![0]).toBe('OFFICIAL-SENSITIVE');
    const definitions = rowsOf(book.Sheets.Definitions!);
    expect(definitions[0]![0]).toBe('OFFICIAL-SENSITIVE');
    expect(definitions.at(-1)![0]).toBe('OFFICIAL-SENSITIVE');
    expect(rows[1]![0]).toBe('IOM quarterly return: 2014 Q2 (1 Apr 2014 to 30 Jun 2014)');

    // The caseload straight from the generated start dates (nobody has left): started Jan–Mar at the
    // start, Apr–May starts, everyone at the end; by statutory status as the cohort list gives it.
    const counts = (selected: typeof data.members) => {
      const statutory = selected.filter((m) => m.statutory).length;
      return [statutory, selected.length - statutory, 0, selected.length];
    };
    const early = data.members.filter((m) => m.startDate! < quarter.firstDay);
    const inQuarter = data.members.filter((m) => m.startDate! >= quarter.firstDay && m.startDate! <= quarter.lastDay);
    expect(rowLabelled(rows, CASELOAD_ROWS[0].label)!.slice(1, 5)).toEqual(counts(early));
    expect(rowLabelled(rows, CASELOAD_ROWS[1].label)!.slice(1, 5)).toEqual(counts(inQuarter));
    expect(rowLabelled(rows, CASELOAD_ROWS[2].label)!.slice(1, 5)).toEqual([0, 0, 0, 0]);
    expect(rowLabelled(rows, CASELOAD_ROWS[3].label)!.slice(1, 5)).toEqual(counts(data.members));

    // Arrests and costs: the same as the domain computes from the generated data, not the workspace.
    const pure = trackGeneratedFollowUp(data, { scenario: DEFAULT_SCENARIO, dataTo: quarter.lastDay });
    const figures = quarterlyReturnFigures(pure, quarter, DEFAULT_SCENARIO.crimeTypes);
    const byType = rows.slice(rows.findIndex((r) => r[0] === SECTION_TITLES.offendingByType));
    for (const c of figures.byCrimeType) {
      const row = rowLabelled(byType, c.label)!;
      expect(row.slice(1, 5), c.label).toEqual([c.cohort.people, c.cohort.beforeArrests, c.cohort.beforePersonMonths, c.cohort.afterArrests]);
      expect(row[5] as number).toBeCloseTo(c.cohort.afterPersonMonths, 2);
    }
    expect(figures.cost.rows.length).toBeGreaterThan(0);
    const costs = rows.slice(rows.findIndex((r) => r[0] === SECTION_TITLES.cost));
    expect(rowLabelled(costs, 'Total (costed crime types)')![3]).toBe(Math.round(figures.cost.totalBeforeAfter));
    expect(rows.some((r) => r[0] === 'Members matched to a comparison' && typeof r[1] === 'number' && r[1] > 0)).toBe(true);

    const ws = openWorkspaceFile(workspace, TEST_PASSPHRASE);
    try {
      const audit = ws.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'export.quarterlyReturn'").all() as Array<{ actor: string; detail: string }>;
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.detail)).toEqual({ format: 'xlsx', quarter: '2014Q2', cohort: 'existing', scenarioId: expect.any(Number), atEnd: data.members.length, starts: inQuarter.length, exits: 0, via: 'cli' });
      expect(audit[0]!.detail).not.toMatch(/Followup/);
    } finally {
      closeWorkspace(ws);
    }

    const again = runCli(['quarterly-return', workspace, '--quarter', '2014Q2', '--out', out], env);
    expect(again.status).toBe(73);
    expect(statSync(out).size).toBeGreaterThan(0);

    // Another marking, given for this file: on every sheet and in the properties; the name is the user's, with a note.
    const restricted = temp.path('return.xlsx');
    const marked = runCli(['quarterly-return', workspace, '--quarter', '2014Q2', '--out', restricted, '--marking', 'RESTRICTED'], env);
    expect(marked.status, marked.stderr).toBe(0);
    expect(marked.stderr).toMatch(/the app would name it "RESTRICTED IOM quarterly return 2014Q2 \d{4}-\d\d-\d\d\.xlsx"/);
    const restrictedBook = XLSX.read(readFileSync(restricted), { type: 'buffer' });
    expect(restrictedBook.Props?.Subject).toBe('RESTRICTED');
    for (const name of restrictedBook.SheetNames) {
      const sheetRows = rowsOf(restrictedBook.Sheets[name]!);
      expect([sheetRows[0]![0], sheetRows.at(-1)![0]], name).toEqual(['RESTRICTED', 'RESTRICTED']);
    }
  }, 120_000);

  describe('through the call', () => {
    let ws: OpenWorkspace;
    let ctx: AppContext;
    const saved = () => temp.path('saved by the dialog.xlsx');
    beforeAll(() => {
      ws = openWorkspaceFile(workspace, TEST_PASSPHRASE);
      // With the built worker, as the app runs it: the return is built off the main thread, on a read-only connection.
      ctx = { session: new AppSession(), host: { kind: 'test' }, actor: 'caller', jobs: new JobRegistry(), importWorkerPath: IMPORT_WORKER_PATH };
      ctx.session.adopt(ws, TEST_PASSPHRASE);
    });
    afterAll(() => ctx.session.lock('user'));
    const auditCount = () => ws.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'export.quarterlyReturn'").pluck().get() as number;

    it('delivers the marked file through the save dialog, audited before it takes its name', async () => {
      ctx.host.chooseFile = (_mode, purpose, suggested) => {
        expect(purpose).toBe('export');
        expect(suggested).toMatch(/^OFFICIAL-SENSITIVE IOM quarterly return 2014Q3 \d{4}-\d\d-\d\d\.xlsx$/);
        return Promise.resolve(saved());
      };
      // A member recorded as leaving in the quarter, through the same calls the screen uses.
      const leaver = data.members.find((m) => m.startDate! < '2014-03-01')!;
      const leaverId = ws.db.prepare('SELECT id FROM people WHERE pnc = ?').pluck().get(files.pncOf(leaver.personId)) as number;
      expect(await dispatchCall(ctx, 'tracking.recordExit', { personId: leaverId, exitDate: '2014-08-20', reason: 'Moved out of the borough' })).toMatchObject({ ok: true });
      const before = auditCount();
      const result = await dispatchCall(ctx, 'tracking.quarterlyReturn', { quarter: '2014Q3' });
      expect(result.ok, JSON.stringify(result)).toBe(true);
      expect((result as { value: ExportDelivery }).value).toMatchObject({ delivered: 'saved', path: saved() });
      const book = XLSX.read(readFileSync(saved()), { type: 'buffer' });
      const rows = rowsOf(book.Sheets.Return!);
      expect(rows[1]![0]).toBe('IOM quarterly return: 2014 Q3 (1 Jul 2014 to 30 Sep 2014)');
      const group = leaver.statutory ? 1 : 2;
      const exitsRow = rowLabelled(rows, CASELOAD_ROWS[2].label)!;
      expect(exitsRow[group]).toBe(1);
      expect(exitsRow[4]).toBe(1);
      expect(rowLabelled(rows, CASELOAD_ROWS[3].label)![4]).toBe(data.members.length - 1);
      expect(JSON.stringify(rows)).not.toMatch(/Moved out/);
      expect(auditCount()).toBe(before + 1);
      const detail = JSON.parse(ws.db.prepare("SELECT detail FROM audit_log WHERE action = 'export.quarterlyReturn' ORDER BY id DESC LIMIT 1").pluck().get() as string) as Record<string, unknown>;
      expect(detail).toMatchObject({ quarter: '2014Q3', starts: 0, exits: 1, atEnd: data.members.length - 1, via: 'app' });
    });

    it('records nothing when the dialog is cancelled, and refuses a bad quarter or an unknown field', async () => {
      ctx.host.chooseFile = () => Promise.resolve(null);
      const before = auditCount();
      expect(await dispatchCall(ctx, 'tracking.quarterlyReturn', { quarter: '2014Q3' })).toMatchObject({ ok: true, value: { delivered: 'cancelled' } });
      expect(await dispatchCall(ctx, 'tracking.quarterlyReturn', { quarter: '2014Q9' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await dispatchCall(ctx, 'tracking.quarterlyReturn', { quarter: '2014Q3', bootstrapIterations: 5 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await dispatchCall(ctx, 'tracking.quarterlyReturn', { quarter: '2015Q3' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/before 2015Q3 ends/) } });
      expect(auditCount()).toBe(before);
    });
  });
});
