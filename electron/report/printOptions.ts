import type { PrintToPDFOptions } from 'electron';
import { WorkspaceError } from '../workspace/workspaceErrors';

/**
 * How the desktop app prints the cohort report (Electron's webContents.printToPDF). The page size,
 * margins and the protective marking in the header and footer of every page come from the
 * document's own @page rules (shared/report/cohortReportHtml.ts), which the CLI's headless Chromium
 * and Playwright's page.pdf() also honour: so Chromium's own header and footer (date, title, URL)
 * stay off, and the CSS page size is preferred over any default.
 */
export function reportPrintToPdfOptions(): PrintToPDFOptions {
  return {
    pageSize: 'A4',
    landscape: false,
    preferCSSPageSize: true,
    printBackground: true,
    displayHeaderFooter: false,
    scale: 1,
    generateTaggedPDF: true,
    generateDocumentOutline: true,
  };
}

/** Chromium refuses URLs over 2 MiB; a report is a few hundred kilobytes, so more means something is wrong. */
const MAX_REPORT_URL_LENGTH = 2 * 1024 * 1024;

/**
 * The report as a data: URL for the print window. Loading it needs no file on disk and passes the
 * session's request policy (which lets data: through and refuses file: and the network).
 */
export function reportDataUrl(html: string): string {
  const url = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
  if (url.length > MAX_REPORT_URL_LENGTH) throw new WorkspaceError('internal', 'The report is too large to print (over 2 MB of HTML), so no PDF was written. Save it as HTML and print that from a browser instead.');
  return url;
}
