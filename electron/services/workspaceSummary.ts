import { emptyFlagCounts, isFlagName, type FlagCounts } from '../../shared/domain/flags';
import type { WorkspaceSummary } from '../../shared/api/workspaceCalls';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { countArrests } from '../data/arrests';
import { countImports, countRejectedRows } from '../data/imports';
import { countPendingLinkReviews } from '../data/links';
import { peopleCountByActiveFlag } from '../data/lists';
import { countPeople } from '../data/people';

export function countFlags(workspace: OpenWorkspace): FlagCounts {
  const counts = emptyFlagCounts();
  for (const row of peopleCountByActiveFlag(workspace.db)) if (isFlagName(row.flag)) counts[row.flag] = row.n;
  return counts;
}

export function summariseWorkspace(workspace: OpenWorkspace): WorkspaceSummary {
  return {
    name: workspace.name,
    path: workspace.path,
    schemaVersion: workspace.schemaVersion,
    people: countPeople(workspace.db),
    arrests: countArrests(workspace.db),
    imports: countImports(workspace.db),
    flags: countFlags(workspace),
    pendingLinkReviews: countPendingLinkReviews(workspace.db),
    rejectedRows: countRejectedRows(workspace.db),
  };
}
