import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOT_DIR, usePreviewApp } from './support/previewApp';
import { enterSeedTable } from './support/projectionSteps';
import { expectContainsText, expectText, expectValue, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { downloadFrom, serviceContext, openDemoWorkspace } from './support/workspaceSteps';
import { dispatchCall } from '../../electron/callDispatcher';
import { idleLockMinutes } from '../../electron/runtime/idleLock';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';

describe('projection, charts and settings in the browser preview', () => {
  const preview = usePreviewApp({ failedResponses: true });

  it('reproduces the seed table with its working, saves and compares scenarios', async () => {
    const { page } = preview.app;

    // The seed-shaped demo goes in through the real import pipeline; a shortlist gives the charts a cohort.
    await openDemoWorkspace(preview.app, 'E2E projection');
    const shortlist = await dispatchCall(serviceContext(preview.app), 'shortlist.run', { ruleSet: DEFAULT_SELECTION_RULE_SET });
    expect(shortlist.ok).toBe(true);

    await preview.app.nav('Projection').click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Projection' }));
    await expectVisible(page.getByTestId('cell-all-arrests'));
    await preview.app.screenshot('projection-0-open');

    // The seed's scenario: 36.34% (884 / 2432.5) with no range, 5 / 11.6 / 3.0 offences per arrest.
    await page.getByLabel('Scenario name').fill('Seed table (36.34%)');
    await enterSeedTable(page);
    await expectContainsText(page.getByTestId('projection-facts'), 'falls by 36.34%');

    await expectText(page.getByTestId('cell-all-arrests'), '973');
    await expectText(page.getByTestId('cell-all-arrestsPerYear'), '486.5');
    await expectText(page.getByTestId('cell-all-offencesPerYear'), '2,432.5');
    await expectText(page.getByTestId('cell-all-reductionPerYear'), '884');
    await expectText(page.getByTestId('cell-all-shareOfBorough'), '3.8%');
    await expectText(page.getByTestId('cell-residential_burglary-arrests'), '44');
    await expectText(page.getByTestId('cell-residential_burglary-arrestsPerYear'), '22');
    await expectText(page.getByTestId('cell-residential_burglary-offencesPerYear'), '255.2');
    await expectText(page.getByTestId('cell-robbery-offencesPerYear'), '130.5');
    expect(await page.getByTestId('range-all-reductionPerYear').count()).toBe(0);

    // The working: on keyboard focus as a tooltip, and for every figure with "Show working".
    await page.getByTestId('cell-all-arrestsPerYear').focus();
    await expectVisible(page.getByRole('tooltip', { name: '486.5 = 973 × 12 / 24' }));
    await preview.app.screenshot('projection-1-seed-table-working-tooltip');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('tooltip').count()).toBe(0);
    await page.getByRole('button', { name: 'Show working' }).click();
    await expectContainsText(page.getByTestId('working-all'), '486.5 = 973 × 12 / 24');
    await expectContainsText(page.getByTestId('working-residential_burglary'), '255.2 = 22 × 11.6');
    await preview.app.screenshot('projection-2-show-working');

    // Saved in the workspace, then compared with the seed default (36%, ranges 30–43%).
    await page.getByRole('button', { name: 'Save as new' }).click();
    await expectText(page.getByTestId('projection-status'), 'Saved “Seed table (36.34%)”.');
    expect(await page.getByTestId('unsaved').count()).toBe(0);
    expect(await page.getByLabel('Saved scenarios').locator('option:checked').textContent()).toBe('Seed table (36.34%)');
    const comparison = page.getByTestId('scenario-comparison');
    await comparison.getByLabel('Seed table (36.34%)').check();
    await comparison.getByLabel('Seed: Barnet IOM expansion (Nov 2013)').check();
    await comparison.getByRole('button', { name: 'Compare' }).click();
    const table = page.getByTestId('comparison-table');
    await expectVisible(table);
    await expectContainsText(table, 'Seed table (36.34%)');
    await expectContainsText(table, '884');
    // 2432.5 × 0.36 = 875.7, 8.3 fewer than the first scenario.
    await expectContainsText(table, '875.7 (−8.3)');
    await comparison.scrollIntoViewIfNeeded();
    await preview.app.screenshot('projection-3-compare');

    // Scenario editing errors are shown on the field.
    await page.getByLabel('Central (%)').fill('140');
    await expectVisible(page.getByText('A percentage from 0 to 100.'));
    await page.getByLabel('Central (%)').fill('36.34');

    await expectNoSeriousAxeViolations(page, 'Projection');

    // A filter handed over in the address (as the candidates screen can) narrows the people.
    const dtoa = { referenceDate: '2013-10-31', windowMonths: 24, flags: { any: ['dtoa'], all: [], none: [] } };
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#/projection/filter/${encodeURIComponent(JSON.stringify(dtoa))}`);
    await expectVisible(page.getByRole('radio', { name: 'Filter from the link' }));
    expect(await page.getByRole('radio', { name: 'Filter from the link' }).isChecked()).toBe(true);
    await expectContainsText(page.getByTestId('projection-facts'), 'The current filter: 6 people');
    await page.getByRole('heading', { level: 1, name: 'Projection' }).scrollIntoViewIfNeeded();
    await preview.app.screenshot('projection-4-filter-from-link');
    // The in-page filter: tick boxes for the lists.
    await page.getByRole('button', { name: 'Use the list filter here instead' }).click();
    await page.getByRole('checkbox', { name: 'Gang H', exact: true }).check();
    await expectContainsText(page.getByTestId('projection-facts'), 'The current filter: 5 people');
    await preview.app.screenshot('projection-5-flags-filter');
    expect(preview.app.pageErrors).toEqual([]);
  });

  it('draws every chart with its summary, and saves a chart as PNG and CSV', async () => {
    const { page } = preview.app;
    await preview.app.nav('Charts').click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Charts' }));
    for (const id of ['chart-lorenz', 'chart-topn', 'chart-crime-types', 'chart-overlaps', 'chart-gender', 'chart-ageBand', 'chart-ranges', 'chart-trend']) {
      await expectVisible(page.locator(`[data-testid="${id}"] canvas`), 20_000);
      const summary = (await page.getByTestId(`${id}-summary`).textContent()) ?? '';
      expect(summary.length, id).toBeGreaterThan(20);
    }
    await expectContainsText(page.getByTestId('chart-topn-summary'), 'Top 10');
    await expectContainsText(page.getByTestId('chart-trend-summary'), 'Cohort (61 people');
    await page.getByRole('heading', { level: 1, name: 'Charts' }).scrollIntoViewIfNeeded();
    await preview.app.screenshot('charts-1-top');
    await page.getByTestId('chart-crime-types').scrollIntoViewIfNeeded();
    await preview.app.screenshot('charts-1b-crime-types-overlaps');

    const png = await downloadFrom(preview.app, () => page.getByTestId('chart-lorenz').getByRole('button', { name: 'Save as PNG' }).click());
    expect(png.suggestedFilename()).toBe('OFFICIAL-SENSITIVE concentration lorenz 2013-10-31.png');
    const pngBytes = readFileSync((await png.path())!);
    expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Kept beside the screenshots, to look at what an analyst would paste into a report.
    writeFileSync(join(SCREENSHOT_DIR, 'charts-export-lorenz.png'), pngBytes);

    const csv = await downloadFrom(preview.app, () => page.getByTestId('chart-topn').getByRole('button', { name: 'Download data (CSV)' }).click());
    expect(csv.suggestedFilename()).toBe('OFFICIAL-SENSITIVE concentration top N 2013-10-31.csv');
    const csvText = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '');
    expect(csvText.split('\r\n').slice(0, 2)).toEqual(['OFFICIAL-SENSITIVE', 'top N,people,share of people arrested,arrests,share of arrests,estimated offences,share of borough offences,people tied at the cut-off left out']);

    // The trend: the smoothing control changes the line, the summary says what it shows.
    const trend = page.getByTestId('chart-trend');
    await trend.scrollIntoViewIfNeeded();
    await trend.getByLabel('Index month (= 100)').selectOption('2012-06');
    await expectContainsText(trend, 'indexed at 100 = Jun 2012 levels');
    await trend.getByLabel('Smoothing α').fill('0.5');
    await expectContainsText(trend, 'α = 0.5');
    await trend.locator('summary', { hasText: 'Chart in words' }).click();
    await expectContainsText(page.getByTestId('chart-trend-summary'), '100 in Jun 2012');
    await preview.app.screenshot('charts-2-trend');
    await page.getByTestId('chart-gender').scrollIntoViewIfNeeded();
    await preview.app.screenshot('charts-3-composition');
    const ranges = page.getByTestId('chart-ranges');
    await ranges.getByLabel('Scenario').selectOption({ label: 'Seed: Barnet IOM expansion (Nov 2013)' });
    await expectContainsText(page.getByTestId('chart-ranges-summary'), 'All crime: 875.7 (729.8–1,046)');
    await ranges.scrollIntoViewIfNeeded();
    await preview.app.screenshot('charts-4-ranges');

    await expectNoSeriousAxeViolations(page, 'Charts');
    expect(preview.app.pageErrors).toEqual([]);
  });

  it('changes the idle lock and the protective marking, and they persist', async () => {
    const { page } = preview.app;
    await preview.app.nav('Settings').click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Settings' }));
    await expectValue(page.getByLabel('Lock after (minutes)'), '15');
    await page.getByLabel('Lock after (minutes)').fill('30');
    await page.getByRole('button', { name: 'Save idle lock' }).click();
    await expectContainsText(page.locator('#settings-idle-lock .settings-status'), 'Saved');
    await page.getByLabel('Marking', { exact: true }).fill('RESTRICTED');
    await page.getByRole('button', { name: 'Save marking' }).click();
    await expectContainsText(page.locator('#settings-marking .settings-status'), 'Saved');
    expect(idleLockMinutes(preview.app.session)).toBe(30);
    await expectText(page.getByTestId('capacity-value'), '100 clients');
    await preview.app.screenshot('settings-1-top');

    // An offence can be moved to another crime type and back to the rules.
    const select = page.getByRole('combobox', { name: 'Crime type for “Burglary Dwelling”' });
    await select.scrollIntoViewIfNeeded();
    await select.selectOption('non_residential_burglary');
    await expectVisible(page.getByRole('button', { name: 'Use the keyword rules for “Burglary Dwelling”' }));
    await preview.app.screenshot('settings-2-classification');
    await page.getByRole('button', { name: 'Use the keyword rules for “Burglary Dwelling”' }).click();
    await expectValue(select, 'residential_burglary');

    // After a reload (the workspace stays open in main), the values are the saved ones.
    await page.reload();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Settings' }));
    await expectValue(page.getByLabel('Lock after (minutes)'), '30');
    await expectValue(page.getByLabel('Marking', { exact: true }), 'RESTRICTED');
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: 'Unit costs' }).click();
    await preview.app.screenshot('settings-3-unit-costs');

    await expectNoSeriousAxeViolations(page, 'Settings');

    // The new marking names the chart files.
    await preview.app.nav('Charts').click();
    await expectVisible(page.locator('[data-testid="chart-crime-types"] canvas'), 20_000);
    const csv = await downloadFrom(preview.app, () => page.getByTestId('chart-crime-types').getByRole('button', { name: 'Download data (CSV)' }).click());
    expect(csv.suggestedFilename()).toBe('RESTRICTED arrests by crime type 2013-10-31.csv');
    expect(preview.app.pageErrors).toEqual([]);
  });
});
