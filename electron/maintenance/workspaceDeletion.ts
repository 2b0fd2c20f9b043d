import { existsSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { createLogger } from '../logging';
import { closeWorkspace, type OpenWorkspace } from '../workspace/workspaceFile';

const log = createLogger('retention');

/**
 * Deletes a workspace: closes it (which also forgets its key), then removes the file and its
 * journal files. Nothing is overwritten first: on SSDs and journalling or copy-on-write file
 * systems an overwrite does not reach the old blocks, so promising it would be false. What stays on
 * the disk was written encrypted, which is the real protection (see DELETION_GUARANTEE).
 *
 * The audit trail lives inside the file and goes with it, so the deletion is recorded in the app
 * log instead: the file name and how many files went, never anything from inside the workspace.
 */
export function deleteWorkspace(workspace: OpenWorkspace, close: (workspace: OpenWorkspace) => void = closeWorkspace): { filesRemoved: number } {
  const path = workspace.path;
  close(workspace);
  let filesRemoved = 0;
  for (const file of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) {
    if (!existsSync(file)) continue;
    rmSync(file, { force: true });
    filesRemoved += 1;
  }
  log.warn('workspace deleted', { file: basename(path), filesRemoved });
  return { filesRemoved };
}
