import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, statSync } from 'node:fs';
import { appendAudit } from '../../electron/workspace/auditLog';
import { closeWorkspace, createWorkspaceFile, openWorkspaceFile } from '../../electron/workspace/workspaceFile';
import { backupWorkspace, restoreWorkspace } from '../../electron/maintenance/workspaceBackup';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';
import { runCli } from '../support/runCli';

/**
 * Issue 17.5: the workspace and its -wal and -shm were created 0644 (readable by every account on
 * the machine) while exports and backups were 0600. Encrypted or not, they are nobody else's
 * business: every file the app creates is 0600, whatever the umask.
 */
const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe.skipIf(process.platform === 'win32')('private file modes', () => {
  let temp: TempDir;
  let umask: number;
  beforeEach(() => {
    temp = makeTempDir();
    umask = process.umask(0o022); // the usual desktop umask, under which files are created 0644
  });
  afterEach(() => {
    process.umask(umask);
    temp.remove();
  });

  it('creates the workspace, its -wal and its -shm 0600', () => {
    const path = temp.path('private.iomdb');
    const workspace = createWorkspaceFile(path, 'Private', TEST_PASSPHRASE, TEST_PASSPHRASE);
    try {
      appendAudit(workspace.db, { actor: 'tester', action: 'workspace.unlock', detail: {} });
      expect(existsSync(`${path}-wal`)).toBe(true);
      expect(existsSync(`${path}-shm`)).toBe(true);
      expect({ db: mode(path), wal: mode(`${path}-wal`), shm: mode(`${path}-shm`) }).toEqual({ db: '600', wal: '600', shm: '600' });
    } finally {
      closeWorkspace(workspace);
    }
  });

  it('writes backups 0600 and restores to a 0600 workspace even from a copy made 0644', () => {
    const path = temp.path('source.iomdb');
    const workspace = createWorkspaceFile(path, 'Source', TEST_PASSPHRASE, TEST_PASSPHRASE);
    const backup = temp.path('backup.iomdb');
    try {
      backupWorkspace(workspace, backup, TEST_PASSPHRASE, 'tester', { replace: false });
    } finally {
      closeWorkspace(workspace);
    }
    expect(mode(backup)).toBe('600');
    chmodSync(backup, 0o644); // a copy someone made with cp
    const target = temp.path('restored.iomdb');
    restoreWorkspace(backup, target, TEST_PASSPHRASE, 'tester', { replace: false });
    expect(mode(target)).toBe('600');
    const reopened = openWorkspaceFile(target, TEST_PASSPHRASE);
    try {
      appendAudit(reopened.db, { actor: 'tester', action: 'workspace.unlock', detail: {} });
      expect({ wal: mode(`${target}-wal`), shm: mode(`${target}-shm`) }).toEqual({ wal: '600', shm: '600' });
    } finally {
      closeWorkspace(reopened);
    }
  });

  it('creates a CLI workspace 0600', () => {
    const path = temp.path('cli.iomdb');
    const run = runCli(['init', path], { IOM_PASSPHRASE: TEST_PASSPHRASE });
    expect(run.status, run.stderr).toBe(0);
    expect(mode(path)).toBe('600');
  });
});
