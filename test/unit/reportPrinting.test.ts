import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportPrintToPdfOptions } from '../../electron/report/printOptions';

describe('printing the cohort report in the desktop app', () => {
  it('prints A4 from the document’s own @page rules, with backgrounds, and without Chromium’s header and footer', () => {
    expect(reportPrintToPdfOptions()).toEqual({
      pageSize: 'A4',
      landscape: false,
      // The marking in the header and footer of every page, and the margins, come from the report's CSS,
      // which the CLI's headless Chromium and Playwright's page.pdf() honour alike.
      preferCSSPageSize: true,
      displayHeaderFooter: false,
      printBackground: true,
      scale: 1,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    });
  });

  // That the desktop host offers it is shown on the built main process (electronMainShell.test.ts).
  it('is not offered by the browser preview', () => {
    const bridge = readFileSync(resolve(__dirname, '../../electron/devBridge/previewMain.ts'), 'utf8');
    expect(bridge).not.toContain('printPdf');
  });
});
