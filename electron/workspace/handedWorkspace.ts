import { openWorkspaceFile, type OpenWorkspace } from './workspaceFile';
import { WorkspaceError } from './workspaceErrors';

/** What a worker posts back when the workspace it was handed will not open. */
interface OpenFailure {
  type: 'error';
  code: string;
  message: string;
  name: string;
}

/**
 * Opens the workspace a worker thread was handed, for the import and background workers alike: the
 * passphrase bytes key the connection and are zeroed whatever happens; they are never logged nor
 * posted back. Null (after `fail` was told why) when it will not open.
 */
export function openHandedWorkspace(path: string, secret: Uint8Array, fail: (failure: OpenFailure) => void): OpenWorkspace | null {
  try {
    return openWorkspaceFile(path, secret);
  } catch (error) {
    fail({ type: 'error', code: error instanceof WorkspaceError ? error.code : 'internal', message: error instanceof Error ? error.message : 'could not open the workspace', name: error instanceof Error ? error.name : 'Error' });
    return null;
  } finally {
    secret.fill(0);
  }
}
