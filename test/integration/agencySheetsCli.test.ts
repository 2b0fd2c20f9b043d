import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';
import { runCli } from '../support/runCli';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';

/** `iom-cohort export <workspace> --agency-sheets DIR` on the synthetic seed-shaped workspace. */
describe('iom-cohort export --agency-sheets', () => {
  let temp: TempDir;
  let workspace: string;
  const env = { IOM_PASSPHRASE: TEST_PASSPHRASE };
  beforeAll(() => {
    temp = makeTempDir('iom-agency-cli-');
    workspace = temp.path('demo.iomdb');
    const demo = runCli(['demo', workspace], env);
    expect(demo.status, demo.stderr).toBe(0);
  }, 120_000);
  afterAll(() => temp?.remove());

  it('refuses before a shortlist is proposed, with one line and a non-zero exit', () => {
    const run = runCli(['export', workspace, '--agency-sheets', temp.path('early')], env);
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual(['iom-cohort: No shortlist has been proposed yet: run the selection rules first, then export the agency sheets.']);
    expect(existsSync(temp.path('early'))).toBe(false);
  });

  it('writes one marked sheet per agency into a new folder, and refuses to overwrite without --force', () => {
    writeFileSync(temp.path('rules.json'), JSON.stringify(DEFAULT_SELECTION_RULE_SET));
    const shortlist = runCli(['shortlist', workspace, '--rules', temp.path('rules.json'), '--json'], env);
    expect(shortlist.status, shortlist.stderr).toBe(0);
    const included = (JSON.parse(shortlist.stdout) as { summary: { counts: { included: number } } }).summary.counts.included;

    const dir = temp.path('sheets');
    const run = runCli(['export', workspace, '--agency-sheets', dir], env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(`Wrote 4 agency pre-review sheets to ${dir}:`);
    expect((statSync(dir).mode & 0o777).toString(8)).toBe('700');
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(4);
    for (const [file, agency] of files.map((f) => [f, /^OFFICIAL-SENSITIVE IOM pre-review (\w+) \d{4}-\d{2}-\d{2}\.xlsx$/.exec(f)?.[1]] as const)) {
      expect(['Police', 'Probation', 'YOS', 'Council']).toContain(agency);
      const wb = XLSX.read(readFileSync(`${dir}/${file}`), { type: 'buffer' });
      const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Pre-review']!, { header: 1, defval: null, blankrows: true });
      expect(rows[0]![0]).toBe('OFFICIAL-SENSITIVE');
      expect(rows[1]![0]).toBe(`IOM cohort expansion: pre-review sheet for ${agency}`);
      expect(rows[7]![0]).toBe('Ref');
      expect(rows[7]!.at(-1)).toBe('Comments');
      expect(rows.slice(8).filter((r) => /^[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(String(r[0])))).toHaveLength(included);
      if (agency === 'YOS') expect(rows[7]).toEqual(['Ref', 'Surname', 'Forename(s)', 'Date of birth', 'PNC', 'YOS referral', 'Comments']);
    }
    const before = files.map((f) => readFileSync(`${dir}/${f}`));

    const again = runCli(['export', workspace, '--agency-sheets', dir], env);
    expect(again.status).toBe(73);
    expect(again.stderr).toMatch(/^iom-cohort: OFFICIAL-SENSITIVE IOM pre-review \w+ \d{4}-\d{2}-\d{2}\.xlsx already exists in that folder; nothing was written \(add --force to replace\)\.\n$/);
    expect(readdirSync(dir).sort()).toEqual(files);
    files.forEach((f, i) => expect(readFileSync(`${dir}/${f}`).equals(before[i]!)).toBe(true));

    const forced = runCli(['export', workspace, '--agency-sheets', dir, '--force', '--marking', 'RESTRICTED'], env);
    expect(forced.status, forced.stderr).toBe(0);
    const restricted = readdirSync(dir).filter((f) => f.startsWith('RESTRICTED '));
    expect(restricted).toHaveLength(4);
    // No half-written temporary file is left behind.
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('imports a returned sheet with agency-return, and a second time changes nothing', () => {
    const dir = temp.path('sheets');
    const police = readdirSync(dir).find((f) => f.startsWith('RESTRICTED IOM pre-review Police'))!;
    const wb = XLSX.read(readFileSync(`${dir}/${police}`), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Pre-review']!, { header: 1, defval: null, blankrows: true });
    const comments = rows[7]!.indexOf('Comments');
    rows[8]![comments] = 'Moved out of the borough';
    rows[9]![comments] = 'Tactical concern: DV';
    rows.splice(10, 1);
    wb.Sheets['Pre-review'] = XLSX.utils.aoa_to_sheet(rows);
    const returned = temp.path('police-returned.xlsx');
    writeFileSync(returned, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

    const run = runCli(['agency-return', workspace, returned, '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'imported', agency: { id: 'police' }, commentsAttached: 2, rowsMissing: 1, rowsEdited: 0 });
    const again = runCli(['agency-return', workspace, returned], env);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^police-returned\.xlsx: already imported\n  This file was already imported on \d{2}\/\d{2}\/\d{4} as the Police return: nothing changed\.\n$/);
    // A newer return replaces Police's comments only with --replace; without it nothing changes (issue 17.3).
    rows[8]![comments] = null;
    rows[9]![comments] = 'Tactical concern: DV, MARAC case';
    wb.Sheets['Pre-review'] = XLSX.utils.aoa_to_sheet(rows);
    const newer = temp.path('police-returned-2.xlsx');
    writeFileSync(newer, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const asked = runCli(['agency-return', workspace, newer], env);
    expect(asked.status).toBe(1);
    expect(asked.stdout).toContain("Importing it replaces the 2 comments from Police's earlier return: 1 person loses their Police comment and 1 has theirs changed. Nothing has changed yet");
    expect(asked.stderr.trim()).toBe("iom-cohort: Nothing was imported: this return would replace Police's current comments. Run again with --replace to replace them.");
    const replaced = runCli(['agency-return', workspace, newer, '--replace', '--json'], env);
    expect(replaced.status, replaced.stderr).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ status: 'imported', commentsAttached: 1, commentsReplaced: 2 });

    const stray = runCli(['agency-return', workspace, temp.path('rules.json')], env);
    expect(stray.status).toBe(2);
    expect(stray.stderr).toMatch(/^iom-cohort: This file is not an agency pre-review sheet from the workbench/);
  });

  it('explains a file given where a folder is expected', () => {
    const file = temp.path('not-a-folder');
    writeFileSync(file, 'x');
    const run = runCli(['export', workspace, '--agency-sheets', file], env);
    expect(run.status).toBe(64);
    expect(run.stderr).toContain('that is a file, not a folder');
  });
});
