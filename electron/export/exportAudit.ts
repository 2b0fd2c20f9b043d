import type { OpenWorkspace } from '../workspace/workspaceFile';
import { appendAudit } from '../workspace/auditLog';
import { WorkspaceError } from '../workspace/workspaceErrors';

/**
 * Follows an export's audit entry when the file then failed to take its final name (the entry is
 * written first so that no file can exist unrecorded): the trail then says it was not written.
 */
export function auditExportNotWritten(workspace: OpenWorkspace, exportAction: string, actor: string, error: unknown): void {
  const code = error instanceof WorkspaceError ? error.code : ((error as NodeJS.ErrnoException | null)?.code ?? 'unknown');
  appendAudit(workspace.db, { actor, action: 'export.notWritten', detail: { exportAction, code } });
}
