import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SCREENSHOT_DIR, usePreviewApp } from './support/previewApp';
import { expectContainsText, expectVisible } from './support/uiExpect';
import { expectNoSeriousAxeViolations } from './support/axe';
import { downloadFrom, serviceContext, openDemoWorkspace } from './support/workspaceSteps';
import { dispatchCall } from '../../electron/callDispatcher';
import { SEED_RANGE_SCENARIO } from '../support/seedScenarios';
import { pdfPageSizes, pdfPageTexts, renderPdfPages } from '../support/pdfTools';

/**
 * The cohort report in the browser preview: chosen and previewed on the Exports screen, saved as
 * the HTML the app prints, and that download printed to PDF by Chromium (Playwright's page.pdf(),
 * the same engine as Electron's printToPDF), then read back page by page and rendered to PNG.
 */

const REPORT_OUTPUT = resolve(__dirname, '../../test-output/report');

describe('cohort report in the browser preview', () => {
  const preview = usePreviewApp();
  beforeAll(async () => {
    mkdirSync(REPORT_OUTPUT, { recursive: true });
  });

  it('previews the report, saves its HTML, and that HTML prints to a marked A4 PDF', async () => {
    const { page } = preview.app;
    const workspace = await openDemoWorkspace(preview.app, 'E2E report');
    const ctx = serviceContext(preview.app);
    const saved = await dispatchCall(ctx, 'scenarios.save', {
      id: null,
      scenario: { ...SEED_RANGE_SCENARIO, name: 'Seed table with a range' },
    });
    expect(saved.ok).toBe(true);

    await preview.app.nav('Exports').click();
    const section = page.locator('#exports-report');
    await expectVisible(section.getByRole('heading', { level: 2, name: 'Cohort report' }));
    await section.getByLabel('Scenario').selectOption({ label: 'Seed table with a range' });
    await expectContainsText(section.getByTestId('report-facts'), 'Potential Candidate List (no shortlist made yet): 170 people');
    await expectContainsText(section.getByTestId('report-facts'), 'Seed table with a range');
    await expectContainsText(section.getByTestId('report-marking'), 'OFFICIAL-SENSITIVE');
    await expectVisible(section.getByTestId('report-cohort-note'));
    // No printer in the preview: the HTML is offered instead, and the screen says why.
    expect(await section.getByRole('button', { name: 'Save PDF' }).count()).toBe(0);
    await expectVisible(section.getByTestId('report-pdf-unavailable'));

    // The preview frame shows the report as printed: its own stylesheet applied, no script.
    const frame = page.frameLocator('[data-testid="report-preview"]');
    await expectContainsText(frame.locator('body'), '486.5 = 973 × 12 / 24');
    await expectContainsText(frame.locator('body'), 'Arrests are not convictions');
    const frameHandle = await section.getByTestId('report-preview').elementHandle();
    const content = await frameHandle!.contentFrame();
    await content!.waitForFunction(() => getComputedStyle(document.querySelector('h1')!).color === 'rgb(31, 78, 121)');
    expect(await section.getByTestId('report-preview').getAttribute('sandbox')).toBe('allow-same-origin');
    expect(await content!.evaluate(() => document.scripts.length)).toBe(0);

    await section.getByRole('heading', { level: 2, name: 'Cohort report' }).scrollIntoViewIfNeeded();
    await preview.app.screenshot('exports-report-1-panel');
    await section.getByTestId('report-preview').scrollIntoViewIfNeeded();
    await preview.app.screenshot('exports-report-2-preview');
    await expectNoSeriousAxeViolations(page, 'Exports, cohort report');

    // Save the HTML (the browser's download) and print exactly that file with Chromium.
    const file = await downloadFrom(preview.app, () => section.getByRole('button', { name: 'Save HTML' }).click());
    expect(file.suggestedFilename()).toMatch(/^OFFICIAL-SENSITIVE IOM cohort report \d{4}-\d{2}-\d{2}\.html$/);
    const html = readFileSync((await file.path())!, 'utf8');
    await expectContainsText(section.getByTestId('report-result'), 'Recorded in the audit trail');
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script/i);

    const printer = await preview.app.browser.newPage();
    const blocked: string[] = [];
    printer.on('request', (request) => {
      if (!request.url().startsWith('data:') && request.url() !== 'about:blank') blocked.push(request.url());
    });
    await printer.setContent(html, { waitUntil: 'load' });
    const pdf = await printer.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    await printer.close();
    expect(blocked, 'the report loads nothing').toEqual([]);
    const pdfPath = join(REPORT_OUTPUT, 'e2e-cohort-report.pdf');
    writeFileSync(pdfPath, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 is 595.28 × 841.89 pt.
    for (const size of await pdfPageSizes(pdfPath)) expect([Math.round(size.width), Math.round(size.height)]).toEqual([595, 842]);

    const pages = await pdfPageTexts(pdfPath);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((text, i) => {
      const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
      expect(lines[0], `page ${i + 1} header`).toBe('OFFICIAL-SENSITIVE');
      expect(lines.at(-1), `page ${i + 1} footer`).toMatch(new RegExp(`OFFICIAL-SENSITIVE\\s+Page ${i + 1} of ${pages.length}$`));
    });
    const all = pages.join('\n');
    for (const expected of ['486.5 = 973 × 12 / 24', '255.2 = 22 × 11.6', 'Arrests are not convictions', 'Addresses may be out of date', 'police CRIS system', 'Concentration of arrests', 'Equality composition']) {
      expect(all, expected).toContain(expected);
    }
    // Pages 1 and 2 as images, kept beside the screenshots to be looked at.
    await renderPdfPages(pdfPath, join(SCREENSHOT_DIR, 'report-pdf-page'), { first: 1, last: 2 });

    const audit = workspace.db.prepare("SELECT detail FROM audit_log WHERE action = 'export.report'").pluck().all() as string[];
    expect(audit.map((d) => JSON.parse(d) as unknown)).toEqual([{ format: 'html', source: 'longList', people: 170, via: 'app' }]);
    expect(preview.app.pageErrors).toEqual([]);
  });
});
