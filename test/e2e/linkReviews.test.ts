import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText, expectText, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { createWorkspace } from './support/workspaceSteps';
import { importFile } from '../../electron/import/importEngine';
import { makeSyntheticPnc } from '../../shared/workspace/syntheticCohort';

/**
 * Issue 18 point 6 at the two laptop sizes: each waiting match says how strong the evidence is and
 * what each field shows in words, the weights only behind "Details"; the compared person opens in
 * one click; "Decide later" keeps a match waiting and moves on; and a decision is undone.
 */
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
];

const HEADER = 'PNC,Surname,Forename,DOB,Arrest date,Offence,Borough';

describe('link reviews in plain words', () => {
  const preview = usePreviewApp();
  beforeAll(async () => {
    await createWorkspace(preview.app, 'E2E link reviews');
    const workspace = preview.app.session.requireWorkspace();
    const first = join(preview.app.dir, 'arrests_known.csv');
    writeFileSync(
      first,
      [
        HEADER,
        `${makeSyntheticPnc(1998, 123_456).long},Smith,John,01/02/1980,10/03/2012,Theft from shop,Barnet`,
        `${makeSyntheticPnc(2004, 654_321).long},Jones,Amy,05/06/1990,11/03/2012,Burglary - Residential,Barnet`,
        `${makeSyntheticPnc(2006, 222_333).long},Pellow,Ruth,04/03/1986,12/03/2012,Robbery,Barnet`,
        '',
      ].join('\r\n'),
    );
    // Rows without a PNC, each close to one person above but not certain.
    const second = join(preview.app.dir, 'arrests_without_pnc.csv');
    writeFileSync(
      second,
      [HEADER, ',Smyth,John,01/02/1980,15/04/2012,Robbery,Barnet', ',Jones,Amy,05/06/1991,16/04/2012,Shoplifting,Barnet', ',Pellow,Ruth,01/01/1900,17/04/2012,Shoplifting,Barnet', ''].join('\r\n'),
    );
    await importFile(workspace, { path: first, kind: 'arrests' }, { actor: 'e2e' });
    const report = await importFile(workspace, { path: second, kind: 'arrests' }, { actor: 'e2e' });
    expect(report.reviewsQueued).toBe(3);
  });

  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;

    it(`shows the evidence in words, opens the person, decides later and undoes at ${size}`, async () => {
      const { page } = preview.app;
      await page.setViewportSize(viewport);
      await preview.app.nav('Home').click();
      await preview.app.nav('Link reviews').click();
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Link reviews' }));
      await expectText(page.getByTestId('reviews-pending'), '3 matches wait for review.');

      const smyth = page.locator('.review-card', { hasText: 'Smyth' });
      const jones = page.locator('.review-card', { hasText: 'Amy' });
      const pellow = page.locator('.review-card', { hasText: 'Ruth' });
      await expectText(smyth.getByTestId('review-strength'), 'Strong evidence');
      await expectText(jones.getByTestId('review-strength'), 'Likely match');
      await expectText(pellow.getByTestId('review-strength'), 'Weak evidence');
      const reasons = await smyth.getByTestId('evidence-reasons').locator('li').allTextContents();
      expect(reasons).toEqual([
        '–no evidence: no PNC in the file — no evidence',
        '✓for the match: surname differs: Smyth vs Smith (one letter)',
        '✓for the match: same first name',
        '✓for the match: same date of birth',
      ]);
      await expectContainsText(jones.getByTestId('evidence-reasons'), 'date of birth differs by one digit: 5 Jun 1991 vs 5 Jun 1990');
      await expectContainsText(pellow.getByTestId('evidence-reasons'), 'date of birth is a placeholder (1 Jan 1900) — no evidence');

      // The bits stay behind "Details" until asked for.
      expect(await smyth.getByText(/bits$/).first().isVisible()).toBe(false);
      await expect(page.locator('.review-card').first().innerText()).resolves.not.toMatch(/bits|score/);
      await smyth.getByText('Details', { exact: true }).click();
      await expectVisible(smyth.getByRole('cell', { name: /bits$/ }).first());
      await expectContainsText(smyth.locator('.review-score'), 'likely the same person');
      // Nothing is pushed off the side at this width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await preview.app.screenshot(`link-reviews-${size}-evidence`);
      await smyth.getByText('Details', { exact: true }).click();

      // The compared person opens in one click.
      await smyth.getByRole('link', { name: 'John Smith' }).click();
      await expectText(page.getByTestId('person-name'), /John/);
      await page.goBack();
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Link reviews' }));

      // Decide later: the match still waits, last in the list, and the focus moves on.
      const firstTitle = await page.locator('.review-card h2').first().innerText();
      await page.locator('.review-card').first().getByRole('button', { name: 'Decide later' }).click();
      await expectContainsText(page.getByTestId('review-notice'), 'still waits for review');
      await expectText(page.getByTestId('reviews-pending'), '3 matches wait for review.');
      expect(await page.locator('.review-card h2').last().innerText()).toBe(firstTitle);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');

      // Link one, then undo it from the notice: it waits again and the person is back.
      await smyth.getByRole('button', { name: 'Same person — link' }).click();
      await expectContainsText(page.getByTestId('review-confirmation'), 'Linked row 2 of arrests_without_pnc.csv to John Smith');
      await expectText(page.getByTestId('reviews-pending'), '2 matches wait for review.');
      await expectContainsText(page.getByTestId('recent-decisions'), 'Linked: row 2 of arrests_without_pnc.csv with John Smith');
      await preview.app.screenshot(`link-reviews-${size}-linked`);
      await page.getByTestId('review-confirmation').getByRole('button', { name: 'Undo' }).click();
      await expectContainsText(page.getByTestId('review-confirmation'), 'Undid the decision on row 2 of arrests_without_pnc.csv');
      await expectText(page.getByTestId('reviews-pending'), '3 matches wait for review.');
      await expectText(smyth.getByTestId('review-strength'), 'Strong evidence');
      const people = preview.app.session.requireWorkspace().db.prepare("SELECT COUNT(*) FROM people WHERE surname IN ('Smith', 'Smyth')").pluck().get();
      expect(people).toBe(2);
      await page.getByTestId('recent-decisions').waitFor({ state: 'detached' });
      await preview.app.screenshot(`link-reviews-${size}-undone`);
      await expectNoSeriousAxeViolations(page, `Link reviews at ${size}`);
      expect(preview.app.pageErrors).toEqual([]);
    });
  }
});
