import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspaceFile, closeWorkspace, type OpenWorkspace } from '../../electron/workspace/workspaceFile';

export const TEST_PASSPHRASE = 'correct horse battery 42';

export interface TempDir {
  dir: string;
  path(name: string): string;
  remove(): void;
}

export function makeTempDir(prefix = 'iom-test-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real encrypted workspace in a temp folder, closed and removed by the returned cleanup. */
export function makeTempWorkspace(name = 'Test workspace'): { workspace: OpenWorkspace; temp: TempDir; path: string; cleanup(): void } {
  const temp = makeTempDir();
  const path = temp.path('test.iomdb');
  const workspace = createWorkspaceFile(path, name, TEST_PASSPHRASE, TEST_PASSPHRASE);
  return {
    workspace,
    temp,
    path,
    cleanup() {
      closeWorkspace(workspace);
      temp.remove();
    },
  };
}

/**
 * One more real encrypted workspace in `temp`, named and numbered after those already in `opened`,
 * and added to it so the file's afterAll closes it.
 */
export function addNumberedWorkspace(temp: TempDir, opened: OpenWorkspace[], label: string): OpenWorkspace {
  const number = opened.length + 1;
  const workspace = createWorkspaceFile(temp.path(`w${number}.iomdb`), `${label} ${number}`, TEST_PASSPHRASE, TEST_PASSPHRASE);
  opened.push(workspace);
  return workspace;
}
