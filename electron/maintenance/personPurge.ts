import type { PurgeReason, PurgeResult } from '../../shared/maintenance/maintenanceSchemas';
import { invalidateAnalysisModel } from '../analysis/analysisModelLoader';
import { appendAudit } from '../workspace/auditLog';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { compactWorkspace, refuseWhileBusy, removePeople } from './personRemoval';
import { personExists } from '../data/people';

/**
 * Erases one person (a data subject request, or someone recorded in error): the person, every row
 * derived from them and every set-aside import row naming them go in one transaction with the audit
 * entry, and the file is then rewritten so the bytes are gone from it too. The audit keeps the
 * internal id, the reason and counts of rows, never who the person was.
 *
 * Backups made before the purge still hold the person: the caller says so to the user.
 */
export function purgePerson(workspace: OpenWorkspace, personId: number, actor: string, reason: PurgeReason): PurgeResult {
  return { ...removePerson(workspace, personId, actor, reason), compaction: compactWorkspace(workspace) };
}

/** The purge's removal and audit entry, without the compaction that must follow (the app runs that in a worker). */
function removePerson(workspace: OpenWorkspace, personId: number, actor: string, reason: PurgeReason): Omit<PurgeResult, 'compaction'> {
  const { db } = workspace;
  const removed = refuseWhileBusy(() =>
    db.transaction(() => {
      if (!personExists(db, personId)) throw new WorkspaceError('not_found', 'That person is not in this workspace (already purged or merged).');
      const rows = removePeople(db, [personId]);
      appendAudit(db, { actor, action: 'person.purge', entity: 'person', entityId: personId, detail: { reason, removed: rows } });
      return rows;
    }).immediate(),
  );
  invalidateAnalysisModel(workspace);
  return { personId, removed };
}
