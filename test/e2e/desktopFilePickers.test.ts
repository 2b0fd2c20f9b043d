/**
 * The file fields as the desktop app shows them (issue 17.4): read-only, filled by the system
 * dialog or a drop, and the page holds only the token main issued. The built renderer runs in
 * headless Chromium with a stand-in preload (`window.iomApi`, `window.iomFiles`) that relays the
 * contract's calls to the real services over the bridge; its "system dialog" and "drop" register
 * the file with main for a token, as main.ts and preload.ts do.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { usePreviewApp } from './support/previewApp';
import { expectValue, expectVisible } from './support/uiExpect';
import { E2E_PASSPHRASE, IMPORT_TIMEOUT } from './support/workspaceSteps';
import { writeFixtureSet, type FixtureSet } from '../fixtures/writeFixtures';
import { closeWorkspace, createWorkspaceFile } from '../../electron/workspace/workspaceFile';

/** Runs in the page before its scripts: the desktop app's preload, relayed to the bridge. */
function standInPreload(): void {
  const token = new URLSearchParams(window.location.search).get('token') ?? sessionStorage.getItem('iom-bridge-token') ?? '';
  const post = (url: string, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-iom-bridge-token': token }, body: JSON.stringify(body ?? {}) }).then((r) => r.json() as Promise<unknown>);
  const state = window as unknown as { nextDialogPath: string | null; nextDropPath: string | null; dialogCalls: number };
  state.nextDialogPath = null;
  state.nextDropPath = null;
  state.dialogCalls = 0;
  const purposeOf = (name: string, input: { mode?: string }) => (name === 'workspace.chooseFile' ? (input.mode === 'create' ? 'workspace-create' : 'workspace-open') : 'read');
  const api = new Proxy(
    {},
    {
      get: (_target, name: string) => async (input: { mode?: string }) => {
        if (!name.endsWith('.chooseFile') && name !== 'exports.agencySheetChooseReturn') return post(`/api/${name}`, input);
        // The system dialog: main registers what it answered and hands the page a token.
        state.dialogCalls += 1;
        if (!state.nextDialogPath) return { ok: true, value: { file: null, supported: true } };
        const picked = (await post('/files/typed', { path: state.nextDialogPath, purpose: purposeOf(name, input ?? {}) })) as { ok: boolean; value: unknown };
        return picked.ok ? { ok: true, value: { file: picked.value, supported: true } } : picked;
      },
    },
  );
  Object.defineProperty(window, 'iomApi', { value: api });
  Object.defineProperty(window, 'iomFiles', { value: { choose: (_file: File, purpose: string) => post('/files/typed', { path: state.nextDropPath, purpose }) } });
}

describe('file fields in the desktop app (a stand-in preload over the bridge)', () => {
  const preview = usePreviewApp();
  let fixtures: FixtureSet;
  let workspacePath: string;

  beforeAll(async () => {
    fixtures = await writeFixtureSet(join(preview.app.dir, 'fixtures'), { people: 40 });
    workspacePath = join(preview.app.dir, 'desktop.iomdb');
    closeWorkspace(createWorkspaceFile(workspacePath, 'Desktop pickers', E2E_PASSPHRASE, E2E_PASSPHRASE));
    await preview.app.page.context().addInitScript(standInPreload);
    await preview.app.page.reload();
  });

  it('takes the workspace from the dialog and a list from a drop, never a typed path, and imports it', async () => {
    const { page } = preview.app;
    await page.getByRole('tab', { name: 'Unlock a workspace' }).click();
    const field = page.getByLabel('Workspace file');
    expect(await field.isEditable()).toBe(false);
    expect(await field.getAttribute('placeholder')).toBe('Click Browse… to choose the file');
    await page.evaluate((path) => ((window as unknown as { nextDialogPath: string }).nextDialogPath = path), workspacePath);
    await page.getByRole('button', { name: 'Browse…' }).click();
    await expectValue(field, workspacePath);
    await page.getByLabel('Passphrase').fill(E2E_PASSPHRASE);
    await preview.app.screenshot('desktop-1-unlock-chosen');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Desktop pickers' }));

    await preview.app.nav('Import').click();
    await expectVisible(page.getByText('Drop a spreadsheet here, or choose it below.'));
    expect(await page.getByLabel('File to import').isEditable()).toBe(false);
    // A file dropped on the zone: the stand-in preload registers it, as webUtils and main would.
    await page.evaluate((path) => ((window as unknown as { nextDropPath: string }).nextDropPath = path), fixtures.files.candidatesCsv);
    const transfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['not read by the page'], 'list.csv', { type: 'text/csv' }));
      return data;
    });
    await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
    await expectValue(page.getByLabel('File to import'), fixtures.files.candidatesCsv);
    await preview.app.screenshot('desktop-2-import-dropped');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Check the columns' }));
    // Back and forward again: the preview answered with the token for the next read.
    await page.getByRole('button', { name: 'Choose another file' }).click();
    await page.getByRole('button', { name: 'Preview' }).click();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Check the columns' }));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Imported' }), IMPORT_TIMEOUT);
    await preview.app.screenshot('desktop-3-imported');
    expect(preview.app.pageErrors).toEqual([]);
  });
});
