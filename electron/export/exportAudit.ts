import type { OpenWorkspace } from '../workspace/workspaceFile';
import { appendAudit } from '../workspace/auditLog';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { writeFileAtomic, writeFileAtomicInBackground } from './atomicFile';

/**
 * Follows an export's audit entry when the file then failed to take its final name (the entry is
 * written first so that no file can exist unrecorded): the trail then says it was not written.
 */
export function auditExportNotWritten(workspace: OpenWorkspace, exportAction: string, actor: string, error: unknown): void {
  const code = error instanceof WorkspaceError ? error.code : ((error as NodeJS.ErrnoException | null)?.code ?? 'unknown');
  appendAudit(workspace.db, { actor, action: 'export.notWritten', detail: { exportAction, code } });
}

/**
 * Writes an export atomically with its record (audit entry, and whatever else `record` stores)
 * committed once the bytes are on disk and before they take the final name: a file under that name
 * always has its record, even when the process is killed between the two. Should the file then
 * fail to take its name, the trail says it was not written.
 */
export function writeRecordedExport<T>(
  workspace: OpenWorkspace,
  path: string,
  data: Uint8Array | string,
  options: { overwrite: boolean; action: string; actor: string },
  record: () => T,
): T {
  // Typed by assertion so that the assignment in the callback is not narrowed away.
  let recorded = null as { value: T } | null;
  try {
    writeFileAtomic(path, data, {
      overwrite: options.overwrite,
      beforePublish: () => {
        recorded = { value: record() };
      },
    });
  } catch (error) {
    if (recorded) auditExportNotWritten(workspace, options.action, options.actor, error);
    throw error;
  }
  return recorded!.value;
}

/** `writeRecordedExport` for the app's main thread: the file system's waits happen off its event loop. */
export async function writeRecordedExportInBackground<T>(
  workspace: OpenWorkspace,
  path: string,
  data: Uint8Array | string,
  options: { overwrite: boolean; action: string; actor: string },
  record: () => T,
): Promise<T> {
  let recorded = null as { value: T } | null;
  try {
    await writeFileAtomicInBackground(path, data, {
      overwrite: options.overwrite,
      beforePublish: () => {
        recorded = { value: record() };
      },
    });
  } catch (error) {
    if (recorded) auditExportNotWritten(workspace, options.action, options.actor, error);
    throw error;
  }
  return recorded!.value;
}
