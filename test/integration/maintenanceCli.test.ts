import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { closeWorkspace, openWorkspaceFile } from '../../electron/workspace/workspaceFile';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';
import { runCli } from '../support/runCli';
import { makePurgeTarget, writePurgeFixtureFiles, type PurgeFixtureFiles, type PurgeTarget } from '../support/purgeFixture';
import { decryptWorkspacePages, textsFoundIn } from '../support/sqlcipherPages';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * purge, retention, backup and restore as a user runs them, on one workspace built by the CLI's own
 * imports. Every run gets a private TMPDIR (SQLite reads it too), so what the app leaves in the
 * temporary folder can be seen.
 */
describe('iom-cohort purge, retention, backup, restore', () => {
  let temp: TempDir;
  let tmp: string;
  let target: PurgeTarget;
  let files: PurgeFixtureFiles;
  let workspace: string;
  const cli = (args: string[], passphrase: string | undefined = TEST_PASSPHRASE) => runCli(args, { IOM_PASSPHRASE: passphrase, TMPDIR: tmp });
  const oneLineError = (run: { status: number | null; stderr: string; stdout: string }) => {
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^iom-cohort: /);
  };

  beforeAll(() => {
    temp = makeTempDir('iom-maint-cli-');
    tmp = temp.path('private-tmp');
    mkdirSync(tmp);
    const sources = temp.path('sources');
    mkdirSync(sources);
    target = makePurgeTarget();
    files = writePurgeFixtureFiles(sources, target);
    workspace = temp.path('cli.iomdb');
    expect(cli(['init', workspace, '--name', 'CLI maintenance']).status).toBe(0);
    for (const [file, kind] of [[files.candidates, 'candidates'], [files.arrests, 'arrests'], [files.dtoa, 'list:dtoa']] as const) {
      const run = cli(['import', workspace, file, '--kind', kind, '--json']);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    }
  });
  afterAll(() => temp?.remove());

  function targetId(): number | undefined {
    const ws = openWorkspaceFile(workspace, TEST_PASSPHRASE);
    try {
      return ws.db.prepare('SELECT id FROM people WHERE surname = ?').pluck().get(target.surname) as number | undefined;
    } finally {
      closeWorkspace(ws);
    }
  }

  it('imports leave nothing in the temporary folder', () => {
    expect(filesUnder(tmp)).toEqual([]);
  });

  it('purge needs --yes without a terminal, then erases the person from the file and says backups still hold them', () => {
    const id = targetId();
    expect(id).toBeTypeOf('number');
    const refused = cli(['purge', workspace, '--person', String(id)]);
    oneLineError(refused);
    expect(refused.stderr).toMatch(/without --yes/);
    expect(targetId()).toBe(id);

    oneLineError(cli(['purge', workspace, '--person', 'abc', '--yes']));
    oneLineError(cli(['purge', workspace, '--person', '999999', '--yes']));
    oneLineError(cli(['purge', workspace, '--person', String(id), '--yes'], 'not the passphrase'));

    const run = cli(['purge', workspace, '--person', String(id), '--yes']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Purged person ${id}\\. Rows removed: .*arrests 5.*people 1`));
    expect(run.stdout).toMatch(/File compacted/);
    expect(run.stdout).toMatch(/Backups made before now still hold this person/);
    expect(textsFoundIn(Buffer.from(run.stdout), target.secrets)).toEqual([]);
    expect(targetId()).toBeUndefined();
    const pages = decryptWorkspacePages(workspace, TEST_PASSPHRASE);
    expect(textsFoundIn(Buffer.concat([pages.file, pages.wal]), target.secrets)).toEqual([]);
  });

  it('retention reports the rules and counts (off by default)', () => {
    const run = cli(['retention', workspace, '--json']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ policy: { notAcceptedAfterPanelDays: null, neverShortlistedAfterImportDays: null }, due: { total: 0 } });
    const text = cli(['retention', workspace]);
    expect(text.stdout).toMatch(/0 of \d+ people due/);
  });

  it('backup writes an encrypted copy once, and replaces it only with --force', () => {
    const out = temp.path('backup.iomdb');
    const run = cli(['backup', workspace, out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Backed up to .*backup\.iomdb \(.*, \d+ people, \d+ audit entries\)/);
    expect(readFileSync(out).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    const before = readFileSync(out);
    const again = cli(['backup', workspace, out]);
    oneLineError(again);
    expect(again.stderr).toMatch(/already exists/);
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(cli(['backup', workspace, out, '--force']).status).toBe(0);
    oneLineError(cli(['backup', workspace]));
  });

  it('restore checks the passphrase before writing anything, and never replaces without --force', () => {
    const backup = temp.path('backup.iomdb');
    const restored = temp.path('restored.iomdb');
    const wrong = cli(['restore', backup, restored], 'not the passphrase');
    oneLineError(wrong);
    expect(existsSync(restored)).toBe(false);
    const run = cli(['restore', backup, restored]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Restored CLI maintenance to .*restored\.iomdb \(schema \d+, \d+ people\)/);
    const summary = JSON.parse(cli(['summary', restored, '--json']).stdout) as { people: number };
    expect(summary.people).toBe(JSON.parse(cli(['summary', workspace, '--json']).stdout).people);
    const before = readFileSync(restored);
    oneLineError(cli(['restore', backup, restored]));
    expect(readFileSync(restored).equals(before)).toBe(true);
    expect(cli(['restore', backup, restored, '--force']).status).toBe(0);
    expect(readdirSync(temp.dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('leaves nothing naming the person in the temporary folder after all of it', () => {
    for (const file of filesUnder(tmp)) expect(textsFoundIn(readFileSync(file), target.secrets), file).toEqual([]);
    expect(filesUnder(tmp)).toEqual([]);
  });
});
