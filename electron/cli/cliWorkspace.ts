import { userInfo } from 'node:os';
import { closeWorkspace, type OpenWorkspace } from '../workspace/workspaceFile';
import { UnlockWorkspaceInputSchema, unlockAuditedWorkspace } from '../workspace/workspaceAccess';
import { parseCliInput } from './cliError';
import { passphraseFromEnvOrPrompt } from './passphrasePrompt';

/** What cli.ts lends a workspace command, so the passphrase and the actor are handled in one place. */
export interface CliWorkspaceContext {
  withWorkspace<T>(path: string, run: (workspace: OpenWorkspace) => T | Promise<T>): Promise<T>;
  actor(): string;
}

/** Who is acting, for the audit trail: the operating-system user, as in the desktop app. */
export const cliActor = (): string => userInfo().username;

/**
 * Opens a workspace for one CLI command and always closes it. Opening with the passphrase is an
 * unlock like any other, so it is audited (who, and that it was the command line) before the
 * command runs; the entry is committed on its own, so a command killed later still leaves it.
 */
export async function withCliWorkspace<T>(path: string, run: (workspace: OpenWorkspace, passphrase: string) => T | Promise<T>): Promise<T> {
  const passphrase = await passphraseFromEnvOrPrompt('IOM_PASSPHRASE', 'Workspace passphrase: ');
  const workspace = unlockAuditedWorkspace(path, parseCliInput(UnlockWorkspaceInputSchema, { passphrase }), { actor: cliActor(), via: 'cli' });
  try {
    return await run(workspace, passphrase);
  } finally {
    closeWorkspace(workspace);
  }
}
