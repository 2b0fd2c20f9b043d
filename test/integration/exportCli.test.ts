/**
 * `iom-cohort export <workspace> --shortlist out.xlsx|out.csv`, run as a user would: the file read
 * back with SheetJS, no file ever replaced without --force, bad options refused in one line before
 * the passphrase is even needed, and each export in the audit trail.
 */
import * as XLSX from 'xlsx';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeWorkspace, createWorkspaceFile, openWorkspaceFile } from '../../electron/workspace/workspaceFile';
import { verifyAuditChain } from '../../electron/workspace/auditLog';
import { FORMULA_LIKE_SURNAMES, fillExportWorkspace } from '../support/exportWorkspace';
import { ensureNodeBuild } from '../support/nodeBuild';
import { runCli } from '../support/runCli';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

let temp: TempDir;
let workspacePath: string;
const env = () => ({ IOM_PASSPHRASE: TEST_PASSPHRASE });

beforeAll(() => {
  ensureNodeBuild();
  temp = makeTempDir('iom-export-cli-');
  workspacePath = temp.path('w.iomdb');
  const workspace = createWorkspaceFile(workspacePath, 'CLI export', TEST_PASSPHRASE, TEST_PASSPHRASE);
  try {
    fillExportWorkspace(workspace, 25);
  } finally {
    closeWorkspace(workspace);
  }
}, 120_000);
afterAll(() => temp?.remove());

function exportAudits(): Array<Record<string, unknown>> {
  const workspace = openWorkspaceFile(workspacePath, TEST_PASSPHRASE);
  try {
    expect(verifyAuditChain(workspace.db).ok).toBe(true);
    return (workspace.db.prepare("SELECT detail FROM audit_log WHERE action = 'export.shortlist' ORDER BY id").pluck().all() as string[]).map((d) => JSON.parse(d) as Record<string, unknown>);
  } finally {
    closeWorkspace(workspace);
  }
}

describe('iom-cohort export --shortlist', () => {
  it('writes a marked .xlsx with the default columns, then refuses to replace it without --force', () => {
    const out = temp.path('out.xlsx');
    const run = runCli(['export', workspacePath, '--shortlist', out], env());
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`Wrote ${out}: Proposed shortlist: 25 people proposed by the selection rules, not yet decided by a panel; 11 columns, xlsx.`);
    // The name the user chose is kept; they are told it lacks the marking.
    expect(run.stderr).toMatch(/^note: the file name does not start with the marking OFFICIAL-SENSITIVE; the app would name it "OFFICIAL-SENSITIVE IOM proposed shortlist \d{4}-\d\d-\d\d\.xlsx"\.\n$/);

    const book = XLSX.read(readFileSync(out), { type: 'buffer', cellFormula: true });
    const sheet = book.Sheets.Shortlist!;
    expect(sheet.A1?.v).toBe('OFFICIAL-SENSITIVE');
    const header = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, range: 3 })[0];
    expect(header).toEqual(['Position', 'Surname', 'Forenames', 'Date of birth', 'PNC', 'Borough', 'Flags', 'Arrests in window', 'Statutory', 'Selection reason', 'Panel decision']);
    const hyperlink = Object.values(sheet).find((c) => (c as XLSX.CellObject).v === FORMULA_LIKE_SURNAMES[0]) as XLSX.CellObject;
    expect(hyperlink).toMatchObject({ t: 's' });
    expect(hyperlink.f).toBeUndefined();

    const before = readFileSync(out);
    const again = runCli(['export', workspacePath, '--shortlist', out], env());
    expect(again.status).not.toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe('iom-cohort: out.xlsx already exists; nothing was written (add --force to replace it).\n');
    expect(readFileSync(out).equals(before)).toBe(true);

    const forced = runCli(['export', workspacePath, '--shortlist', out, '--force', '--columns', 'surname'], env());
    expect(forced.status, forced.stderr).toBe(0);
    expect(XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(readFileSync(out)).Sheets.Shortlist!, { header: 1, range: 3 })[0]).toEqual(['Surname']);
    expect(readdirSync(temp.dir).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });

  it('writes .csv by extension with the --marking and --columns given, formula starts neutralised', () => {
    const out = temp.path('RESTRICTED shortlist.csv');
    const run = runCli(['export', workspacePath, '--shortlist', out, '--marking', 'RESTRICTED', '--columns', 'pnc,surname'], env());
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(lines[0]).toBe('\uFEFFRESTRICTED');
    expect(lines[1]).toBe('Surname,PNC');
    expect(lines).toHaveLength(2 + 25 + 1);
    expect(lines.some((l) => l.startsWith('"\'=HYPERLINK('))).toBe(true);
    expect(lines.slice(2).filter((l) => /^[=+\-@\t\r]/.test(l))).toEqual([]);
  });

  it('refuses bad options in one line, asking for no passphrase and writing nothing', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--shortlist', temp.path('out.pdf')], /^iom-cohort: --shortlist out\.pdf: the file name must end in \.xlsx or \.csv\.$/],
      [['--shortlist', temp.path('x.csv'), '--columns', 'surname,shoeSize'], /^iom-cohort: --columns: Unknown column "shoeSize"\./],
      [['--shortlist', temp.path('x.csv'), '--marking', 'A/B'], /^iom-cohort: --marking: letters, digits, spaces and - only/],
      [[], /^iom-cohort: Say what to export: --shortlist out\.xlsx\|out\.csv\b/],
      [['--shortlist', temp.path('x.csv'), '--colour', 'red'], /^iom-cohort: Unknown option '--colour'/],
    ];
    for (const [args, message] of cases) {
      // No IOM_PASSPHRASE and no terminal: reaching the prompt would fail differently.
      const run = runCli(['export', workspacePath, ...args]);
      expect(run.status, args.join(' ')).toBe(64);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr.trim(), args.join(' ')).toMatch(message);
    }
    expect(existsSync(temp.path('x.csv'))).toBe(false);
  });

  it('writes nothing with a wrong passphrase', () => {
    const out = temp.path('never.xlsx');
    const run = runCli(['export', workspacePath, '--shortlist', out], { IOM_PASSPHRASE: 'not the passphrase at all' });
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('recorded each export in the audit trail with counts and format only', () => {
    const audits = exportAudits();
    expect(audits.map((a) => [a.format, a.people, a.columns, a.via])).toEqual([
      ['xlsx', 25, 11, 'cli'],
      ['xlsx', 25, 1, 'cli'],
      ['csv', 25, 2, 'cli'],
    ]);
  });

  it('lists the export command in --help', () => {
    const help = runCli(['--help']);
    expect(help.stdout).toContain('export <workspace> --shortlist out.xlsx|out.csv [--marking TEXT] [--columns a,b,c] [--proposed] [--force]');
  });
});

// A file already there before the first export is never touched either.
it('leaves a pre-existing file alone even when the check races the write', () => {
  const out = temp.path('race.csv');
  writeFileSync(out, 'keep me');
  const run = runCli(['export', workspacePath, '--shortlist', out], env());
  expect(run.status).toBe(73);
  expect(readFileSync(out, 'utf8')).toBe('keep me');
});
