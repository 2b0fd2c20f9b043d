import type { ExportDelivery } from '../../shared/exports/exportDelivery';
import type { AppContext } from '../runtime/appContext';
import { writeRecordedExportInBackground } from './exportAudit';

export interface ExportFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
}

/** What an export stores about itself (its audit entry at least), and the action it is audited as. */
interface ExportRecording<T> {
  action: string;
  record: () => T;
}

/**
 * Delivers a produced export through the host: a save dialog and an atomic write in the desktop
 * app (the dialog has already asked before replacing a file), the bytes for a browser download in
 * the preview. The export is recorded unless the user cancels: in the desktop app before the file
 * takes its name, so no file exists unrecorded; in the preview before the bytes leave for the page.
 */
export async function deliverExport<T>(ctx: AppContext, file: ExportFile, recording: ExportRecording<T>): Promise<{ delivery: ExportDelivery; recorded: T | null }> {
  const workspace = ctx.session.requireWorkspace();
  if (ctx.host.chooseFile) {
    const path = await ctx.host.chooseFile('create', 'export', file.fileName);
    if (!path) return { delivery: { delivered: 'cancelled' }, recorded: null };
    const recorded = await writeRecordedExportInBackground(workspace, path, file.bytes, { overwrite: true, action: recording.action, actor: ctx.actor }, recording.record);
    return { delivery: { delivered: 'saved', path, fileName: file.fileName, bytes: file.bytes.length }, recorded };
  }
  const recorded = recording.record();
  return { delivery: { delivered: 'download', fileName: file.fileName, mime: file.mime, base64: Buffer.from(file.bytes).toString('base64') }, recorded };
}

/**
 * `deliverExport` for an export whose file is written and recorded off the main thread (the
 * background worker): `writeAndRecord(path)` writes the bytes there atomically with the record
 * committed first, as `writeRecordedExport` does; given null (the preview's download) it only records.
 */
export async function deliverExportWrittenElsewhere<T>(ctx: AppContext, file: ExportFile, writeAndRecord: (path: string | null) => Promise<T>): Promise<{ delivery: ExportDelivery; recorded: T | null }> {
  if (ctx.host.chooseFile) {
    const path = await ctx.host.chooseFile('create', 'export', file.fileName);
    if (!path) return { delivery: { delivered: 'cancelled' }, recorded: null };
    const recorded = await writeAndRecord(path);
    return { delivery: { delivered: 'saved', path, fileName: file.fileName, bytes: file.bytes.length }, recorded };
  }
  const recorded = await writeAndRecord(null);
  return { delivery: { delivered: 'download', fileName: file.fileName, mime: file.mime, base64: Buffer.from(file.bytes).toString('base64') }, recorded };
}
