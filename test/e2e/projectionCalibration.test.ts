import { describe, expect, it } from 'vitest';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText, expectText, expectValue, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { createWorkspace, E2E_ACTOR } from './support/workspaceSteps';
import { importFile } from '../../electron/import/importEngine';
import { FIXTURE_REFERENCE_DATE, writeExistingCohortFixture } from '../support/existingCohortFixture';

describe('Projection: the seed table preset, calibration from the existing cohort and attribution', () => {
  const preview = usePreviewApp({ failedResponses: true });

  it('loads the seed table preset, calibrates from the cohort, sets the rate with its source and works the attribution', async () => {
    const { page } = preview.app;
    await createWorkspace(preview.app, 'E2E calibration');
    const files = writeExistingCohortFixture(preview.app.dir);
    const workspace = preview.app.session.requireWorkspace();
    await importFile(workspace, { path: files.arrests, kind: 'arrests' }, { actor: E2E_ACTOR });
    await importFile(workspace, { path: files.cohort, kind: 'cohort' }, { actor: E2E_ACTOR });

    await preview.app.nav('Projection').click();
    await expectVisible(page.getByTestId('cell-all-arrests'));

    // The preset "as the seed computed it" starts a new, unsaved scenario at 36.34% with its source.
    await page.getByLabel('Preset').selectOption('seedTable');
    await page.getByRole('button', { name: 'Load preset' }).click();
    await expectValue(page.getByLabel('Central (%)'), String(Number(((884 / 2432.5) * 100).toPrecision(12))));
    await expectContainsText(page.getByTestId('rate-used'), '36.34%: As the seed computed it: 884 / 2432.5');
    expect(await page.getByTestId('unsaved').count()).toBe(1);
    await page.getByTestId('rate-used').scrollIntoViewIfNeeded();
    await preview.app.screenshot('projection-calibration-0-seed-preset');

    // Calibrate: 4 people, 0.25 → 0.083 arrests a person-month, a fall of 66.67%.
    await page.getByLabel('Reference date').fill(FIXTURE_REFERENCE_DATE);
    const panel = page.getByTestId('calibration-panel');
    await panel.getByRole('button', { name: 'Calibrate' }).click();
    await expectVisible(page.getByTestId('calibration-table'));
    await expectText(page.getByTestId('calibration-before'), '0.25');
    await expectText(page.getByTestId('calibration-after'), '0.083');
    await expectText(page.getByTestId('calibration-fall'), '66.67%');
    await expectContainsText(page.getByTestId('calibration-table'), '4');
    await expectContainsText(page.getByTestId('calibration-interval'), 'bootstrap');
    await panel.scrollIntoViewIfNeeded();
    await preview.app.screenshot('projection-calibration-1-calibrated');
    // Dates in the captions as every screen shows them.
    const calibrationText = await page.locator('section[aria-labelledby="calibration-title"]').innerText();
    expect(calibrationText).toContain('pooled, to 31 Oct 2013');
    expect(calibrationText).toContain('(cut at 31 Oct 2013)');
    expect(calibrationText).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    await panel.getByRole('button', { name: /Set the scenario’s rate to 66\.67%/ }).click();
    await expectValue(page.getByLabel('Central (%)'), String(Number(((2 / 3) * 100).toPrecision(12))));
    expect(await page.getByTestId('reduction-source').inputValue()).toMatch(/^Calibrated from the existing cohort: 4 people/);
    await expectContainsText(page.getByTestId('rate-used'), 'Calibrated from the existing cohort: 4 people');

    // Attribution on the seed's inputs: (2.5 − 1.6) × 11.6 = 10.44 a month, 62.64 over 6 months, 18.6% of 336.
    const attribution = page.getByTestId('attribution-panel');
    await expectText(page.getByTestId('attribution-per-month'), '10.44');
    await expectText(page.getByTestId('attribution-period'), '62.6');
    await expectText(page.getByTestId('attribution-share'), '18.6%');
    await expectContainsText(page.getByTestId('attribution-result'), '10.44 = (2.5 − 1.6) × 11.6');
    await attribution.getByLabel('Months summed over').fill('12');
    await expectText(page.getByTestId('attribution-period'), '125.3');
    await attribution.scrollIntoViewIfNeeded();
    await preview.app.screenshot('projection-calibration-2-attribution');
    await expectNoSeriousAxeViolations(page, 'Projection with calibration and attribution');

    // Seed 000's statutory preset: A and B statutory (11 arrests in the window), C and D not (3):
    // 11 × 12 / 24 × 5 × (1 − 40/55) = 7.5 fewer; 3 × 12 / 24 × 5 × (1 − 30/58) = 3.62; together 11.12.
    await page.getByLabel('Preset').selectOption('statutory');
    await page.getByRole('button', { name: 'Load preset' }).click();
    await expectVisible(page.getByTestId('group-split'));
    await expectText(page.getByTestId('group-statutory-all'), '7.5');
    await expectText(page.getByTestId('group-nonStatutory-all'), '3.6');
    await expectText(page.getByTestId('group-combined-all'), '11.1');
    await expectContainsText(page.getByTestId('statutory-share'), '2 of 4 people with a known status are statutory (50%)');
    await expectContainsText(page.getByTestId('statutory-share'), 'below the existing caseload');
    await expectVisible(page.getByTestId('agency-split'));
    await expectValue(page.getByLabel('Statutory: without IOM (%)'), '55');
    await page.getByLabel('Police (%)').fill('70');
    await expectContainsText(page.getByText(/The shares add up to/), 'not 100%');
    await page.getByLabel('Police (%)').scrollIntoViewIfNeeded();
    await preview.app.screenshot('projection-calibration-3a-group-and-agency-inputs');
    await page.getByLabel('Police (%)').fill(String(Number(((29942 / 49174) * 100).toPrecision(12))));
    await page.getByTestId('group-split').scrollIntoViewIfNeeded();
    await preview.app.screenshot('projection-calibration-3-statutory-groups');
    await page.getByTestId('agency-split').scrollIntoViewIfNeeded();
    await preview.app.screenshot('projection-calibration-4-agency-split');
    await expectNoSeriousAxeViolations(page, 'Projection with statutory groups and agency split');

    // Only arrests in Barnet: 10 of the 14 in the window; Enfield's 4 named, not projected.
    await page.getByLabel(/Only arrests made in the borough/).check();
    await page.getByLabel('Borough (blank for the home borough in Settings)').fill('Barnet');
    await expectContainsText(page.getByTestId('borough-counting'), '10 of 14 arrests in the window were in Barnet; 4 elsewhere');
    await expectContainsText(page.getByTestId('borough-counting'), 'elsewhere: Enfield 4');
    await expectText(page.getByTestId('cell-all-arrests'), '10');
    await page.getByTestId('borough-counting').scrollIntoViewIfNeeded();
    await preview.app.screenshot('projection-calibration-5-borough-counting');
    expect(preview.app.pageErrors).toEqual([]);
  });
});
