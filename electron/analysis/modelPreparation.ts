import type { AppContext } from '../services/appContext';
import { WorkspaceError } from '../workspace/workspaceErrors';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { isAnalysisModelReady, prepareAnalysisModel } from './analysisModelLoader';

/** One build per workspace at a time: a second screen asking while the first load runs follows the same job. */
const running = new WeakMap<OpenWorkspace, string>();

/**
 * Makes sure the analysis model is loaded before a screen asks for figures. When it is already
 * current the answer is immediate; otherwise the load runs as a job the screen can follow and cancel.
 */
export function prepareAnalysis(ctx: AppContext): { ready: true } | { ready: false; jobId: string } {
  const workspace = ctx.session.requireWorkspace();
  if (isAnalysisModelReady(workspace)) return { ready: true };
  const existing = running.get(workspace);
  if (existing && ctx.jobs.status(existing).state === 'running') return { ready: false, jobId: existing };
  const jobId = ctx.jobs.start('analysisModel', async (handle) => {
    try {
      const model = await prepareAnalysisModel(workspace, (progress) => {
        handle.report(progress);
        // A lock while loading closes the database: stop rather than read from a closed connection.
        return !handle.isCancelled() && workspace.db.open;
      });
      if (!model) throw new WorkspaceError('cancelled', 'Loading the analysis was stopped. Nothing was changed; load it again when needed.');
      return null;
    } finally {
      running.delete(workspace);
    }
  });
  running.set(workspace, jobId);
  return { ready: false, jobId };
}
