import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { backupWorkspace, restoreWorkspace } from '../../electron/maintenance/workspaceBackup';
import { deleteWorkspace } from '../../electron/maintenance/workspaceDeletion';
import { closeWorkspace, createWorkspaceFile, openWorkspaceFile, rekeyWorkspace, type OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { verifyAuditChain } from '../../electron/workspace/auditLog';
import { WorkspaceError } from '../../electron/workspace/workspaceErrors';
import { LATEST_SCHEMA_VERSION } from '../../electron/workspace/migrations';
import { setLogSink } from '../../electron/logging';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

const OTHER_PASSPHRASE = 'a different passphrase 77';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof WorkspaceError) return error.code;
    throw error;
  }
  return 'no error';
}

function addPeople(workspace: OpenWorkspace, n: number, prefix = 'Backup'): void {
  const insert = workspace.db.prepare("INSERT INTO people (surname, forenames, created_at) VALUES (?, 'Test', 'now')");
  workspace.db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(`${prefix}${i}`);
  })();
}

function peopleIn(path: string, passphrase = TEST_PASSPHRASE): number {
  const workspace = openWorkspaceFile(path, passphrase);
  try {
    return workspace.db.prepare('SELECT COUNT(*) FROM people').pluck().get() as number;
  } finally {
    closeWorkspace(workspace);
  }
}

/** Names in the folder other than the ones given: no half-written or leftover files. */
function strayFiles(temp: TempDir, expected: string[]): string[] {
  return readdirSync(temp.dir).filter((f) => !expected.includes(f));
}

describe('encrypted backup', () => {
  let temp: TempDir;
  let workspace: OpenWorkspace | null = null;
  afterEach(() => {
    if (workspace) closeWorkspace(workspace);
    workspace = null;
    temp?.remove();
  });

  function open(people = 25): OpenWorkspace {
    temp = makeTempDir();
    workspace = createWorkspaceFile(temp.path('live.iomdb'), 'Backup test', TEST_PASSPHRASE, TEST_PASSPHRASE);
    addPeople(workspace, people);
    return workspace;
  }

  it('opens with the passphrase and with nothing else, and holds the same data', () => {
    const ws = open();
    const out = temp.path('copy.iomdb');
    const outcome = backupWorkspace(ws, out, TEST_PASSPHRASE, 'tester', { replace: false });
    expect(outcome).toMatchObject({ path: out, fileName: 'copy.iomdb', people: 25, name: 'Backup test', auditIntact: true });
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.includes(Buffer.from('Backup1'))).toBe(false);
    if (process.platform !== 'win32') expect(statSync(out).mode & 0o077).toBe(0);
    expect(peopleIn(out)).toBe(25);
    expect(codeOf(() => openWorkspaceFile(out, OTHER_PASSPHRASE))).toBe('wrong_passphrase');
    const keyless = new Database(out, { fileMustExist: true });
    expect(() => keyless.prepare('SELECT COUNT(*) FROM sqlite_master').get()).toThrow(/not a database/);
    keyless.close();
    // One self-contained file: no journal beside it, nothing half-written left behind.
    expect(strayFiles(temp, ['live.iomdb', 'live.iomdb-wal', 'live.iomdb-shm', 'copy.iomdb'])).toEqual([]);
    const audit = ws.db.prepare("SELECT detail FROM audit_log WHERE action = 'workspace.backup'").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ people: 25 });
    expect(audit).not.toMatch(/copy/);
  });

  it('uses the current passphrase after a passphrase change', () => {
    const ws = open(3);
    rekeyWorkspace(ws, OTHER_PASSPHRASE);
    const out = temp.path('after-rekey.iomdb');
    backupWorkspace(ws, out, OTHER_PASSPHRASE, 'tester', { replace: false });
    expect(peopleIn(out, OTHER_PASSPHRASE)).toBe(3);
    expect(codeOf(() => openWorkspaceFile(out, TEST_PASSPHRASE))).toBe('wrong_passphrase');
  });

  it('never replaces a file without consent, and never the workspace itself', () => {
    const ws = open(2);
    const out = temp.path('existing.iomdb');
    writeFileSync(out, 'keep me');
    expect(codeOf(() => backupWorkspace(ws, out, TEST_PASSPHRASE, 'tester', { replace: false }))).toBe('already_exists');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(codeOf(() => backupWorkspace(ws, ws.path, TEST_PASSPHRASE, 'tester', { replace: true }))).toBe('conflict');
    backupWorkspace(ws, out, TEST_PASSPHRASE, 'tester', { replace: true });
    expect(peopleIn(out)).toBe(2);
    expect(strayFiles(temp, ['live.iomdb', 'live.iomdb-wal', 'live.iomdb-shm', 'existing.iomdb'])).toEqual([]);
  });

  it('leaves nothing behind when the passphrase given for the check is wrong', () => {
    const ws = open(2);
    const out = temp.path('unchecked.iomdb');
    expect(codeOf(() => backupWorkspace(ws, out, OTHER_PASSPHRASE, 'tester', { replace: false }))).toBe('wrong_passphrase');
    expect(existsSync(out)).toBe(false);
    expect(strayFiles(temp, ['live.iomdb', 'live.iomdb-wal', 'live.iomdb-shm'])).toEqual([]);
  });
});

describe('restore', () => {
  let temp: TempDir;
  afterEach(() => temp?.remove());

  /** A backup of 7 people and a different live workspace of 3 at the target. */
  function setUp(): { backup: string; target: string } {
    temp = makeTempDir();
    const source = createWorkspaceFile(temp.path('source.iomdb'), 'Source', TEST_PASSPHRASE, TEST_PASSPHRASE);
    addPeople(source, 7);
    backupWorkspace(source, temp.path('backup.iomdb'), TEST_PASSPHRASE, 'tester', { replace: false });
    closeWorkspace(source);
    const target = createWorkspaceFile(temp.path('target.iomdb'), 'Target', TEST_PASSPHRASE, TEST_PASSPHRASE);
    addPeople(target, 3, 'Target');
    closeWorkspace(target);
    return { backup: temp.path('backup.iomdb'), target: temp.path('target.iomdb') };
  }

  function expectRefusedUntouched(backup: string, target: string, passphrase: string, code: string): void {
    const before = readFileSync(target);
    const backupBefore = readFileSync(backup);
    let replaced = false;
    expect(codeOf(() => restoreWorkspace(backup, target, passphrase, 'tester', { replace: true, beforeReplace: () => (replaced = true) }))).toBe(code);
    expect(replaced).toBe(false);
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(readFileSync(backup).equals(backupBefore)).toBe(true);
    expect(readdirSync(temp.dir).filter((f) => f.startsWith('.'))).toEqual([]);
  }

  it('restores to a new file, which opens and records the restore in its trail', () => {
    const { backup } = setUp();
    const outcome = restoreWorkspace(backup, temp.path('restored.iomdb'), TEST_PASSPHRASE, 'tester', { replace: false });
    expect(outcome).toMatchObject({ name: 'Source', people: 7, schemaVersion: LATEST_SCHEMA_VERSION });
    const restored = openWorkspaceFile(temp.path('restored.iomdb'), TEST_PASSPHRASE);
    expect(restored.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'workspace.restore'").pluck().get()).toBe(1);
    expect(verifyAuditChain(restored.db).ok).toBe(true);
    closeWorkspace(restored);
  });

  it('replaces an existing workspace only when told to, after the checks', () => {
    const { backup, target } = setUp();
    const before = readFileSync(target);
    expect(codeOf(() => restoreWorkspace(backup, target, TEST_PASSPHRASE, 'tester', { replace: false }))).toBe('already_exists');
    expect(readFileSync(target).equals(before)).toBe(true);
    let replaced = false;
    restoreWorkspace(backup, target, TEST_PASSPHRASE, 'tester', { replace: true, beforeReplace: () => (replaced = true) });
    expect(replaced).toBe(true);
    expect(peopleIn(target)).toBe(7);
  });

  it('refuses a wrong passphrase and leaves the target as it was', () => {
    const { backup, target } = setUp();
    expectRefusedUntouched(backup, target, OTHER_PASSPHRASE, 'wrong_passphrase');
  });

  it('refuses a damaged backup (a changed byte, or cut short) and leaves the target as it was', () => {
    const { backup, target } = setUp();
    const bytes = readFileSync(backup);
    const flipped = Buffer.from(bytes);
    // A byte inside a page past the first: SQLCipher's per-page HMAC catches it.
    flipped[Math.floor(bytes.length / 2)]! ^= 0x5a;
    writeFileSync(temp.path('flipped.iomdb'), flipped);
    expectRefusedUntouched(temp.path('flipped.iomdb'), target, TEST_PASSPHRASE, 'bad_file');
    writeFileSync(temp.path('short.iomdb'), bytes.subarray(0, Math.floor(bytes.length / 3)));
    expectRefusedUntouched(temp.path('short.iomdb'), target, TEST_PASSPHRASE, 'bad_file');
    writeFileSync(temp.path('empty.iomdb'), '');
    expectRefusedUntouched(temp.path('empty.iomdb'), target, TEST_PASSPHRASE, 'bad_file');
  });

  it('refuses a backup from a newer app, and a plain database, leaving the target as it was', () => {
    const { backup, target } = setUp();
    const newer = new Database(backup);
    newer.pragma("cipher='sqlcipher'");
    newer.pragma('legacy=4');
    newer.key(Buffer.from(TEST_PASSPHRASE));
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    newer.close();
    expectRefusedUntouched(backup, target, TEST_PASSPHRASE, 'workspace_too_new');
    const plain = new Database(temp.path('plain.sqlite'));
    plain.exec('CREATE TABLE t (x)');
    plain.close();
    expectRefusedUntouched(temp.path('plain.sqlite'), target, TEST_PASSPHRASE, 'not_a_workspace');
  });
});

describe('deleting a workspace', () => {
  it('closes it and removes the file and its journals, logging only the file name', () => {
    const temp = makeTempDir();
    const lines: string[] = [];
    setLogSink((line) => lines.push(line), 'warn');
    try {
      const workspace = createWorkspaceFile(temp.path('doomed.iomdb'), 'Doomed', TEST_PASSPHRASE, TEST_PASSPHRASE);
      addPeople(workspace, 5, 'Secretname');
      expect(existsSync(temp.path('doomed.iomdb-wal'))).toBe(true);
      const { filesRemoved } = deleteWorkspace(workspace);
      expect(filesRemoved).toBeGreaterThanOrEqual(1);
      expect(workspace.db.open).toBe(false);
      expect(readdirSync(temp.dir)).toEqual([]);
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', module: 'retention', message: 'workspace deleted', file: 'doomed.iomdb' });
      expect(lines[0]).not.toMatch(/Secretname|Doomed/);
    } finally {
      setLogSink((line) => process.stderr.write(`${line}\n`));
      temp.remove();
    }
  });
});
