import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText, expectText, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { acceptFirstOnPanel, serviceContext, openDemoWorkspace } from './support/workspaceSteps';
import { dispatchCall } from '../../electron/callDispatcher';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';
import { headlineFigures } from '../../shared/report/reportHeadline';
import type { ProjectionResult, Scenario } from '../../shared/analysis/projection';

/**
 * Issue 18 point 5 at the two laptop sizes: Home says what is next. The intake plan's state (none,
 * then its tranches and the next one) with a link; nothing listed with a count of zero; no tile
 * that repeats another; the headline figures in the very words the printed report uses.
 */
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
];

async function expectNoZeroCounts(page: Page): Promise<void> {
  expect(await page.getByTestId('needs-attention').locator('.attention-count').allTextContents()).not.toContain('0');
  const flagCounts = await page.locator('section[aria-labelledby="flags-title"] td.num').allTextContents();
  expect(flagCounts.length).toBeGreaterThan(0);
  expect(flagCounts.map((t) => t.trim())).not.toContain('0');
}

describe('Home says what is next', () => {
  const preview = usePreviewApp();
  let panelReady = false;

  beforeAll(async () => {
    await openDemoWorkspace(preview.app, 'E2E home');
  });

  async function reportHeadline(): Promise<ReturnType<typeof headlineFigures>> {
    const ctx = serviceContext(preview.app);
    const list = await dispatchCall(ctx, 'scenarios.list', {});
    if (!list.ok) throw new Error('scenarios.list failed');
    const scenario = (list.value as { scenarios: Array<{ scenario: Scenario }> }).scenarios[0]!.scenario;
    const projected = await dispatchCall(ctx, 'analysis.project', { scenario, population: { kind: 'longList' } });
    if (!projected.ok) throw new Error('analysis.project failed');
    const result = projected.value as ProjectionResult;
    return headlineFigures(result.rows.find((r) => r.crimeType === 'all')!, result.totalCostSavingPerYear);
  }

  function preparePanel(): void {
    if (panelReady) return;
    panelReady = true;
    const workspace = preview.app.session.requireWorkspace();
    const shortlistId = workspace.db.prepare('SELECT MAX(id) FROM shortlists').pluck().get() as number;
    acceptFirstOnPanel(workspace, shortlistId, 40, 'open');
  }

  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;

    it(`says no intake is planned yet, lists no zero and rounds as the report does at ${size}`, async () => {
      const { page } = preview.app;
      await page.setViewportSize(viewport);
      await preview.app.nav('Candidates').click();
      await preview.app.nav('Home').click();
      await expectContainsText(page.getByTestId('intake-state'), 'None yet');
      expect(await page.getByTestId('home-intake').getByRole('link', { name: 'Intake plan' }).getAttribute('href')).toBe('#/intake');
      await expectNoZeroCounts(page);
      // No tile repeats another, or the list of what needs attention.
      const tiles = await page.locator('.stat-label').allInnerTexts();
      expect(new Set(tiles).size).toBe(tiles.length);
      expect(tiles.join(' ')).not.toMatch(/review/i);
      // The headline in the report's words.
      const figures = await reportHeadline();
      await expectText(page.getByTestId('projection-reduction'), figures.reduction);
      if (figures.reductionRange) await expectContainsText(page.getByTestId('home-projection'), `(range ${figures.reductionRange})`);
      if (figures.cost) await expectContainsText(page.getByTestId('home-cost'), figures.cost);
      expect(await page.getByTestId('home-projection').innerText()).not.toMatch(/million|\d\.\d{3,}/);
      await preview.app.screenshot(`home-${size}-next-none`);
      await page.getByTestId('home-intake').scrollIntoViewIfNeeded();
      await preview.app.screenshot(`home-${size}-intake-none`);
      await expectNoSeriousAxeViolations(page, `Home at ${size}`);
    });
  }

  // After a panel has accepted people (both sizes above saw the state before it).
  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;

    it(`shows the planned intake's tranches and the open panel at ${size}`, async () => {
      const { page } = preview.app;
      await page.setViewportSize(viewport);
      if (!panelReady) {
        const run = await dispatchCall(serviceContext(preview.app), 'shortlist.run', { ruleSet: DEFAULT_SELECTION_RULE_SET });
        expect(run.ok).toBe(true);
        preparePanel();
      }
      await preview.app.nav('Candidates').click();
      await preview.app.nav('Home').click();
      await expectContainsText(page.getByTestId('intake-state'), 'Planned:');
      await expectContainsText(page.getByTestId('intake-state'), 'monthly tranche');
      await expectContainsText(page.getByTestId('intake-state'), '40 people in all');
      await expectVisible(page.getByTestId('intake-next'));
      expect(await page.getByTestId('intake-next').innerText()).toMatch(/tranche.*: [A-Z][a-z]{2} \d{4}, \d+ (person|people) starting\./);
      expect(await page.getByTestId('home-intake').getByRole('link', { name: 'Open the intake plan' }).getAttribute('href')).toBe('#/intake');
      await expectContainsText(page.getByTestId('attention-panel'), 'Cohort selection panel');
      expect(await page.getByTestId('home-shortlist').innerText()).not.toMatch(/(^|\D)0 (not eligible|people excluded)/);
      await expectNoZeroCounts(page);
      await page.getByTestId('home-intake').scrollIntoViewIfNeeded();
      await preview.app.screenshot(`home-${size}-intake-planned`);
      await page.getByTestId('home-intake').getByRole('link', { name: 'Open the intake plan' }).click();
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Intake plan' }));
      expect(preview.app.pageErrors).toEqual([]);
    });
  }
});
