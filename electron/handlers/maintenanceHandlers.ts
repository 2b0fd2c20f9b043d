import { basename, resolve } from 'node:path';
import { DELETION_GUARANTEE, PURGE_CONFIRMATION, type maintenanceCalls } from '../../shared/api/maintenanceCalls';
import { removePerson } from '../retention/personPurge';
import { workspaceBytes } from '../retention/personRemoval';
import { previewRetention, removeDuePeople, setRetentionPolicy } from '../retention/retentionRules';
import { runBackgroundTask } from '../background/runBackgroundTask';
import { backupWorkspace, restoreWorkspace } from '../retention/workspaceBackup';
import { deleteWorkspace } from '../retention/workspaceDeletion';
import type { AppContext } from '../services/appContext';
import { WorkspaceError } from '../workspace/workspaceErrors';
import type { HandlerGroup } from './handlerTypes';

function lastBackupAt(ctx: AppContext): string | null {
  const db = ctx.session.requireWorkspace().db;
  return (db.prepare("SELECT at FROM audit_log WHERE action = 'workspace.backup' ORDER BY id DESC LIMIT 1").pluck().get() as string | undefined) ?? null;
}

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
  'maintenance.overview': (ctx) => {
    const workspace = ctx.session.requireWorkspace();
    return {
      lastBackupAt: lastBackupAt(ctx),
      hostHasDialogs: Boolean(ctx.host.chooseFile),
      workspaceName: workspace.name,
      fileBytes: workspaceBytes(workspace.path),
    };
  },

  'maintenance.retentionPreview': (ctx) => previewRetention(ctx.session.requireWorkspace()),

  'maintenance.setRetentionPolicy': (ctx, input) => setRetentionPolicy(ctx.session.requireWorkspace(), input.policy, ctx.actor),

  // The removals are one transaction here; rewriting the file (VACUUM) follows in a worker, since it
  // takes a second or more on a large workspace and the window must not freeze meanwhile.
  'maintenance.applyRetention': async (ctx, input) => {
    const workspace = ctx.session.requireWorkspace();
    const now = new Date();
    const { purged, removed } = removeDuePeople(workspace, ctx.actor, { expectedPeople: input.expectedPeople, confirmation: input.confirmation, now });
    const compaction = purged ? await runBackgroundTask(ctx, { kind: 'compact' }) : null;
    return { purged, removed, compaction, preview: previewRetention(ctx.session.requireWorkspace(), now) };
  },

  'maintenance.purgePerson': async (ctx, input) => {
    if (input.confirmation.trim() !== PURGE_CONFIRMATION) throw new WorkspaceError('invalid_input', `Type ${PURGE_CONFIRMATION} to confirm.`);
    const removal = removePerson(ctx.session.requireWorkspace(), input.personId, ctx.actor, input.reason);
    return { ...removal, compaction: await runBackgroundTask(ctx, { kind: 'compact' }) };
  },

  'maintenance.compact': (ctx) => runBackgroundTask(ctx, { kind: 'compact' }),

  'maintenance.backup': async (ctx, input) => {
    const workspace = ctx.session.requireWorkspace();
    let path = input.path ?? null;
    // The system save dialog has already asked before replacing a file.
    let replace = input.replace;
    if (path === null) {
      if (!ctx.host.chooseFile) throw new WorkspaceError('invalid_input', 'Type the full path of the backup file to create.');
      path = await ctx.host.chooseFile('create', 'workspace', backupFileName(workspace.path));
      if (!path) return { state: 'cancelled' as const };
      replace = true;
    }
    const outcome = withSecret(ctx, (secret) => backupWorkspace(workspace, path, secret, ctx.actor, { replace }));
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
    return { state: 'restored' as const, path: outcome.path, people: outcome.people, schemaVersion: outcome.schemaVersion, replacedOpenWorkspace: replacesOpen };
  },

  'maintenance.deleteWorkspace': (ctx, input) => {
    const workspace = ctx.session.requireWorkspace();
    if (input.confirmation.trim() !== workspace.name) throw new WorkspaceError('invalid_input', 'Type the workspace’s name exactly as shown to confirm.');
    const { filesRemoved } = deleteWorkspace(workspace, () => ctx.session.lock('user'));
    // The unlock screen must not offer a file that no longer exists.
    ctx.session.lastPath = null;
    return { deleted: true as const, filesRemoved, guarantee: DELETION_GUARANTEE };
  },
};
