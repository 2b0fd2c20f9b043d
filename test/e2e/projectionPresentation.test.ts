import { beforeAll, describe, expect, it } from 'vitest';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText, expectText, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { openDemoWorkspace } from './support/workspaceSteps';

/**
 * The Projection screen shown to a panel: dates in words, results plainly stale while an input is
 * wrong, a question before unsaved edits are left behind, long scenario names whole, and Home
 * showing the very scenario Projection opens.
 */
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
];

const LONG_NAME = 'Barnet expansion, 43% reduction from the later evidence (Jan 2014 panel)';

describe('the projection fit to show a panel', () => {
  const preview = usePreviewApp();
  beforeAll(async () => {
    await openDemoWorkspace(preview.app, 'E2E projection presentation');
  });

  for (const [i, viewport] of VIEWPORTS.entries()) {
    const size = `${viewport.width}x${viewport.height}`;
    it(`greys stale results, asks before unsaved edits are lost and agrees with Home at ${size}`, async () => {
      const { page } = preview.app;
      await page.setViewportSize(viewport);
      await preview.app.nav('Home').click();
      await preview.app.nav('Projection').click();
      await expectVisible(page.getByTestId('cell-all-arrests'));
      await expectContainsText(page.getByTestId('projection-facts'), 'arrested from 1 Nov 2011 to 31 Oct 2013 (24 months)');

      // The working reads like the figures: rounded, rates as percentages, pounds grouped, names in words.
      await page.getByRole('button', { name: 'Show working' }).click();
      const working = (await page.locator('.working-row').allInnerTexts()).join('\n');
      expect(working).toContain('Range of offences a year after IOM');
      expect(working).not.toMatch(/\d\.\d{3,}/);
      // Thousands grouped (dates such as "31 Oct 2013" aside).
      expect(working.replace(/\d{1,2} [A-Z][a-z]{2} \d{4}/g, '')).not.toMatch(/\d{4,}/);
      expect(working).not.toMatch(/iom|_/);
      expect(working).toMatch(/× \d+(\.\d+)?%/);
      expect(working).toMatch(/£\d{1,3}(,\d{3})+ = /);
      const captions = (await page.locator('.projection-results').innerText());
      expect(captions).not.toMatch(/\d\.\d{3,}|_/);
      await page.getByTestId('working-all').scrollIntoViewIfNeeded();
      await preview.app.screenshot(`projection-${size}-working`);
      await page.getByRole('button', { name: 'Hide working' }).click();

      // An invalid input: the old figures stay, greyed, with a note saying they are not current.
      const months = page.getByLabel('Window (months)');
      const monthsBefore = await months.inputValue();
      await months.fill('abc');
      await expectVisible(page.getByTestId('projection-stale'));
      expect(await page.locator('.results-stale').count()).toBe(1);
      await page.getByTestId('projection-stale').scrollIntoViewIfNeeded();
      await preview.app.screenshot(`projection-${size}-stale`);
      await months.fill(monthsBefore);
      await page.getByTestId('projection-stale').waitFor({ state: 'detached' });
      expect(await page.locator('.results-stale').count()).toBe(0);

      // Unsaved edits: leaving asks, and "stay" keeps them on screen.
      const name = `${LONG_NAME} ${i + 1}`;
      await page.getByLabel('Scenario name').fill(name);
      await page.getByLabel('Central (%)').fill('43');
      await expectVisible(page.getByTestId('unsaved'));
      const asked: string[] = [];
      page.once('dialog', (dialog) => {
        asked.push(dialog.message());
        void dialog.dismiss();
      });
      await preview.app.nav('Home').click();
      expect(asked).toHaveLength(1);
      expect(asked[0]).toContain('without saving');
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Projection' }));
      expect(await page.getByLabel('Scenario name').inputValue()).toBe(name);

      // Saved, the long name is shown whole, and Home shows this scenario's figure.
      await page.getByRole('button', { name: 'Save as new' }).click();
      await expectContainsText(page.getByTestId('projection-status'), 'Saved');
      const select = page.getByRole('combobox', { name: 'Saved scenarios' });
      expect(await select.locator('option:checked').textContent()).toBe(name);
      expect(await select.evaluate((s) => (s as HTMLSelectElement).scrollWidth <= (s as HTMLSelectElement).clientWidth + 1)).toBe(true);
      // The name box wraps rather than cutting the name off.
      const nameBox = page.getByLabel('Scenario name');
      expect(await nameBox.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
      await page.getByRole('heading', { name: 'Scenario', exact: true }).scrollIntoViewIfNeeded();
      await preview.app.screenshot(`projection-${size}-long-name`);
      const reduction = ((await page.getByTestId('cell-all-reductionPerYear').textContent()) ?? '').trim();
      await preview.app.nav('Home').click();
      await expectText(page.getByTestId('home-scenario-name'), name);
      const rounded = Math.round(Number(reduction.replace(/,/g, ''))).toLocaleString('en-GB');
      await expectText(page.getByTestId('projection-reduction'), rounded);
      await page.getByTestId('home-projection').scrollIntoViewIfNeeded();
      await preview.app.screenshot(`home-${size}-projection`);
      await expectNoSeriousAxeViolations(page, `Home at ${size}`);
      expect(preview.app.pageErrors).toEqual([]);
    });
  }
});
