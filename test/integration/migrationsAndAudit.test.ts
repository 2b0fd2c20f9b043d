import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrateWorkspace } from '../../electron/workspace/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../electron/workspace/migrations';
import { appendAudit, verifyAuditChain } from '../../electron/workspace/auditLog';
import { WorkspaceError } from '../../electron/workspace/workspaceErrors';
import { Worker } from 'node:worker_threads';
import { makeTempWorkspace, TEST_PASSPHRASE } from '../support/tempWorkspace';

describe('migrations', () => {
  /** The counter the analysis snapshot's triggers move on every change to arrests or people. */
  const generation = (db: Database.Database) => db.prepare('SELECT generation FROM analysis_model_changes').pluck().get() as number;

  /** A database at an earlier schema version holding one import and two people. */
  function olderWorkspace(version: number): Database.Database {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrateWorkspace(db, MIGRATIONS.slice(0, version));
    db.prepare("INSERT INTO imports (id, kind, file_name, sha256, mapping, imported_by, imported_at, rows_read, rows_imported, rows_linked, rows_rejected) VALUES (1, 'arrests', 'a.csv', 'x', '[]', 't', '2013-11-01', 4, 4, 0, 0)").run();
    db.prepare("INSERT INTO people (id, surname, created_at) VALUES (1, 'One', '2013-11-01'), (2, 'Two', '2013-11-01')").run();
    return db;
  }

  it('are numbered from 1 upwards and with unique names', () => {
    // A number may be held for a change merged separately (014 while 015 went in), never reused or out of order.
    expect(MIGRATIONS[0]!.version).toBe(1);
    MIGRATIONS.forEach((m, i) => i > 0 && expect(m.version).toBeGreaterThan(MIGRATIONS[i - 1]!.version));
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });

  it('each applies on top of the previous ones in its own transaction', () => {
    const db = new Database(':memory:');
    for (let n = 1; n <= MIGRATIONS.length; n += 1) {
      expect(migrateWorkspace(db, MIGRATIONS.slice(0, n))).toBe(MIGRATIONS[n - 1]!.version);
      expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(n);
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('moves the arrests of an older workspace into the table keyed by person, ids and triggers kept', () => {
    const db = olderWorkspace(10);
    db.prepare(
      "INSERT INTO arrests (id, person_id, arrest_date, offence, borough, import_id, row_number) VALUES (5, 2, '2013-01-02', 'Robbery', 'Barnet', 1, 2), (9, 1, '2012-03-04', 'Burglary', NULL, 1, 3), (7, 1, '2011-05-06', 'Theft', NULL, 1, 4)",
    ).run();
    migrateWorkspace(db, MIGRATIONS.slice(0, 11));
    expect(db.prepare('SELECT id, person_id AS personId, arrest_date AS date, offence, borough, import_id AS importId, row_number AS row FROM arrests').all()).toEqual([
      { id: 7, personId: 1, date: '2011-05-06', offence: 'Theft', borough: null, importId: 1, row: 4 },
      { id: 9, personId: 1, date: '2012-03-04', offence: 'Burglary', borough: null, importId: 1, row: 3 },
      { id: 5, personId: 2, date: '2013-01-02', offence: 'Robbery', borough: 'Barnet', importId: 1, row: 2 },
    ]);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'arrests'").pluck().get()).toMatch(/WITHOUT ROWID/);
    expect(db.prepare("SELECT value FROM workspace_meta WHERE key = 'arrests_last_id'").pluck().get()).toBe('9');
    // The same arrest is still kept once, and the analysis snapshot still hears of every change.
    expect(() => db.prepare("INSERT INTO arrests (id, person_id, arrest_date, offence, import_id, row_number) VALUES (10, 1, '2012-03-04', 'Burglary', 1, 5)").run()).toThrow(/UNIQUE|PRIMARY KEY/);
    const before = generation(db);
    db.prepare('DELETE FROM arrests WHERE id = 5').run();
    db.prepare("UPDATE arrests SET arrest_date = '2011-05-07' WHERE id = 7").run();
    expect(generation(db)).toBe(before + 2);
    db.prepare('DELETE FROM people WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) FROM arrests').pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('codes the dates and wordings of an older workspace’s arrests, ids, order and triggers kept', () => {
    const db = olderWorkspace(11);
    db.prepare(
      `INSERT INTO arrests (id, person_id, arrest_date, offence, borough, import_id, row_number) VALUES
         (5, 2, '2013-01-02', 'Robbery', 'Barnet', 1, 2), (9, 1, '2012-03-04', 'Burglary', NULL, 1, 3),
         (7, 1, '2011-05-06', 'Robbery', 'Barnet', 1, 4), (8, 1, '2011-05-06', 'Theft', 'Enfield', 1, 5)`,
    ).run();
    db.prepare("INSERT INTO workspace_meta (key, value) VALUES ('arrests_last_id', '9') ON CONFLICT(key) DO UPDATE SET value = '9'").run();
    const asText = 'SELECT id, person_id AS personId, arrest_date AS date, offence, borough, import_id AS importId, row_number AS row FROM arrest_details ORDER BY id';
    migrateWorkspace(db);
    expect(db.prepare(asText).all()).toEqual([
      { id: 5, personId: 2, date: '2013-01-02', offence: 'Robbery', borough: 'Barnet', importId: 1, row: 2 },
      { id: 7, personId: 1, date: '2011-05-06', offence: 'Robbery', borough: 'Barnet', importId: 1, row: 4 },
      { id: 8, personId: 1, date: '2011-05-06', offence: 'Theft', borough: 'Enfield', importId: 1, row: 5 },
      { id: 9, personId: 1, date: '2012-03-04', offence: 'Burglary', borough: null, importId: 1, row: 3 },
    ]);
    // Each wording once; the rows hold numbers, in key order.
    expect(db.prepare('SELECT text FROM arrest_terms ORDER BY text').pluck().all()).toEqual(['Barnet', 'Burglary', 'Enfield', 'Robbery', 'Theft']);
    expect(db.prepare('SELECT person_id, arrest_ymd, typeof(offence_id) FROM arrests').raw().all()).toEqual([
      [1, 20110506, 'integer'],
      [1, 20110506, 'integer'],
      [1, 20120304, 'integer'],
      [2, 20130102, 'integer'],
    ]);
    expect(db.prepare("SELECT value FROM workspace_meta WHERE key = 'arrests_last_id'").pluck().get()).toBe('9');
    const robbery = db.prepare("SELECT id FROM arrest_terms WHERE text = 'Robbery'").pluck().get() as number;
    const insert = db.prepare('INSERT INTO arrests (id, person_id, arrest_ymd, offence_id, import_id, row_number) VALUES (?, ?, ?, ?, 1, 9)');
    expect(() => insert.run(10, 2, 20130102, robbery)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run(10, 2, 2013, robbery)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO arrests (id, person_id, arrest_ymd, offence_id, import_id, row_number) VALUES (10, 2, '2013-01-03', ?, 1, 9)").run(robbery)).toThrow(/cannot store TEXT/);
    const before = generation(db);
    db.prepare('DELETE FROM arrests WHERE id = 5').run();
    db.prepare('UPDATE arrests SET arrest_ymd = 20110507 WHERE id = 7').run();
    db.prepare('UPDATE arrests SET offence_id = ? WHERE id = 9').run(robbery);
    expect(generation(db)).toBe(before + 3);
    db.prepare('DELETE FROM people WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) FROM arrests').pluck().get()).toBe(0);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('rolls back a failing migration completely', () => {
    const db = new Database(':memory:');
    const broken = [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half_done (x); SELECT * FROM no_such_table;' }];
    expect(() => migrateWorkspace(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a workspace from a newer app and one with a different history', () => {
    const db = new Database(':memory:');
    migrateWorkspace(db);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    expect(() => migrateWorkspace(db)).toThrow(WorkspaceError);
    try {
      migrateWorkspace(db);
    } catch (error) {
      expect((error as WorkspaceError).code).toBe('workspace_too_new');
    }
    const other = new Database(':memory:');
    migrateWorkspace(other);
    other.prepare("UPDATE schema_migrations SET name = 'renamed' WHERE version = 1").run();
    expect(() => migrateWorkspace(other)).toThrow(/does not match/);
    db.close();
    other.close();
  });
});

describe('audit log', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('chains entries and detects an edited, a deleted and a truncated entry', () => {
    const temp = makeTempWorkspace();
    cleanup = temp.cleanup;
    const { db } = temp.workspace;
    for (let i = 0; i < 5; i += 1) appendAudit(db, { actor: 'analyst', action: 'test.step', entity: 'person', entityId: i, detail: { step: i } });
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 5 });

    expect(() => db.prepare('UPDATE audit_log SET actor = ? WHERE id = 2').run('someone else')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(/append-only/);

    // A determined editor can drop the guard triggers; the chain still shows what they did.
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    db.prepare('UPDATE audit_log SET detail = ? WHERE id = 3').run('{"step":99}');
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtId: 3 });
    db.prepare('UPDATE audit_log SET detail = ? WHERE id = 3').run('{"step":2}');
    // The chain fits again, but the guard triggers are gone, and that is reported (issue 17.6).
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtId: null, problem: expect.stringContaining('no longer append-only') });

    db.prepare('DELETE FROM audit_log WHERE id = 4').run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtId: 4, problem: 'entry 4 is missing' });
  });

  it('detects removal of the newest entries', () => {
    const temp = makeTempWorkspace();
    cleanup = temp.cleanup;
    const { db } = temp.workspace;
    for (let i = 0; i < 3; i += 1) appendAudit(db, { actor: 'analyst', action: 'test.step' });
    db.exec('DROP TRIGGER audit_log_no_delete;');
    db.prepare('DELETE FROM audit_log WHERE id = 3').run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, problem: expect.stringContaining('removed') });
  });

  it('waits for another connection\'s write to finish instead of failing on a stale read', async () => {
    const temp = makeTempWorkspace();
    cleanup = temp.cleanup;
    const { db } = temp.workspace;
    appendAudit(db, { actor: 'analyst', action: 'test.step' });
    // Another connection (an import worker's) holds the write lock, then commits. An entry begun
    // as a plain (deferred) transaction reads the old head, then cannot write on top of it.
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const Database = require(workerData.module);
       const db = new Database(workerData.path);
       db.pragma("cipher='sqlcipher'"); db.pragma('legacy=4'); db.key(Buffer.from(workerData.passphrase));
       db.pragma('busy_timeout = 5000');
       db.exec('BEGIN IMMEDIATE');
       db.prepare("INSERT INTO workspace_meta (key, value) VALUES ('other_writer', '1')").run();
       parentPort.postMessage('locked');
       setTimeout(() => { db.exec('COMMIT'); db.close(); parentPort.postMessage('done'); }, 300);`,
      { eval: true, workerData: { module: require.resolve('better-sqlite3-multiple-ciphers'), path: temp.path, passphrase: TEST_PASSPHRASE } },
    );
    const messages: string[] = [];
    const done = new Promise<void>((resolveDone, reject) => {
      worker.on('error', reject);
      worker.on('message', (m: string) => {
        messages.push(m);
        if (m === 'done') resolveDone();
      });
    });
    await new Promise<void>((resolveLocked) => worker.once('message', () => resolveLocked()));
    // Blocks (busy timeout) until the other connection commits, then writes on the new head.
    appendAudit(db, { actor: 'analyst', action: 'test.step' });
    await done;
    await worker.terminate();
    expect(messages).toEqual(['locked', 'done']);
    expect(db.prepare("SELECT value FROM workspace_meta WHERE key = 'other_writer'").pluck().get()).toBe('1');
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 2 });
  });

  it('writes an entry and the kept head together or not at all', () => {
    const temp = makeTempWorkspace();
    cleanup = temp.cleanup;
    const { db } = temp.workspace;
    appendAudit(db, { actor: 'analyst', action: 'test.step' });
    // A failure after the entry is inserted, where a killed process would have stopped.
    db.exec("CREATE TRIGGER head_fails BEFORE UPDATE ON workspace_meta WHEN NEW.key = 'audit_head' BEGIN SELECT RAISE(ABORT, 'disk gone'); END;");
    expect(() => appendAudit(db, { actor: 'analyst', action: 'test.step' })).toThrow(/disk gone/);
    expect(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(1);
    db.exec('DROP TRIGGER head_fails;');
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 1 });
  });
});
