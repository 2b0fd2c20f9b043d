/**
 * Turning a chart into files the analyst keeps: the picture as PNG and the numbers as CSV. Both go
 * through the browser's own download (an <a download> on a data: or blob: URL, which the CSP
 * allows), so Electron's save dialog decides where they go; nothing is written anywhere else.
 */

import { CSV_BYTE_ORDER_MARK } from '../../../shared/domain/chartCsv';
import { saveBlob, saveDataUrl } from '../saveFile';

export { csvCell, toCsv, type CsvTable } from '../../../shared/domain/chartCsv';

/** "OFFICIAL-SENSITIVE concentration lorenz 2013-10-31" → a safe file name with the marking first. */
export function markedFileName(marking: string, stem: string, extension: 'png' | 'csv'): string {
  const safe = `${marking} ${stem}`.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim();
  return `${safe}.${extension}`;
}

export function downloadDataUrl(fileName: string, dataUrl: string): void {
  saveDataUrl(fileName, dataUrl);
}

export function downloadText(fileName: string, text: string, type: string): void {
  saveBlob(fileName, new Blob([CSV_BYTE_ORDER_MARK, text], { type }));
}
