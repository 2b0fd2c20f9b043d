import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { createWorkspace, IMPORT_TIMEOUT, unlockWorkspace } from './support/workspaceSteps';
import { makePurgeTarget, writePurgeFixtureFiles, type PurgeFixtureFiles, type PurgeTarget } from '../support/purgeFixture';
import { textsFoundIn } from '../support/sqlcipherPages';

/** Files under `dir` changed since `since`, skipping what cannot be read (other users' folders). */
function filesChangedSince(dir: string, since: number, skip: string, depth = 0): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (path === skip) return [];
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) return depth < 4 ? filesChangedSince(path, since, skip, depth + 1) : [];
      return stat.isFile() && stat.mtimeMs >= since && stat.size < 50_000_000 ? [path] : [];
    } catch {
      return [];
    }
  });
}

/**
 * Issue 8's key-handling proof in the browser: a lock from the main side, the call main.ts makes on
 * powerMonitor 'suspend' and 'lock-screen' (`appSession.lock('suspend')`), takes the person's data
 * off the screen; and the data retention, backup and purge screens.
 */
describe('suspend lock, retention, backup and purge in the browser preview', () => {
  const preview = usePreviewApp({ consoleErrors: false });
  let target: PurgeTarget;
  let files: PurgeFixtureFiles;
  let workspacePath: string;

  beforeAll(async () => {
    target = makePurgeTarget();
    const sources = join(preview.app.dir, 'sources');
    mkdirSync(sources);
    files = writePurgeFixtureFiles(sources, target);
  });

  const targetId = () => preview.app.session.workspace!.db.prepare('SELECT id FROM people WHERE surname = ?').pluck().get(target.surname) as number | undefined;
  const secretsOnScreen = async () => textsFoundIn(Buffer.from(await preview.app.page.content()), [...target.secrets, target.forenames]);
  const secretsInStorage = async () =>
    textsFoundIn(Buffer.from(await preview.app.page.evaluate(() => JSON.stringify({ local: { ...window.localStorage }, session: { ...window.sessionStorage } }))), target.secrets);

  async function openPerson(): Promise<void> {
    await preview.app.page.evaluate((id) => {
      window.location.hash = `#/person/${id}`;
    }, targetId()!);
    await expectContainsText(preview.app.page.getByTestId('person-name'), target.surname);
  }

  it('imports a list, leaving nothing that names anyone in the temporary folder', async () => {
    const { page } = preview.app;
    const started = Date.now() - 1_000;
    workspacePath = await createWorkspace(preview.app, 'Suspend test', 'suspend.iomdb');

    await preview.app.nav('Import').click();
    await page.getByLabel('File to import').fill(files.candidates);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByLabel('What kind of list is it?').selectOption('candidates');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Imported' }), IMPORT_TIMEOUT);
    expect(targetId()).toBeTypeOf('number');

    // The source list itself lives in the test's folder (it is the agency's file); anything else
    // written to the temporary folder while importing must not name the person. The name carries
    // a random token, so another test's files cannot match.
    for (const file of filesChangedSince(tmpdir(), started, preview.app.dir)) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue; // Gone already: other tests clean up their own files.
      }
      expect(textsFoundIn(bytes, target.secrets), file).toEqual([]);
    }
  });

  it('a lock from main, as on suspend, drops the person from the page at the next request', async () => {
    const { page } = preview.app;
    // The call made here is the one main.ts makes on the operating system's signals
    // (test/integration/electronMainShell.test.ts emits them at the built main process).
    await openPerson();
    expect(await secretsOnScreen()).not.toEqual([]);

    preview.app.session.lock('suspend');
    expect(preview.app.session.workspace).toBeNull();
    // Without a reload (the browser preview): the next thing the analyst does asks main, is refused
    // as locked, and the app drops every screen's data for the unlock screen.
    await page.getByLabel('Add a note').fill('Following up');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expectVisible(page.getByRole('button', { name: 'Unlock' }));
    await expectContainsText(page.locator('main'), 'computer was suspended or its screen locked');
    expect(await secretsOnScreen()).toEqual([]);
    expect(await secretsInStorage()).toEqual([]);
    await preview.app.screenshot('suspend-1-unlock-after-lock');
    await expectNoSeriousAxeViolations(page, 'Unlock after a lock');
  });

  it('in the desktop app main also reloads the window: the page comes back locked with nothing of the person', async () => {
    const { page } = preview.app;
    await unlockWorkspace(page);
    await openPerson();
    preview.app.session.lock('suspend');
    // What main.ts does next on 'suspend' / 'lock-screen': window.webContents.reload().
    await page.reload();
    await expectVisible(page.getByRole('button', { name: 'Unlock' }));
    expect(await secretsOnScreen()).toEqual([]);
    expect(await secretsInStorage()).toEqual([]);
  });

  it('shows the data retention, backup and delete sections on the Settings page', async () => {
    const { page } = preview.app;
    await unlockWorkspace(page);
    await preview.app.nav('Settings').click();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Data retention' }));
    await page.getByRole('button', { name: 'Data retention' }).click();
    await expectContainsText(page.getByTestId('retention-due'), '0 of 31 people');

    await page.getByLabel('never shortlisted,', { exact: true }).check();
    await page.getByLabel('never shortlisted,: days').fill('400');
    await expectContainsText(page.getByTestId('retention-due'), 'Save the rules');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await expectContainsText(page.locator('#settings-retention'), 'Retention rules saved.');
    await expectContainsText(page.getByTestId('retention-due'), '0 of 31 people');
    await preview.app.screenshot('settings-retention');

    const backupPath = join(preview.app.dir, 'backup.iomdb');
    await page.getByRole('button', { name: 'Backup and restore' }).click();
    await page.getByLabel('Save the backup as').fill(backupPath);
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expectContainsText(page.locator('#settings-backup'), 'Backed up to backup.iomdb');
    expect(existsSync(backupPath)).toBe(true);
    await expectVisible(page.getByTestId('restore-unsupported'));
    await preview.app.screenshot('settings-backup');
    await expectNoSeriousAxeViolations(page, 'Settings, backup');

    // The delete dialog: nothing happens until the workspace name is typed; cancelled here.
    await page.getByRole('button', { name: 'Delete workspace…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this workspace?' });
    await expectVisible(dialog);
    expect(await dialog.getByRole('button', { name: 'Delete workspace', exact: true }).isDisabled()).toBe(true);
    await dialog.getByLabel('Type Suspend test to confirm').fill('Suspend tes');
    expect(await dialog.getByRole('button', { name: 'Delete workspace', exact: true }).isDisabled()).toBe(true);
    await preview.app.screenshot('settings-delete-dialog');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(existsSync(workspacePath)).toBe(true);
  });

  it('purges a person from their page behind a typed confirmation', async () => {
    const { page } = preview.app;
    const id = targetId()!;
    await openPerson();
    await page.getByRole('button', { name: 'Purge this person…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Purge this person?' });
    await expectVisible(dialog);
    const confirm = dialog.getByRole('button', { name: 'Purge person' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Reason').selectOption('data_subject_request');
    await dialog.getByLabel('Type PURGE to confirm').fill('purge');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type PURGE to confirm').fill('PURGE');
    await preview.app.screenshot('person-purge-dialog');
    await expectNoSeriousAxeViolations(page, 'Purge dialog');
    await confirm.click();

    await expectVisible(page.getByTestId('candidate-total'));
    expect(await page.evaluate(() => window.location.hash)).toBe('#/candidates');
    expect(targetId()).toBeUndefined();
    const audit = preview.app.session.workspace!.db.prepare("SELECT entity_id AS entityId, detail FROM audit_log WHERE action = 'person.purge'").get() as { entityId: string; detail: string };
    expect(audit.entityId).toBe(String(id));
    expect(textsFoundIn(Buffer.from(audit.detail), target.secrets)).toEqual([]);
    expect(await secretsOnScreen()).toEqual([]);
  });

  it('applies the retention rules after a typed confirmation, purging exactly the count shown', async () => {
    const { page } = preview.app;
    // Age the data as if the list had been imported two years ago.
    const db = preview.app.session.workspace!.db;
    const twoYearsAgo = new Date(Date.now() - 730 * 86_400_000).toISOString();
    db.prepare('UPDATE imports SET imported_at = ?').run(twoYearsAgo);
    db.prepare('UPDATE people SET created_at = ?').run(twoYearsAgo);
    const people = db.prepare('SELECT COUNT(*) FROM people').pluck().get() as number;
    await preview.app.nav('Settings').click();
    await expectContainsText(page.getByTestId('retention-due'), `${people} of ${people} people`);
    await page.getByRole('button', { name: `Purge ${people} people now…` }).click();
    const dialog = page.getByRole('dialog', { name: `Purge ${people} people?` });
    await dialog.getByLabel('Type PURGE to confirm').fill('PURGE');
    await preview.app.screenshot('settings-retention-confirm');
    await dialog.getByRole('button', { name: `Purge ${people} people`, exact: true }).click();
    await expectContainsText(page.locator('#settings-retention'), `${people} people purged under the retention rules.`);
    await expectContainsText(page.getByTestId('retention-due'), '0 of 0 people');
    expect(db.prepare('SELECT COUNT(*) FROM people').pluck().get()).toBe(0);
    expect(JSON.parse(db.prepare("SELECT detail FROM audit_log WHERE action = 'retention.apply'").pluck().get() as string)).toMatchObject({ purged: people });
  });

  it('deletes the workspace after its name is typed, and returns to the unlock screen', async () => {
    const { page } = preview.app;
    await preview.app.nav('Settings').click();
    await page.getByRole('button', { name: 'Delete workspace…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this workspace?' });
    await dialog.getByLabel('Type Suspend test to confirm').fill('Suspend test');
    await dialog.getByRole('button', { name: 'Delete workspace', exact: true }).click();
    // With no workspace left to offer, the unlock screen opens on "Create a new workspace".
    await expectVisible(page.getByRole('heading', { level: 1, name: 'IOM Cohort Expansion Workbench' }));
    expect(await page.getByRole('tab', { name: 'Create a new workspace' }).getAttribute('aria-selected')).toBe('true');
    expect(preview.app.session.workspace).toBeNull();
    expect(existsSync(workspacePath)).toBe(false);
    expect(readdirSync(preview.app.dir).filter((f) => f.startsWith('suspend.iomdb'))).toEqual([]);
    // The backup made earlier is a separate file and stays.
    expect(existsSync(join(preview.app.dir, 'backup.iomdb'))).toBe(true);
    await page.getByRole('tab', { name: 'Unlock a workspace' }).click();
    expect(await page.getByLabel('Workspace file').inputValue()).toBe('');
    expect(preview.app.pageErrors).toEqual([]);
  });
});
