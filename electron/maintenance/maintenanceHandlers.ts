import { basename, resolve } from 'node:path';
import type { maintenanceCalls } from '../../shared/maintenance/maintenanceCalls';
import { DELETION_GUARANTEE, PURGE_CONFIRMATION } from '../../shared/maintenance/maintenanceSchemas';
import { workspaceBytes } from './personRemoval';
import { previewRetention, setRetentionPolicy } from './retentionRules';
import { invalidateAnalysisModel } from '../analysis/analysisModelLoader';
import { runBackgroundTask } from '../background/runBackgroundTask';
import { backupWorkspace, restoreWorkspace } from './workspaceBackup';
import { deleteWorkspace } from './workspaceDeletion';
import type { AppContext } from '../runtime/appContext';
import { lastBackupAt } from '../data/audit';
import { WorkspaceError } from '../workspace/workspaceErrors';
import type { HandlerGroup } from '../handlers/handlerTypes';

/** A suggested backup name: the workspace's file name with the date, never anything from inside it. */
function backupFileName(workspacePath: string): string {
  const stem = basename(workspacePath).replace(/\.iomdb$/i, '');
  return `${stem}-backup-${new Date().toISOString().slice(0, 10)}.iomdb`;
}

/** Runs with a copy of the passphrase bytes, zeroed afterwards. */
function withSecret<T>(ctx: AppContext, run: (secret: Uint8Array) => T): T {
  const secret = ctx.session.copySecret();
  try {
    return run(secret);
  } finally {
    secret.fill(0);
  }
}

export const maintenanceHandlers: HandlerGroup<keyof typeof maintenanceCalls> = {
  'maintenance.overview': (ctx, _input, workspace) => {
    return {
      lastBackupAt: lastBackupAt(workspace.db),
      hostHasDialogs: Boolean(ctx.host.chooseFile),
      workspaceName: workspace.name,
      fileBytes: workspaceBytes(workspace.path),
    };
  },

  'maintenance.retentionPreview': (_ctx, _input, workspace) => previewRetention(workspace),

  'maintenance.setRetentionPolicy': (ctx, input, workspace) => setRetentionPolicy(workspace, input.policy, ctx.actor),

  // The removal (one transaction with its audit entry) and the rewrite of the file (VACUUM) run in a
  // worker on its own connection: on a large workspace each takes seconds, and the window must not
  // freeze meanwhile. This connection's model is then out of date, so it is forgotten.
  'maintenance.applyRetention': async (ctx, input, workspace) => {
    const result = await runBackgroundTask(ctx, { kind: 'applyRetention', expectedPeople: input.expectedPeople, confirmation: input.confirmation, now: new Date().toISOString(), actor: ctx.actor });
    if (result.purged) invalidateAnalysisModel(workspace);
    return result;
  },

  'maintenance.purgePerson': async (ctx, input, workspace) => {
    if (input.confirmation.trim() !== PURGE_CONFIRMATION) throw new WorkspaceError('invalid_input', `Type ${PURGE_CONFIRMATION} to confirm.`);
    const result = await runBackgroundTask(ctx, { kind: 'purgePerson', personId: input.personId, reason: input.reason, actor: ctx.actor });
    invalidateAnalysisModel(workspace);
    return result;
  },

  'maintenance.compact': (ctx) => runBackgroundTask(ctx, { kind: 'compact' }),

  'maintenance.backup': async (ctx, input, workspace) => {
    const write = (path: string, replace: boolean) => withSecret(ctx, (secret) => backupWorkspace(workspace, path, secret, ctx.actor, { replace }));
    let outcome: ReturnType<typeof write>;
    if (input.file !== undefined) {
      // A file chosen in the preview's picker: typed there, so replacing one needs `replace`.
      outcome = await ctx.session.files.use(input.file, 'write', (path) => write(path, input.replace));
    } else {
      if (!ctx.host.chooseFile) throw new WorkspaceError('invalid_input', 'This window has no save dialog: type the full path of the backup file to create.');
      const path = await ctx.host.chooseFile('create', 'workspace', backupFileName(workspace.path));
      if (!path) return { state: 'cancelled' as const };
      // The system save dialog has already asked before replacing a file.
      outcome = write(path, true);
    }
    return { state: 'saved' as const, path: outcome.path, fileName: outcome.fileName, bytes: outcome.bytes, people: outcome.people, auditEntries: outcome.auditEntries };
  },

  'maintenance.restore': async (ctx, input) => {
    if (!ctx.host.chooseFile) {
      return { state: 'unsupported' as const, message: 'Restoring needs the desktop app’s file dialogs. In this preview, use the command line: iom-cohort restore <backup> <workspace>.' };
    }
    const backup = await ctx.host.chooseFile('open', 'workspace');
    if (!backup) return { state: 'cancelled' as const };
    const target = await ctx.host.chooseFile('create', 'workspace', basename(backup).replace(/-backup-\d{4}-\d{2}-\d{2}/, ''));
    if (!target) return { state: 'cancelled' as const };
    const open = ctx.session.workspace;
    const replacesOpen = open !== null && resolve(open.path) === resolve(target);
    const outcome = restoreWorkspace(backup, target, input.passphrase, ctx.actor, {
      replace: input.replace,
      // Only after the backup has passed every check: a bad backup never locks the analyst out.
      beforeReplace: () => {
        if (replacesOpen) ctx.session.lock('user');
      },
    });
    return { state: 'restored' as const, path: outcome.path, file: ctx.session.files.grant(outcome.path, 'workspace-open'), people: outcome.people, schemaVersion: outcome.schemaVersion, replacedOpenWorkspace: replacesOpen };
  },

  'maintenance.deleteWorkspace': (ctx, input, workspace) => {
    if (input.confirmation.trim() !== workspace.name) throw new WorkspaceError('invalid_input', 'Type the workspace’s name exactly as shown to confirm.');
    const { filesRemoved } = deleteWorkspace(workspace, () => ctx.session.lock('user'));
    // The unlock screen must not offer a file that no longer exists.
    ctx.session.lastPath = null;
    return { deleted: true as const, filesRemoved, guarantee: DELETION_GUARANTEE };
  },
};
