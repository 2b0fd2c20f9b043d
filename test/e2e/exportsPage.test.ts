/**
 * The Exports screen's shortlist export in the browser preview: it says plainly whether the file is
 * the proposed shortlist or the panel's decided cohort, shows the marking, lets the analyst choose
 * the columns and the format, and the downloaded file reads back with SheetJS as configured.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { expectContainsText, expectText, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { createWorkspace, downloadFrom } from './support/workspaceSteps';
import { FORMULA_LIKE_SURNAMES, fillExportWorkspace, recordPanel } from '../support/exportWorkspace';
import { usePreviewWithHeldJobs } from './support/heldJobs';

describe('the Exports screen', () => {
  const preview = usePreviewWithHeldJobs();
  const { jobs } = preview;

  const section = () => preview.app.page.locator('#exports-shortlist');

  it('says when there is nothing to export yet', async () => {
    const { page } = preview.app;
    await createWorkspace(preview.app, 'E2E exports');
    await preview.app.nav('Exports').click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Exports' }));
    await expectContainsText(page.getByTestId('shortlist-export-empty'), 'No shortlist yet.');
  });

  it('exports the proposed shortlist as .xlsx with the chosen columns, saying it is not yet decided', async () => {
    const { page } = preview.app;
    fillExportWorkspace(preview.app.session.requireWorkspace(), 40);
    await page.reload();
    await preview.app.nav('Exports').click();
    await expectContainsText(page.getByTestId('shortlist-export-proposed-only'), 'No panel has sat yet, so this is the proposed shortlist');
    await expectText(page.getByTestId('shortlist-export-marking'), 'OFFICIAL-SENSITIVE');
    await expectContainsText(section(), '40 people proposed by “Export test rules” version 1');
    await preview.app.screenshot('exports-0-proposed-shortlist');

    // Data minimisation: drop the selection reason, add the PNC-free address column.
    await section().getByLabel(/^Selection reason/).uncheck();
    await section().getByLabel(/^Address(?! date)/).check();
    await expectContainsText(section(), 'Columns (11 of 28');
    const download = await downloadFrom(preview.app, () => section().getByRole('button', { name: 'Export proposed shortlist' }).click());
    expect(download.suggestedFilename()).toMatch(/^OFFICIAL-SENSITIVE IOM proposed shortlist \d{4}-\d\d-\d\d\.xlsx$/);
    await expectContainsText(page.getByTestId('shortlist-export-result'), 'Downloaded OFFICIAL-SENSITIVE IOM proposed shortlist');
    await expectContainsText(page.getByTestId('shortlist-export-result'), '40 people, marked OFFICIAL-SENSITIVE');

    const book = XLSX.read(readFileSync(await download.path()), { type: 'buffer', cellFormula: true });
    const sheet = book.Sheets.Shortlist!;
    expect(sheet.A1?.v).toBe('OFFICIAL-SENSITIVE');
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, range: 3 });
    expect(rows[0]).toEqual(['Position', 'Surname', 'Forenames', 'Date of birth', 'PNC', 'Address', 'Borough', 'Flags', 'Arrests in window', 'Statutory', 'Panel decision']);
    const link = Object.values(sheet).find((c) => (c as XLSX.CellObject).v === FORMULA_LIKE_SURNAMES[0]) as XLSX.CellObject;
    expect(link.t).toBe('s');
    expect(link.f).toBeUndefined();
    await preview.app.screenshot('exports-1-downloaded');
    await expectNoSeriousAxeViolations(page, 'Exports, proposed shortlist downloaded');
  });

  it('offers the decided cohort once the panel has sat, and exports it as .csv', async () => {
    const { page } = preview.app;
    const workspace = preview.app.session.requireWorkspace();
    const shortlistId = workspace.db.prepare('SELECT MAX(id) FROM shortlists').pluck().get() as number;
    recordPanel(workspace, shortlistId, [
      { personId: 1, decision: 'accept' },
      { personId: 2, decision: 'accept' },
      { personId: 3, decision: 'reject', reason: 'unsuitable' },
      { personId: 4, decision: 'accept' },
    ], 'open');
    await page.reload();
    await preview.app.nav('Exports').click();
    await expectVisible(section().getByLabel(/^Decided cohort/));
    expect(await section().getByLabel(/^Decided cohort/).isChecked()).toBe(true);
    await expectContainsText(section(), '3 people accepted by the panel of 20 Nov 2013');
    await expectContainsText(section(), 'The panel session is still open');
    expect(await page.getByTestId('shortlist-export-proposed-only').count()).toBe(0);
    await section().getByLabel(/^CSV/).check();
    await expectContainsText(section(), 'IOM decided cohort');
    await preview.app.screenshot('exports-2-decided-cohort');

    const download = await downloadFrom(preview.app, () => section().getByRole('button', { name: 'Export decided cohort' }).click());
    expect(download.suggestedFilename()).toMatch(/^OFFICIAL-SENSITIVE IOM decided cohort \d{4}-\d\d-\d\d\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(lines[0]).toBe('\uFEFFOFFICIAL-SENSITIVE');
    expect(lines[1]).toBe('Position,Surname,Forenames,Date of birth (yyyy-mm-dd),PNC,Borough,Flags,Arrests in window,Statutory,Selection reason,Panel decision');
    expect(lines.filter((l) => l !== '')).toHaveLength(2 + 3);
    expect(lines.slice(2).every((l) => l === '' || l.endsWith(',Accept'))).toBe(true);

    // Keyboard: the proposed shortlist can still be chosen.
    await section().getByLabel(/^Proposed shortlist/).focus();
    await page.keyboard.press('Space');
    expect(await section().getByLabel(/^Proposed shortlist/).isChecked()).toBe(true);
    await expectVisible(section().getByRole('button', { name: 'Export proposed shortlist' }));
    await expectNoSeriousAxeViolations(page, 'Exports, decided cohort');
    expect(preview.app.pageErrors).toEqual([]);
  });

  it('offers to stop an export still building after a second, and then saves nothing', async () => {
    const { page } = preview.app;
    const exportsBefore = preview.app.session.requireWorkspace().db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'export.shortlist'").pluck().get();
    // The export's background job is held until stopped, however quickly 40 people would be written.
    jobs.holdNextUntilCancelled('background.shortlistExport');
    await section().getByRole('button', { name: /^Export / }).click();
    await expectVisible(section().getByTestId('shortlist-export-stop'));
    await expectContainsText(section().getByTestId('shortlist-export-working'), 'Building the file for 40 people');
    await section().getByTestId('shortlist-export-working').scrollIntoViewIfNeeded();
    await preview.app.screenshot('exports-3-export-running-stop-offered');
    await section().getByTestId('shortlist-export-stop').click();
    await expectContainsText(page.getByTestId('shortlist-export-result'), 'Not saved: the export was stopped before it finished. No file was written');
    await expectVisible(section().getByRole('button', { name: /^Export / }));
    await page.getByTestId('shortlist-export-result').scrollIntoViewIfNeeded();
    await preview.app.screenshot('exports-4-export-stopped');
    const exportsAfter = preview.app.session.requireWorkspace().db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'export.shortlist'").pluck().get();
    expect(exportsAfter).toBe(exportsBefore);
  });
});
