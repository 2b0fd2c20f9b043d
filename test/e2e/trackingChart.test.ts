import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../electron/import/importEngine';
import { trackCohort } from '../../electron/tracking/trackingService';
import { TrackingRequestSchema } from '../../shared/tracking/trackingSchemas';
import { toCsv } from '../../shared/domain/chartCsv';
import { trackingTrend, trackingTrendCsv } from '../../shared/tracking/trackingTrend';
import { generateFollowUp } from '../support/followUpGenerator';
import { writeFollowUpFiles } from '../support/followUpFiles';
import { expectNoSeriousAxeViolations } from './support/axe';
import { SCREENSHOT_DIR, usePreviewApp } from './support/previewApp';
import { expectContainsText, expectVisible } from './support/uiExpect';
import { createWorkspace, downloadFrom, E2E_ACTOR } from './support/workspaceSteps';

/**
 * The indexed arrest-rate trend on the Tracking screen (issue 20, point 4), on a workspace filled
 * through the importer with a generated follow-up (known effect 30%, regression to the mean built in).
 */
describe('tracking chart in the browser preview', () => {
  const preview = usePreviewApp();

  it('draws the cohort and comparison trend indexed to the start month, and saves it as PNG and CSV', async () => {
    const { page } = preview.app;
    await createWorkspace(preview.app, 'E2E tracking chart');
    const data = generateFollowUp({ seed: 31, people: 6000, trueReduction: 0.3 });
    const files = writeFollowUpFiles(preview.app.dir, data, '2013-12-31');
    const workspace = preview.app.session.requireWorkspace();
    for (const [path, kind] of [
      [files.candidates, 'candidates'],
      [files.cohort, 'cohort'],
      [files.arrestsBefore, 'arrests'],
    ] as const) {
      await importFile(workspace, { path, kind }, { actor: E2E_ACTOR });
    }

    // Before the later extract no one has started within the data: the chart says why it is empty.
    await preview.app.nav('Tracking').click();
    await expectContainsText(page.getByTestId('tracking-trend'), 'No member has a comparison person yet');
    await expectVisible(page.getByTestId('tracking-trend').getByRole('button', { name: 'Save as PNG' }));
    expect(await page.getByTestId('tracking-trend').getByRole('button', { name: 'Save as PNG' }).isDisabled()).toBe(true);
    await page.getByTestId('tracking-trend').scrollIntoViewIfNeeded();
    await preview.app.screenshot('tracking-0-trend-empty');

    await importFile(workspace, { path: files.arrestsLater, kind: 'arrests' }, { actor: E2E_ACTOR });
    await preview.app.nav('Home').click();
    await preview.app.nav('Tracking').click();
    const chart = page.getByTestId('tracking-trend');
    await expectVisible(chart);
    await expectVisible(chart.locator('canvas'));
    await expectContainsText(chart, 'indexed to 100 at the start month');
    await expectContainsText(page.getByTestId('tracking-trend-note'), 'α = 0.3');
    await expectContainsText(page.getByTestId('tracking-trend-note'), 'regression to the mean');
    await chart.scrollIntoViewIfNeeded();
    await expectNoSeriousAxeViolations(page, 'Tracking chart');
    await preview.app.screenshot('tracking-1-trend-chart');

    const png = await downloadFrom(preview.app, () => chart.getByRole('button', { name: 'Save as PNG' }).click());
    const view = trackCohort(workspace, TrackingRequestSchema.parse({}), E2E_ACTOR);
    expect(png.suggestedFilename()).toBe(`OFFICIAL-SENSITIVE tracking arrest rate trend to ${view.dataTo}.png`);
    const pngBytes = readFileSync((await png.path())!);
    expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Width from the IHDR chunk: drawn at twice the screen's pixels for reports.
    expect(pngBytes.readUInt32BE(16)).toBeGreaterThan(1000);
    writeFileSync(join(SCREENSHOT_DIR, 'tracking-export-trend.png'), pngBytes);

    const csv = await downloadFrom(preview.app, () => chart.getByRole('button', { name: 'Download data (CSV)' }).click());
    expect(csv.suggestedFilename()).toBe(`OFFICIAL-SENSITIVE tracking arrest rate trend to ${view.dataTo}.csv`);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    // The same text as the trend of what the tracking call returns (the CLI writes it too).
    expect(csvText).toBe(`\uFEFF${toCsv(trackingTrendCsv(trackingTrend(view.result.monthly)), 'OFFICIAL-SENSITIVE')}`);
    const lines = csvText.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toBe('month from start,group,people,arrests,person-months,arrests per person-month,smoothed rate,trend index,on the chart');
    const startRow = lines.find((l) => l.startsWith('0,Cohort,'))!.split(',');
    expect([startRow[2], startRow[7], startRow[8]]).toEqual([String(view.result.effect!.pairs), '100', 'yes']);
    expect(lines.filter((l) => /^-?\d+,(Cohort|Comparison),/.test(l)).length).toBeGreaterThan(2 * 20);

    // Less smoothing redraws the lines from the same counts.
    await chart.getByLabel('Smoothing α').fill('1');
    await expectContainsText(chart, 'not smoothed (α = 1)');
    await expectContainsText(page.getByTestId('tracking-trend-note'), 'α = 1 is no smoothing');
    await chart.locator('summary', { hasText: 'Chart in words' }).click();
    await expectContainsText(page.getByTestId('tracking-trend-summary'), '100 at the start');
    await preview.app.screenshot('tracking-2-trend-unsmoothed');
  }, 240_000);
});
