import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { downloadFrom, serviceContext, openDemoWorkspace } from './support/workspaceSteps';
import { dispatchCall } from '../../electron/callDispatcher';
import type { CallOutput } from '../../shared/api/contract';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';

const HEADER_ROW = 8;

describe('agency pre-review sheets in the browser preview', () => {
  const preview = usePreviewApp();

  it('chooses columns, exports a sheet, and imports the agency’s edited return with its findings', async () => {
    const { page } = preview.app;
    await openDemoWorkspace(preview.app, 'E2E agency sheets');
    const section = page.getByTestId('agency-sheets');

    // Before any shortlist: the empty state, and no sheet can be exported.
    await preview.app.nav('Exports').click();
    await expectContainsText(page.getByTestId('agency-sheets-empty'), 'No proposed shortlist yet.');
    expect(await section.getByRole('button', { name: 'Export Police sheet' }).isDisabled()).toBe(true);
    await page.getByTestId('agency-sheets-empty').evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await preview.app.screenshot('agency-sheets-0-empty');

    const shortlist = await dispatchCall(serviceContext(preview.app), 'shortlist.run', { ruleSet: DEFAULT_SELECTION_RULE_SET });
    expect(shortlist.ok).toBe(true);
    await preview.app.nav('Home').click();
    await preview.app.nav('Exports').click();
    await expectVisible(section.getByRole('heading', { level: 2, name: 'Agency pre-review sheets' }));
    await expectContainsText(page.getByTestId('agency-sheets-shortlist'), 'From the proposed shortlist of 61 people');
    // No panel session yet: no warning.
    await expectVisible(page.getByTestId('agency-sheets-status'));
    expect(await page.getByTestId('agency-sheets-panel-started').count()).toBe(0);
    await section.scrollIntoViewIfNeeded();
    await page.getByRole('heading', { level: 2, name: 'Agency pre-review sheets' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await preview.app.screenshot('agency-sheets-1-status');

    // Data minimisation: YOS also gets the age, and nothing is saved until "Save columns".
    await section.getByText('Columns per agency').click();
    const ageForYos = section.getByRole('checkbox', { name: 'YOS: Age' });
    expect(await ageForYos.isChecked()).toBe(false);
    expect(await section.getByRole('checkbox', { name: 'YOS: OGRS score' }).isChecked()).toBe(false);
    await ageForYos.check();
    await expectContainsText(section, 'Unsaved changes.');
    await page.getByTestId('agency-columns').evaluate((t) => t.scrollIntoView({ block: 'start' }));
    await preview.app.screenshot('agency-sheets-2-columns');
    await section.getByRole('button', { name: 'Save columns' }).click();
    await expectContainsText(section, 'Saved. New sheets use these columns.');
    await expectContainsText(page.getByTestId('agency-row-yos'), '6');

    const download = await downloadFrom(preview.app, () => section.getByRole('button', { name: 'Export YOS sheet' }).click());
    expect(download.suggestedFilename()).toMatch(/^OFFICIAL-SENSITIVE IOM pre-review YOS \d{4}-\d{2}-\d{2}\.xlsx$/);
    await expectContainsText(page.getByTestId('agency-sheets-export-result'), 'Downloaded OFFICIAL-SENSITIVE IOM pre-review YOS');
    await expectContainsText(page.getByTestId('agency-row-yos'), '61 people');

    // The agency's copy: two comments, one row's PNC overwritten, one person deleted.
    const wb = XLSX.read(readFileSync((await download.path())!), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Pre-review']!, { header: 1, defval: null, blankrows: true });
    const header = rows[HEADER_ROW - 1]!;
    expect(header).toEqual(['Ref', 'Surname', 'Forename(s)', 'Date of birth', 'Age', 'PNC', 'YOS referral', 'Comments']);
    const comments = header.indexOf('Comments');
    rows[HEADER_ROW]![comments] = 'Known to YOS: open order, worker assigned';
    rows[HEADER_ROW + 1]![header.indexOf('PNC')] = '99/123456Z';
    rows[HEADER_ROW + 1]![comments] = 'Transferred to another YOS';
    rows.splice(HEADER_ROW + 2, 1);
    wb.Sheets['Pre-review'] = XLSX.utils.aoa_to_sheet(rows);
    const returned = join(preview.app.dir, 'YOS returned.xlsx');
    writeFileSync(returned, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

    const returnArea = page.getByTestId('agency-return');
    await returnArea.getByLabel('Returned sheet').fill(returned);
    await returnArea.getByRole('button', { name: 'Import returned sheet' }).click();
    const report = page.getByTestId('agency-return-report');
    await expectContainsText(report, 'YOS return imported');
    await expectContainsText(report, '2 comments attached for the panel.');
    await expectContainsText(report, '1 person on the sheet was not returned (sheet row 11 as sent was removed).');
    await expectContainsText(page.getByTestId('agency-return-issues'), 'Row 10: PNC differs from the sheet sent; the comment was attached, but check the row is about the right person.');
    await expectContainsText(page.getByTestId('agency-row-yos'), '2');
    await report.evaluate((r) => r.scrollIntoView({ block: 'center' }));
    await preview.app.screenshot('agency-sheets-3-return-report');

    // A newer return would replace YOS's comments: it says what goes and waits for consent (issue 17.3).
    rows[HEADER_ROW]![comments] = 'Known to YOS: order ended';
    rows[HEADER_ROW + 1]![comments] = null;
    wb.Sheets['Pre-review'] = XLSX.utils.aoa_to_sheet(rows);
    const newer = join(preview.app.dir, 'YOS returned again.xlsx');
    writeFileSync(newer, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    await returnArea.getByLabel('Returned sheet').fill(newer);
    await returnArea.getByRole('button', { name: 'Import returned sheet' }).click();
    await expectContainsText(report, "Replace YOS's comments?");
    await expectContainsText(report, "Importing it replaces the 2 comments from YOS's earlier return: 1 person loses their YOS comment and 1 has theirs changed. Nothing has changed yet");
    await expectContainsText(page.getByTestId('agency-row-yos'), '2');
    await report.evaluate((r) => r.scrollIntoView({ block: 'center' }));
    await preview.app.screenshot('agency-sheets-3b-replace-confirmation');
    await report.getByRole('button', { name: "Replace YOS's 2 comments" }).click();
    await expectContainsText(report, 'YOS return imported');
    await expectContainsText(report, "This replaces the 2 comments from YOS's earlier return");

    // The same file again changes nothing; a file that is not one of ours is refused clearly.
    await returnArea.getByRole('button', { name: 'Import returned sheet' }).click();
    await expectContainsText(report, 'Already imported: YOS');
    const stray = join(preview.app.dir, 'stray.xlsx');
    const strayBook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(strayBook, XLSX.utils.aoa_to_sheet([['PNC', 'Surname']]), 'List');
    writeFileSync(stray, XLSX.write(strayBook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    await returnArea.getByLabel('Returned sheet').fill(stray);
    await returnArea.getByRole('button', { name: 'Import returned sheet' }).click();
    await expectContainsText(returnArea.getByRole('alert'), 'This file is not an agency pre-review sheet from the workbench');
    await returnArea.getByRole('alert').evaluate((r) => r.scrollIntoView({ block: 'center' }));
    await preview.app.screenshot('agency-sheets-4-wrong-file');

    await expectNoSeriousAxeViolations(page, 'Exports, agency sheets');

    // Once the panel has started on this shortlist, the sheets say so before anyone exports.
    if (!shortlist.ok) throw new Error('no shortlist');
    const created = await dispatchCall(serviceContext(preview.app), 'panel.create', {
      shortlistId: (shortlist.value as CallOutput<'shortlist.run'>).shortlistId,
      heldOn: '2026-12-06',
      title: 'December panel',
      members: [{ name: 'DS Example', agency: 'police' }],
      reserves: 0,
    });
    if (!created.ok) throw new Error('the session did not start');
    const sessionId = (created.value as CallOutput<'panel.create'>).id;
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1280, height: 720 },
    ]) {
      await page.setViewportSize(viewport);
      await preview.app.nav('Home').click();
      await preview.app.nav('Exports').click();
      const warning = page.getByTestId('agency-sheets-panel-started');
      await expectContainsText(warning, 'The panel has already started on this shortlist.');
      await expectContainsText(warning, 'Session “December panel”, held 6 Dec 2026, is open with 0 of 61 people decided.');
      await expectContainsText(warning, "Sheets sent now will not reach the panel's walk already under way");
      // Dates on this section read the app's one way ("6 Dec 2026"), like the rest of the screens.
      const yosRow = await page.getByTestId('agency-row-yos').innerText();
      expect(yosRow).toMatch(/\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}, 61 people/);
      expect(yosRow).not.toMatch(/\d{2}\/\d{2}\/\d{4}/);
      expect(await warning.getByRole('link', { name: 'Open the session' }).getAttribute('href')).toBe(`#/panel/${sessionId}`);
      // The warning sits above the export buttons, which still work (a late sheet can still be useful).
      const [warningBox, tableBox] = await Promise.all([warning.boundingBox(), page.getByTestId('agency-sheets-status').boundingBox()]);
      expect(warningBox!.y + warningBox!.height).toBeLessThanOrEqual(tableBox!.y);
      expect(await section.getByRole('button', { name: 'Export Police sheet' }).isDisabled()).toBe(false);
      await page.getByRole('heading', { level: 2, name: 'Agency pre-review sheets' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
      await preview.app.screenshot(`agency-sheets-5-panel-started-${viewport.width}`);
    }
    await expectNoSeriousAxeViolations(page, 'Exports, agency sheets after the panel started');
    expect(preview.app.pageErrors).toEqual([]);
  });
});
