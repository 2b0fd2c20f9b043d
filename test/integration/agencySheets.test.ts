import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { dispatchCall } from '../../electron/callDispatcher';
import { readPackagePart } from '../../electron/exports/agencySheets/xlsxPackage';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';
import { DEFAULT_AGENCY_SHEET_CONFIG, SHEET_REFERENCE_PATTERN } from '../../shared/exports/agencySheets';
import type { AgencyReturnReport, AgencySheetsOverview } from '../../shared/exports/agencySheetSchemas';
import type { ExportDelivery } from '../../shared/exports/exportDelivery';
import { openDemoContext, type DemoContext } from '../support/demoContext';
import { makeTempDir, type TempDir } from '../support/tempWorkspace';

/**
 * Agency pre-review sheets over the seed-shaped demo: exported sheets read back with SheetJS
 * (marking, columns as configured, formula-like names as text, protection), and returned copies
 * edited the way an agency might, written by SheetJS as the agency's own file.
 */

const FORMULA_SURNAME = '=HYPERLINK("http://example.invalid","click")';
const FORMULA_FORENAMES = '+SUM(1,2)';
const HEADER_ROW = 8;

type ExportResult = { delivery: ExportDelivery; sheet: { sheetId: number; fileName: string; rows: number } | null };

function workbookOf(result: ExportResult): { wb: XLSX.WorkBook; bytes: Buffer } {
  if (result.delivery.delivered !== 'download') throw new Error('expected a download in the test host');
  const bytes = Buffer.from(result.delivery.base64, 'base64');
  return { wb: XLSX.read(bytes, { type: 'buffer' }), bytes };
}

function rowsOf(wb: XLSX.WorkBook, sheet = 'Pre-review'): unknown[][] {
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet]!, { header: 1, defval: null, blankrows: true });
}

describe('agency pre-review sheets', () => {
  let demo: DemoContext;
  let temp: TempDir;
  let included: number[];

  beforeAll(async () => {
    demo = await openDemoContext('Agency sheets');
    temp = makeTempDir('iom-agency-');
    await demo.value('shortlist.run', { ruleSet: DEFAULT_SELECTION_RULE_SET });
    const db = demo.ctx.session.requireWorkspace().db;
    const latest = db.prepare('SELECT MAX(id) FROM shortlists').pluck().get() as number;
    included = db.prepare("SELECT person_id FROM shortlist_members WHERE shortlist_id = ? AND status = 'included' ORDER BY position").pluck().all(latest) as number[];
    // Names an agency's spreadsheet must never run as formulas.
    db.prepare('UPDATE people SET surname = ?, forenames = ? WHERE id = ?').run(FORMULA_SURNAME, FORMULA_FORENAMES, included[0]);
  }, 120_000);
  afterAll(() => {
    demo?.cleanup();
    temp?.remove();
  });

  function exportSheet(agency: string): Promise<ExportResult> {
    return demo.value<ExportResult>('exports.agencySheet', { agency });
  }

  /** What the open dialog hands the page for this file (issue 17.4). */
  function chosen(path: string): string {
    return demo.ctx.session.files.grant(path, 'read').token;
  }

  function importReturn(path: string): Promise<AgencyReturnReport & { file: string | null }> {
    return demo.value<AgencyReturnReport & { file: string | null }>('exports.agencySheetReturn', { file: chosen(path) });
  }

  async function importError(path: string): Promise<{ code: string; message: string }> {
    const result = await dispatchCall(demo.ctx, 'exports.agencySheetReturn', { file: chosen(path) });
    if (result.ok) throw new Error('expected the return to be refused');
    return result.error;
  }

  it('starts with the default columns per agency and saves an edited list strictly validated', async () => {
    const overview = await demo.value<AgencySheetsOverview>('exports.agencySheetsOverview', {});
    expect(overview.customised).toBe(false);
    expect(overview.config).toEqual(DEFAULT_AGENCY_SHEET_CONFIG);
    expect(overview.shortlist?.included).toBe(included.length);
    expect(overview.agencies.map((a) => [a.id, a.latestExport, a.currentComments])).toEqual([
      ['police', null, 0],
      ['probation', null, 0],
      ['yos', null, 0],
      ['council', null, 0],
    ]);

    const withHousing = {
      agencies: [...DEFAULT_AGENCY_SHEET_CONFIG.agencies, { id: 'housing', name: 'Housing', columns: ['borough', 'surname', 'address'] }],
    };
    const saved = await demo.value<AgencySheetsOverview>('exports.agencySheetsSaveConfig', { config: withHousing });
    expect(saved.customised).toBe(true);
    // Stored in the catalogue order, whatever order they were ticked in.
    expect(saved.config.agencies.at(-1)).toEqual({ id: 'housing', name: 'Housing', columns: ['surname', 'address', 'borough'] });

    for (const bad of [
      { agencies: [{ id: 'police', name: 'Police', columns: [] }] },
      { agencies: [{ id: 'police', name: 'Police', columns: ['surname'] }, { id: 'police', name: 'Police 2', columns: ['surname'] }] },
      { agencies: [{ id: 'police', name: 'Pol/ice', columns: ['surname'] }] },
      { agencies: [{ id: 'police', name: 'Police', columns: ['nationalInsurance'] }] },
      { agencies: [{ id: 'police', name: 'Police', columns: ['surname'], extra: true }] },
    ]) {
      const result = await dispatchCall(demo.ctx, 'exports.agencySheetsSaveConfig', { config: bad });
      expect(result.ok, JSON.stringify(bad)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid_input');
    }
    const reset = await demo.value<AgencySheetsOverview>('exports.agencySheetsSaveConfig', { reset: true });
    expect(reset.customised).toBe(false);
    expect(reset.config.agencies.map((a) => a.id)).toEqual(['police', 'probation', 'yos', 'council']);
  });

  it('exports each agency only its configured columns, marked, with formula-like names as plain text', async () => {
    const yos = await exportSheet('yos');
    expect(yos.sheet?.rows).toBe(included.length);
    expect(yos.delivery.delivered === 'download' && yos.delivery.fileName).toMatch(/^OFFICIAL-SENSITIVE IOM pre-review YOS \d{4}-\d{2}-\d{2}\.xlsx$/);
    const { wb } = workbookOf(yos);
    expect(wb.SheetNames).toEqual(['Pre-review', 'Sheet id']);
    expect(wb.Workbook?.Sheets?.[1]?.Hidden).toBe(2);
    const rows = rowsOf(wb);
    expect(rows[0]).toEqual(['OFFICIAL-SENSITIVE', null, null, null, null, null, null]);
    expect(String(rows[1]![0])).toBe('IOM cohort expansion: pre-review sheet for YOS');
    expect(String(rows[2]![0])).toMatch(/^Sheet reference: S-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(rows[HEADER_ROW - 1]).toEqual(['Ref', 'Surname', 'Forename(s)', 'Date of birth', 'PNC', 'YOS referral', 'Comments']);
    const data = rows.slice(HEADER_ROW, HEADER_ROW + included.length);
    expect(data.every((r) => /^[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(String(r[0])))).toBe(true);
    expect(new Set(data.map((r) => r[0])).size).toBe(included.length);
    // The Ref is no internal id.
    expect(data.some((r) => included.includes(Number(r[0])))).toBe(false);
    expect(String(rows[HEADER_ROW + included.length + 1]![0])).toBe(`End of list: ${included.length} people. OFFICIAL-SENSITIVE`);

    const sheet = wb.Sheets['Pre-review']!;
    const surnameCell = sheet[XLSX.utils.encode_cell({ r: HEADER_ROW, c: 1 })] as XLSX.CellObject;
    const forenameCell = sheet[XLSX.utils.encode_cell({ r: HEADER_ROW, c: 2 })] as XLSX.CellObject;
    expect(surnameCell).toMatchObject({ t: 's', v: FORMULA_SURNAME });
    expect(surnameCell.f).toBeUndefined();
    expect(forenameCell).toMatchObject({ t: 's', v: FORMULA_FORENAMES });
    const dobCell = sheet[XLSX.utils.encode_cell({ r: HEADER_ROW, c: 3 })] as XLSX.CellObject;
    expect(dobCell.t).toBe('s');
    expect(String(dobCell.v)).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);

    const police = rowsOf(workbookOf(await exportSheet('police')).wb)[HEADER_ROW - 1];
    expect(police).toEqual([
      'Ref', 'Surname', 'Forename(s)', 'Date of birth', 'PNC', 'Last known address', 'Borough', 'Custody (PINS)', 'Arrests (24 months to 31/10/2013)',
      'Offence types (24 months to 31/10/2013)', 'DTOA', 'Gangs (high)', 'Gangs (mid-low)', 'Repeat DV / MARAC', 'Repeat female offender', 'Repeat ASB', 'Comments',
    ]);
    const probation = rowsOf(workbookOf(await exportSheet('probation')).wb)[HEADER_ROW - 1];
    expect(probation).toEqual(['Ref', 'Surname', 'Forename(s)', 'Date of birth', 'PNC', 'Custody (PINS)', 'OGRS score', 'Statutory', 'DTOA', 'Mandatory OGRS', 'Comments']);
    expect(probation).not.toContain('Last known address');
  });

  it('locks the sheet but its Comments column, freezes the header and hides the identifying sheet', async () => {
    const { bytes, wb } = workbookOf(await exportSheet('council'));
    const sheetXml = readPackagePart(bytes, 'xl/worksheets/sheet1.xml')!;
    const stylesXml = readPackagePart(bytes, 'xl/styles.xml')!;
    const workbookXml = readPackagePart(bytes, 'xl/workbook.xml')!;
    expect(sheetXml).toMatch(/<sheetProtection [^>]*sheet="1"/);
    expect(sheetXml).toContain('formatColumns="0"');
    expect(sheetXml).toContain(`<pane ySplit="${HEADER_ROW}" topLeftCell="A${HEADER_ROW + 1}" activePane="bottomLeft" state="frozen"/>`);
    expect(sheetXml).not.toContain('<f>');
    // Exactly one unlocked cell format, the Text (@) one, carried by every Comments cell and the column.
    const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)![1]!).matchAll(/<xf [^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
    const unlocked = xfs.findIndex((xf) => xf.includes('<protection locked="0"/>'));
    expect(xfs.filter((xf) => xf.includes('locked="0"'))).toHaveLength(1);
    expect(xfs[unlocked]).toContain('numFmtId="49"');
    const commentsColumn = XLSX.utils.encode_col(rowsOf(wb)[HEADER_ROW - 1]!.indexOf('Comments'));
    const commentCells = [...sheetXml.matchAll(new RegExp(`<c r="${commentsColumn}(\\d+)"([^>]*)>`, 'g'))].filter((m) => Number(m[1]) > HEADER_ROW);
    expect(commentCells.length).toBe(included.length);
    for (const cell of commentCells) expect(cell[2]).toContain(`s="${unlocked}"`);
    expect(sheetXml).toMatch(new RegExp(`<col min="${commentsColumn.charCodeAt(0) - 64}" max="${commentsColumn.charCodeAt(0) - 64}"[^>]*style="${unlocked}"`));
    // Header and data cells carry no unlocked style.
    expect(sheetXml).not.toMatch(new RegExp(`<c r="[A-${String.fromCharCode(commentsColumn.charCodeAt(0) - 1)}]\\d+" s="${unlocked}"`));
    expect(workbookXml).toContain('<workbookProtection lockStructure="1"/>');
    expect(workbookXml).toMatch(/<sheet name="Sheet id"[^>]*state="veryHidden"/);
    const meta = rowsOf(wb, 'Sheet id');
    expect(meta).toContainEqual(['Agency id', 'council']);
    expect(meta).toContainEqual(['Format', 'iom-agency-sheet/1']);
  });

  it('records each export with row references and audits counts only', () => {
    const db = demo.ctx.session.requireWorkspace().db;
    const sheets = db.prepare('SELECT id, agency, row_count AS rows FROM agency_sheets ORDER BY id').all() as Array<{ id: number; agency: string; rows: number }>;
    expect(sheets.map((s) => s.agency)).toEqual(['yos', 'police', 'probation', 'council']);
    for (const s of sheets) {
      expect(db.prepare('SELECT COUNT(*) FROM agency_sheet_rows WHERE sheet_id = ?').pluck().get(s.id)).toBe(included.length);
    }
    const audits = db.prepare("SELECT detail FROM audit_log WHERE action = 'export.agencySheet' ORDER BY id").pluck().all() as string[];
    expect(audits).toHaveLength(4);
    for (const detail of audits) expect(Object.keys(JSON.parse(detail) as object).sort()).toEqual(['agency', 'columns', 'rows', 'shortlistId']);
  });

  it("names neither the analyst's login nor the workspace in a sheet sent outside, anywhere in the file (issue 17.6)", async () => {
    const actor = demo.ctx.actor;
    const workspaceName = demo.ctx.session.requireWorkspace().name;
    (demo.ctx as { actor: string }).actor = 'jsmith.analyst';
    try {
      const { bytes } = workbookOf(await exportSheet('council'));
      const container = XLSX.CFB.read(bytes, { type: 'buffer' });
      const parts = (container.FileIndex as Array<{ content?: Uint8Array | number[] }>).filter((entry) => entry.content && entry.content.length > 0);
      const text = parts.map((entry) => Buffer.from(entry.content!).toString('utf8')).join('\n');
      expect(text).toContain('Sheet reference: S-');
      expect(text).not.toContain('jsmith');
      expect(text).not.toContain(workspaceName);
    } finally {
      (demo.ctx as { actor: string }).actor = actor;
    }
  });

  /** The police sheet as the agency sends it back: SheetJS reads the file, edits it and writes its own xlsx. */
  async function policeReturn(edit: (rows: unknown[][]) => unknown[][], name: string): Promise<{ path: string; refs: string[] }> {
    const { wb } = workbookOf(await exportSheet('police'));
    const rows = rowsOf(wb);
    const refs = rows.slice(HEADER_ROW, HEADER_ROW + included.length).map((r) => String(r[0]));
    const edited = edit(rows);
    const sheet = XLSX.utils.aoa_to_sheet(edited);
    wb.Sheets['Pre-review'] = sheet;
    const path = temp.path(name);
    writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    return { path, refs };
  }

  function personOfRef(ref: string): number {
    const db = demo.ctx.session.requireWorkspace().db;
    return db.prepare("SELECT r.person_id FROM agency_sheet_rows r JOIN agency_sheets s ON s.id = r.sheet_id WHERE s.agency = 'police' AND r.ref = ? ORDER BY s.id DESC LIMIT 1").pluck().get(ref) as number;
  }

  let firstReturnPath = '';

  it('attaches comments by Ref, warns about edited rows by number, counts removed rows and ignores empty comments', async () => {
    const comments = ['Known: moved to Enfield in 2013', 'In custody at HMP Pentonville until 2014', '=cmd|calc  (typed by the agency)'];
    const { path, refs } = await policeReturn((rows) => {
      const comment = rows[HEADER_ROW - 1]!.indexOf('Comments');
      const surname = rows[HEADER_ROW - 1]!.indexOf('Surname');
      const data = rows.map((r) => [...r]);
      for (let i = 0; i < 3; i++) data[HEADER_ROW + i]![comment] = comments[i];
      // Row 4 of the list: the surname was overwritten, with a comment.
      data[HEADER_ROW + 3]![surname] = 'Someone Else';
      data[HEADER_ROW + 3]![comment] = 'Different person? Check';
      // Whitespace only is no comment.
      data[HEADER_ROW + 4]![comment] = '   ';
      // Two people removed (list rows 6 and 7), a row with an invented Ref, and a comment with no Ref.
      data.splice(HEADER_ROW + 5, 2);
      const width = data[HEADER_ROW - 1]!.length;
      const invented = new Array<unknown>(width).fill(null);
      invented[0] = 'ZZZZ-ZZZZ';
      invented[comment] = 'We also know this person';
      const noRef = new Array<unknown>(width).fill(null);
      noRef[comment] = 'General note from police';
      data.push(invented, noRef);
      return data;
    }, 'police-return.xlsx');
    firstReturnPath = path;

    const report = await importReturn(path);
    expect(report.status).toBe('imported');
    expect(report.agency).toEqual({ id: 'police', name: 'Police' });
    expect(report.rowsSent).toBe(included.length);
    expect(report.rowsReturned).toBe(included.length - 2);
    expect(report.commentsAttached).toBe(4);
    expect(report.rowsEdited).toBe(1);
    expect(report.rowsMissing).toBe(2);
    expect(report.rowsUnknown).toBe(1);
    expect(report.emptyComments).toBe(included.length - 2 - 4);
    expect(report.messages).toContain('2 people on the sheet were not returned (sheet rows 14, 15 as sent were removed).');
    expect(report.messages).toContain('1 row had other cells changed (row 12): check it is about the right person before relying on its comment.');
    expect(report.issues).toContainEqual({ rowNumber: 12, kind: 'edited', message: 'Row 12: Surname differs from the sheet sent; the comment was attached, but check the row is about the right person.' });
    expect(report.issues.some((i) => i.kind === 'unknown_ref' && i.message.includes('ZZZZ-ZZZZ'))).toBe(true);
    expect(report.issues.some((i) => i.kind === 'no_ref')).toBe(true);
    // Rows are named by number, never by the person on them.
    const db = demo.ctx.session.requireWorkspace().db;
    const names = db.prepare(`SELECT surname FROM people WHERE id IN (${included.join(',')}) AND surname IS NOT NULL`).pluck().all() as string[];
    const text = JSON.stringify(report);
    for (const name of names) expect(text.includes(name), name).toBe(false);

    const stored = db.prepare("SELECT person_id AS personId, comment, row_edited AS edited FROM agency_comments WHERE agency = 'police' ORDER BY row_number").all();
    expect(stored).toEqual([
      { personId: personOfRef(refs[0]!), comment: comments[0], edited: 0 },
      { personId: personOfRef(refs[1]!), comment: comments[1], edited: 0 },
      { personId: personOfRef(refs[2]!), comment: comments[2], edited: 0 },
      { personId: personOfRef(refs[3]!), comment: 'Different person? Check', edited: 1 },
    ]);
    expect(stored.map((s) => (s as { personId: number }).personId)).toEqual(included.slice(0, 4));
    const audit = db.prepare("SELECT detail FROM audit_log WHERE action = 'agencySheet.return' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(audit).not.toMatch(/Enfield|Pentonville|Check/);
    expect(JSON.parse(audit)).toMatchObject({ agency: 'police', commentsAttached: 4, rowsEdited: 1, rowsMissing: 2, rowsUnknown: 1 });

    const overview = await demo.value<AgencySheetsOverview>('exports.agencySheetsOverview', {});
    expect(overview.agencies.find((a) => a.id === 'police')).toMatchObject({ currentComments: 4, latestReturn: { commentsAttached: 4, rowsEdited: 1, rowsMissing: 2 } });
  });

  it('changes nothing when the same file is imported again, and says so', async () => {
    const db = demo.ctx.session.requireWorkspace().db;
    const before = { comments: db.prepare('SELECT COUNT(*) FROM agency_comment_history').pluck().get(), audit: db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() };
    const again = await importReturn(firstReturnPath);
    expect(again.status).toBe('duplicate');
    expect(again.messages[0]).toMatch(/^This file was already imported on \d{2}\/\d{2}\/\d{4} as the Police return: nothing changed\.$/);
    expect({ comments: db.prepare('SELECT COUNT(*) FROM agency_comment_history').pluck().get(), audit: db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() }).toEqual(before);
  });

  it("replaces the agency's comments with a newer return and keeps the earlier ones in the history", async () => {
    const { path } = await policeReturn((rows) => {
      const comment = rows[HEADER_ROW - 1]!.indexOf('Comments');
      const data = rows.map((r) => [...r]);
      data[HEADER_ROW + 5]![comment] = 'Updated: tactical concern, DV perpetrator';
      return data;
    }, 'police-return-2.xlsx');
    const db = demo.ctx.session.requireWorkspace().db;
    // Without consent nothing changes: the answer says what would go (issue 17.3).
    const auditBefore = db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get();
    const asked = await importReturn(path);
    expect(asked).toMatchObject({ status: 'needs_confirmation', commentsAttached: 1, commentsReplaced: 4 });
    expect(asked.messages).toContain("Importing it replaces the 4 comments from Police's earlier return: 4 people lose their Police comment and 1 gains one. Nothing has changed yet; confirm to replace them.");
    expect(db.prepare("SELECT COUNT(*) FROM agency_comments WHERE agency = 'police'").pluck().get()).toBe(4);
    expect(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(auditBefore);
    expect(db.prepare('SELECT COUNT(*) FROM agency_sheet_returns WHERE sha256 = (SELECT sha256 FROM agency_sheet_returns ORDER BY id DESC LIMIT 1)').pluck().get()).toBe(1);

    // Confirming uses the token the first answer carried; the first one was spent.
    expect(asked.file).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const report = await demo.value<AgencyReturnReport & { file: string | null }>('exports.agencySheetReturn', { file: asked.file, replace: true });
    expect(report.file).toBeNull();
    expect(report).toMatchObject({ status: 'imported', commentsAttached: 1, commentsReplaced: 4, rowsMissing: 0, rowsEdited: 0 });
    expect(report.messages.some((m) => m.startsWith("This replaces the 4 comments from Police's earlier return"))).toBe(true);
    expect(db.prepare("SELECT person_id AS personId, comment FROM agency_comments WHERE agency = 'police'").all()).toEqual([{ personId: included[5], comment: 'Updated: tactical concern, DV perpetrator' }]);
    expect(db.prepare("SELECT COUNT(*) FROM agency_comment_history WHERE agency = 'police' AND superseded_at IS NOT NULL").pluck().get()).toBe(4);
    expect(db.prepare("SELECT COUNT(*) FROM agency_comment_history WHERE agency = 'police' AND superseded_at IS NULL").pluck().get()).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM agency_sheet_returns WHERE superseded_by_return_id = ?').pluck().get(report.returnId)).toBe(1);
  });

  /** Sets one value of the very hidden "Sheet id" sheet, as someone editing the file could. */
  function setHiddenId(path: string, label: string, value: string): void {
    const book = XLSX.read(readFileSync(path), { type: 'buffer' });
    const meta = book.Sheets['Sheet id']!;
    for (const key of Object.keys(meta)) {
      const cell = meta[key] as XLSX.CellObject;
      if (!key.startsWith('!') && cell.v === label) meta[key.replace('A', 'B')] = { t: 's', v: value };
    }
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  }

  it("refuses a return whose hidden id disagrees with its printed reference, or none of whose Refs match, and keeps the other agency's comments (issue 17.3)", async () => {
    const db = demo.ctx.session.requireWorkspace().db;
    const { wb: probationBook } = workbookOf(await exportSheet('probation'));
    const probationRows = rowsOf(probationBook);
    probationRows[HEADER_ROW]![probationRows[HEADER_ROW - 1]!.indexOf('Comments')] = 'On licence until 2015';
    probationBook.Sheets['Pre-review'] = XLSX.utils.aoa_to_sheet(probationRows);
    const probationPath = temp.path('probation-return.xlsx');
    writeFileSync(probationPath, XLSX.write(probationBook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(await importReturn(probationPath)).toMatchObject({ status: 'imported', agency: { id: 'probation' }, commentsAttached: 1 });
    const probationToken = (rowsOf(probationBook, 'Sheet id').find((r) => r[0] === 'Sheet reference')! as string[])[1]!;
    const state = () => ({
      comments: db.prepare('SELECT agency, person_id, comment FROM agency_comments ORDER BY id').all(),
      returns: db.prepare('SELECT COUNT(*) FROM agency_sheet_returns').pluck().get(),
      audit: db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'agencySheet.return'").pluck().get(),
    });
    const before = state();
    expect(before.comments).toContainEqual({ agency: 'probation', person_id: included[0], comment: 'On licence until 2015' });

    // Police's sheet with its hidden id swapped to probation's: the printed line still says police's.
    const swapped = await policeReturn((rows) => rows, 'swapped-id.xlsx');
    setHiddenId(swapped.path, 'Sheet reference', probationToken);
    const mismatch = await importError(swapped.path);
    expect(mismatch.code).toBe('bad_file');
    expect(mismatch.message).toMatch(/^This sheet's hidden sheet id \(S-[0-9A-Z-]+\) does not agree with the sheet reference printed on it \(S-[0-9A-Z-]+\): it has been altered, so nothing was imported\./);
    expect(state()).toEqual(before);

    // Both swapped, consistently: the sheet claims to be probation's, but none of its Refs were on probation's sheet.
    const forged = await policeReturn(
      (rows) => rows.map((r) => r.map((c) => (typeof c === 'string' && SHEET_REFERENCE_PATTERN.test(c) ? c.replace(SHEET_REFERENCE_PATTERN, `Sheet reference: ${probationToken}`) : c))),
      'both-swapped.xlsx',
    );
    setHiddenId(forged.path, 'Sheet reference', probationToken);
    expect(await importError(forged.path)).toEqual({
      code: 'bad_file',
      message: "This sheet's hidden agency (police) is not the agency its sheet reference was sent to (Probation): it has been altered, so nothing was imported.",
    });
    setHiddenId(forged.path, 'Agency id', 'probation');
    const unmatched = await importError(forged.path);
    expect(unmatched).toEqual({
      code: 'bad_file',
      message: `None of the ${included.length} Refs on this Probation sheet was on the sheet sent, so it is not Probation's return of that sheet (or its Ref column was changed). Nothing was imported; Probation's current comments are kept.`,
    });
    expect(state()).toEqual(before);
  });

  it('recognises a sheet the agency saved as CSV by its printed sheet reference', async () => {
    const { wb } = workbookOf(await exportSheet('yos'));
    const rows = rowsOf(wb);
    rows[HEADER_ROW]![rows[HEADER_ROW - 1]!.indexOf('Comments')] = 'Open to YOS, worker assigned';
    const path = temp.path('yos-return.csv');
    writeFileSync(path, XLSX.utils.sheet_to_csv(XLSX.utils.aoa_to_sheet(rows)));
    const report = await importReturn(path);
    expect(report).toMatchObject({ status: 'imported', agency: { id: 'yos' }, commentsAttached: 1, rowsEdited: 0, rowsMissing: 0 });
  });

  it('refuses wrong files with a clear message', async () => {
    // Not one of our sheets: an agency list.
    const list = temp.path('dtoa-list.xlsx');
    const listBook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(listBook, XLSX.utils.aoa_to_sheet([['PNC', 'Surname'], ['12/345678A', 'Smith']]), 'DTOA');
    writeFileSync(list, XLSX.write(listBook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(await importError(list)).toMatchObject({ code: 'bad_file', message: expect.stringMatching(/^This file is not an agency pre-review sheet from the workbench/) });

    // From another workspace: the identifying sheet names a different workspace.
    const other = await policeReturn((rows) => rows, 'other-workspace.xlsx');
    const foreign = XLSX.read(readFileSync(other.path), { type: 'buffer' });
    const meta = foreign.Sheets['Sheet id']!;
    for (const key of Object.keys(meta)) {
      const cell = meta[key] as XLSX.CellObject;
      if (!key.startsWith('!') && cell.v === 'Workspace') meta[key.replace('A', 'B')] = { t: 's', v: 'f'.repeat(32) };
    }
    writeFileSync(other.path, XLSX.write(foreign, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(await importError(other.path)).toEqual({ code: 'bad_file', message: 'This Police sheet was exported from another workspace, not this one: import it into the workspace it came from.' });

    // The header row deleted.
    const headless = await policeReturn((rows) => rows.filter((_, i) => i !== HEADER_ROW - 1), 'no-header.xlsx');
    expect((await importError(headless.path)).message).toMatch(/header row \(Ref … Comments\) is missing/);

    // A damaged file.
    const damaged = temp.path('damaged.xlsx');
    writeFileSync(damaged, Buffer.from(XLSX.write(listBook, { type: 'buffer', bookType: 'xlsx' }) as Buffer).subarray(0, 300));
    expect((await importError(damaged)).code).toBe('bad_file');

    // Password-protected (an agency encrypted its copy): the reader says so, as on the Import screen.
    const container = XLSX.CFB.utils.cfb_new() as unknown;
    const cfbAdd = XLSX.CFB.utils.cfb_add as (c: unknown, n: string, d: Buffer) => void;
    cfbAdd(container, 'EncryptionInfo', Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]));
    cfbAdd(container, 'EncryptedPackage', Buffer.alloc(4096, 0x5a));
    const encrypted = temp.path('encrypted.xlsx');
    writeFileSync(encrypted, Buffer.from((XLSX.CFB.write as (c: unknown, o: { type: 'buffer' }) => Uint8Array)(container, { type: 'buffer' })));
    expect(await importError(encrypted)).toMatchObject({ code: 'bad_file', message: expect.stringMatching(/protected with a password/) });

    // From this workspace's format and origin, but a sheet reference never sent.
    const forged = await policeReturn(
      (rows) => rows.map((r) => r.map((c) => (typeof c === 'string' && SHEET_REFERENCE_PATTERN.test(c) ? c.replace(SHEET_REFERENCE_PATTERN, 'Sheet reference: S-0000-0000-0000-0000') : c))),
      'forged.xlsx',
    );
    const forgedBook = XLSX.read(readFileSync(forged.path), { type: 'buffer' });
    const forgedMeta = forgedBook.Sheets['Sheet id']!;
    for (const key of Object.keys(forgedMeta)) {
      const cell = forgedMeta[key] as XLSX.CellObject;
      if (!key.startsWith('!') && cell.v === 'Sheet reference') forgedMeta[key.replace('A', 'B')] = { t: 's', v: 'S-0000-0000-0000-0000' };
    }
    writeFileSync(forged.path, XLSX.write(forgedBook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(await importError(forged.path)).toEqual({ code: 'bad_file', message: 'This Police sheet is not one this workspace sent (its sheet reference is not on record), so its rows cannot be matched to people here.' });

    // Made for an earlier shortlist: the shortlist was re-run after the export.
    const stale = await policeReturn((rows) => rows, 'stale.xlsx');
    await demo.value('shortlist.run', { ruleSet: DEFAULT_SELECTION_RULE_SET });
    const refused = await importError(stale.path);
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/^This Police sheet \(exported \d{2}\/\d{2}\/\d{4}\) was made for an earlier proposed shortlist/);
  });
});
