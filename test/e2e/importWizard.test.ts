import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { expectContainsText, expectText, expectValue, expectVisible } from './support/uiExpect';
import { createWorkspace, IMPORT_TIMEOUT } from './support/workspaceSteps';
import { writeLargeArrestsCsv } from '../fixtures/writeFixtures';
import { importPreviewed, previewFile, usePreviewWithFixtures } from './support/importSteps';

function countOf(text: string | null): number {
  return Number((text ?? '').replace(/[^\d]/g, ''));
}

describe('import wizard in the browser preview', () => {
  const preview = usePreviewWithFixtures();

  it('previews, maps and imports the candidate list, then an agency list, and refuses a second copy', async () => {
    const { app, fixtures } = preview;
    const { page } = app;

    // A fresh workspace, made through the UI as an analyst would.
    await createWorkspace(app, 'E2E import');

    // Step 1: choose the file. The preview has no file dialog, so the path is typed.
    await app.nav('Import').click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Import' }));
    await expectVisible(page.getByText('No files imported yet.'));
    expect(await page.getByRole('button', { name: 'Browse…' }).count()).toBe(0);
    await page.getByLabel('File to import').fill(fixtures.files.candidatesXlsx);
    await app.screenshot('import-1-choose');
    await page.getByRole('button', { name: 'Preview' }).click();

    // Step 2: the header row below the title is found and the columns are mapped.
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Check the columns' }));
    await expectText(page.getByTestId('preview-file-name'), 'PotentialCandidateListIOMexpansion201311.xlsx');
    await expectContainsText(page.getByTestId('header-row'), `Header found on row ${fixtures.candidateListLayout.headerRow + 1}`);
    await expectValue(page.getByLabel('What kind of list is it?'), 'candidates');
    await expectValue(page.getByRole('combobox', { name: 'Field for column E (PNC number)' }), 'pnc');
    await expectValue(page.getByRole('combobox', { name: 'Field for column B (Surname)' }), 'surname');
    await expectValue(page.getByRole('combobox', { name: 'Field for column M (On DTOA list?)' }), 'flag_dtoa');
    // The hidden lookup sheet is offered but marked.
    await expectVisible(page.getByRole('option', { name: 'Lookups (hidden sheet)' }), 5_000).catch(async () => {
      expect(await page.getByLabel('Sheet').locator('option').allTextContents()).toContain('Lookups (hidden sheet)');
    });
    expect(await page.getByLabel('Remember this mapping for files with these headers').isChecked()).toBe(true);
    expect(await page.getByTestId('missing-required').count()).toBe(0);
    await app.screenshot('import-2-columns');

    // Unmapping the only name column blocks the import until it is put back.
    await page.getByRole('combobox', { name: 'Field for column B (Surname)' }).selectOption('');
    await expectContainsText(page.getByTestId('missing-required'), 'a name');
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
    await app.screenshot('import-2b-missing-field');
    await page.getByRole('combobox', { name: 'Field for column B (Surname)' }).selectOption('surname');
    expect(await page.getByTestId('missing-required').count()).toBe(0);

    // Steps 3 and 4: import and read the result.
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Imported' }), IMPORT_TIMEOUT);
    const peopleAdded = countOf(await page.getByTestId('result-peopleCreated').textContent());
    expect(peopleAdded).toBeGreaterThan(0);
    expect(peopleAdded).toBeLessThanOrEqual(fixtures.cohort.candidates.length);
    expect(countOf(await page.getByTestId('result-rowsRead').textContent())).toBeGreaterThan(0);
    await expectContainsText(page.getByTestId('row-account'), 'rows read =');
    await expectContainsText(page.getByTestId('import-messages'), 'added');
    await expectVisible(page.getByTestId('previous-imports'));
    await expectContainsText(page.getByTestId('previous-imports'), 'PotentialCandidateListIOMexpansion201311.xlsx');
    await app.screenshot('import-4-result-candidates');

    // The DTOA list: its kind is recognised from the file, and rows for people not on the long list are reported.
    await page.getByRole('button', { name: 'Import another file' }).click();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Choose a file' }));
    await expectValue(page.getByLabel('File to import'), '');
    await page.getByLabel('File to import').fill(fixtures.files.lists.dtoa);
    // Enter in the path field previews, as the keyboard expects of a form.
    await page.getByLabel('File to import').press('Enter');
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Check the columns' }));
    await expectValue(page.getByLabel('What kind of list is it?'), 'list:dtoa');
    await expectValue(page.getByRole('combobox', { name: 'Field for column D (PNC ID)' }), 'pnc');
    await app.screenshot('import-5-columns-dtoa');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Imported' }), IMPORT_TIMEOUT);
    await expectContainsText(page.getByTestId('import-messages'), 'matched no candidate');
    expect(countOf(await page.getByTestId('result-flagsSet').textContent())).toBeGreaterThan(0);
    expect(countOf(await page.getByTestId('result-rowsUnmatched').textContent())).toBeGreaterThan(0);
    // The unmatched rows are listed with their reasons, and the filter narrows them.
    await page.getByRole('group', { name: 'Show rows that were' }).getByRole('button', { name: /^No match/ }).click();
    await expectVisible(page.getByRole('cell', { name: /matched no one/ }));
    await app.screenshot('import-6-result-dtoa');

    // The previous imports list opens an import to show its rows with their raw values.
    const previous = page.getByTestId('previous-imports');
    await previous.getByRole('button', { name: /rows not imported from list_dtoa\.xlsx/ }).click();
    await expectVisible(previous.getByRole('cell', { name: /matched no one/ }));
    await app.screenshot('import-7-previous-imports');

    // The gangs matrix (mid-low) list is a CSV; one of its rows is close to a candidate but not certain.
    await page.getByRole('button', { name: 'Import another file' }).click();
    await previewFile(app, fixtures.files.lists.gangMidLow);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Check the columns' }));
    await expectValue(page.getByLabel('What kind of list is it?'), 'list:gangMidLow');
    await expectText(page.getByTestId('preview-file-name'), 'list_gangs_midlow.csv');
    await importPreviewed(app);
    expect(countOf(await page.getByTestId('result-reviewsQueued').textContent())).toBeGreaterThan(0);
    await expectContainsText(page.getByTestId('import-messages'), 'waits for review');
    await app.screenshot('import-8-result-review-queued');

    // The result links to the review queue, which shows the evidence field by field.
    await page.getByRole('link', { name: /^Review \d+ uncertain match/ }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Link reviews' }));
    await expectContainsText(page.getByTestId('reviews-pending'), 'wait');
    await expectVisible(page.getByTestId('review-strength').first());
    await expectVisible(page.getByTestId('evidence-reasons').first());
    // The weights are behind "Details".
    await page.locator('.review-card').first().getByText('Details', { exact: true }).click();
    await expectContainsText(page.locator('.review-score').first(), 'likely the same person');
    await expectVisible(page.getByRole('rowheader', { name: 'Date of birth' }));
    await expectVisible(page.getByRole('cell', { name: /bits$/ }));
    await app.screenshot('import-9-link-review');
    const before = await page.getByRole('button', { name: 'Same person — link' }).count();
    await page.getByRole('button', { name: 'Same person — link' }).first().focus();
    await page.keyboard.press('Enter');
    await expectContainsText(page.getByTestId('review-confirmation'), 'Linked row');
    if (before === 1) await expectVisible(page.getByRole('heading', { name: 'No matches wait for review' }));
    else await expectText(page.getByTestId('reviews-pending'), new RegExp(`^${before - 1} match`));
    await app.screenshot('import-10-link-review-decided');

    // The same candidate file again: the preview says so, and the import changes nothing.
    await app.nav('Import').click();
    await previewFile(app, fixtures.files.candidatesXlsx);
    await expectContainsText(page.getByTestId('already-imported'), 'already imported');
    await expectContainsText(page.getByTestId('header-row'), `Header found on row ${fixtures.candidateListLayout.headerRow + 1}`);
    await app.screenshot('import-11-preview-already-imported');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Already imported' }), IMPORT_TIMEOUT);
    await expectContainsText(page.getByTestId('import-messages'), 'already imported');
    await expectContainsText(page.getByTestId('import-messages'), 'nothing was changed');
    await app.screenshot('import-12-duplicate');

    // The arrests extract is the largest file: its progress is caught on screen when the machine is slow enough.
    await page.getByRole('button', { name: 'Import another file' }).click();
    await previewFile(app, fixtures.files.arrestsExtract);
    await expectValue(page.getByLabel('What kind of list is it?'), 'arrests');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    if (await page.getByRole('progressbar').isVisible()) await app.screenshot('import-3-importing');
    await expectVisible(page.getByRole('heading', { level: 2, name: /^(Imported|Already imported)$/ }), IMPORT_TIMEOUT);
    expect(countOf(await page.getByTestId('result-rowsRead').textContent())).toBeGreaterThan(0);
  });

  // Runs after the test above, in the workspace it created.
  it('shows progress on a large file and cancels it, leaving the workspace as it was', async () => {
    const { app } = preview;
    const { page } = app;
    // Large enough that the import is still running when Cancel is clicked, however fast it has
    // become and however loaded the machine (150,000 rows could finish before the click landed).
    const big = await writeLargeArrestsCsv(join(app.dir, 'arrests_extract_large.csv'), 600_000);
    const importsBefore = (await page.getByTestId('previous-imports').locator('tbody > tr').count());

    await page.getByRole('button', { name: 'Import another file' }).click();
    await previewFile(app, big.path);
    await expectValue(page.getByLabel('What kind of list is it?'), 'arrests');
    await page.getByRole('button', { name: 'Import', exact: true }).click();

    await expectVisible(page.getByRole('progressbar'));
    await expectText(page.getByTestId('progress-detail'), /^[1-9][\d,]* rows · /, 30_000);
    const valueNow = await page.getByRole('progressbar').getAttribute('aria-valuenow');
    if (valueNow !== null) expect(Number(valueNow)).toBeGreaterThanOrEqual(0);
    if (valueNow !== null) expect(Number(valueNow)).toBeLessThanOrEqual(100);
    await app.screenshot('import-3-progress');
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await expectContainsText(page.getByTestId('import-cancelled'), 'Cancelled — the workspace is exactly as it was before.', 30_000);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Import cancelled' }));
    await app.screenshot('import-3b-cancelled');

    expect(await page.getByTestId('previous-imports').locator('tbody > tr').count()).toBe(importsBefore);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await expectText(page.getByTestId('count-imports'), String(importsBefore));
  });
});
