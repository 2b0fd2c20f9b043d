/**
 * The desktop app itself (issue 14, point 5): Playwright's `_electron` launches this clone with the
 * real Electron binary, and the analyst's first steps run in its window: unlock the demo workspace,
 * import a list, read the projection's figures, print the cohort report to PDF. Where the binary is
 * absent (these build machines cannot download it) the test is skipped and its title says why; on
 * a workstation: `npx install-electron` (or a first `npm start`), then `npx vitest run
 * test/e2e/electronApp.test.ts`. The Electron binding is built first if missing (a few minutes).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../scripts/electronBinary.mjs';
import { writeFixtureSet } from '../fixtures/writeFixtures';
import { makeTempDir, TEST_PASSPHRASE } from '../support/tempWorkspace';
import { runCli } from '../support/runCli';
import { SCREENSHOT_DIR } from './support/previewApp';
import { expectContainsText, expectText, expectValue, expectVisible } from './support/uiExpect';

const ROOT = resolve(__dirname, '../..');

const binary = electronBinary();
const SKIPPED = 'skipped: no Electron binary in node_modules/electron/dist (it is downloaded on first start, which this machine cannot do)';

describe('the desktop app in Electron', () => {
  const temp = makeTempDir('iom-electron-app-');
  let app: ElectronApplication | null = null;
  afterAll(async () => {
    await app?.close();
    temp.remove();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `electron-${name}.png`) });

  (binary ? it : it.skip)(binary ? 'launches, unlocks the demo workspace, imports a list, shows the projection and prints the report to PDF' : SKIPPED, async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const binding = spawnSync(process.execPath, [join(ROOT, 'scripts/electronBinding.mjs'), '--if-missing'], { cwd: ROOT, encoding: 'utf8', timeout: 900_000 });
    expect(binding.status, binding.stderr).toBe(0);
    const workspace = temp.path('demo.iomdb');
    expect(runCli(['demo', workspace], { IOM_PASSPHRASE: TEST_PASSPHRASE, IOM_NEW_PASSPHRASE: TEST_PASSPHRASE }).status).toBe(0);
    const fixtures = await writeFixtureSet(temp.path('fixtures'), { people: 40 });

    // Its own data folder, so the analyst's (and the demo it may hold) is never touched.
    app = await electron.launch({ executablePath: binary!, args: [ROOT, `--user-data-dir=${temp.path('userData')}`], cwd: ROOT, timeout: 60_000 });
    const page = await app.firstWindow();
    const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

    // The app takes no typed paths (issue 17.4): the native open dialog is answered from main.
    const answerOpenDialog = (path: string) =>
      app!.evaluate(({ dialog }, chosen) => {
        dialog.showOpenDialog = (() => Promise.resolve({ canceled: false, filePaths: [chosen] })) as typeof dialog.showOpenDialog;
      }, path);
    const unlock = page.getByRole('form', { name: 'Unlock a workspace' });
    await answerOpenDialog(workspace);
    await unlock.getByRole('button', { name: 'Browse…' }).click();
    await expectValue(unlock.getByLabel('Workspace file'), workspace);
    await unlock.getByLabel('Passphrase', { exact: true }).fill(TEST_PASSPHRASE);
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await expectVisible(page.getByRole('heading', { level: 1 }), 30_000);
    await shot(page, '1-home');

    await nav('Import').click();
    await answerOpenDialog(fixtures.files.lists.dtoa);
    await page.getByRole('button', { name: 'Browse…' }).click();
    await expectValue(page.getByLabel('File to import'), fixtures.files.lists.dtoa);
    await page.getByRole('button', { name: 'Preview' }).click();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Check the columns' }));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Imported' }), 60_000);
    await shot(page, '2-import');

    await nav('Projection').click();
    await expectText(page.getByTestId('cell-all-arrests'), '973', 30_000);
    await expectText(page.getByTestId('cell-all-arrestsPerYear'), '486.5');
    await shot(page, '3-projection');

    // The save dialog is native; the test answers it from main with the file to write.
    const pdfPath = temp.path('report.pdf');
    await app.evaluate(({ dialog }, path) => {
      dialog.showSaveDialog = (() => Promise.resolve({ canceled: false, filePath: path })) as typeof dialog.showSaveDialog;
    }, pdfPath);
    await nav('Exports').click();
    const section = page.locator('#exports-report');
    await section.getByRole('button', { name: 'Save PDF' }).click();
    await expectContainsText(section.getByTestId('report-result'), 'Recorded in the audit trail', 60_000);
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    await shot(page, '4-report');
  });
});
