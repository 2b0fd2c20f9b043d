/**
 * The shortlist export read back with SheetJS, as a recipient's spreadsheet program would open it:
 * the marking is there (file name, first row, Metadata), formula-like names are plain text cells,
 * the columns are the ones chosen, and the audit says how many and which format, never who.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/callDispatcher';
import { readPackagePart } from '../../electron/exports/agencySheets/xlsxPackage';
import { auditShortlistExport, buildShortlistExport, shortlistExportOverview } from '../../electron/exports/shortlistExport';
import { updateSetting } from '../../electron/settings/settingsService';
import { AppSession } from '../../electron/runtime/appSession';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import type { AppContext } from '../../electron/runtime/appContext';
import { WorkspaceError } from '../../electron/workspace/workspaceErrors';
import type { ExportDelivery } from '../../shared/exports/exportDelivery';
import type { ShortlistExportOverview } from '../../shared/exports/exportSchemas';
import { CRIME_TYPE_IDS } from '../../shared/domain/crimeTypes';
import { SHORTLIST_COLUMN_IDS, type ShortlistColumnId } from '../../shared/exports/shortlistExport';
import { FORMULA_LIKE_SURNAMES, fillExportWorkspace, recordPanel } from '../support/exportWorkspace';
import { makeTempWorkspace, TEST_PASSPHRASE } from '../support/tempWorkspace';

type Temp = ReturnType<typeof makeTempWorkspace>;
let temp: Temp;

beforeEach(() => {
  temp = makeTempWorkspace('Export test');
});
afterEach(() => temp.cleanup());

const NOW = new Date('2013-11-25T09:30:00.000Z');

function readBook(bytes: Uint8Array): XLSX.WorkBook {
  return XLSX.read(bytes, { type: 'array', cellFormula: true, cellStyles: false });
}

/** Every cell of a sheet's row as SheetJS read it (undefined where there is no cell). */
function rowCells(sheet: XLSX.WorkSheet, r: number): Array<XLSX.CellObject | undefined> {
  const range = XLSX.utils.decode_range(sheet['!ref']!);
  const cells: Array<XLSX.CellObject | undefined> = [];
  for (let c = 0; c <= range.e.c; c++) cells.push(sheet[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined);
  return cells;
}

function rowValues(sheet: XLSX.WorkSheet, r: number): unknown[] {
  const values = rowCells(sheet, r).map((c) => c?.v);
  while (values.length && values[values.length - 1] === undefined) values.pop();
  return values;
}

function metadata(book: XLSX.WorkBook): Map<string, unknown> {
  const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Metadata!, { header: 1, raw: true });
  return new Map(rows.filter((r) => r.length >= 2).map((r) => [String(r[0]), r[1]]));
}

function allCells(book: XLSX.WorkBook): XLSX.CellObject[] {
  return book.SheetNames.flatMap((name) => {
    const sheet = book.Sheets[name]!;
    return Object.keys(sheet)
      .filter((k) => !k.startsWith('!'))
      .map((k) => sheet[k] as XLSX.CellObject);
  });
}

describe('the proposed shortlist as .xlsx', () => {
  it('carries the marking, the chosen columns in catalogue order, and formula-like names as text', () => {
    const shortlistId = fillExportWorkspace(temp.workspace, 30);
    updateSetting(temp.workspace, { key: 'protectiveMarking', value: 'RESTRICTED' }, 'tester');
    const columns: ShortlistColumnId[] = ['pnc', 'surname', 'position', 'arrestsInWindow', 'flags', 'statutory'];
    const result = buildShortlistExport(temp.workspace, { source: 'auto', format: 'xlsx', columns, actor: 'analyst', now: NOW });

    expect(result.source).toBe('proposed');
    expect(result.shortlistId).toBe(shortlistId);
    expect(result.people).toBe(30);
    expect(result.fileName).toBe('RESTRICTED IOM proposed shortlist 2013-11-25.xlsx');
    expect(result.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

    const book = readBook(result.bytes);
    expect(book.SheetNames).toEqual(['Shortlist', 'Metadata']);
    const sheet = book.Sheets.Shortlist!;
    expect(rowValues(sheet, 0)).toEqual(['RESTRICTED']);
    expect(String(rowValues(sheet, 1)[0])).toMatch(/^Proposed shortlist: 30 people proposed by the selection rules, not yet decided by a panel$/);
    // Catalogue order, whatever order they were asked for in.
    expect(rowValues(sheet, 3)).toEqual(['Position', 'Surname', 'PNC', 'Flags', 'Arrests in window', 'Statutory']);
    const data = Array.from({ length: 30 }, (_, i) => rowValues(sheet, 4 + i));
    expect(data.map((r) => r[0])).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // The marking closes the sheet too.
    const range = XLSX.utils.decode_range(sheet['!ref']!);
    expect(rowValues(sheet, range.e.r)).toEqual(['RESTRICTED']);
    expect(rowValues(sheet, range.e.r - 1)).toEqual([]);

    // Each formula-like surname is a shared-string cell holding exactly the text, with no formula.
    const surnames = new Map<string, XLSX.CellObject>();
    for (let r = 4; r < 34; r++) {
      const cell = sheet[XLSX.utils.encode_cell({ r, c: 1 })] as XLSX.CellObject;
      surnames.set(String(cell.v), cell);
    }
    for (const name of FORMULA_LIKE_SURNAMES) {
      const cell = surnames.get(name);
      expect(cell, name).toBeDefined();
      expect(cell!.t).toBe('s');
      expect(cell!.f).toBeUndefined();
    }
    expect(allCells(book).filter((c) => c.f !== undefined)).toEqual([]);
    // Numbers stay numbers; text stays text.
    const first = rowCells(sheet, 4);
    expect(first[0]).toMatchObject({ t: 'n', v: 1 });
    expect(first[4]!.t).toBe('n');
    expect(first[2]!.t).toBe('s');

    const meta = metadata(book);
    expect(meta.get('Protective marking')).toBe('RESTRICTED');
    expect(meta.get('Workspace')).toBe('Export test');
    expect(meta.get('What this file holds')).toMatch(/^Proposed shortlist/);
    expect(meta.get('Panel session')).toMatch(/none yet/);
    expect(meta.get('Rule set')).toBe('Export test rules (version 1)');
    expect(meta.get('Counting window')).toBe('1 Nov 2011 to 31 Oct 2013 (24 months)');
    expect(meta.get('Filters (exclusions)')).toBe('none');
    expect(meta.get('Exported at')).toBe(NOW.toISOString());
    expect(meta.get('Exported by')).toBe('analyst');
    expect(meta.get('People in this file')).toBe(30);
    expect(meta.get('Columns')).toBe('Position; Surname; PNC; Flags; Arrests in window; Statutory');
    expect(String(rowValues(book.Sheets.Metadata!, 0)[0])).toBe('RESTRICTED');
  });

  it('opens with the marking, title and header frozen above the rows, with a filter and widths on the header', () => {
    fillExportWorkspace(temp.workspace, 12);
    const result = buildShortlistExport(temp.workspace, { source: 'auto', format: 'xlsx', columns: ['surname', 'forenames', 'dob', 'arrestsInWindow'], actor: 'analyst', now: NOW });
    const xml = readPackagePart(result.bytes, 'xl/worksheets/sheet1.xml') ?? '';
    // Rows 1-4 (marking, description, gap, header) stay in view; the data starts at A5.
    expect(xml).toMatch(/<sheetViews><sheetView workbookViewId="0"><pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"\/>/);
    expect(xml).toContain('<autoFilter ref="A4:D16"/>');
    expect(xml.match(/<col [^>]*customWidth="1"/g)?.length).toBe(4);
    // The Metadata sheet has no header row to freeze; it is left as SheetJS wrote it.
    expect(readPackagePart(result.bytes, 'xl/worksheets/sheet2.xml')).not.toContain('<pane');
    // Still a workbook SheetJS (and so a spreadsheet program) reads, with the same cells.
    const sheet = readBook(result.bytes).Sheets.Shortlist!;
    expect(rowValues(sheet, 3)).toEqual(['Surname', 'Forenames', 'Date of birth', 'Arrests in window']);
    expect(sheet['!autofilter']).toEqual({ ref: 'A4:D16' });
  });

  it('counts arrests in the shortlist window only, by crime type when asked', () => {
    fillExportWorkspace(temp.workspace, 8);
    const result = buildShortlistExport(temp.workspace, { source: 'proposed', format: 'xlsx', columns: ['surname', 'arrestsInWindow', 'arrestsByCrimeType'], actor: 'analyst', now: NOW });
    const sheet = readBook(result.bytes).Sheets.Shortlist!;
    const header = rowValues(sheet, 3);
    expect(header).toHaveLength(2 + CRIME_TYPE_IDS.length);
    expect(header[2]).toBe('Arrests: Residential burglary');
    for (let r = 4; r < 12; r++) {
      const row = rowValues(sheet, r) as Array<number | string>;
      const inWindow = row[1] as number;
      // fillExportWorkspace gives person id 1 + (id mod 4) arrests in the window and one before it.
      expect(inWindow).toBeGreaterThanOrEqual(1);
      expect(inWindow).toBeLessThanOrEqual(4);
      const byType = row.slice(2).map((v) => (v === undefined ? 0 : (v as number)));
      expect(byType.reduce((a, b) => a + b, 0)).toBe(inWindow);
    }
  });
});

describe('the decided cohort', () => {
  it('holds only the people whose current decision is accept, with the panel columns and an intake plan', () => {
    const shortlistId = fillExportWorkspace(temp.workspace, 12);
    recordPanel(temp.workspace, shortlistId, [
      { personId: 1, decision: 'accept' },
      { personId: 2, decision: 'accept' },
      { personId: 3, decision: 'reject', reason: 'in_custody' },
      { personId: 4, decision: 'defer', reason: 'tactical_concern', note: 'Check DV risk first' },
      { personId: 5, decision: 'accept' },
      // Revised: 2 is now rejected, 3 accepted; the history stays but the latest counts.
      { personId: 2, decision: 'reject', reason: 'no_longer_in_borough' },
      { personId: 3, decision: 'accept', note: 'Released last week' },
    ]);
    const overview = shortlistExportOverview(temp.workspace);
    expect(overview.defaultSource).toBe('decided');
    expect(overview.decided).toMatchObject({ accepted: 3, rejected: 1, deferred: 1, undecided: 7, status: 'closed', capacity: 12 });
    expect(overview.proposed).toMatchObject({ shortlistId, included: 12, ruleSetName: 'Export test rules', ruleSetVersion: 1 });

    const result = buildShortlistExport(temp.workspace, { source: 'auto', format: 'xlsx', columns: ['position', 'surname', 'panelDecision', 'panelNote', 'panelDecidedBy'], actor: 'analyst', now: NOW });
    expect(result.source).toBe('decided');
    expect(result.people).toBe(3);
    expect(result.fileName).toBe('OFFICIAL-SENSITIVE IOM decided cohort 2013-11-25.xlsx');
    const book = readBook(result.bytes);
    expect(book.SheetNames[0]).toBe('Cohort');
    expect(book.SheetNames).toContain('Metadata');
    const sheet = book.Sheets.Cohort!;
    expect(rowValues(sheet, 0)).toEqual(['OFFICIAL-SENSITIVE']);
    expect(rowValues(sheet, 3)).toEqual(['Position', 'Surname', 'Panel decision', 'Panel note', 'Decided by']);
    // In shortlist order: person 5 is on the DTOA list, a priority group, so first; then person 3
    // (4 arrests in the window) before person 1 (2).
    const rows = [4, 5, 6].map((r) => rowValues(sheet, r));
    expect(rows.map((r) => r[1])).toEqual([FORMULA_LIKE_SURNAMES[4], FORMULA_LIKE_SURNAMES[2], FORMULA_LIKE_SURNAMES[0]]);
    expect(rows.map((r) => r[0])).toEqual([...rows.map((r) => r[0] as number)].sort((a, b) => a - b));
    expect(rows[1]!.slice(1)).toEqual([FORMULA_LIKE_SURNAMES[2], 'Accept', 'Released last week', 'Chair']);
    expect(rowValues(sheet, 7)).toEqual([]);

    const meta = metadata(book);
    expect(meta.get('What this file holds')).toMatch(/^Decided cohort: 3 people accepted by the selection panel of 2013-11-20 \(session closed\)/);
    expect(meta.get('Panel decisions')).toBe('3 accepted, 1 rejected, 1 deferred, 7 proposed and undecided');
    expect(meta.get('Accepted against capacity')).toBe('9 under capacity');

    // The intake plan travels with the shortlist, marked like every sheet.
    expect(overview.intakePlan).toBe(true);
    expect(result.intakePlan).toBe(true);
    expect(book.SheetNames).toContain('Intake plan');
    const intake = book.Sheets['Intake plan']!;
    expect(rowValues(intake, 0)).toEqual(['OFFICIAL-SENSITIVE']);
    expect(allCells(book).filter((c) => c.f !== undefined)).toEqual([]);
    expect(meta.get('Intake plan')).toBe('on the "Intake plan" sheet');
  });

  it('can still export the proposed shortlist when asked, and refuses a decided cohort before any panel', () => {
    const shortlistId = fillExportWorkspace(temp.workspace, 6);
    expect(() => buildShortlistExport(temp.workspace, { source: 'decided', format: 'xlsx', columns: ['surname'], actor: 'a' })).toThrowError(/No panel session yet/);
    recordPanel(temp.workspace, shortlistId, [{ personId: 1, decision: 'accept' }], 'open');
    const proposed = buildShortlistExport(temp.workspace, { source: 'proposed', format: 'xlsx', columns: ['surname', 'panelDecision'], actor: 'a' });
    expect(proposed.people).toBe(6);
    const decided = buildShortlistExport(temp.workspace, { source: 'decided', format: 'xlsx', columns: ['surname'], actor: 'a' });
    expect(decided.people).toBe(1);
    expect(String(rowValues(readBook(decided.bytes).Sheets.Cohort!, 1)[0])).toContain('session still open');
  });
});

describe('dates of birth in exports', () => {
  it('are real date cells shown dd/mm/yyyy in .xlsx, and ISO text in .csv with the header saying so', () => {
    fillExportWorkspace(temp.workspace, 5);
    const dobs = new Map((temp.workspace.db.prepare('SELECT surname, dob FROM people').all() as Array<{ surname: string; dob: string | null }>).map((p) => [p.surname, p.dob]));
    const xlsx = buildShortlistExport(temp.workspace, { source: 'auto', format: 'xlsx', columns: ['surname', 'dob'], actor: 'analyst', now: NOW });
    const sheet = XLSX.read(xlsx.bytes, { type: 'array', cellNF: true }).Sheets.Shortlist!;
    expect(rowValues(sheet, 3)).toEqual(['Surname', 'Date of birth']);
    let checked = 0;
    for (let r = 4; r < 9; r++) {
      const [surname, dob] = rowCells(sheet, r);
      const iso = dobs.get(String(surname!.v));
      if (!iso) continue;
      expect(dob, String(surname!.v)).toMatchObject({ t: 'n', z: 'dd/mm/yyyy' });
      // The serial is the same calendar day, whatever the time zone the test runs in.
      const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
      expect(dob!.v).toBe((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
      expect(XLSX.SSF.format('dd/mm/yyyy', dob!.v as number)).toBe(`${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);

    const csv = buildShortlistExport(temp.workspace, { source: 'auto', format: 'csv', columns: ['surname', 'dob'], actor: 'analyst', now: NOW });
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes).split('\r\n');
    expect(lines[1]).toBe('Surname,Date of birth (yyyy-mm-dd)');
    const firstIso = [...dobs.values()].find((d) => d !== null)!;
    expect(lines.some((l) => l.endsWith(`,${firstIso}`))).toBe(true);
  });
});

describe('the shortlist as .csv', () => {
  it('puts the marking on the first line and neutralises every formula start', () => {
    fillExportWorkspace(temp.workspace, 10);
    const result = buildShortlistExport(temp.workspace, { source: 'auto', format: 'csv', columns: ['surname', 'forenames', 'arrestsInWindow'], marking: 'OFFICIAL-SENSITIVE PERSONAL', actor: 'analyst', now: NOW });
    expect(result.fileName).toBe('OFFICIAL-SENSITIVE PERSONAL IOM proposed shortlist 2013-11-25.csv');
    expect(result.mime).toBe('text/csv;charset=utf-8');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(result.bytes);
    expect(text.startsWith('\uFEFFOFFICIAL-SENSITIVE PERSONAL\r\n')).toBe(true);
    expect(text.split('\r\n')[1]).toBe('Surname,Forenames,Arrests in window');

    // Read back by SheetJS as a spreadsheet program would: every name is text, none a formula.
    const book = XLSX.read(text.replace(/^\uFEFF/, ''), { type: 'string', cellFormula: true, raw: true });
    const sheet = book.Sheets[book.SheetNames[0]!]!;
    expect(rowValues(sheet, 0)).toEqual(['OFFICIAL-SENSITIVE PERSONAL']);
    expect(rowValues(sheet, 1)).toEqual(['Surname', 'Forenames', 'Arrests in window']);
    const names = Array.from({ length: 10 }, (_, i) => rowCells(sheet, 2 + i)[0]!);
    expect(names.every((c) => c.f === undefined && c.t === 's')).toBe(true);
    for (const surname of FORMULA_LIKE_SURNAMES) expect(names.map((c) => c.v)).toContain(`'${surname}`);
    expect(names.map((c) => c.v)).toContain('Surname7');
  });

  it('refuses a marking that could not go into a file name', () => {
    fillExportWorkspace(temp.workspace, 3);
    expect(() => buildShortlistExport(temp.workspace, { source: 'auto', format: 'csv', columns: ['surname'], marking: '../secret', actor: 'a' })).toThrowError(WorkspaceError);
  });
});

describe('exports.* calls through the dispatcher', () => {
  function context(): AppContext {
    const ctx: AppContext = { session: new AppSession(), host: { kind: 'test' }, actor: 'tester', jobs: new JobRegistry() };
    ctx.session.adopt(temp.workspace, TEST_PASSPHRASE);
    return ctx;
  }

  it('delivers the file for download, audits counts and format only, and validates input strictly', async () => {
    fillExportWorkspace(temp.workspace, 10);
    const ctx = context();
    const overview = await dispatchCall(ctx, 'exports.shortlistOverview', {});
    expect(overview.ok).toBe(true);
    expect((overview as { value: ShortlistExportOverview }).value).toMatchObject({ workspaceName: 'Export test', marking: 'OFFICIAL-SENSITIVE', decided: null, defaultSource: 'proposed', intakePlan: false });

    const before = temp.workspace.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
    const answer = await dispatchCall(ctx, 'exports.shortlist', { source: 'proposed', format: 'xlsx', columns: [...SHORTLIST_COLUMN_IDS] });
    expect(answer.ok).toBe(true);
    const delivery = (answer as { value: ExportDelivery }).value;
    if (delivery.delivered !== 'download') throw new Error(`expected a download, got ${delivery.delivered}`);
    expect(delivery.fileName).toMatch(/^OFFICIAL-SENSITIVE IOM proposed shortlist \d{4}-\d\d-\d\d\.xlsx$/);
    const book = readBook(Buffer.from(delivery.base64, 'base64'));
    expect(rowValues(book.Sheets.Shortlist!, 3)).toHaveLength(SHORTLIST_COLUMN_IDS.length - 1 + CRIME_TYPE_IDS.length);

    const entries = temp.workspace.db.prepare('SELECT action, entity, entity_id AS entityId, detail FROM audit_log WHERE id > ?').all(before) as Array<{ action: string; entity: string; entityId: string; detail: string }>;
    expect(entries).toHaveLength(1);
    expect(entries[0]!.action).toBe('export.shortlist');
    expect(JSON.parse(entries[0]!.detail)).toEqual({ format: 'xlsx', source: 'proposed', people: 10, columns: SHORTLIST_COLUMN_IDS.length - 1 + CRIME_TYPE_IDS.length, intakePlan: false, via: 'app' });
    // Nothing about a person reaches the audit trail.
    const people = temp.workspace.db.prepare('SELECT surname, pnc, dob FROM people').all() as Array<Record<string, string>>;
    const log = JSON.stringify(entries);
    for (const p of people) for (const v of Object.values(p)) expect(log).not.toContain(v);

    for (const bad of [
      { source: 'proposed', format: 'xlsx', columns: [] },
      { source: 'proposed', format: 'xlsx', columns: ['surname', 'surname'] },
      { source: 'proposed', format: 'xlsx', columns: ['nationalInsurance'] },
      { source: 'proposed', format: 'pdf', columns: ['surname'] },
      { source: 'proposed', format: 'csv', columns: ['surname'], marking: 'NONE' },
    ]) {
      const refused = await dispatchCall(ctx, 'exports.shortlist', bad);
      expect(refused.ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('saves through the host dialog when there is one, and audits nothing when the dialog is cancelled', async () => {
    fillExportWorkspace(temp.workspace, 4);
    const ctx = context();
    const audits = () => temp.workspace.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'export.shortlist'").pluck().get() as number;
    const cancelling: AppContext = { ...ctx, host: { kind: 'test', chooseFile: () => Promise.resolve(null) } };
    const cancelled = await dispatchCall(cancelling, 'exports.shortlist', { source: 'proposed', format: 'csv', columns: ['surname'] });
    expect(cancelled).toEqual({ ok: true, value: { delivered: 'cancelled' } });
    expect(audits()).toBe(0);

    const target = temp.temp.path('chosen.csv');
    let suggested = '';
    const saving: AppContext = {
      ...ctx,
      host: {
        kind: 'test',
        chooseFile: (_mode, _purpose, name) => {
          suggested = name ?? '';
          return Promise.resolve(target);
        },
      },
    };
    const saved = await dispatchCall(saving, 'exports.shortlist', { source: 'proposed', format: 'csv', columns: ['surname'] });
    expect(saved.ok).toBe(true);
    expect((saved as { value: ExportDelivery }).value).toMatchObject({ delivered: 'saved', path: target });
    expect(suggested).toMatch(/^OFFICIAL-SENSITIVE IOM proposed shortlist .*\.csv$/);
    expect(audits()).toBe(1);

    // The entry is committed before the file takes its name; when it then cannot (the name is a
    // folder), the trail says so and no file appears.
    const folder = temp.temp.path('a folder');
    mkdirSync(join(folder, 'inside'), { recursive: true });
    const blocked: AppContext = { ...ctx, host: { kind: 'test', chooseFile: () => Promise.resolve(folder) } };
    const refused = await dispatchCall(blocked, 'exports.shortlist', { source: 'proposed', format: 'csv', columns: ['surname'] });
    expect(refused.ok).toBe(false);
    expect(audits()).toBe(2);
    const notWritten = temp.workspace.db.prepare("SELECT detail FROM audit_log WHERE action = 'export.notWritten'").pluck().all() as string[];
    expect(notWritten.map((d) => JSON.parse(d) as unknown)).toEqual([{ exportAction: 'export.shortlist', code: expect.any(String) }]);
    expect(readdirSync(folder)).toEqual(['inside']);
  });

  it('says clearly when there is nothing to export', async () => {
    const ctx = context();
    const overview = await dispatchCall(ctx, 'exports.shortlistOverview', {});
    expect((overview as { value: ShortlistExportOverview }).value).toMatchObject({ decided: null, proposed: null, defaultSource: null });
    const refused = await dispatchCall(ctx, 'exports.shortlist', { source: 'proposed', format: 'xlsx', columns: ['surname'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/No shortlist has been made yet/) } });
  });
});

it('audits through the same helper from the CLI path', () => {
  fillExportWorkspace(temp.workspace, 2);
  const built = buildShortlistExport(temp.workspace, { source: 'auto', format: 'csv', columns: ['surname'], actor: 'cli-user' });
  auditShortlistExport(temp.workspace, built, 'cli-user', 'cli');
  const detail = temp.workspace.db.prepare("SELECT detail FROM audit_log WHERE action = 'export.shortlist'").pluck().get() as string;
  expect(JSON.parse(detail)).toMatchObject({ format: 'csv', people: 2, via: 'cli' });
});
