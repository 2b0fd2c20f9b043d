import { emptyFlagCounts, isFlagName, type FlagCounts } from '../../shared/domain/flags';
import type { WorkspaceSummary } from '../../shared/workspace/workspaceSchemas';
import type { OpenWorkspace } from './workspaceFile';
import { countArrests } from '../data/arrests';
import { countImports, countRejectedRows } from '../data/imports';
import { pendingLinkReviewCount } from '../data/links';
import { peoplePerActiveFlag } from '../data/lists';
import { peopleCount } from '../data/people';

export function countFlags(workspace: OpenWorkspace): FlagCounts {
  const counts = emptyFlagCounts();
  for (const [flag, n] of peoplePerActiveFlag(workspace.db)) if (isFlagName(flag)) counts[flag] = n;
  return counts;
}

export function summariseWorkspace(workspace: OpenWorkspace): WorkspaceSummary {
  return {
    name: workspace.name,
    path: workspace.path,
    schemaVersion: workspace.schemaVersion,
    people: peopleCount(workspace.db),
    arrests: countArrests(workspace.db),
    imports: countImports(workspace.db),
    flags: countFlags(workspace),
    pendingLinkReviews: pendingLinkReviewCount(workspace.db),
    rejectedRows: countRejectedRows(workspace.db),
  };
}
