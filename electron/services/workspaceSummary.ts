import { emptyFlagCounts, isFlagName, type FlagCounts } from '../../shared/domain/flags';
import type { WorkspaceSummary } from '../../shared/api/workspaceCalls';
import type { OpenWorkspace } from '../workspace/workspaceFile';

function count(workspace: OpenWorkspace, sql: string): number {
  return (workspace.db.prepare(sql).pluck().get() as number | undefined) ?? 0;
}

export function countFlags(workspace: OpenWorkspace): FlagCounts {
  const counts = emptyFlagCounts();
  const rows = workspace.db
    .prepare('SELECT flag, COUNT(DISTINCT person_id) AS n FROM person_flags WHERE active = 1 GROUP BY flag')
    .all() as Array<{ flag: string; n: number }>;
  for (const row of rows) if (isFlagName(row.flag)) counts[row.flag] = row.n;
  return counts;
}

export function summariseWorkspace(workspace: OpenWorkspace): WorkspaceSummary {
  return {
    name: workspace.name,
    path: workspace.path,
    schemaVersion: workspace.schemaVersion,
    people: count(workspace, 'SELECT COUNT(*) FROM people'),
    arrests: count(workspace, 'SELECT COUNT(*) FROM arrests'),
    imports: count(workspace, 'SELECT COUNT(*) FROM imports'),
    flags: countFlags(workspace),
    pendingLinkReviews: count(workspace, "SELECT COUNT(*) FROM link_reviews WHERE status = 'pending'"),
    rejectedRows: count(workspace, 'SELECT COUNT(*) FROM rejected_rows'),
  };
}
