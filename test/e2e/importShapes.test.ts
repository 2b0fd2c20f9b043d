/**
 * The import wizard tried on lists as other agencies send them (issue 15): bad files stop at the
 * first step with one sentence; a blank first sheet, an "Offence history" column, columns nothing
 * recognises, two list sheets and a Windows-1252 gangs matrix each show what happens to every
 * column and every row. A screenshot of each step is saved in test-output/screenshots/.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText, expectText, expectValue, expectVisible } from './support/uiExpect';
import { createWorkspace } from './support/workspaceSteps';
import { writeAgencyListShapes, type AgencyListShapes } from '../fixtures/agencyListShapes';
import { importPreviewed, previewFile } from './support/importSteps';

describe('import wizard on lists shaped as agencies send them', () => {
  const harness = usePreviewApp();
  let shapes: AgencyListShapes;

  beforeAll(async () => {
    shapes = writeAgencyListShapes(join(harness.app.dir, 'shapes'), 40);
  });

  const preview = (path: string) => previewFile(harness.app, path);
  const importAndWait = () => importPreviewed(harness.app);

  async function another(): Promise<void> {
    await harness.app.page.getByRole('button', { name: /Import another file|Choose another file/ }).first().click();
    await expectVisible(harness.app.page.getByRole('heading', { level: 2, name: 'Choose a file' }));
  }

  it('stops bad files at step 1, and shows every column and every row of real-shaped lists', async () => {
    const { page } = harness.app;
    await createWorkspace(harness.app, 'E2E agency shapes');
    await harness.app.nav('Import').click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Import' }));

    // Step 1 refuses what is not a list, in one sentence, and stays on step 1.
    const refusals: Array<[string, string, string]> = [
      [shapes.proseTxt, 'This file holds prose, not a list', 'shapes-1-prose-txt'],
      [shapes.imageAsXlsx, 'This file is an image, not a spreadsheet', 'shapes-2-image-as-xlsx'],
      [shapes.noPersonColumn, 'No column of this list identifies a person', 'shapes-3-no-person-column'],
    ];
    for (const [path, sentence, shot] of refusals) {
      await preview(path);
      const alert = page.getByRole('alert');
      await expectContainsText(alert, sentence);
      await expectContainsText(alert, 'This file cannot be imported.');
      expect(await page.getByRole('heading', { level: 2, name: 'Choose a file' }).count()).toBe(1);
      await harness.app.screenshot(shot);
    }

    // A probation workbook whose first sheet is blank: the list on "Caseload" is found, and its
    // "Offence history" column is read as arrest details.
    await preview(shapes.blankFirstSheet);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Check the columns' }));
    await expectValue(page.getByLabel('Sheet'), 'Caseload');
    await expectContainsText(page.getByTestId('preview-warnings'), 'Sheet "Caseload" was read: it is the only sheet with a recognised header row');
    await expectValue(page.getByRole('combobox', { name: 'Field for column E (Offence history)' }), 'arrestDetails');
    await expectValue(page.getByLabel('What kind of list is it?'), 'candidates');
    await harness.app.screenshot('shapes-4-columns-blank-first-sheet');
    await importAndWait();
    await expectText(page.getByTestId('result-rowsRead'), '40');
    await expectText(page.getByTestId('result-rowsImported'), '40');
    await expectContainsText(page.getByTestId('row-account'), '40 rows read = 40 imported + 0 rejected + 0 skipped + 0 unmatched');
    expect(Number(await page.getByTestId('result-arrestsAdded').textContent())).toBe(shapes.people.reduce((n, p) => n + p.arrests.length, 0));
    await harness.app.screenshot('shapes-5-result-offence-history');

    // Columns nothing recognises: named, and those that hold PNCs, dates or flags flagged.
    await another();
    await preview(shapes.unrecognisedColumns);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Check the columns' }));
    await expectValue(page.getByLabel('What kind of list is it?'), 'candidates');
    await expectValue(page.getByRole('combobox', { name: 'Field for column E (Previous)' }), 'arrestDetails');
    await expectContainsText(page.getByTestId('unmapped-columns'), '4 columns will not be imported: "Old number" (F), "Seen on" (G), "Matrix" (H), "Keyworker" (I).');
    await expectContainsText(page.getByTestId('unmapped-columns'), '"Old number" (F) holds PNCs');
    await expectVisible(page.getByText('not used, but it holds dates: please check'));
    await harness.app.screenshot('shapes-6-columns-unrecognised');
    // Mapping "Seen on" by hand takes it off the list.
    await page.getByRole('combobox', { name: 'Field for column G (Seen on)' }).selectOption('addressDate');
    await expectContainsText(page.getByTestId('unmapped-columns'), '3 columns will not be imported');
    await importAndWait();
    await expectContainsText(page.getByTestId('import-warnings'), '"Matrix" (H) holds yes/no marks (a flag)');
    await expectContainsText(page.getByTestId('import-messages'), '3 columns were not imported: "Old number" (F), "Matrix" (H), "Keyworker" (I).');
    await harness.app.screenshot('shapes-7-result-unmapped-warnings');

    // Two sheets that both hold a list: the wizard says so and offers the choice.
    await another();
    await preview(shapes.twoListSheets);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Check the columns' }));
    await expectContainsText(page.getByTestId('preview-warnings'), 'Sheets "October" and "November" both hold a list with a recognised header');
    await harness.app.screenshot('shapes-8-columns-two-sheets');
    await page.getByLabel('Sheet').selectOption('November');
    await expectValue(page.getByLabel('Sheet'), 'November');
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Check the columns' }));

    // A merged two-row header: PNC and Date of birth come from the row above.
    await another();
    await preview(shapes.mergedTwoRowHeader);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Check the columns' }));
    await expectValue(page.getByRole('combobox', { name: 'Field for column A (PNC)' }), 'pnc');
    await expectValue(page.getByRole('combobox', { name: 'Field for column D (Date of birth)' }), 'dob');
    await expectContainsText(page.getByTestId('preview-warnings'), 'The headings of columns A, D were taken from row 1, above the header row (a heading merged over two rows).');
    await harness.app.screenshot('shapes-9-columns-merged-header');

    // The gangs matrix: semicolons, Windows-1252, accented names, dotted dates.
    await another();
    await preview(shapes.gangsMatrix);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Check the columns' }));
    await expectValue(page.getByLabel('What kind of list is it?'), 'list:gangHigh');
    await expectContainsText(page.getByTestId('header-row'), '4 of 7 columns will be used.');
    await expectVisible(page.getByText('not read: the surname column is used'));
    await expectContainsText(page.locator('.samples').first(), 'Müller');
    await harness.app.screenshot('shapes-10-columns-gangs-matrix');
    await importAndWait();
    await expectContainsText(page.getByTestId('row-account'), '12 rows read = 12 imported + 0 rejected + 0 skipped + 0 unmatched');
    await expectContainsText(page.getByTestId('import-messages'), '3 columns were not imported: "Harm band" (E), "Matrix score" (F), "Gang name" (G).');
    await harness.app.screenshot('shapes-11-result-gangs-matrix');

    expect(harness.app.pageErrors).toEqual([]);
  });
});
