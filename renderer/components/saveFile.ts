import type { ExportDelivery } from '../../shared/exports/exportDelivery';

/**
 * Hands a file the app produced to the user: a Blob behind a temporary link, so the app's own save
 * dialog (Electron) or the browser's download asks where it goes. Nothing is written anywhere else.
 */
function clickDownload(fileName: string, href: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  clickDownload(fileName, url);
  setTimeout(() => URL.revokeObjectURL(url), 5_000);
}

export function saveDataUrl(fileName: string, dataUrl: string): void {
  clickDownload(fileName, dataUrl);
}

export function saveTextFile(fileName: string, text: string, type: string): void {
  saveBlob(fileName, new Blob([text], { type }));
}

/** Finishes an export call: the desktop app has already saved it; the preview downloads it now. */
export function completeExport(result: ExportDelivery): string | null {
  if (result.delivered === 'cancelled') return null;
  if (result.delivered === 'saved') return `Saved ${result.fileName}`;
  const bytes = Uint8Array.from(atob(result.base64), (c) => c.charCodeAt(0));
  saveBlob(result.fileName, new Blob([bytes], { type: result.mime }));
  return `Downloaded ${result.fileName}`;
}
