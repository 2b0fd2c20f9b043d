import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText, expectText, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { downloadFrom, serviceContext, openDemoWorkspace } from './support/workspaceSteps';
import { dispatchCall } from '../../electron/callDispatcher';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';

describe('the Audit page in the browser preview', () => {
  const preview = usePreviewApp();

  const summary = () => preview.app.page.getByTestId('audit-summary');

  it('filters, pages, verifies, exports and shows a tampered entry', async () => {
    const { page } = preview.app;

    // A working day's trail: the demo imports, a shortlist, a note, and enough setting changes to need a second page.
    await openDemoWorkspace(preview.app, 'E2E audit');
    const ctx = serviceContext(preview.app);
    expect((await dispatchCall(ctx, 'shortlist.run', { ruleSet: DEFAULT_SELECTION_RULE_SET })).ok).toBe(true);
    expect((await dispatchCall(ctx, 'person.addNote', { personId: 1, text: 'Seen at the hub on Tuesday.' })).ok).toBe(true);
    for (let i = 0; i < 60; i += 1) expect((await dispatchCall(ctx, 'settings.update', { key: 'idleLockMinutes', value: 10 + (i % 20) })).ok).toBe(true);
    const total = preview.app.session.requireWorkspace().db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
    const imports = preview.app.session.requireWorkspace().db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'import'").pluck().get() as number;
    expect(total).toBeGreaterThan(60);

    await preview.app.nav('Audit').click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Audit trail' }));
    await expectText(summary(), `Showing 1–50 of ${total} entries`);
    await expectContainsText(page.getByRole('table').locator('tbody tr').first(), 'Setting changed');
    await preview.app.screenshot('audit-1-newest-first');
    await expectNoSeriousAxeViolations(page, 'Audit, newest first');

    // Paging: the summary takes the focus, so the keyboard is never left on a disabled button.
    await page.getByRole('button', { name: 'Next' }).click();
    await expectText(summary(), `Showing 51–${Math.min(100, total)} of ${total} entries`);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('audit-summary');
    await page.getByRole('button', { name: 'Newest' }).click();
    await expectText(summary(), `Showing 1–50 of ${total} entries`);

    // Filters: an action, then who, then a record with nothing in it, then clear.
    await page.getByLabel('Action', { exact: true }).selectOption('import');
    await expectText(summary(), `Showing 1–${imports} of ${imports} matching entries`);
    const actionCells = await page.locator('tbody tr td:nth-child(4) .audit-action-label').allTextContents();
    expect(new Set(actionCells)).toEqual(new Set(['File imported']));
    await expectContainsText(page.locator('tbody tr').first(), 'File SHA-256');
    await preview.app.screenshot('audit-2-filtered-imports');
    await page.getByLabel('Action', { exact: true }).selectOption('person');
    await expectText(summary(), 'Showing 1–1 of 1 matching entry');
    await expectContainsText(page.locator('tbody tr').first(), 'Person 1');
    await page.getByLabel('Action', { exact: true }).selectOption('');
    await page.getByLabel('Record id').fill('999999');
    await expectVisible(page.getByTestId('audit-empty'));
    await expectContainsText(page.getByTestId('audit-empty'), 'No entries match these filters');
    await page.getByLabel('From', { exact: true }).fill('02/01/2030');
    await page.getByLabel('To (inclusive)').fill('01/01/2030');
    await expectContainsText(page.locator('.audit-filter-error'), 'after the "To" date');
    await page.getByTestId('audit-empty').getByRole('button', { name: 'Clear filters' }).click();
    await expectText(summary(), `Showing 1–50 of ${total} entries`);

    // Verify: by keyboard, and the answer takes the focus.
    await page.getByRole('button', { name: 'Verify chain' }).focus();
    await page.keyboard.press('Enter');
    await expectContainsText(page.getByTestId('audit-verify-result'), 'Chain intact');
    await expectContainsText(page.getByTestId('audit-verify-result'), `All ${total} entries link to the one before`);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Chain intact');
    await preview.app.screenshot('audit-3-verified');
    await expectNoSeriousAxeViolations(page, 'Audit, verified');

    // Export: the browser downloads the marked CSV, and the export is itself in the trail.
    const file = await downloadFrom(preview.app, () => page.getByRole('button', { name: 'Export CSV' }).click());
    expect(file.suggestedFilename()).toMatch(/^OFFICIAL-SENSITIVE IOM audit trail \d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await file.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFOFFICIAL-SENSITIVE');
    expect(csv).toContain('Verification,INTACT');
    await expectContainsText(page.locator('tbody tr').first(), 'Audit trail exported');
    await expectText(summary(), `Showing 1–50 of ${total + 1} entries`);

    // Someone edits an entry with a SQLite tool: the next verification names it and shows how it reads now.
    const { db } = preview.app.session.requireWorkspace();
    db.exec('DROP TRIGGER audit_log_no_update;');
    db.prepare('UPDATE audit_log SET detail = ? WHERE id = 5').run('{"rows":1}');
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const broken = page.getByRole('alert').filter({ hasText: 'Chain broken' });
    await expectContainsText(broken, 'Chain broken at entry 5');
    await expectContainsText(broken, 'Entry 5 was changed after it was written.');
    await expectContainsText(broken, 'Entries 1 to 4 are intact.');
    await expectContainsText(broken, 'Rows read');
    await page.getByRole('heading', { name: 'Chain broken at entry 5' }).scrollIntoViewIfNeeded();
    await preview.app.screenshot('audit-4-broken');
    // The entry is marked where it sits in the list.
    await page.getByRole('button', { name: 'Oldest' }).click();
    await expectContainsText(page.getByTestId('audit-entry-5'), 'broken');
    await page.getByTestId('audit-entry-5').scrollIntoViewIfNeeded();
    await preview.app.screenshot('audit-5-broken-row');
    await expectNoSeriousAxeViolations(page, 'Audit, broken chain');
    expect(preview.app.pageErrors).toEqual([]);
  }, 180_000);
});
