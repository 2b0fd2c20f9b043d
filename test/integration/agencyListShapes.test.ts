/**
 * Lists as other agencies' systems send them (issue 15, points 1, 2 and 6), imported into a real
 * encrypted workspace: each is either imported with nothing lost or changed silently, or stopped
 * before anything is written with one sentence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../electron/import/importEngine';
import { previewImport } from '../../electron/import/previewImport';
import { chooseAmong } from '../../electron/import/sheetChoice';
import type { OpenWorkspace } from '../../electron/workspace/workspaceFile';
import type { ImportReport } from '../../shared/import/importSchemas';
import type { ImportKindId } from '../../shared/domain/importKinds';
import { writeAgencyListShapes, ACCENTED_NAMES, type AgencyListShapes } from '../fixtures/agencyListShapes';
import { makeTempWorkspace } from '../support/tempWorkspace';

const ACTOR = 'test-analyst';

interface Temp {
  workspace: OpenWorkspace;
  cleanup(): void;
}

function scalar(workspace: OpenWorkspace, sql: string, ...params: unknown[]): number {
  return workspace.db.prepare(sql).pluck().get(...params) as number;
}

function tableCounts(workspace: OpenWorkspace): Record<string, number> {
  const tables = ['people', 'arrests', 'imports', 'person_flags', 'rejected_rows', 'link_reviews', 'header_mappings'];
  return Object.fromEntries(tables.map((t) => [t, scalar(workspace, `SELECT COUNT(*) FROM ${t}`)]));
}

function expectBalanced(report: ImportReport): void {
  expect(report.rowsImported + report.rowsRejected + report.rowsSkipped + report.rowsUnmatched).toBe(report.rowsRead);
  expect(report.messages[0]).toBe(
    `${report.rowsRead} rows read = ${report.rowsImported} imported + ${report.rowsRejected} rejected + ${report.rowsSkipped} skipped + ${report.rowsUnmatched} unmatched.`,
  );
}

describe('lists shaped as agencies send them', () => {
  let shapes: AgencyListShapes;
  const temps: Temp[] = [];
  const fresh = (): OpenWorkspace => {
    const temp = makeTempWorkspace();
    temps.push(temp);
    return temp.workspace;
  };
  const run = (workspace: OpenWorkspace, path: string, kind: ImportKindId, extra: { sheet?: string } = {}) => importFile(workspace, { path, kind, ...extra }, { actor: ACTOR });
  const totalArrests = () => shapes.people.reduce((sum, p) => sum + p.arrests.length, 0);

  beforeAll(() => {
    const temp = makeTempWorkspace();
    temps.push(temp);
    shapes = writeAgencyListShapes(temp.temp.path('shapes'));
  });
  afterAll(() => {
    for (const temp of temps) temp.cleanup();
  });

  describe('sheet choice', () => {
    it('reads the list from the second sheet when the first is blank, and says so', async () => {
      const workspace = fresh();
      const preview = await previewImport(workspace, { path: shapes.blankFirstSheet, kind: 'candidates' });
      expect(preview.sheet).toBe('Caseload');
      expect(preview.headerRow).toBe(3);
      expect(preview.warnings).toContain('Sheet "Caseload" was read: it is the only sheet with a recognised header row (the workbook\'s other sheets: "Sheet1" (blank)).');
      const report = await run(workspace, shapes.blankFirstSheet, 'candidates');
      expect(report).toMatchObject({ status: 'imported', sheet: 'Caseload', rowsRead: shapes.people.length, rowsImported: shapes.people.length, arrestsAdded: totalArrests() });
      expectBalanced(report);
    });

    it('refuses to guess between two sheets that both hold a list, naming them and how to pick', async () => {
      const workspace = fresh();
      const before = tableCounts(workspace);
      await expect(run(workspace, shapes.twoListSheets, 'candidates')).rejects.toMatchObject({
        code: 'bad_file',
        message: 'Sheets "October" and "November" both hold a list with a recognised header: choose one (--sheet "NAME" on the command line, the Sheet choice in the app).',
      });
      expect(tableCounts(workspace)).toEqual(before);
      // The wizard shows the first with the same line and the choice of sheet.
      const preview = await previewImport(workspace, { path: shapes.twoListSheets, kind: 'candidates' });
      expect(preview.sheet).toBe('October');
      expect(preview.warnings[0]).toMatch(/^Sheets "October" and "November" both hold a list/);
      const november = await run(workspace, shapes.twoListSheets, 'candidates', { sheet: 'November' });
      expect(november).toMatchObject({ sheet: 'November', rowsRead: 5, rowsImported: 5 });
    });

    it('chooses among sheets by the rules: the recognised one, else the only one with data, else the analyst', () => {
      const sheet = (name: string, hasData: boolean, headerFound: boolean) => ({ name, hasData, headerFound });
      expect(chooseAmong([sheet('Only', true, true)])).toEqual({ sheet: undefined, note: null, problem: null });
      expect(chooseAmong([sheet('Cover', true, false), sheet('List', true, true)])).toMatchObject({ sheet: 'List', problem: null });
      expect(chooseAmong([sheet('Sheet1', false, false), sheet('Data', true, false)])).toMatchObject({ sheet: 'Data', problem: null, note: expect.stringMatching(/only sheet with data/) as unknown as string });
      expect(chooseAmong([sheet('A', true, false), sheet('B', true, false)]).problem).toMatch(/^No sheet has a header row that was recognised \(sheets with data: "A" and "B"\): choose one/);
      expect(chooseAmong([sheet('A', false, false), sheet('B', false, false)]).problem).toMatch(/^Every sheet of the workbook \("A" and "B"\) is blank/);
      expect(chooseAmong([sheet('A', true, true), sheet('B', true, true), sheet('C', true, true)]).problem).toMatch(/^Sheets "A", "B" and "C" all hold a list/);
    });
  });

  describe('columns recognised by what they hold', () => {
    it('imports the arrests of an "Offence history" column of `05-Nov-12: Burglary (dwelling)` lines', async () => {
      const workspace = fresh();
      const preview = await previewImport(workspace, { path: shapes.offenceHistory, kind: 'candidates' });
      expect(preview.columns.find((c) => c.header === 'Offence history')).toMatchObject({ field: 'arrestDetails', holds: 'arrestDetails' });
      const report = await run(workspace, shapes.offenceHistory, 'candidates');
      expect(report.arrestsAdded).toBe(totalArrests());
      expect(report.unmappedColumns).toEqual([]);
      const first = shapes.people[0]!;
      const stored = workspace.db.prepare('SELECT a.arrest_date AS date, a.offence FROM arrest_details a JOIN people p ON p.id = a.person_id WHERE p.pnc = ? ORDER BY a.arrest_date DESC, a.row_number').all(first.pnc.long) as Array<{ date: string; offence: string }>;
      expect(stored).toEqual(first.arrests.map((a) => ({ date: a.date, offence: a.offence })));
      expectBalanced(report);
    });

    it('reads a merged two-row header: PNC and date of birth merged down, Name and Flags across', async () => {
      const workspace = fresh();
      const preview = await previewImport(workspace, { path: shapes.mergedTwoRowHeader, kind: 'candidates' });
      expect(preview.headerRow).toBe(2);
      expect(preview.warnings).toContain('The headings of columns A, D were taken from row 1, above the header row (a heading merged over two rows).');
      const report = await run(workspace, shapes.mergedTwoRowHeader, 'candidates');
      expect(report).toMatchObject({ rowsRead: shapes.people.length, rowsImported: shapes.people.length, rowsRejected: 0, unmappedColumns: [] });
      expect(scalar(workspace, 'SELECT COUNT(*) FROM people WHERE pnc IS NOT NULL AND dob IS NOT NULL')).toBe(shapes.people.length);
      const flagged = shapes.people.filter((p) => p.flags.dtoa).length;
      expect(scalar(workspace, "SELECT COUNT(*) FROM person_flags WHERE flag = 'dtoa' AND active = 1")).toBe(flagged);
    });

    it('splits "SURNAME, Forename" in one column', async () => {
      const workspace = fresh();
      const report = await run(workspace, shapes.surnameForenameColumn, 'candidates');
      expect(report.rowsImported).toBe(shapes.people.length);
      const first = shapes.people[0]!;
      expect(workspace.db.prepare('SELECT surname, forenames FROM people WHERE pnc = ?').get(first.pnc.long)).toEqual({ surname: first.surname.toUpperCase(), forenames: first.forenames });
    });

    it.each([
      ['a workbook of number cells', 'serialDatesXlsx'],
      ['a CSV of five-digit text', 'serialDatesCsv'],
    ] as const)('reads dates of birth given as Excel serial numbers in %s', async (_label, file) => {
      const workspace = fresh();
      const report = await run(workspace, shapes[file], 'candidates');
      expect(report).toMatchObject({ rowsImported: shapes.people.length, rowsRejected: 0 });
      expect(report.issues).toEqual([]);
      const dobs = workspace.db.prepare('SELECT pnc, dob FROM people').all() as Array<{ pnc: string; dob: string }>;
      expect(new Set(dobs.map((d) => `${d.pnc}|${d.dob}`))).toEqual(new Set(shapes.people.map((p) => `${p.pnc.long}|${p.dob}`)));
    });

    it('takes a column of valid PNCs as the PNC under a header nothing recognises ("Nominal ID")', async () => {
      const workspace = fresh();
      const preview = await previewImport(workspace, { path: shapes.pncUnderOtherHeader, kind: 'candidates' });
      expect(preview.columns.find((c) => c.header === 'Nominal ID')).toMatchObject({ field: 'pnc', holds: 'pnc' });
      await run(workspace, shapes.pncUnderOtherHeader, 'candidates');
      expect(scalar(workspace, 'SELECT COUNT(*) FROM people WHERE pnc IS NOT NULL')).toBe(shapes.people.length);
    });

    it.each([
      ['short', 'arrestsShortPnc'],
      ['long', 'arrestsLongPnc'],
    ] as const)('links an arrests extract with %s-form PNCs to the same people', async (_form, file) => {
      const workspace = fresh();
      await run(workspace, shapes.offenceHistory, 'candidates');
      const report = await run(workspace, shapes[file], 'arrests');
      expect(report).toMatchObject({ rowsRead: totalArrests(), rowsLinked: totalArrests(), peopleCreated: 0 });
      expectBalanced(report);
    });

    it('imports a semicolon-separated Windows-1252 gangs matrix with accented names and dotted dates, naming the columns it leaves', async () => {
      const workspace = fresh();
      await run(workspace, shapes.offenceHistory, 'candidates');
      const report = await run(workspace, shapes.gangsMatrix, 'list:gangHigh');
      // Linked by PNC; the accented spellings are kept as the matrix wrote them, beside the long list's.
      expect(report).toMatchObject({ rowsRead: 12, rowsImported: 12, rowsLinked: 12, flagsSet: 12, rowsRejected: 0 });
      expect(report.issues).toEqual([]);
      expect(report.unmappedColumns.map((c) => c.header)).toEqual(['Harm band', 'Matrix score', 'Gang name']);
      expect(report.messages).toContain('3 columns were not imported: "Harm band" (E), "Matrix score" (F), "Gang name" (G).');
      // Read as a long list into an empty workspace, the matrix's own spellings and dates are kept exactly.
      const asList = fresh();
      await run(asList, shapes.gangsMatrix, 'candidates');
      ACCENTED_NAMES.forEach((name, i) => {
        const person = shapes.people[i]!;
        expect(asList.db.prepare('SELECT surname, forenames, dob FROM people WHERE pnc = ?').get(person.pnc.long)).toEqual({ surname: name.surname, forenames: name.forenames, dob: person.dob });
      });
      const fresher = fresh();
      const alone = await run(fresher, shapes.gangsMatrix, 'list:gangHigh');
      expect(alone).toMatchObject({ rowsRead: 12, rowsUnmatched: 12 });
      expectBalanced(alone);
    });

    it('names every column it did not import, and warns about those that hold arrests, dates, PNCs or flags', async () => {
      const workspace = fresh();
      const report = await run(workspace, shapes.unrecognisedColumns, 'candidates');
      expect(report.unmappedColumns).toEqual([
        { column: 5, header: 'Old number', field: null, holds: 'pnc' },
        { column: 6, header: 'Seen on', field: null, holds: 'date' },
        { column: 7, header: 'Matrix', field: null, holds: 'flag' },
        { column: 8, header: 'Keyworker', field: null, holds: null },
      ]);
      expect(report.messages).toContain('4 columns were not imported: "Old number" (F), "Seen on" (G), "Matrix" (H), "Keyworker" (I).');
      const warnings = report.messages.filter((m) => m.startsWith('Warning: '));
      expect(warnings.map((w) => w.slice(0, w.indexOf(' but ')))).toEqual([
        'Warning: "Old number" (F) holds PNCs',
        'Warning: "Seen on" (G) holds dates',
        'Warning: "Matrix" (H) holds yes/no marks (a flag)',
      ]);
      // The "Previous" column's offence lines, under a header nothing recognises, became arrests.
      expect(report.arrestsAdded).toBe(totalArrests());
    });
  });

  describe('bad files stop at the first step with one sentence, and nothing is written', () => {
    const cases = [
      ['prose in a .txt', 'proseTxt', /^This file holds prose, not a list: its lines read as sentences and none looks like a row of column headings, so there is nothing to import\.$/],
      ['an image renamed .xlsx', 'imageAsXlsx', /^This file is an image, not a spreadsheet, whatever its name says \(\d+ bytes\)\. Choose the \.xls, \.xlsx or \.csv file the agency sent\.$/],
      ['a list with no person column', 'noPersonColumn', /^No column of this list identifies a person \(a PNC, a name or a date of birth\): its columns are "Borough" \(A\), "Month" \(B\), "Offence" \(C\), "Arrests" \(D\); check that it is the list the agency meant to send\.$/],
    ] as const;

    it.each(cases)('%s', async (_label, file, message) => {
      const workspace = fresh();
      const before = tableCounts(workspace);
      await expect(previewImport(workspace, { path: shapes[file] })).rejects.toMatchObject({ code: 'bad_file', message: expect.stringMatching(message) as unknown as string });
      await expect(run(workspace, shapes[file], 'candidates')).rejects.toMatchObject({ code: 'bad_file', message: expect.stringMatching(message) as unknown as string });
      expect(tableCounts(workspace)).toEqual(before);
    });
  });
});
