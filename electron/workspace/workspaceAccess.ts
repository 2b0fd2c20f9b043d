import type { z } from 'zod';
import { workspaceCalls } from '../../shared/workspace/workspaceCalls';
import { checkNewPassphrase } from '../../shared/workspace/passphrasePolicy';
import { appendAudit } from './auditLog';
import { WorkspaceError } from './workspaceErrors';
import { closeWorkspace, createWorkspaceFile, openWorkspaceFile, rekeyWorkspace, type OpenWorkspace } from './workspaceFile';

/**
 * Creating, unlocking and rekeying a workspace with their audit entries: the use cases the app's calls
 * and the command line both run, so the two cannot drift. Inputs are the contract's own schemas, less
 * the file token: the app resolves a token to a path, the command line is given one.
 */
export const CreateWorkspaceInputSchema = workspaceCalls['workspace.create'].input.omit({ file: true });
export const UnlockWorkspaceInputSchema = workspaceCalls['workspace.unlock'].input.omit({ file: true });
export const ChangePassphraseInputSchema = workspaceCalls['workspace.changePassphrase'].input;

/** Who acts and through which door; the audit entry says both. */
interface Acting {
  readonly actor: string;
  readonly via: 'app' | 'cli';
}

export function createAuditedWorkspace(path: string, input: z.output<typeof CreateWorkspaceInputSchema>, acting: Acting): OpenWorkspace {
  const workspace = createWorkspaceFile(path, input.name, input.passphrase, input.confirmation);
  try {
    appendAudit(workspace.db, { actor: acting.actor, action: 'workspace.create', detail: { via: acting.via, schemaVersion: workspace.schemaVersion } });
  } catch (error) {
    closeWorkspace(workspace);
    throw error;
  }
  return workspace;
}

/** Opening with the passphrase is an unlock, audited before anything else is done with the workspace. */
export function unlockAuditedWorkspace(path: string, input: z.output<typeof UnlockWorkspaceInputSchema>, acting: Acting): OpenWorkspace {
  const workspace = openWorkspaceFile(path, input.passphrase);
  try {
    appendAudit(workspace.db, { actor: acting.actor, action: 'workspace.unlock', detail: { via: acting.via } });
  } catch (error) {
    closeWorkspace(workspace);
    throw error;
  }
  return workspace;
}

/**
 * Re-encrypts the open workspace under a new passphrase. The current one is proven on a second
 * connection, so a screen or terminal left open cannot be used to take the workspace over.
 */
export function changeWorkspacePassphrase(workspace: OpenWorkspace, input: z.output<typeof ChangePassphraseInputSchema>, acting: Acting): void {
  const check = checkNewPassphrase(input.next, input.confirmation, [workspace.name]);
  if (!check.ok) throw new WorkspaceError('weak_passphrase', check.message);
  openWorkspaceFile(workspace.path, input.current).db.close();
  rekeyWorkspace(workspace, input.next);
  appendAudit(workspace.db, { actor: acting.actor, action: 'workspace.rekey', detail: { via: acting.via } });
}
