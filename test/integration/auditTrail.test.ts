/**
 * The audit trail on real encrypted workspace files: tampering done with raw SQL through a separate
 * SQLCipher connection (as someone with the passphrase and a SQLite tool would) is found and named;
 * the Audit screen's calls filter, page and export; the CLI's `audit --verify` and `--export` exit as
 * documented; and after a whole journey no audit row holds a name, PNC, date of birth, address,
 * note text or file name present in the workspace.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database, { type Database as SqliteDatabase } from 'better-sqlite3-multiple-ciphers';
import * as XLSX from 'xlsx';
import { appendAudit, GENESIS_HASH } from '../../electron/workspace/auditLog';
import { closeWorkspace, createWorkspaceFile, openWorkspaceFile, type OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { auditFacets, buildAuditCsv, checkExportedHead, listAuditEntries, parseAuditHead, verifyAudit } from '../../electron/audit/auditService';
import { updateSetting } from '../../electron/settings/settingsService';
import { AppSession } from '../../electron/runtime/appSession';
import type { AuditEntryView, AuditFacets, AuditPage, AuditVerificationResult } from '../../shared/audit/auditSchemas';
import type { ExportDelivery } from '../../shared/exports/exportDelivery';
import { AUDIT_HASH_RULE } from '../../shared/audit/auditTrail';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';
import { formatDmy } from '../../shared/workspace/syntheticCohort';
import { openDemoContext, type DemoContext } from '../support/demoContext';
import { ensureNodeBuild } from '../support/nodeBuild';
import { runCli } from '../support/runCli';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

let temp: TempDir;
beforeAll(() => {
  temp = makeTempDir('iom-audit-');
});
afterAll(() => temp?.remove());

let fileCounter = 0;
/** A new closed workspace file whose trail has `n` entries of assorted actions. */
function trailFile(n: number): string {
  fileCounter += 1;
  const path = temp.path(`trail-${fileCounter}.iomdb`);
  const workspace = createWorkspaceFile(path, `Trail ${fileCounter}`, TEST_PASSPHRASE, TEST_PASSPHRASE);
  const actions = ['workspace.create', 'import', 'link.link', 'ruleSet.save', 'shortlist.run', 'export.rejectedRows', 'settings.update', 'person.note.add'];
  for (let i = 0; i < n; i += 1) appendAudit(workspace.db, { actor: 'analyst', action: actions[i % actions.length]!, entity: 'import', entityId: i, detail: { rows: i * 10 } });
  closeWorkspace(workspace);
  return path;
}

/**
 * Raw SQL on the encrypted file through a connection of its own, guard triggers dropped first and
 * put back after, as a careful tamperer would (leaving them out is found on its own: auditTampering.test.ts).
 */
function tamper(path: string, change: (db: SqliteDatabase) => void): void {
  const db = new Database(path);
  try {
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.key(Buffer.from(TEST_PASSPHRASE, 'utf8'));
    db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
    change(db);
    db.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`);
  } finally {
    db.close();
  }
}

function withWorkspace<T>(path: string, run: (workspace: OpenWorkspace) => T): T {
  const workspace = openWorkspaceFile(path, TEST_PASSPHRASE);
  try {
    return run(workspace);
  } finally {
    closeWorkspace(workspace);
  }
}

interface RawEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string | null;
  entity_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** The hash as AUDIT_HASH_RULE documents it, computed here independently of the app's code. */
function documentedHash(e: Omit<RawEntry, 'hash'>): string {
  return createHash('sha256').update(JSON.stringify([e.id, e.at, e.actor, e.action, e.entity, e.entity_id, e.detail, e.prev_hash])).digest('hex');
}

/** Rewrites entries from `fromId` on with fresh, valid hashes and moves the kept head: a careful forger. */
function rechain(db: SqliteDatabase, fromId: number): void {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as RawEntry[];
  let prev = GENESIS_HASH;
  for (const row of rows) {
    if (row.id >= fromId) {
      const hash = documentedHash({ ...row, prev_hash: prev });
      db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, row.id);
      prev = hash;
    } else {
      prev = row.hash;
    }
  }
  const last = rows[rows.length - 1]!;
  db.prepare("UPDATE workspace_meta SET value = ? WHERE key = 'audit_head'").run(`${last.id}:${prev}`);
}

describe('verifying the chain on a real encrypted file', () => {
  it('passes an untouched trail and reports its head', () => {
    const path = trailFile(6);
    const result = withWorkspace(path, (w) => verifyAudit(w));
    expect(result).toMatchObject({ ok: true, entries: 6, brokenAtId: null, problem: null, brokenEntry: null });
    expect(result.head?.id).toBe(6);
    expect(result.head?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names an entry whose detail was edited, and shows how it now reads', () => {
    const path = trailFile(6);
    tamper(path, (db) => db.prepare('UPDATE audit_log SET detail = ? WHERE id = 4').run('{"rows":1}'));
    const result = withWorkspace(path, (w) => verifyAudit(w));
    expect(result).toMatchObject({ ok: false, brokenAtId: 4, problem: 'entry 4 was changed after it was written' });
    expect(result.brokenEntry).toMatchObject({ id: 4, detail: '{"rows":1}' });
  });

  it('finds an entry deleted from the middle', () => {
    const path = trailFile(6);
    tamper(path, (db) => db.prepare('DELETE FROM audit_log WHERE id = 3').run());
    // The first missing entry is where it breaks: entries 1 and 2 are intact (issue 17.6).
    expect(withWorkspace(path, (w) => verifyAudit(w))).toMatchObject({ ok: false, brokenAtId: 3, problem: 'entry 3 is missing' });
    const two = trailFile(8);
    tamper(two, (db) => db.prepare('DELETE FROM audit_log WHERE id IN (3, 4, 5)').run());
    expect(withWorkspace(two, (w) => verifyAudit(w))).toMatchObject({ ok: false, brokenAtId: 3, problem: 'entries 3 to 5 are missing' });
  });

  it('finds the newest entries deleted, and still does after new entries are written', () => {
    const path = trailFile(6);
    tamper(path, (db) => db.prepare('DELETE FROM audit_log WHERE id = 6').run());
    expect(withWorkspace(path, (w) => verifyAudit(w))).toMatchObject({ ok: false, brokenAtId: 6, problem: 'entry 6, the newest, was removed' });

    const two = trailFile(6);
    tamper(two, (db) => db.prepare('DELETE FROM audit_log WHERE id >= 5').run());
    // The next unlock must not quietly move the kept head past the gap.
    withWorkspace(two, (w) => appendAudit(w.db, { actor: 'analyst', action: 'workspace.unlock' }));
    const result = withWorkspace(two, (w) => verifyAudit(w));
    expect(result).toMatchObject({ ok: false, brokenAtId: 5, problem: 'entries 5 to 6, the newest, were removed (found when this entry was written)' });
    expect(result.brokenEntry).toMatchObject({ id: 5, action: 'audit.gapDetected', actor: 'system' });
    const list = withWorkspace(two, (w) => listAuditEntries(w, {}, 0, 10));
    expect(list.entries.map((e) => e.action)).toEqual(['workspace.unlock', 'audit.gapDetected', 'ruleSet.save', 'link.link', 'import', 'workspace.create']);
  });

  it('finds entries swapped into each other’s place', () => {
    const path = trailFile(6);
    tamper(path, (db) => {
      const [a, b] = db.prepare('SELECT * FROM audit_log WHERE id IN (2, 3) ORDER BY id').all() as RawEntry[];
      db.prepare('DELETE FROM audit_log WHERE id IN (2, 3)').run();
      const insert = db.prepare('INSERT INTO audit_log (id, at, actor, action, entity, entity_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
      insert.run(2, b!.at, b!.actor, b!.action, b!.entity, b!.entity_id, b!.detail, b!.prev_hash, b!.hash);
      insert.run(3, a!.at, a!.actor, a!.action, a!.entity, a!.entity_id, a!.detail, a!.prev_hash, a!.hash);
    });
    expect(withWorkspace(path, (w) => verifyAudit(w))).toMatchObject({ ok: false, brokenAtId: 2, problem: expect.stringContaining('entry 2 does not link to the entry before it') });
  });

  it('finds an edited entry whose own hash was recomputed, at the next entry', () => {
    const path = trailFile(6);
    tamper(path, (db) => {
      const row = db.prepare('SELECT * FROM audit_log WHERE id = 3').get() as RawEntry;
      const edited = { ...row, actor: 'someone else' };
      db.prepare('UPDATE audit_log SET actor = ?, hash = ? WHERE id = 3').run(edited.actor, documentedHash(edited));
    });
    expect(withWorkspace(path, (w) => verifyAudit(w))).toMatchObject({ ok: false, brokenAtId: 4, problem: expect.stringContaining('entry 4 does not link') });
  });

  it('cannot see a whole rewritten chain on its own, but a head from an earlier export can', () => {
    const path = trailFile(6);
    const exported = withWorkspace(path, (w) => verifyAudit(w).head!);
    tamper(path, (db) => {
      db.prepare('UPDATE audit_log SET detail = ? WHERE id = 2').run('{"rows":0,"forged":true}');
      rechain(db, 2);
    });
    withWorkspace(path, (w) => {
      // The app accepts a chain rebuilt with the rule written into every export: the rule is the app's.
      expect(verifyAudit(w).ok).toBe(true);
      expect(checkExportedHead(w, exported)).toEqual({ ok: false, problem: 'entry 6 has a different hash from the earlier export: the trail up to it was rewritten' });
      expect(checkExportedHead(w, { id: 99, hash: exported.hash })).toMatchObject({ ok: false, problem: expect.stringContaining('no longer exists') });
    });
  });
});

describe('locking', () => {
  it('records who locked and why, idle locks included', () => {
    const path = trailFile(1);
    let now = 1_000_000;
    const session = new AppSession(() => now);
    session.adopt(openWorkspaceFile(path, TEST_PASSPHRASE), TEST_PASSPHRASE, 'analyst');
    now += 16 * 60_000;
    expect(session.lockIfIdle(15)).toBe(true);
    session.adopt(openWorkspaceFile(path, TEST_PASSPHRASE), TEST_PASSPHRASE, 'analyst');
    session.lock('user', 'someone');
    const entries = withWorkspace(path, (w) => listAuditEntries(w, { action: 'workspace.lock' }, 0, 10).entries);
    expect(entries.map((e) => [e.actor, e.detail])).toEqual([
      ['someone', '{"reason":"user"}'],
      ['analyst', '{"reason":"idle"}'],
    ]);
    expect(withWorkspace(path, (w) => verifyAudit(w).ok)).toBe(true);
  });
});

describe('listing, filtering and exporting', () => {
  let path: string;

  beforeAll(() => {
    path = temp.path('filters.iomdb');
    const workspace = createWorkspaceFile(path, 'Filters', TEST_PASSPHRASE, TEST_PASSPHRASE);
    const add = (at: string, actor: string, action: string, entity: string | null, entityId: number | null, detail: Record<string, unknown> = {}) =>
      appendAudit(workspace.db, { actor, action, entity, entityId, detail }, at);
    add('2026-03-01T09:00:00.000Z', 'ana', 'workspace.create', null, null);
    add('2026-03-01T09:05:00.000Z', 'ana', 'import', 'import', 1, { kind: 'candidates', rows: 170 });
    add('2026-03-02T10:00:00.000Z', 'ana', 'link.link', 'link_review', 5, { personId: 7, importId: 1 });
    add('2026-03-02T23:30:00.000Z', 'bob', 'person.note.add', 'person', 7, { noteId: 1 });
    add('2026-03-03T08:00:00.000Z', 'bob', 'person.note.add', 'person', 8, { noteId: 2 });
    add('2026-03-03T09:00:00.000Z', 'bob', 'export.rejectedRows', 'import', 1);
    add('2026-03-04T09:00:00.000Z', 'ana', 'exports.other', null, null);
    add('2026-03-04T09:30:00.000Z', 'ana', 'importer.test', null, null);
    updateSetting(workspace, { key: 'protectiveMarking', value: 'RESTRICTED' }, 'ana');
    closeWorkspace(workspace);
  });

  const ids = (page: AuditPage) => page.entries.map((e) => e.id);

  it('pages newest first and filters by action group, actor, record and dates', () => {
    withWorkspace(path, (w) => {
      expect(listAuditEntries(w, {}, 0, 4)).toMatchObject({ total: 9, offset: 0 });
      expect(ids(listAuditEntries(w, {}, 0, 4))).toEqual([9, 8, 7, 6]);
      expect(ids(listAuditEntries(w, {}, 8, 4))).toEqual([1]);
      // A group matches its own actions only: "export" is not "exports", "import" is not "importer".
      expect(ids(listAuditEntries(w, { action: 'export' }, 0, 50))).toEqual([6]);
      expect(ids(listAuditEntries(w, { action: 'import' }, 0, 50))).toEqual([2]);
      expect(ids(listAuditEntries(w, { action: 'person.note.add' }, 0, 50))).toEqual([5, 4]);
      expect(ids(listAuditEntries(w, { action: 'person.note' }, 0, 50))).toEqual([5, 4]);
      expect(ids(listAuditEntries(w, { actor: 'bob' }, 0, 50))).toEqual([6, 5, 4]);
      // A person's entries include the link decision that names them in its detail.
      expect(ids(listAuditEntries(w, { entity: 'person', entityId: '7' }, 0, 50))).toEqual([4, 3]);
      expect(ids(listAuditEntries(w, { entity: 'import', entityId: '1' }, 0, 50))).toEqual([6, 2]);
      expect(ids(listAuditEntries(w, { entity: 'person' }, 0, 50))).toEqual([5, 4]);
      // Instants with an offset: 2026-03-03 00:00 in UTC+1 is 2026-03-02 23:00Z, so the 23:30Z note is in.
      expect(ids(listAuditEntries(w, { from: '2026-03-03T00:00:00+01:00', to: '2026-03-03T09:00:00Z' }, 0, 50))).toEqual([5, 4]);
      expect(listAuditEntries(w, { actor: 'nobody' }, 0, 50)).toEqual({ total: 0, offset: 0, entries: [] });
    });
  });

  it('lists the actions, actors and record kinds present', () => {
    const facets: AuditFacets = withWorkspace(path, (w) => auditFacets(w));
    expect(facets.total).toBe(9);
    expect(facets.actions).toContainEqual({ action: 'person.note.add', count: 2 });
    expect(facets.actors).toEqual(['ana', 'bob']);
    expect(facets.entities).toEqual(['import', 'link_review', 'person', 'setting']);
    expect(facets.oldestAt).toBe('2026-03-01T09:00:00.000Z');
  });

  it('exports CSV oldest first with the marking, the verification and a head that checks out', () => {
    const now = new Date('2026-03-05T12:00:00.000Z');
    const csv = withWorkspace(path, (w) => buildAuditCsv(w, {}, 'ig-officer', now));
    expect(csv.fileName).toBe('RESTRICTED IOM audit trail 2026-03-05.csv');
    expect(csv.entries).toBe(9);
    expect(csv.csv.startsWith('\uFEFFRESTRICTED\r\n')).toBe(true);
    const rows = XLSX.utils.sheet_to_json<string[]>(XLSX.read(csv.csv.replace(/^\uFEFF/, ''), { type: 'string', raw: true }).Sheets.Sheet1!, { header: 1, raw: true, defval: '' });
    const cells = (row: string[] | undefined) => (row ?? []).filter((c) => c !== '');
    expect(cells(rows[0])).toEqual(['RESTRICTED']);
    expect(rows[1]![1]).toBe('Workspace: Filters');
    expect(rows[1]![2]).toBe('Exported 2026-03-05T12:00:00.000Z by ig-officer');
    expect(cells(rows[2])).toEqual(['id', 'at', 'actor', 'action', 'description', 'entity', 'entityId', 'detail', 'prevHash', 'hash']);
    const body = rows.slice(3, 12);
    expect(body.map((r) => Number(r[0]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Anyone can re-check every hash from the file alone, with the rule written in it.
    let prev = GENESIS_HASH;
    for (const r of body) {
      const entry = { id: Number(r[0]), at: String(r[1]), actor: String(r[2]), action: String(r[3]), entity: r[5] === '' ? null : String(r[5]), entity_id: r[6] === '' ? null : String(r[6]), detail: String(r[7]), prev_hash: String(r[8]) };
      expect(entry.prev_hash).toBe(prev);
      expect(documentedHash(entry)).toBe(String(r[9]));
      prev = String(r[9]);
    }
    const verification = rows.find((r) => r[0] === 'Verification')!;
    expect(verification[1]).toBe('INTACT');
    expect(verification[3]).toBe(`head 9:${prev}`);
    expect(rows.find((r) => r[0] === 'Hash rule')![1]).toBe(AUDIT_HASH_RULE);
    expect(cells(rows[rows.length - 1])).toEqual(['RESTRICTED']);
    expect(parseAuditHead(String(verification[3]).replace('head ', ''))).toEqual({ id: 9, hash: prev });

    const filtered = withWorkspace(path, (w) => buildAuditCsv(w, { actor: 'bob' }, 'ig-officer', now));
    expect(filtered.entries).toBe(3);
    expect(filtered.csv).toContain('Filtered: by bob');
  });
});

describe('the audit calls and a journey’s trail', () => {
  let demo: DemoContext;
  beforeAll(async () => {
    demo = await openDemoContext('Audit journey');
  }, 120_000);
  afterAll(() => demo?.cleanup());

  it('records link decisions, notes, rules, exports, locks and unlocks without any personal data', async () => {
    const { ctx } = demo;
    const value = demo.value.bind(demo);
    const workspacePath = ctx.session.requireWorkspace().path;

    const pending = await value<{ total: number; reviews: Array<{ id: number; personId: number | null }> }>('links.pending', { limit: 10 });
    expect(pending.total, 'the demo lists leave an uncertain match to review').toBeGreaterThanOrEqual(1);
    await value('links.decide', { reviewId: pending.reviews[0]!.id, decision: 'link' });

    const db = () => ctx.session.requireWorkspace().db;
    const person = db().prepare('SELECT id, surname, forenames, pnc, dob FROM people WHERE surname IS NOT NULL AND dob IS NOT NULL AND pnc IS NOT NULL ORDER BY id LIMIT 1').get() as { id: number; surname: string; forenames: string; pnc: string; dob: string };
    const noteText = `Spoke to ${person.forenames} ${person.surname} (PNC ${person.pnc}, born ${formatDmy(person.dob as never)}) about the move.`;
    await value('person.addNote', { personId: person.id, text: noteText });
    const offence = db().prepare('SELECT offence FROM arrest_details ORDER BY id LIMIT 1').pluck().get() as string;
    await value('classification.setOverride', { description: offence, crimeType: 'violence' });
    await value('classification.setOverride', { description: offence, crimeType: null });
    await value('settings.update', { key: 'protectiveMarking', value: 'OFFICIAL-SENSITIVE' });
    await value('shortlist.run', { ruleSet: DEFAULT_SELECTION_RULE_SET });
    const firstImport = db().prepare('SELECT MIN(id) FROM imports').pluck().get() as number;
    await value('import.rejectedRowsCsv', { importId: firstImport });

    // The Audit screen's export: the test host has no dialog, so the bytes come back; the export is audited.
    const delivery = await value<ExportDelivery>('audit.export', { filter: {} });
    expect(delivery).toMatchObject({ delivered: 'download', mime: 'text/csv;charset=utf-8' });
    if (delivery.delivered !== 'download') throw new Error('unreachable');
    expect(delivery.fileName).toMatch(/^OFFICIAL-SENSITIVE IOM audit trail \d{4}-\d{2}-\d{2}\.csv$/);
    const text = Buffer.from(delivery.base64, 'base64').toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFOFFICIAL-SENSITIVE');
    expect(text).toContain('Verification,INTACT');
    const newest = await value<AuditPage>('audit.list', { filter: {}, offset: 0, limit: 1 });
    expect(newest.entries[0]).toMatchObject({ action: 'export.audit', actor: 'tester' });
    expect(JSON.parse(newest.entries[0]!.detail)).toMatchObject({ format: 'csv', filtered: false, verified: true });

    await value('workspace.lock', {});
    await value('workspace.unlock', { file: ctx.session.files.grant(workspacePath, 'workspace-open').token, passphrase: TEST_PASSPHRASE });

    const entries = db().prepare('SELECT id, at, actor, action, entity, entity_id AS entityId, detail, prev_hash AS prevHash, hash FROM audit_log ORDER BY id').all() as AuditEntryView[];
    const actions = new Set(entries.map((e) => e.action));
    for (const action of ['import', 'link.link', 'person.note.add', 'classification.override', 'settings.update', 'ruleSet.save', 'shortlist.run', 'export.rejectedRows', 'export.audit', 'workspace.lock', 'workspace.unlock']) {
      expect(actions, action).toContain(action);
    }
    expect(entries.filter((e) => e.action === 'workspace.lock').at(-1)).toMatchObject({ actor: 'tester', detail: '{"reason":"user"}' });
    const override = entries.find((e) => e.action === 'classification.override')!;
    expect(JSON.parse(override.detail)).toMatchObject({ crimeType: 'violence', reset: false, descriptionSha256: expect.stringMatching(/^[0-9a-f]{16}$/) });

    // Every name, PNC, date of birth and address in the workspace, as stored and as each list wrote it.
    const needles = new Map<string, RegExp>();
    const word = (value: string) => new RegExp(`(^|[^\\p{L}])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'iu');
    const literal = (value: string) => new RegExp(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
    const addName = (value: string | null) => {
      if (!value) return;
      for (const part of value.split(/[\s\-’',.]+/)) if (part.length >= 3) needles.set(`name ${part}`, word(part));
    };
    const addDob = (iso: string | null) => {
      if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return;
      needles.set(`dob ${iso}`, literal(iso));
      needles.set(`dob ${formatDmy(iso as never)}`, literal(formatDmy(iso as never)));
    };
    for (const p of db().prepare('SELECT surname, forenames, pnc, dob, address FROM people').all() as Array<{ surname: string | null; forenames: string | null; pnc: string | null; dob: string | null; address: string | null }>) {
      addName(p.surname);
      addName(p.forenames);
      if (p.pnc) needles.set(`pnc ${p.pnc}`, literal(p.pnc));
      addDob(p.dob);
      if (p.address) needles.set(`address ${p.address}`, literal(p.address));
    }
    for (const s of db().prepare("SELECT field, value FROM person_field_sources WHERE field IN ('surname', 'forenames', 'pnc', 'dob', 'address')").all() as Array<{ field: string; value: string | null }>) {
      if (!s.value) continue;
      if (s.field === 'surname' || s.field === 'forenames') addName(s.value);
      else if (s.field === 'dob') addDob(s.value);
      else needles.set(`${s.field} ${s.value}`, literal(s.value));
    }
    for (const f of db().prepare('SELECT file_name FROM imports').pluck().all() as string[]) needles.set(`file ${f}`, literal(f));
    needles.set('note text', literal(noteText));
    needles.set('offence text', literal(offence));
    expect(needles.size).toBeGreaterThan(500);

    const scan = (rows: AuditEntryView[]): string[] => {
      const found: string[] = [];
      for (const e of rows) {
        const row = [e.actor, e.action, e.entity ?? '', e.entityId ?? '', e.detail].join(' | ');
        for (const [what, pattern] of needles) if (pattern.test(row)) found.push(`entry ${e.id} (${e.action}) holds ${what}`);
      }
      return found;
    };
    expect(scan(entries)).toEqual([]);
    // The scan itself finds what it looks for.
    const control = { ...entries[0]!, detail: JSON.stringify({ note: person.surname.toUpperCase(), dob: formatDmy(person.dob as never) }) };
    expect(scan([control]).length).toBeGreaterThanOrEqual(2);

    const verified = await value<AuditVerificationResult>('audit.verify', {});
    expect(verified).toMatchObject({ ok: true, entries: entries.length, head: { id: entries.at(-1)!.id } });
  });

  it('validates the calls’ inputs strictly', async () => {
    const { ctx } = demo;
    const { dispatchCall } = await import('../../electron/callDispatcher');
    expect(await dispatchCall(ctx, 'audit.list', { filter: {}, offset: 0, limit: 501 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatchCall(ctx, 'audit.list', { filter: { action: "x' OR 1=1" }, offset: 0, limit: 5 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatchCall(ctx, 'audit.list', { filter: { from: '2026-13-01' }, offset: 0, limit: 5 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatchCall(ctx, 'audit.list', { filter: {}, offset: 0, limit: 5, extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatchCall(ctx, 'audit.verify', { fix: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('iom-cohort audit', () => {
  const env = { IOM_PASSPHRASE: TEST_PASSPHRASE };

  beforeAll(() => ensureNodeBuild(170_000), 180_000);

  it('verifies an intact trail (exit 0) and names the first broken entry (exit 1)', () => {
    const path = trailFile(5);
    const ok = runCli(['audit', path, '--verify'], env);
    expect(ok.status, ok.stderr).toBe(0);
    const head = withWorkspace(path, (w) => verifyAudit(w).head!);
    // Opening the workspace is an unlock, audited before the check: the five entries and that one.
    expect(ok.stdout.trim()).toBe(`Audit trail intact: 6 entries; head 6:${head.hash}.`);
    expect(withWorkspace(path, (w) => listAuditEntries(w, {}, 0, 1).entries[0]!.action)).toBe('workspace.unlock');
    // Verifying writes nothing else.
    expect(withWorkspace(path, (w) => verifyAudit(w).head)).toEqual(head);

    const json = runCli(['audit', path, '--verify', '--json'], env);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, entries: 7, brokenAtId: null });

    tamper(path, (db) => db.prepare('UPDATE audit_log SET entity_id = ? WHERE id = 3').run('99'));
    const broken = runCli(['audit', path, '--verify'], env);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr.trim().split('\n')).toEqual(['iom-cohort: audit trail broken at entry 3: entry 3 was changed after it was written (entries 1 to 2 are intact).']);
    const brokenJson = runCli(['audit', path, '--verify', '--json'], env);
    expect(brokenJson.status).toBe(1);
    expect(JSON.parse(brokenJson.stdout)).toMatchObject({ ok: false, brokenAtId: 3, problem: 'entry 3 was changed after it was written' });
  });

  it('exports the trail atomically, refuses to overwrite without --force, and audits the export', () => {
    const path = trailFile(4);
    const out = temp.path(`audit-${fileCounter}.csv`);
    const first = runCli(['audit', path, '--export', out], env);
    expect(first.status, first.stderr).toBe(0);
    // The four entries and the export's own unlock.
    expect(first.stdout).toContain(`Wrote 5 audit entries to ${out}.`);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFOFFICIAL-SENSITIVE\r\n')).toBe(true);
    const footerHead = /Verification,INTACT,[^,]*,head (\d+:[0-9a-f]{64})/.exec(text)?.[1];
    expect(footerHead).toMatch(/^5:/);

    const again = runCli(['audit', path, '--export', out], env);
    expect(again.status).not.toBe(0);
    expect(again.stderr.trim()).toBe(`iom-cohort: ${out.split('/').pop()} already exists; add --force to replace it.`);
    expect(readFileSync(out, 'utf8')).toBe(text);
    expect(runCli(['audit', path, '--export', out, '--force'], env).status).toBe(0);

    const trail = withWorkspace(path, (w) => listAuditEntries(w, {}, 0, 10));
    expect(trail.entries.filter((e) => e.action !== 'workspace.unlock').slice(0, 2).map((e) => e.action)).toEqual(['export.audit', 'export.audit']);
    // 4 + unlock + export, the forced run's unlock; the refused run stopped before unlocking.
    expect(JSON.parse(trail.entries[0]!.detail)).toMatchObject({ via: 'cli', entries: 7, verified: true, headId: 7 });
    expect(trail.entries[0]!.detail).not.toContain(out);

    // The head from the first export still checks out; after a rewrite it does not.
    const check = runCli(['audit', path, '--verify', '--expect-head', footerHead!], env);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain('Entries 1 to 5 are exactly as at the earlier export.');
    tamper(path, (db) => {
      db.prepare('UPDATE audit_log SET actor = ? WHERE id = 2').run('forger');
      rechain(db, 2);
    });
    const forged = runCli(['audit', path, '--verify', '--expect-head', footerHead!], env);
    expect(forged.status).toBe(1);
    expect(forged.stderr.trim()).toBe('iom-cohort: audit trail does not match the earlier export: entry 5 has a different hash from the earlier export: the trail up to it was rewritten.');
  });

  it('says what is missing in one line with a usage exit code', () => {
    const path = trailFile(1);
    const none = runCli(['audit', path], env);
    expect(none.status).toBe(64);
    expect(none.stderr.trim()).toBe('iom-cohort: Say what to do: --verify, or --export out.csv.');
    expect(runCli(['audit', path, '--verify', '--expect-head', 'nonsense'], env).status).toBe(64);
    const wrong = runCli(['audit', path, '--verify'], { IOM_PASSPHRASE: `${TEST_PASSPHRASE}x` });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
  });
});
