/**
 * The Candidates view exported as it is on screen: the same filter, sort and columns, every matching
 * person (not only the page), marked, the header frozen, the filter written in the Metadata sheet,
 * and an audit entry that names the criteria but never a person or the search text.
 */
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/callDispatcher';
import { readPackagePart } from '../../electron/exports/agencySheets/xlsxPackage';
import { AppSession } from '../../electron/runtime/appSession';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import type { AppContext } from '../../electron/runtime/appContext';
import type { CandidatePage } from '../../shared/shortlist/candidateSchemas';
import type { ExportDelivery } from '../../shared/exports/exportDelivery';
import { fillExportWorkspace } from '../support/exportWorkspace';
import { makeTempWorkspace, TEST_PASSPHRASE } from '../support/tempWorkspace';

type Temp = ReturnType<typeof makeTempWorkspace>;
let temp: Temp;
beforeEach(() => {
  temp = makeTempWorkspace('View export test');
});
afterEach(() => temp.cleanup());

function context(): AppContext {
  const ctx: AppContext = { session: new AppSession(), host: { kind: 'test' }, actor: 'tester', jobs: new JobRegistry() };
  ctx.session.adopt(temp.workspace, TEST_PASSPHRASE);
  return ctx;
}

const FILTER = { referenceDate: '2013-10-31', windowMonths: 24, flags: { any: ['dtoa' as const], all: [], none: [] } };
const SORT = { column: 'name' as const, direction: 'desc' as const };

function download(answer: Awaited<ReturnType<typeof dispatchCall>>): { fileName: string; bytes: Buffer } {
  if (!answer.ok) throw new Error(`the call failed: ${JSON.stringify(answer)}`);
  const delivery = answer.value as ExportDelivery;
  if (delivery.delivered !== 'download') throw new Error(`expected a download, got ${delivery.delivered}`);
  return { fileName: delivery.fileName, bytes: Buffer.from(delivery.base64, 'base64') };
}

describe('exports.candidatesView', () => {
  it('holds every person of the filtered view in its order and columns, marked, with the filter and a frozen header', async () => {
    fillExportWorkspace(temp.workspace, 120);
    const ctx = context();
    // What the screen shows: page one of the same query (a page is at most 100 rows; the file has them all).
    const screen = await dispatchCall(ctx, 'candidates.query', { filter: FILTER, sort: SORT, offset: 0, limit: 500 });
    if (!screen.ok) throw new Error('query failed');
    const view = screen.value as CandidatePage;
    expect(view.total).toBe(24);

    const before = temp.workspace.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
    const file = download(await dispatchCall(ctx, 'exports.candidatesView', { filter: FILTER, sort: SORT, format: 'xlsx', columns: ['name', 'pnc', 'flags', 'arrests'] }));
    expect(file.fileName).toMatch(/^OFFICIAL-SENSITIVE IOM candidates view \d{4}-\d\d-\d\d\.xlsx$/);

    const book = XLSX.read(file.bytes, { type: 'buffer' });
    expect(book.SheetNames).toEqual(['Candidates', 'Metadata']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Candidates!, { header: 1, blankrows: true, defval: null });
    expect(rows[0]![0]).toBe('OFFICIAL-SENSITIVE');
    expect(rows[1]![0]).toBe('Candidates view: 24 of 120 on the long list, filtered by flags');
    expect(rows[3]).toEqual(['Surname', 'Forenames', 'PNC', 'Lists', 'Arrests in the 24-month window']);
    const data = rows.slice(4, 4 + 24);
    expect(data.map((r) => r[2])).toEqual(view.rows.map((r) => r.pnc));
    expect(data.map((r) => r[0])).toEqual(view.rows.map((r) => r.surname));
    expect(data.every((r) => r[3] === 'DTOA (drug test on arrest)')).toBe(true);
    expect(data.map((r) => r[4])).toEqual(view.rows.map((r) => r.arrests));
    expect(rows[4 + 24]!.every((v) => v === null)).toBe(true);
    expect(rows[5 + 24]![0]).toBe('OFFICIAL-SENSITIVE');

    const sheetXml = readPackagePart(file.bytes, 'xl/worksheets/sheet1.xml') ?? '';
    expect(sheetXml).toMatch(/<pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"\/>/);
    expect(sheetXml).toContain('<autoFilter ref="A4:E28"/>');

    const meta = new Map(XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Metadata!, { header: 1 }).filter((r) => r.length >= 2).map((r) => [String(r[0]), r[1]]));
    expect(meta.get('Protective marking')).toBe('OFFICIAL-SENSITIVE');
    expect(JSON.parse(String(meta.get('Filter (as applied)')))).toMatchObject({ referenceDate: '2013-10-31', windowMonths: 24, flags: { any: ['dtoa'] } });
    expect(meta.get('Counting window')).toBe('1 Nov 2011 to 31 Oct 2013 (24 months)');
    expect(meta.get('Sorted by')).toBe('name, descending');
    expect(meta.get('People in this file')).toBe(24);
    expect(meta.get('Exported by')).toBe('tester');

    const entries = temp.workspace.db.prepare('SELECT action, detail FROM audit_log WHERE id > ?').all(before) as Array<{ action: string; detail: string }>;
    expect(entries).toHaveLength(1);
    expect(entries[0]!.action).toBe('export.candidatesView');
    expect(JSON.parse(entries[0]!.detail)).toEqual({ format: 'xlsx', people: 24, columns: ['name', 'pnc', 'flags', 'arrests'], criteria: ['flags'], via: 'app' });
  });

  it('writes CSV with the marking first, audits the criterion but not the search text, and refuses bad input', async () => {
    fillExportWorkspace(temp.workspace, 30);
    const ctx = context();
    const before = temp.workspace.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
    const file = download(await dispatchCall(ctx, 'exports.candidatesView', { filter: { ...FILTER, flags: undefined, text: 'Surname2' }, sort: SORT, format: 'csv', columns: ['name', 'custody'] }));
    const lines = new TextDecoder().decode(file.bytes).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('OFFICIAL-SENSITIVE');
    expect(lines[1]).toBe('Surname,Forenames,In custody?');
    // Surname20 … Surname29, by name descending (person 2 has a formula-like surname, not "Surname2").
    expect(lines.slice(2).map((l) => l.split(',')[0])).toEqual(['Surname29', 'Surname28', 'Surname27', 'Surname26', 'Surname25', 'Surname24', 'Surname23', 'Surname22', 'Surname21', 'Surname20']);
    expect(lines.slice(2).every((l) => l.endsWith(',No'))).toBe(true);
    const detail = temp.workspace.db.prepare('SELECT detail FROM audit_log WHERE id > ?').pluck().get(before) as string;
    expect(JSON.parse(detail)).toMatchObject({ format: 'csv', people: 10, criteria: ['text'] });
    expect(detail).not.toContain('Surname2');

    for (const bad of [
      { filter: FILTER, sort: SORT, format: 'xlsx', columns: [] },
      { filter: FILTER, sort: SORT, format: 'xlsx', columns: ['name', 'name'] },
      { filter: FILTER, sort: SORT, format: 'pdf', columns: ['name'] },
      { filter: { ...FILTER, surprise: 1 }, sort: SORT, format: 'xlsx', columns: ['name'] },
    ]) {
      const answer = await dispatchCall(ctx, 'exports.candidatesView', bad as never);
      expect(answer.ok, JSON.stringify(bad)).toBe(false);
    }
    expect(temp.workspace.db.prepare('SELECT COUNT(*) FROM audit_log WHERE id > ?').pluck().get(before)).toBe(1);
  });
});
