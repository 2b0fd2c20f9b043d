import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { usePreviewApp } from './support/previewApp';
import { expectContainsText } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { downloadFrom, openDemoWorkspace } from './support/workspaceSteps';

describe('the Candidates view exported as it is on screen', () => {
  const preview = usePreviewApp();

  it('downloads a marked .xlsx of the filtered view, every matching person (order checked in the integration test), at 1366×768 and 1280×720', async () => {
    const { page } = preview.app;
    await openDemoWorkspace(preview.app, 'E2E view export');
    await preview.app.nav('Home').click();
    await preview.app.nav('Candidates').click();
    await page.getByLabel('Search by name or PNC').fill('son');
    const grid = page.getByRole('grid');
    // The search narrows the list once its query has run: the grid's label then counts fewer than all.
    await page.waitForFunction(() => {
      const m = /Candidates, ([\d,]+) of ([\d,]+)/.exec(document.querySelector('[role="grid"]')?.getAttribute('aria-label') ?? '');
      return m !== null && Number(m[1]!.replace(/,/g, '')) < Number(m[2]!.replace(/,/g, ''));
    });
    const label = (await grid.getAttribute('aria-label')) ?? '';
    const shown = Number(/Candidates, ([\d,]+) of/.exec(label)?.[1]?.replace(/,/g, '') ?? NaN);
    expect(shown).toBeGreaterThan(0);

    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1280, height: 720 },
    ]) {
      await page.setViewportSize(viewport);
      const download = await downloadFrom(preview.app, () => page.getByTestId('candidates-export-view').click());
      expect(download.suggestedFilename()).toMatch(/^OFFICIAL-SENSITIVE IOM candidates view \d{4}-\d\d-\d\d\.xlsx$/);
      await expectContainsText(page.getByTestId('candidates-export-status'), `Downloaded OFFICIAL-SENSITIVE IOM candidates view`);
      const book = XLSX.read(readFileSync((await download.path())!), { type: 'buffer' });
      const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Candidates!, { header: 1, blankrows: true, defval: null });
      expect(rows[0]![0]).toBe('OFFICIAL-SENSITIVE');
      expect(String(rows[1]![0])).toMatch(new RegExp(`^Candidates view: ${shown} of [\\d]+ on the long list, filtered by text$`));
      expect(rows[3]![0]).toBe('Surname');
      const data = rows.slice(4, 4 + shown);
      expect(data.every((r) => `${String(r[0])} ${String(r[1])}`.toLowerCase().includes('son') || /son/i.test(String(r[2])))).toBe(true);
      expect(rows[4 + shown]!.every((v) => v === null)).toBe(true);
      await preview.app.screenshot(`candidates-view-export-${viewport.width}`);
    }
    await expectNoSeriousAxeViolations(page, 'Candidates with the view export');
    expect(preview.app.pageErrors).toEqual([]);
  });
});
