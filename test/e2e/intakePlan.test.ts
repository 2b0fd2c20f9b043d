import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText, expectText, expectValue, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { acceptFirstOnPanel, downloadFrom, serviceContext, openDemoWorkspace } from './support/workspaceSteps';
import { dispatchCall } from '../../electron/callDispatcher';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';

describe('intake plan in the browser preview', () => {
  const preview = usePreviewApp();

  it('shows the empty state before a panel, then plans the accepted cohort month by month', async () => {
    const { page } = preview.app;
    const workspace = await openDemoWorkspace(preview.app, 'E2E intake');

    // No panel yet: the page says so and points to the panel.
    await preview.app.nav('Intake plan').click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Intake plan' }));
    await expectVisible(page.getByTestId('intake-empty'));
    await expectContainsText(page.getByTestId('intake-empty'), 'No panel has sat yet');
    expect(await page.getByRole('link', { name: 'Go to the selection panel' }).getAttribute('href')).toBe('#/panel');
    await expectNoSeriousAxeViolations(page, 'Intake plan, empty');
    await preview.app.screenshot('intake-0-empty');

    // A shortlist and a panel that accepts the first 60 (decisions written as rows; the panel's screens are tested on their own).
    const run = await dispatchCall(serviceContext(preview.app), 'shortlist.run', { ruleSet: DEFAULT_SELECTION_RULE_SET });
    expect(run.ok).toBe(true);
    const shortlistId = workspace.db.prepare('SELECT MAX(id) FROM shortlists').pluck().get() as number;
    const { accepted } = acceptFirstOnPanel(workspace, shortlistId, 60, 'open');
    const statutory = workspace.db.prepare('UPDATE people SET statutory = ? WHERE id = ?');
    // 34 statutory, 20 non-statutory, 6 unknown.
    accepted.forEach((id, i) => statutory.run(i < 34 ? 1 : i < 54 ? 0 : null, id));

    await preview.app.nav('Home').click();
    await preview.app.nav('Intake plan').click();
    await expectVisible(page.getByTestId('intake-months'));
    await expectText(page.getByTestId('intake-accepted'), '60');
    // Issue 16: the demo's 42 current clients are on the books, leaving at the seed's 1.76% a month,
    // so the places are the Shortlist's: 100 − 42 + 3 = 61.
    await expectValue(page.getByLabel('Caseload already on the books'), '42');
    await expectContainsText(page.getByTestId('intake-places'), '61 places for new entrants = team capacity 100 − 42 current clients on the books + 3');
    await expectText(page.getByTestId('caseload-2014-05'), '99');
    // Seed team (capacity 100, police leads), nothing on the books and no one leaving: 12 a month over Jan–May 2014.
    await page.getByLabel('Caseload already on the books').fill('0');
    await page.getByLabel('Clients on the books leaving a month (%)').fill('');
    for (const month of ['2014-01', '2014-02', '2014-03', '2014-04', '2014-05']) await expectText(page.getByTestId(`starts-${month}`), '12');
    await expectText(page.getByTestId('caseload-2014-05'), '60');
    await expectText(page.getByTestId('capacity-2014-01'), '100');
    await expectContainsText(page.getByTestId('intake-month-2014-01'), 'police leads');
    await expectText(page.getByTestId('intake-not-fitting-count'), '0');
    // 34 of 54 known = 62.96%.
    await expectText(page.getByTestId('intake-share'), '63%');
    await expectContainsText(page.getByTestId('intake-share-text'), '62.96% (34 of 54 with a known status); 6 unknown');
    await expectVisible(page.locator('[data-testid="chart-intake"] canvas'));
    await preview.app.screenshot('intake-1-plan');

    // The seed's current caseload of 72: room for 28, so 12, 12, 4 and 32 left over.
    await page.getByLabel('Caseload already on the books').fill('72');
    await expectText(page.getByTestId('starts-2014-03'), '4');
    await expectText(page.getByTestId('starts-2014-04'), '0');
    await expectText(page.getByTestId('starts-total'), '28');
    await expectText(page.getByTestId('intake-not-fitting-count'), '32');
    await expectText(page.getByTestId('intake-not-fitting-reason'), 'No room by May 2014: the caseload (100) reaches the capacity of 100, limited by the police leads.');
    await expectContainsText(page.getByTestId('intake-binding'), 'Capacity held starts back in Mar 2014, Apr 2014, May 2014');
    await expectContainsText(page.getByTestId('chart-intake-summary'), 'Mar 2014: 4 start');
    await preview.app.screenshot('intake-2-over-capacity');

    // The expanded team (5 + 4) from March: everyone fits.
    await page.getByRole('button', { name: 'Add a staff change' }).click();
    await page.getByLabel('Staff change 1: from month').fill('2014-03');
    await expectText(page.getByTestId('capacity-2014-03'), '200');
    await expectText(page.getByTestId('intake-not-fitting-count'), '0');
    await expectText(page.getByTestId('starts-2014-05'), '12');
    await expectContainsText(page.getByTestId('intake-month-2014-03'), 'offender managers');

    // A typing mistake is shown on its field and the last good plan stays.
    await page.getByLabel('Caseload per offender manager').fill('0');
    await expectVisible(page.getByText('More than 0.'));
    expect(await page.getByRole('button', { name: 'Save parameters' }).isDisabled()).toBe(true);
    await page.getByLabel('Caseload per offender manager').fill('40');

    // Saved per workspace: back on the page later, the parameters are there.
    await page.getByRole('button', { name: 'Save parameters' }).click();
    await expectText(page.getByTestId('intake-params-status'), 'Saved for this workspace.');
    const audit = workspace.db.prepare("SELECT detail FROM audit_log WHERE action = 'intake.saveParams' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ startMonth: '2014-01', endMonth: '2014-05', staffChanges: 1 });
    await preview.app.nav('Home').click();
    await preview.app.nav('Intake plan').click();
    await expectValue(page.getByLabel('Caseload already on the books'), '72');
    await expectValue(page.getByLabel('Staff change 1: from month'), '2014-03');
    await expectText(page.getByTestId('intake-params-status'), 'As saved.');

    // Who starts when: January's starters by name, priority groups first.
    const january = page.getByTestId('intake-people-2014-01');
    await january.locator('summary').click();
    const firstRow = january.locator('tbody tr').first();
    await expectContainsText(firstRow, '1');
    const firstName = (await firstRow.getByRole('link').textContent()) ?? '';
    expect(firstName.length).toBeGreaterThan(2);
    expect(await january.locator('tbody tr').count()).toBe(12);
    await page.getByTestId('intake-working').locator('summary').click();
    await expectContainsText(page.getByTestId('intake-working'), 'Jan 2014: capacity 100 = min(3 offender managers × 40 = 120; 2 police leads × 50 = 100)');

    await expectNoSeriousAxeViolations(page, 'Intake plan');
    await page.getByRole('heading', { name: 'Month by month' }).scrollIntoViewIfNeeded();
    await preview.app.screenshot('intake-3-table');
    await january.scrollIntoViewIfNeeded();
    await preview.app.screenshot('intake-4-people');

    // The plan as a marked CSV, through the same delivery as every export.
    await page.getByRole('heading', { level: 1, name: 'Intake plan' }).scrollIntoViewIfNeeded();
    const file = await downloadFrom(preview.app, () => page.getByRole('button', { name: 'Export plan (CSV)' }).click());
    expect(file.suggestedFilename()).toMatch(/^OFFICIAL-SENSITIVE IOM intake plan \d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '');
    expect(csv.split('\r\n').slice(0, 2)).toEqual(['OFFICIAL-SENSITIVE', 'Intake plan']);
    expect(csv).toContain('Mar 2014,5,4,200,offender managers and police leads,96,12,');
    expect(csv).toContain(firstName.includes(',') ? `"${firstName}"` : firstName);
    await expectContainsText(page.getByTestId('intake-export-status'), 'Downloaded OFFICIAL-SENSITIVE IOM intake plan');
    expect(preview.app.pageErrors).toEqual([]);
  });
});
