import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { usePreviewApp } from './support/previewApp';
import { expectNoSeriousAxeViolations } from './support/axe';
import { expectContainsText, expectVisible } from './support/uiExpect';
import { downloadFrom, openDemoWorkspace } from './support/workspaceSteps';

/**
 * The Tracking screen's quarterly return button on the demo workspace (its existing cohort, arrests
 * to 1 Nov 2013): the quarters offered end by the data's end, the file downloads marked with the
 * chosen quarter's figures, and the export is in the audit trail.
 */
describe('quarterly return from the Tracking screen', () => {
  const preview = usePreviewApp();

  it('offers the quarters the data cover and saves the marked return of the chosen one', async () => {
    const { page } = preview.app;
    await openDemoWorkspace(preview.app, 'E2E quarterly return');
    await preview.app.nav('Tracking').click();
    const panel = page.getByTestId('quarterly-return');
    await expectVisible(panel);
    const select = panel.getByLabel('Quarter');
    // The demo's arrests end on 1 Nov 2013: 2013 Q3 is the latest quarter they cover to its end.
    expect(await select.inputValue()).toBe('2013Q3');
    const offered = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered[0]).toBe('2013Q3');
    expect(offered).not.toContain('2013Q4');
    await select.selectOption('2013Q2');

    const download = await downloadFrom(preview.app, () => panel.getByRole('button', { name: 'Save the quarterly return (.xlsx)' }).click());
    expect(download.suggestedFilename()).toMatch(/^OFFICIAL-SENSITIVE IOM quarterly return 2013Q2 \d{4}-\d\d-\d\d\.xlsx$/);
    const book = XLSX.read(readFileSync((await download.path())!), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Return!, { header: 1, defval: null });
    expect(rows[0]![0]).toBe('OFFICIAL-SENSITIVE');
    expect(rows[1]![0]).toBe('IOM quarterly return: 2013 Q2 (1 Apr 2013 to 30 Jun 2013)');
    const atEnd = rows.find((r) => r[0] === 'On the cohort at the end of the quarter')!;
    expect(atEnd[4]).toBeGreaterThan(0);
    await expectContainsText(page.getByTestId('quarterly-return-status'), 'Recorded in the audit trail');

    const audit = preview.app.session.requireWorkspace().db.prepare("SELECT detail FROM audit_log WHERE action = 'export.quarterlyReturn'").pluck().all() as string[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!)).toMatchObject({ quarter: '2013Q2', cohort: 'existing', atEnd: atEnd[4], via: 'app' });

    await panel.scrollIntoViewIfNeeded();
    await expectNoSeriousAxeViolations(page, 'Tracking, quarterly return saved');
    await preview.app.screenshot('tracking-quarterly-return');
  }, 180_000);
});
