/**
 * `iom-cohort import` as a user runs it on lists from other agencies: `--map` and `--mapping`, the
 * mapping remembered for a source used by the CLI and the app alike, the row account and the
 * left-out columns in the text and in `--json`, and bad files refused in one line.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWorkspace, createWorkspaceFile, openWorkspaceFile } from '../../electron/workspace/workspaceFile';
import { importFile } from '../../electron/import/importEngine';
import { previewImport } from '../../electron/import/previewImport';
import type { ImportReport } from '../../shared/import/importSchemas';
import { formatDmy } from '../../shared/workspace/syntheticCohort';
import { writeAgencyListShapes, type AgencyListShapes } from '../fixtures/agencyListShapes';
import { ensureNodeBuild } from '../support/nodeBuild';
import { runCli } from '../support/runCli';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

let temp: TempDir;
let shapes: AgencyListShapes;
const env = () => ({ IOM_PASSPHRASE: TEST_PASSPHRASE });
let counter = 0;

function newWorkspace(): string {
  const path = temp.path(`w${++counter}.iomdb`);
  closeWorkspace(createWorkspaceFile(path, 'CLI mapping', TEST_PASSPHRASE, TEST_PASSPHRASE));
  return path;
}

function query<T>(path: string, sql: string, ...params: unknown[]): T[] {
  const workspace = openWorkspaceFile(path, TEST_PASSPHRASE);
  try {
    return workspace.db.prepare(sql).all(...params) as T[];
  } finally {
    closeWorkspace(workspace);
  }
}

/** A DTOA-style list whose columns no wording recognises; `rows` picks the people. */
function writeKeyworkerList(name: string, from: number, to: number): string {
  const path = temp.path(name);
  const lines = ['Surname,Forenames,DOB,PNC,Seen on,Matrix,Keyworker'];
  shapes.people.slice(from, to).forEach((p, i) => lines.push([p.surname, p.forenames, formatDmy(p.dob), p.pnc.short, formatDmy(p.addressDate), i % 2 ? 'Y' : 'N', `Officer ${i}`].join(',')));
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

beforeAll(() => {
  ensureNodeBuild();
  temp = makeTempDir('iom-import-cli-');
  shapes = writeAgencyListShapes(temp.path('shapes'), 30);
}, 180_000);
afterAll(() => temp?.remove());

describe('iom-cohort import on agency lists', () => {
  it('prints where every row went, and names and warns about the columns it did not import', () => {
    const workspace = newWorkspace();
    const run = runCli(['import', workspace, shapes.unrecognisedColumns, '--kind', 'candidates'], env());
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.split('\n').map((l) => l.trim());
    expect(lines).toContain('30 rows read = 30 imported + 0 rejected + 0 skipped + 0 unmatched.');
    expect(lines).toContain('Imported 30: written to the workspace: 0 linked to people already there, 30 people added.');
    expect(lines).toContain('4 columns were not imported: "Old number" (F), "Seen on" (G), "Matrix" (H), "Keyworker" (I).');
    expect(lines.filter((l) => l.startsWith('Warning: ')).map((l) => l.slice(0, l.indexOf(' holds ')))).toEqual(['Warning: "Old number" (F)', 'Warning: "Seen on" (G)', 'Warning: "Matrix" (H)']);

    const json = runCli(['import', workspace, shapes.offenceHistory, '--kind', 'candidates', '--json'], env());
    expect(json.status, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as ImportReport;
    expect(report.rowsImported + report.rowsRejected + report.rowsSkipped + report.rowsUnmatched).toBe(report.rowsRead);
    expect(report.unmappedColumns).toEqual([]);
    expect(report.arrestsAdded).toBe(0); // the same arrests came with the first list's "Previous" column
  });

  it('takes --map and --mapping, and remembers the result for the next file with the same headers', () => {
    const workspace = newWorkspace();
    expect(runCli(['import', workspace, shapes.offenceHistory, '--kind', 'candidates'], env()).status).toBe(0);
    const mappingFile = temp.path('mapping.json');
    writeFileSync(mappingFile, JSON.stringify({ Matrix: 'flag_dtoa', Keyworker: 'ignore' }));
    const first = writeKeyworkerList('keyworkers-oct.csv', 0, 10);
    const run = runCli(['import', workspace, first, '--kind', 'list:asb', '--mapping', mappingFile, '--map', 'Seen on=addressDate', '--json'], env());
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as ImportReport;
    // An ASB list does not take the address date: named, not silently dropped.
    expect(report.unmappedColumns).toEqual([
      { column: 4, header: 'Seen on', field: 'addressDate', holds: 'date' },
      { column: 6, header: 'Keyworker', field: null, holds: null },
    ]);
    const dtoa = () => query<{ pnc: string }>(workspace, "SELECT p.pnc FROM person_flags f JOIN people p ON p.id = f.person_id WHERE f.flag = 'dtoa'").map((r) => r.pnc).sort();
    const expected = (from: number, to: number) => shapes.people.slice(from, to).filter((_, i) => i % 2 === 1).map((p) => p.pnc.long);
    expect(dtoa()).toEqual(expected(0, 10).sort());

    // Next month's file, same headers: no --map needed on the command line…
    const second = writeKeyworkerList('keyworkers-nov.csv', 10, 20);
    expect(runCli(['import', workspace, second, '--kind', 'list:asb'], env()).status).toBe(0);
    expect(dtoa()).toEqual([...expected(0, 10), ...expected(10, 20)].sort());
  });

  it('uses a mapping the app remembered, and the app one the CLI remembered', async () => {
    const workspace = newWorkspace();
    const third = writeKeyworkerList('keyworkers-dec.csv', 0, 10);
    const opened = openWorkspaceFile(workspace, TEST_PASSPHRASE);
    try {
      await importFile(opened, { path: shapes.offenceHistory, kind: 'candidates' }, { actor: 'app-user' });
      // The wizard sends the whole mapping it shows, with Matrix set by the analyst.
      const preview = await previewImport(opened, { path: third, kind: 'list:asb' });
      const mapping = preview.columns.map((c) => ({ column: c.column, field: c.header === 'Matrix' ? ('flag_dtoa' as const) : c.field }));
      await importFile(opened, { path: third, kind: 'list:asb', mapping, rememberMapping: true }, { actor: 'app-user' });
    } finally {
      closeWorkspace(opened);
    }
    const fourth = writeKeyworkerList('keyworkers-jan.csv', 10, 20);
    const run = runCli(['import', workspace, fourth, '--kind', 'list:asb', '--json'], env());
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as ImportReport).unmappedColumns.map((c) => c.header)).toEqual(['Seen on', 'Keyworker']);
    expect(query(workspace, "SELECT COUNT(*) AS n FROM person_flags WHERE flag = 'dtoa'")).toEqual([{ n: 10 }]);

    // And the other way round: what the CLI was told is what the wizard proposes next time.
    const fifth = writeKeyworkerList('keyworkers-feb.csv', 20, 30);
    expect(runCli(['import', workspace, fifth, '--kind', 'list:asb', '--map', 'Matrix=flag_female'], env()).status).toBe(0);
    const reopened = openWorkspaceFile(workspace, TEST_PASSPHRASE);
    try {
      const preview = await previewImport(reopened, { path: writeKeyworkerList('keyworkers-mar.csv', 0, 5), kind: 'list:asb' });
      expect(preview.mappingSource).toBe('remembered');
      expect(preview.columns.find((c) => c.header === 'Matrix')?.field).toBe('flag_female');
    } finally {
      closeWorkspace(reopened);
    }
  });

  it('chooses the sheet, or says in one line which sheets there are and how to pick', () => {
    const workspace = newWorkspace();
    const blank = runCli(['import', workspace, shapes.blankFirstSheet, '--kind', 'candidates'], env());
    expect(blank.status, blank.stderr).toBe(0);
    expect(blank.stdout).toContain('[Caseload]');
    const two = runCli(['import', workspace, shapes.twoListSheets, '--kind', 'candidates'], env());
    expect(two.status).not.toBe(0);
    expect(two.stderr.trim().split('\n')).toEqual(['iom-cohort: Sheets "October" and "November" both hold a list with a recognised header: choose one (--sheet "NAME" on the command line, the Sheet choice in the app).']);
    expect(runCli(['import', workspace, shapes.twoListSheets, '--kind', 'candidates', '--sheet', 'November'], env()).status).toBe(0);
  });

  it('refuses bad files and bad mappings in one line, changing nothing', () => {
    const workspace = newWorkspace();
    const oneLine = (args: string[]) => {
      const run = runCli(['import', workspace, ...args], env());
      expect(run.status).not.toBe(0);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      return lines[0]!;
    };
    expect(oneLine([shapes.proseTxt, '--kind', 'candidates'])).toMatch(/^iom-cohort: This file holds prose, not a list/);
    expect(oneLine([shapes.proseTxt])).toMatch(/^iom-cohort: This file holds prose, not a list/);
    expect(oneLine([shapes.imageAsXlsx])).toMatch(/^iom-cohort: This file is an image, not a spreadsheet/);
    expect(oneLine([shapes.noPersonColumn])).toMatch(/^iom-cohort: No column of this list identifies a person/);
    expect(oneLine([shapes.offenceHistory, '--kind', 'candidates', '--map', 'Offence history=arrests'])).toMatch(/"arrests" is not a field; use one of .*arrestDetails/);
    expect(oneLine([shapes.offenceHistory, '--kind', 'candidates', '--map', 'Offence hist=arrestDetails'])).toMatch(/No column is headed "Offence hist" \(the columns are "Surname", /);
    expect(query(workspace, 'SELECT COUNT(*) AS n FROM imports')).toEqual([{ n: 0 }]);
  });
});
