import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { createWorkspaceFile, openWorkspaceFile, closeWorkspace, rekeyWorkspace } from '../../electron/workspace/workspaceFile';
import { WorkspaceError } from '../../electron/workspace/workspaceErrors';
import { LATEST_SCHEMA_VERSION } from '../../electron/workspace/migrations';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

const SECRET_NAME = 'Zebediah Quixotically-Marchbanks';

function filesIn(dir: TempDir): string[] {
  return readdirSync(dir.dir).sort();
}

function expectWorkspaceError(run: () => unknown, code: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as WorkspaceError).code).toBe(code);
    return;
  }
  throw new Error(`expected a ${code} error`);
}

describe('encrypted workspace file', () => {
  let temp: TempDir;
  afterEach(() => temp?.remove());

  it('never starts with the plaintext SQLite header and hides written names, WAL included', () => {
    temp = makeTempDir();
    const path = temp.path('w.iomdb');
    const ws = createWorkspaceFile(path, 'Encryption test', TEST_PASSPHRASE, TEST_PASSPHRASE);
    ws.db.prepare("INSERT INTO people (surname, forenames, created_at) VALUES (?, ?, 'now')").run(SECRET_NAME, 'Test');
    // While open in WAL mode the new page sits in the -wal file: it must be encrypted there too.
    expect(existsSync(`${path}-wal`)).toBe(true);
    for (const file of [path, `${path}-wal`]) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(SECRET_NAME))).toBe(false);
      expect(bytes.includes(Buffer.from(SECRET_NAME, 'utf16le'))).toBe(false);
    }
    closeWorkspace(ws);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.includes(Buffer.from(SECRET_NAME))).toBe(false);
    expect(bytes.includes(Buffer.from('CREATE TABLE'))).toBe(false);
  });

  it('uses SQLCipher 4 settings so the standard sqlcipher tool can open it', () => {
    temp = makeTempDir();
    const path = temp.path('w.iomdb');
    closeWorkspace(createWorkspaceFile(path, 'Compat', TEST_PASSPHRASE, TEST_PASSPHRASE));
    const db = new Database(path, { fileMustExist: true });
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key='${TEST_PASSPHRASE}'`);
    expect(Number(db.pragma('kdf_iter', { simple: true }))).toBe(256000);
    expect(db.prepare("SELECT value FROM workspace_meta WHERE key = 'name'").pluck().get()).toBe('Compat');
    db.close();
  });

  it('reopens with the right passphrase at the latest schema with WAL and foreign keys on', () => {
    temp = makeTempDir();
    const path = temp.path('w.iomdb');
    closeWorkspace(createWorkspaceFile(path, 'Reopen', TEST_PASSPHRASE, TEST_PASSPHRASE));
    const ws = openWorkspaceFile(path, TEST_PASSPHRASE);
    expect(ws.name).toBe('Reopen');
    expect(ws.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ws.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    closeWorkspace(ws);
  });

  it('refuses a wrong passphrase cleanly and leaves the file byte-for-byte unchanged', () => {
    temp = makeTempDir();
    const path = temp.path('w.iomdb');
    closeWorkspace(createWorkspaceFile(path, 'Wrong key', TEST_PASSPHRASE, TEST_PASSPHRASE));
    const before = readFileSync(path);
    const filesBefore = filesIn(temp);
    for (let i = 0; i < 100; i += 1) expectWorkspaceError(() => openWorkspaceFile(path, `wrong passphrase ${i}`), 'wrong_passphrase');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(filesIn(temp)).toEqual(filesBefore);
    closeWorkspace(openWorkspaceFile(path, TEST_PASSPHRASE));
  });

  it('rekeys: the new passphrase opens, the old one then fails, data intact', () => {
    temp = makeTempDir();
    const path = temp.path('w.iomdb');
    const ws = createWorkspaceFile(path, 'Rekey', TEST_PASSPHRASE, TEST_PASSPHRASE);
    ws.db.prepare("INSERT INTO people (surname, created_at) VALUES ('Rekeyed', 'now')").run();
    rekeyWorkspace(ws, 'a brand new passphrase 7');
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    ws.db.prepare("INSERT INTO people (surname, created_at) VALUES ('AfterRekey', 'now')").run();
    closeWorkspace(ws);
    expectWorkspaceError(() => openWorkspaceFile(path, TEST_PASSPHRASE), 'wrong_passphrase');
    const reopened = openWorkspaceFile(path, 'a brand new passphrase 7');
    expect(reopened.db.prepare('SELECT surname FROM people ORDER BY id').pluck().all()).toEqual(['Rekeyed', 'AfterRekey']);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    closeWorkspace(reopened);
  });

  it('refuses weak passphrases, mismatched confirmation, existing files and plaintext databases', () => {
    temp = makeTempDir();
    expectWorkspaceError(() => createWorkspaceFile(temp.path('a.iomdb'), 'x', 'short', 'short'), 'weak_passphrase');
    expectWorkspaceError(() => createWorkspaceFile(temp.path('a.iomdb'), 'x', TEST_PASSPHRASE, `${TEST_PASSPHRASE}!`), 'weak_passphrase');
    expect(existsSync(temp.path('a.iomdb'))).toBe(false);
    const plain = new Database(temp.path('plain.db'));
    plain.exec('CREATE TABLE t (x)');
    plain.close();
    expectWorkspaceError(() => createWorkspaceFile(temp.path('plain.db'), 'x', TEST_PASSPHRASE, TEST_PASSPHRASE), 'already_exists');
    expectWorkspaceError(() => openWorkspaceFile(temp.path('plain.db'), TEST_PASSPHRASE), 'not_a_workspace');
    expectWorkspaceError(() => openWorkspaceFile(temp.path('missing.iomdb'), TEST_PASSPHRASE), 'not_found');
  });
});
