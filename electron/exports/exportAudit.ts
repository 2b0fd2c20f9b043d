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

/** The record step both writers share: `record` runs just before publishing; a recorded file that then fails is audited as not written. */
function recordBeforePublish<T>(workspace: OpenWorkspace, options: { action: string; actor: string }, record: () => T) {
  let recorded: { value: T } | null = null;
  return {
    beforePublish: (): void => {
      recorded = { value: record() };
    },
    failed(error: unknown): never {
      if (recorded) auditExportNotWritten(workspace, options.action, options.actor, error);
      throw error;
    },
    value: (): T => recorded!.value,
  };
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
  const step = recordBeforePublish(workspace, options, record);
  try {
    writeFileAtomic(path, data, { overwrite: options.overwrite, beforePublish: step.beforePublish });
  } catch (error) {
    step.failed(error);
  }
  return step.value();
}

/** `writeRecordedExport` for the app's main thread: the file system's waits happen off its event loop. */
export async function writeRecordedExportInBackground<T>(
  workspace: OpenWorkspace,
  path: string,
  data: Uint8Array | string,
  options: { overwrite: boolean; action: string; actor: string },
  record: () => T,
): Promise<T> {
  const step = recordBeforePublish(workspace, options, record);
  try {
    await writeFileAtomicInBackground(path, data, { overwrite: options.overwrite, beforePublish: step.beforePublish });
  } catch (error) {
    step.failed(error);
  }
  return step.value();
}
