import { describe, expect, it } from 'vitest';
import { expectContainsText, expectVisible } from './support/uiExpect';
import { createWorkspace, IMPORT_TIMEOUT } from './support/workspaceSteps';
import { importThroughWizard, previewFile, usePreviewWithFixtures } from './support/importSteps';

describe('undoing an import from the Import screen', () => {
  const preview = usePreviewWithFixtures();

  it('shows exactly what goes, asks, undoes in one step, and keeps the undone import listed', async () => {
    const { app, fixtures } = preview;
    const { page } = app;
    await createWorkspace(app, 'E2E undo');
    await app.nav('Import').click();
    await importThroughWizard(app, fixtures.files.candidatesXlsx);
    await page.getByRole('button', { name: 'Import another file' }).click();
    await importThroughWizard(app, fixtures.files.lists.dtoa);

    const previous = page.getByTestId('previous-imports');
    await previous.getByRole('button', { name: /^Undo… import 1,/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Undo import 1?' });
    await expectVisible(dialog);
    await expectVisible(dialog.getByTestId('import-removal'));
    await expectContainsText(dialog.getByTestId('import-removal'), 'flags removed');
    await app.screenshot('import-undo-1-preview');
    await expectVisible(dialog.getByRole('table', { name: 'People holding each flag' }));
    const [now, after] = (await dialog.getByRole('table', { name: 'People holding each flag' }).locator('tbody tr').first().locator('td.num').allTextContents()).map((t) => Number(t.replace(/[^\d]/g, '')));
    expect(now).toBeGreaterThan(after!);

    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await previous.getByRole('button', { name: /^Undo… import 1,/ }).count()).toBe(1);

    await previous.getByRole('button', { name: /^Undo… import 1,/ }).click();
    await expectVisible(dialog.getByTestId('import-removal'));
    await dialog.getByRole('button', { name: 'Undo this import' }).click();
    await expectContainsText(page.getByTestId('undo-done'), 'was undone');
    await expectContainsText(previous, 'undone');
    expect(await previous.getByRole('button', { name: /^Undo… import 1,/ }).count()).toBe(0);
    await app.screenshot('import-undo-2-done');
  });

  it('replaces an earlier list only after showing what goes, from the wizard', async () => {
    const { app, fixtures } = preview;
    const { page } = app;
    await page.getByRole('button', { name: 'Import another file' }).click();
    await importThroughWizard(app, fixtures.files.candidatesXlsx);
    await page.getByRole('button', { name: 'Import another file' }).click();
    await previewFile(app, fixtures.files.candidatesCsv);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Check the columns' }));
    await page.getByLabel('This file').selectOption('3');
    await app.screenshot('import-replace-1-choice');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expectVisible(page.getByRole('heading', { level: 2, name: /Preview of the replacement/ }), IMPORT_TIMEOUT);
    await expectContainsText(page.getByTestId('replaced-summary'), 'Replacing import 3 would take away');
    await app.screenshot('import-replace-2-preview');
    await page.getByRole('button', { name: 'Replace import 3 with this file' }).click();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Imported' }), IMPORT_TIMEOUT);
    await expectContainsText(page.getByTestId('replaced-summary'), 'Replacing import 3 took away');
    await expectContainsText(page.getByTestId('previous-imports'), 'replaces import 3');
    await app.screenshot('import-replace-3-done');
  });
});
