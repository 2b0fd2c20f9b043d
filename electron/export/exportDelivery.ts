import type { ExportDelivery } from '../../shared/api/exportDelivery';
import type { AppContext } from '../services/appContext';
import { writeFileAtomic } from './atomicFile';

export interface ExportFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

/**
 * Delivers a produced export through the host: a save dialog and an atomic write in the desktop
 * app (the dialog has already asked before replacing a file), the bytes for a browser download in
 * the preview. The caller audits the export only when this does not return `cancelled`.
 */
export async function deliverExport(ctx: AppContext, file: ExportFile): Promise<ExportDelivery> {
  if (ctx.host.chooseFile) {
    const path = await ctx.host.chooseFile('create', 'export', file.fileName);
    if (!path) return { delivered: 'cancelled' };
    writeFileAtomic(path, file.bytes, { overwrite: true });
    return { delivered: 'saved', path, fileName: file.fileName, bytes: file.bytes.length };
  }
  return { delivered: 'download', fileName: file.fileName, mime: file.mime, base64: Buffer.from(file.bytes).toString('base64') };
}
