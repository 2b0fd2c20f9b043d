import { BrowserWindow } from 'electron';
import { reportPrintWebPreferences, reportPrintWindowShape } from '../security/reportPrintWindow';
import { reportDataUrl, reportPrintToPdfOptions } from './printOptions';

/**
 * Prints the report's HTML to PDF bytes in a hidden window with JavaScript off (desktop app only).
 * Thin by design: what the window may do and how it prints are tested functions.
 */
export async function printReportToPdf(html: string): Promise<Uint8Array> {
  const window = new BrowserWindow({ ...reportPrintWindowShape(), webPreferences: reportPrintWebPreferences() });
  try {
    await window.loadURL(reportDataUrl(html));
    return new Uint8Array(await window.webContents.printToPDF(reportPrintToPdfOptions()));
  } finally {
    window.destroy();
  }
}
