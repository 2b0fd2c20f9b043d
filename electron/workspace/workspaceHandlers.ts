import { existsSync } from 'node:fs';
import type { workspaceCalls } from '../../shared/workspace/workspaceCalls';
import type { WorkspaceInfo, WorkspaceStatus } from '../../shared/workspace/workspaceSchemas';
import type { OpenWorkspace } from './workspaceFile';
import { WorkspaceError } from './workspaceErrors';
import { checkNewPassphrase } from '../../shared/workspace/passphrasePolicy';
import { summariseWorkspace } from './workspaceSummary';
import type { AppContext } from '../runtime/appContext';
import type { HandlerGroup } from '../handlers/handlerTypes';
import { changeWorkspacePassphrase, createAuditedWorkspace, unlockAuditedWorkspace } from './workspaceAccess';
import { demoMakerInWorker, demoWorkerPath, demoWorkspacePath } from './demoMaker';

function infoOf(workspace: OpenWorkspace): WorkspaceInfo {
  return { path: workspace.path, name: workspace.name, schemaVersion: workspace.schemaVersion, createdAt: workspace.createdAt };
}

export function workspaceStatus(ctx: AppContext): WorkspaceStatus {
  const workspace = ctx.session.workspace;
  if (workspace) return { state: 'unlocked', workspace: infoOf(workspace) };
  // The same token until it is spent or expires: the window re-checks the status on every focus.
  const lastWorkspace = ctx.session.lastPath ? ctx.session.files.grantOnce(ctx.session.lastPath, 'workspace-open') : null;
  return { state: 'locked', lastWorkspace, reason: ctx.session.lockReason === 'never_opened' && !ctx.session.lastPath ? null : ctx.session.lockReason };
}

export const workspaceHandlers: HandlerGroup<keyof typeof workspaceCalls> = {
  'workspace.status': (ctx) => workspaceStatus(ctx),
  'workspace.create': async (ctx, input) => {
    const workspace = await ctx.session.files.use(input.file, 'workspace-create', (path) => createAuditedWorkspace(path, input, { actor: ctx.actor, via: 'app' }));
    ctx.session.adopt(workspace, input.passphrase, ctx.actor);
    return infoOf(workspace);
  },
  'workspace.unlock': async (ctx, input) => {
    const workspace = await ctx.session.files.use(input.file, 'workspace-open', (path) => unlockAuditedWorkspace(path, input, { actor: ctx.actor, via: 'app' }));
    ctx.session.adopt(workspace, input.passphrase, ctx.actor);
    return infoOf(workspace);
  },
  'workspace.lock': (ctx) => {
    ctx.session.lock('user', ctx.actor);
    return workspaceStatus(ctx);
  },
  'workspace.changePassphrase': (ctx, input, workspace) => {
    changeWorkspacePassphrase(workspace, input, { actor: ctx.actor, via: 'app' });
    ctx.session.replaceSecret(input.next);
    return { changed: true as const };
  },
  'workspace.summary': (_ctx, _input, workspace) => summariseWorkspace(workspace),
  'workspace.demoStatus': (ctx) => {
    const path = demoWorkspacePath(ctx.host);
    return { available: path !== null, exists: path !== null && existsSync(path) };
  },
  'workspace.openDemo': (ctx, input) => {
    const path = demoWorkspacePath(ctx.host);
    if (!path) throw new WorkspaceError('invalid_input', 'This window has no data folder for the demo workspace; create it with: iom-cohort demo demo.iomdb');
    const creating = !existsSync(path);
    const workerPath = demoWorkerPath(ctx);
    if (creating) {
      if (!workerPath) throw new WorkspaceError('invalid_input', 'This build has no demo worker; create the demo with: iom-cohort demo demo.iomdb');
      // Checked before the job starts, so a weak or mistyped passphrase is said at once, beside the field.
      const check = checkNewPassphrase(input.passphrase, input.confirmation ?? '');
      if (!check.ok) throw new WorkspaceError('weak_passphrase', check.message);
    }
    const jobId = ctx.jobs.start('demo', async (job) => {
      if (!creating) {
        job.report({ phase: 'Unlocking the demo workspace', rows: 0, fraction: null });
        const workspace = unlockAuditedWorkspace(path, input, { actor: ctx.actor, via: 'app' });
        ctx.session.adopt(workspace, input.passphrase, ctx.actor);
        return null;
      }
      job.report({ phase: 'Creating the encrypted demo workspace', rows: 0, fraction: 0 });
      // Made in its own worker: the window stays responsive, and the generator is not in the main bundle.
      const { workspace } = await demoMakerInWorker(workerPath!)(path, { passphrase: input.passphrase, confirmation: input.confirmation ?? '' }, { actor: ctx.actor, via: 'app' }, (name, index, total) =>
        job.report({ phase: `Importing the synthetic list ${name} (${index + 1} of ${total})`, rows: index, fraction: index / total }),
      );
      ctx.session.adopt(workspace, input.passphrase, ctx.actor);
      return null;
    });
    return { jobId, creating };
  },
  'workspace.chooseFile': async (ctx, input) => {
    if (!ctx.host.chooseFile) return { file: null, supported: false };
    const path = await ctx.host.chooseFile(input.mode, 'workspace');
    return { file: path ? ctx.session.files.grant(path, input.mode === 'open' ? 'workspace-open' : 'workspace-create') : null, supported: true };
  },
};
