import { describe, expect, it } from 'vitest';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText, expectText, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { openDemoWorkspace } from './support/workspaceSteps';

/**
 * Issue 16: the PPO list and the published harm index on the Shortlist and the person page. The
 * demo's 7 synthetic PPO nominals are ranked with a PPO term; every gravity names its source.
 */
describe('PPO and the harm index in the browser preview', () => {
  const preview = usePreviewApp();

  it('edits the RFG weights beside their source, ranks with the PPO term, and shows the working on the person page', async () => {
    const { page } = preview.app;
    const workspace = await openDemoWorkspace(preview.app, 'E2E PPO');
    const ppoIds = workspace.db.prepare("SELECT DISTINCT person_id FROM person_flags WHERE flag = 'ppo' AND active = 1 ORDER BY person_id").pluck().all() as number[];
    expect(ppoIds).toHaveLength(7);

    await preview.app.nav('Shortlist').click();
    await page.getByLabel('Then fill the places by').selectOption('rfg');
    const weights = page.getByTestId('sl-rfg-weights');
    await expectVisible(weights);
    await expectText(page.getByTestId('gravity-source-residential_burglary'), 'CSS code 28A–28H');
    await expectText(page.getByTestId('gravity-source-vehicle_crime'), "no published weight read: stand-in 13 (shoplifting's)");
    await expectContainsText(page.getByTestId('gravity-source'), 'source: Office for National Statistics, "Research outputs: Developing a Crime Severity Score');
    await weights.getByLabel('PPO list (P)').fill('2');
    await weights.getByLabel('Robbery (personal property)').fill('800');
    await expectText(page.getByTestId('gravity-source-robbery'), 'edited (CSS code 34B: 746)');
    await expectNoSeriousAxeViolations(page, 'Shortlist with the RFG weights');
    await preview.app.screenshot('ppo-1-rfg-weights');

    await page.getByRole('button', { name: 'Run the selection rules' }).click();
    const formula = page.locator('.sl-facts code').filter({ hasText: 'P = 1 on the PPO list' });
    await expectVisible(formula);
    await expectContainsText(formula, '+ 2·P)');
    await expectContainsText(formula, 'gravity per arrest: source: ONS Crime Severity Score weights (29 Nov 2016)');
    await expectContainsText(formula, 'robbery (personal property) 800 (edited)');
    await formula.scrollIntoViewIfNeeded();
    await preview.app.screenshot('ppo-2-shortlist');

    const shortlistId = workspace.db.prepare('SELECT MAX(id) FROM shortlists').pluck().get() as number;
    const ranked = workspace.db.prepare(`SELECT person_id FROM shortlist_members WHERE shortlist_id = ? AND person_id IN (${ppoIds.join(',')}) AND reason LIKE '%by RFG and PPO score%' ORDER BY rank LIMIT 1`).pluck().get(shortlistId) as number;
    expect(ranked).toBeGreaterThan(0);
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#/person/${ranked}`);
    await expectVisible(page.getByTestId('person-selection'));
    await expectContainsText(page.getByTestId('person-selection'), 'by RFG and PPO score');
    await expectContainsText(page.getByTestId('person-ranking-formula'), 'P = 1 on the PPO list, else 0');
    await expectContainsText(page.getByTestId('person-ranking-formula'), 'source: ONS Crime Severity Score weights (29 Nov 2016)');
    await expectVisible(page.locator('.flag-chip-ppo').first());
    await expectNoSeriousAxeViolations(page, 'Person page with the ranking formula');
    await preview.app.screenshot('ppo-3-person');

    await preview.app.nav('Candidates').click();
    await expectVisible(page.locator('.flag-chip-ppo').first());
    await preview.app.screenshot('ppo-4-candidates');
  });
});
