import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText, expectText, expectValue, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { openDemoWorkspace } from './support/workspaceSteps';

/**
 * Issue 18 on the screens an analyst meets first, at the two laptop sizes: UK dates in the app's
 * own date field, a Candidates grid with nothing cut off and columns that resize, a side menu
 * that folds away, search that forgives accents and apostrophes, and orientation for keyboard
 * and screen-reader users (skip link, focus on the heading, a title per screen).
 */
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
];

function grid(page: Page) {
  return page.getByRole('grid', { name: /^Candidates/ });
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const g = document.querySelector('[data-testid="candidate-grid"]');
    return g !== null && g.getAttribute('aria-busy') === null && !g.querySelector('.cand-row-loading');
  });
}

/** Cells whose text does not fit the box they are shown in (cut off with or without an ellipsis). */
async function cutOffCells(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    return Array.from(document.querySelectorAll<HTMLElement>(sel))
      .filter((cell) => cell.getBoundingClientRect().height > 0)
      .filter((cell) => cell.scrollWidth > cell.clientWidth + 1 || cell.scrollHeight > cell.clientHeight + 1)
      .map((cell) => cell.textContent ?? '');
  }, selector);
}

async function focusedHeading(page: Page): Promise<string | null> {
  return page.evaluate(() => (document.activeElement?.tagName === 'H1' ? (document.activeElement.textContent ?? '') : null));
}

describe('the analyst screens at laptop sizes', () => {
  const preview = usePreviewApp({ failedResponses: true });
  let dobIso = '';
  let dobSurname = '';

  beforeAll(async () => {
    const workspace = await openDemoWorkspace(preview.app, 'E2E analyst screens');
    // Two people with the names the search must forgive, before the analysis model first reads the list.
    const ids = workspace.db.prepare('SELECT id FROM people ORDER BY id LIMIT 2').pluck().all() as number[];
    workspace.db.prepare("UPDATE people SET surname = 'O''Brien', forenames = 'Zoë' WHERE id = ?").run(ids[0]);
    workspace.db.prepare("UPDATE people SET surname = 'Smith-Jones', forenames = 'Seán' WHERE id = ?").run(ids[1]);
    const withDob = workspace.db.prepare("SELECT surname, dob FROM people WHERE dob IS NOT NULL AND id > ? ORDER BY id LIMIT 1").get(ids[1]!) as { surname: string; dob: string };
    dobIso = withDob.dob;
    dobSurname = withDob.surname;
  });

  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;

    it(`orients keyboard users at ${size}: a title per screen, focus on the heading, a skip link`, async () => {
      const { page } = preview.app;
      await page.setViewportSize(viewport);
      await preview.app.nav('Home').click();
      await preview.app.nav('Candidates').click();
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Candidates' }));
      await page.waitForFunction(() => document.title === 'Candidates — IOM Cohort Workbench');
      // The focus left the menu for the page's heading.
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
      expect(await focusedHeading(page)).toBe('Candidates');
      await preview.app.nav('Shortlist').click();
      await page.waitForFunction(() => document.title === 'Shortlist — IOM Cohort Workbench');
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

      // The skip link is the first stop of the Tab order; focused, it shows itself and jumps to the content.
      const skip = page.getByRole('link', { name: 'Skip to the page content' });
      expect(await page.evaluate(() => document.querySelector('a[href], button, input, select, textarea, [tabindex="0"]')?.textContent)).toBe('Skip to the page content');
      await skip.focus();
      const box = await skip.boundingBox();
      expect(box!.y).toBeGreaterThanOrEqual(0);
      await preview.app.screenshot(`a11y-${size}-skip-link`);
      await page.keyboard.press('Enter');
      expect(await focusedHeading(page)).toBe('Shortlist');
    });

    it(`takes UK dates in the app's own field at ${size}`, async () => {
      const { page } = preview.app;
      const field = page.getByLabel('Reference date');
      await expectValue(field, '31/10/2013');
      expect(await field.getAttribute('type')).toBe('text');
      expect(await page.locator('input[type="date"]').count()).toBe(0);
      const read = page.locator('.date-field-read').first();
      await expectText(read, '31 Oct 2013');

      // Month first is refused, never swapped.
      await field.fill('10/31/2013');
      await field.blur();
      await expectContainsText(read, 'day-first');
      await field.fill('6/12/2013');
      await expectText(read, '6 Dec 2013');
      await field.blur();
      await expectValue(field, '06/12/2013');

      // Picked from the calendar: Monday first, keyboard to move, Enter to choose.
      await page.getByRole('button', { name: 'Pick the date from a calendar' }).first().click();
      await preview.app.screenshot(`dates-${size}-calendar`);
      const calendar = page.getByRole('dialog', { name: /^Choose a date, December 2013/ });
      await expectVisible(calendar);
      expect(await calendar.getByRole('columnheader').first().textContent()).toBe('Mon');
      await page.keyboard.press('PageDown');
      await expectVisible(page.getByRole('dialog', { name: /^Choose a date, January 2014/ }));
      await page.keyboard.press('PageUp');
      await page.keyboard.press('PageUp');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await expectValue(field, '07/11/2013');
      await expectText(read, '7 Nov 2013');
      expect(await page.getByRole('dialog').count()).toBe(0);
      await field.fill('31/10/2013');
      await field.blur();
      await expectNoSeriousAxeViolations(page, `Shortlist with the date field at ${size}`);
    });

    it(`shows the Candidates grid whole at ${size}, with resizable columns, a folding menu and forgiving search`, async () => {
      const { page } = preview.app;
      await preview.app.nav('Candidates').click();
      await expectVisible(grid(page));
      await settled(page);
      await preview.app.screenshot(`candidates-${size}-grid`);
      expect(await cutOffCells(page, '.cand-cell-name, .cand-cell-borough, .cand-cell-flags, .cand-cell-shortlist'), 'cells cut off').toEqual([]);
      expect(await cutOffCells(page, '.cand-sort > span:first-child'), 'headers cut off').toEqual([]);
      // At 1366 every column is in view beside the menu and the filters; at 1280 once the menu is folded away.
      const overflowing = () => grid(page).evaluate((g) => g.scrollWidth > g.clientWidth + 1);
      if (viewport.width >= 1366) expect(await overflowing(), 'the grid scrolls sideways').toBe(false);
      // Each sort arrow sits on its header's line, not wrapped under it.
      const misplaced = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.cand-sort')).filter((button) => {
          const label = button.firstElementChild!.getBoundingClientRect();
          const mark = button.querySelector('.cand-sort-mark')!.getBoundingClientRect();
          return mark.top < label.top - 1 || mark.bottom > label.bottom + 1 || (mark.left < label.right - 1 && mark.top >= label.bottom - 1);
        }).map((b) => b.textContent),
      );
      expect(misplaced).toEqual([]);

      // Wider by keyboard, remembered when the screen is left and opened again.
      const nameHeader = page.getByRole('columnheader', { name: /^Name/ });
      const before = (await nameHeader.boundingBox())!.width;
      await page.getByRole('separator', { name: 'Width of the Name column' }).focus();
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('ArrowRight');
      const widened = (await nameHeader.boundingBox())!.width;
      expect(Math.round(widened - before)).toBe(64);
      // And by dragging the edge of Borough.
      const borough = page.getByRole('separator', { name: 'Width of the Borough column' });
      const edge = (await borough.boundingBox())!;
      const boroughBefore = (await page.getByRole('columnheader', { name: /^Borough/ }).boundingBox())!.width;
      await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
      await page.mouse.down();
      await page.mouse.move(edge.x + edge.width / 2 + 30, edge.y + edge.height / 2, { steps: 3 });
      await page.mouse.up();
      expect(Math.round((await page.getByRole('columnheader', { name: /^Borough/ }).boundingBox())!.width - boroughBefore)).toBe(30);
      await preview.app.nav('Home').click();
      await preview.app.nav('Candidates').click();
      await expectVisible(grid(page));
      expect(Math.round((await nameHeader.boundingBox())!.width)).toBe(Math.round(widened));
      // A double click gives the automatic widths back.
      await page.getByRole('separator', { name: 'Width of the Name column' }).dblclick();
      await page.getByRole('separator', { name: 'Width of the Borough column' }).dblclick();
      expect(Math.round((await nameHeader.boundingBox())!.width)).toBe(Math.round(before));

      // The side menu folds away for the grid, and says so to screen readers.
      const toggle = page.getByRole('button', { name: 'Hide menu' });
      await toggle.click();
      expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Show menu' }).getAttribute('aria-expanded')).toBe('false');
      const wider = (await grid(page).boundingBox())!.width;
      expect(await overflowing(), 'the grid scrolls sideways with the menu folded').toBe(false);
      await preview.app.screenshot(`candidates-${size}-menu-hidden`);
      await page.getByRole('button', { name: 'Show menu' }).click();
      expect((await grid(page).boundingBox())!.width).toBeLessThan(wider);

      // Search forgives case, accents, apostrophes and hyphens, and reads a date of birth the UK way.
      const search = page.getByRole('searchbox');
      for (const [query, name] of [
        ['obrien', "O'Brien, Zoë"],
        ['zoe', "O'Brien, Zoë"],
        ['smith jones', 'Smith-Jones, Seán'],
        ['SEAN', 'Smith-Jones, Seán'],
      ] as const) {
        await search.fill(query);
        await settled(page);
        await expectContainsText(grid(page).locator('.cand-cell-name').first(), name);
      }
      const [y, m, d] = dobIso.split('-');
      await search.fill(`${d}/${m}/${y}`);
      await settled(page);
      await expectContainsText(grid(page), dobSurname);
      await preview.app.screenshot(`candidates-${size}-search-dob`);
      await search.fill('');
      await settled(page);
      await expectNoSeriousAxeViolations(page, `Candidates at ${size}`);
      expect(preview.app.pageErrors).toEqual([]);
    });
  }
});
