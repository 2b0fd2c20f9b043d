import { describe, expect, it } from 'vitest';
import { expectContainsText, expectText, expectVisible } from './support/uiExpect';
import { enterSeedTable } from './support/projectionSteps';
import { createWorkspace } from './support/workspaceSteps';
import { importThroughWizard, usePreviewWithFixtures } from './support/importSteps';
import { SEED_SHAPE } from '../../shared/workspace/syntheticCohort';

/**
 * Issue 6's journey, all through the UI on generated files: create a workspace, import the
 * candidate list and the DTOA list, filter to DTOA, open a person, run the projection and see the
 * seed's figures.
 */
describe("an analyst's day in the browser preview", () => {
  const preview = usePreviewWithFixtures();

  it('create → import list and DTOA → filter to DTOA → open a person → projection figures', async () => {
    const { app, fixtures } = preview;
    const { page } = app;

    await createWorkspace(app, 'Analyst journey');

    // The long list, then the DTOA list, through the import wizard.
    await app.nav('Import').click();
    await importThroughWizard(app, fixtures.files.candidatesXlsx, 'candidates');
    await expectText(page.getByTestId('result-peopleCreated'), String(SEED_SHAPE.people));
    await page.getByRole('button', { name: 'Import another file' }).click();
    await importThroughWizard(app, fixtures.files.lists.dtoa, 'list:dtoa');
    await expectContainsText(page.getByTestId('import-messages'), '1 DTOA row matched no candidate.');
    await app.screenshot('journey-1-dtoa-imported');

    // Filter the long list to DTOA and open a person with the keyboard.
    await app.nav('Candidates').click();
    await expectContainsText(page.getByTestId('candidate-total'), `${SEED_SHAPE.people} of ${SEED_SHAPE.people} people`);
    await page.getByLabel('DTOA (drug test on arrest)', { exact: true }).selectOption('any');
    await expectContainsText(page.getByTestId('candidate-total'), `${SEED_SHAPE.flags.dtoa} of ${SEED_SHAPE.people} people`);
    await app.screenshot('journey-2-dtoa-filter');
    // Focus leaves the filter (a click on the page's heading), so "/" is not typed into a field.
    await page.getByRole('heading', { level: 1, name: 'Candidates' }).click();
    await page.keyboard.press('/');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expectVisible(page.getByTestId('person-name'));
    expect(await page.evaluate(() => window.location.hash)).toMatch(/^#\/person\/\d+$/);
    await expectVisible(page.getByTestId('person-timeline').locator('canvas'));
    await app.screenshot('journey-3-person');

    // The seed's projection from the imported arrests.
    await app.nav('Projection').click();
    await expectVisible(page.getByTestId('cell-all-arrests'));
    await enterSeedTable(page);
    await expectText(page.getByTestId('cell-all-arrests'), String(SEED_SHAPE.arrestsInWindow));
    await expectText(page.getByTestId('cell-all-arrestsPerYear'), '486.5');
    await expectText(page.getByTestId('cell-all-offencesPerYear'), '2,432.5');
    await expectText(page.getByTestId('cell-all-reductionPerYear'), '884');
    await expectText(page.getByTestId('cell-residential_burglary-arrests'), String(SEED_SHAPE.residentialBurglary));
    await expectText(page.getByTestId('cell-residential_burglary-offencesPerYear'), '255.2');
    await expectText(page.getByTestId('cell-robbery-arrests'), String(SEED_SHAPE.robbery));
    await expectText(page.getByTestId('cell-robbery-offencesPerYear'), '130.5');
    await app.screenshot('journey-4-projection');
  });
});
