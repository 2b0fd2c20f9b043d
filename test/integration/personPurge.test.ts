import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { importFile } from '../../electron/import/importEngine';
import { makeSyntheticPnc } from '../../shared/workspace/syntheticCohort';
import { mkdirSync } from 'node:fs';
import { purgePerson } from '../../electron/maintenance/personPurge';
import { compactWorkspace, removePeople } from '../../electron/maintenance/personRemoval';
import { personColumnsInSchema as personColumns } from '../../electron/data/personTables';
import { loadAnalysisModel } from '../../electron/analysis/analysisModelLoader';
import { verifyAuditChain } from '../../electron/workspace/auditLog';
import { WorkspaceError } from '../../electron/workspace/workspaceErrors';
import { makeTempWorkspace } from '../support/tempWorkspace';
import { TEST_PASSPHRASE } from '../support/tempWorkspace';
import { buildPurgeFixture } from '../support/purgeFixture';
import { decryptWorkspacePages, textsFoundIn } from '../support/sqlcipherPages';

describe('purging a person (data subject request)', () => {
  let cleanup: (() => void) | null = null;
  afterEach(() => {
    cleanup?.();
    cleanup = null;
  });

  async function fixture() {
    const temp = makeTempWorkspace('Purge test');
    cleanup = temp.cleanup;
    const dir = temp.temp.path('sources');
    mkdirSync(dir);
    return { ...temp, fixture: await buildPurgeFixture(temp.workspace, dir) };
  }

  it('removes the person and everything derived from them, and nothing of anyone else', async () => {
    const { workspace, fixture: f } = await fixture();
    const { db } = workspace;
    const count = (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;
    const peopleBefore = count('SELECT COUNT(*) FROM people');
    const fillerArrests = count('SELECT COUNT(*) FROM arrests WHERE person_id = ?', f.fillerId);
    // The fixture really put the person everywhere the purge must reach.
    expect(count('SELECT COUNT(*) FROM arrests WHERE person_id = ?', f.targetId)).toBe(5);
    expect(count("SELECT COUNT(*) FROM person_flags WHERE person_id = ? AND flag = 'dtoa'", f.targetId)).toBe(1);
    expect(count('SELECT COUNT(*) FROM rejected_rows WHERE raw LIKE ?', `%${f.target.surname}%`)).toBeGreaterThanOrEqual(2);
    expect(count("SELECT COUNT(*) FROM rejected_rows WHERE raw LIKE '%Notley-Real%'")).toBe(1);
    expect(count('SELECT COUNT(*) FROM arrest_terms WHERE text = ?', f.target.offenceText)).toBe(1);
    expect(loadAnalysisModel(workspace).people.some((p) => p.id === f.targetId)).toBe(true);

    const result = purgePerson(workspace, f.targetId, 'tester', 'data_subject_request');

    // Their arrests' wordings go with them (Robbery and Burglary were theirs alone); the rest stay.
    expect(result.removed).toMatchObject({ people: 1, arrests: 5, arrest_terms: 3, person_notes: 1, shortlist_members: 1, panel_decisions: 1, link_reviews: 1 });
    expect(db.prepare('SELECT text FROM arrest_terms ORDER BY text').pluck().all()).toEqual(['Barnet', 'Theft from shop']);
    expect(result.removed.person_flags).toBeGreaterThanOrEqual(1);
    expect(result.removed.rejected_rows).toBeGreaterThanOrEqual(2);
    for (const { table, column } of personColumns(db)) {
      expect(count(`SELECT COUNT(*) FROM "${table}" WHERE "${column}" = ?`, f.targetId), `${table}.${column}`).toBe(0);
    }
    expect(count('SELECT COUNT(*) FROM rejected_rows WHERE raw LIKE ?', `%${f.target.surname}%`)).toBe(0);
    expect(count('SELECT COUNT(*) FROM rejected_rows WHERE raw LIKE ?', `%${f.target.pnc.long}%`)).toBe(0);
    expect(count('SELECT COUNT(*) FROM link_reviews WHERE record LIKE ?', `%${f.target.surname}%`)).toBe(0);
    // Everyone else stays exactly as they were, including someone else's set-aside row.
    expect(count('SELECT COUNT(*) FROM people')).toBe(peopleBefore - 1);
    expect(count('SELECT COUNT(*) FROM arrests WHERE person_id = ?', f.fillerId)).toBe(fillerArrests);
    expect(count("SELECT COUNT(*) FROM panel_decisions WHERE person_id = ? AND decision = 'accept'", f.fillerId)).toBe(1);
    expect(count("SELECT COUNT(*) FROM rejected_rows WHERE raw LIKE '%Notley-Real%'")).toBe(1);
    // The analysis sees the change at once (the cache is keyed on counters a purge may not move).
    expect(loadAnalysisModel(workspace).people.some((p) => p.id === f.targetId)).toBe(false);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('records the purge in the audit trail by internal id, with no name, PNC or note', async () => {
    const { workspace, fixture: f } = await fixture();
    purgePerson(workspace, f.targetId, 'tester', 'data_subject_request');
    const entry = workspace.db.prepare("SELECT entity, entity_id AS entityId, detail FROM audit_log WHERE action = 'person.purge'").get() as { entity: string; entityId: string; detail: string };
    expect(entry).toMatchObject({ entity: 'person', entityId: String(f.targetId) });
    expect(JSON.parse(entry.detail)).toMatchObject({ reason: 'data_subject_request', removed: { people: 1, arrests: 5 } });
    const wholeTrail = JSON.stringify(workspace.db.prepare('SELECT * FROM audit_log').all());
    expect(textsFoundIn(Buffer.from(wholeTrail), [...f.target.secrets, f.target.forenames])).toEqual([]);
    expect(verifyAuditChain(workspace.db).ok).toBe(true);
  });

  it('leaves no trace of the name, PNC or notes in the bytes of the file or its log once compacted', async () => {
    const { workspace, path, fixture: f } = await fixture();
    // The scan can see them before: decrypting the pages as they lie on disk finds the person.
    workspace.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = decryptWorkspacePages(path, TEST_PASSPHRASE);
    expect(textsFoundIn(before.file, f.target.secrets).sort()).toEqual([...f.target.secrets].sort());

    const result = purgePerson(workspace, f.targetId, 'tester', 'data_subject_request');
    expect(result.compaction).toMatchObject({ compacted: true, walCleared: true });

    const after = decryptWorkspacePages(path, TEST_PASSPHRASE);
    expect(textsFoundIn(after.file, f.target.secrets)).toEqual([]);
    expect(textsFoundIn(after.wal, f.target.secrets)).toEqual([]);
    // The decryption still works on the new file: the filler's name is found.
    expect(after.file.includes(Buffer.from('Fillerton'))).toBe(true);
    // And the raw bytes, of course, never held them in the clear.
    for (const file of [path, `${path}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(textsFoundIn(bytes, f.target.secrets)).toEqual([]);
    }
  });

  it('needs the compaction: after the delete alone, older page versions in the log still hold the person', async () => {
    const { workspace, path, fixture: f } = await fixture();
    workspace.db.transaction(() => removePeople(workspace.db, [f.targetId]))();
    expect(workspace.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(textsFoundIn(decryptWorkspacePages(path, TEST_PASSPHRASE).wal, f.target.secrets).length).toBeGreaterThan(0);
    compactWorkspace(workspace);
    const after = decryptWorkspacePages(path, TEST_PASSPHRASE);
    expect(textsFoundIn(Buffer.concat([after.file, after.wal]), f.target.secrets)).toEqual([]);
  });

  it('never gives a purged person\'s id to someone imported later', async () => {
    const { workspace, temp } = await fixture();
    const { db } = workspace;
    const newest = db.prepare('SELECT MAX(id) FROM people').pluck().get() as number;
    purgePerson(workspace, newest, 'tester', 'data_subject_request');
    const later = temp.path('later.csv');
    writeFileSync(later, ['Surname,Forename,DOB,PNC', `Latecomer,Robin,02/02/1992,${makeSyntheticPnc(2011, 123_456).long}`].join('\r\n'));
    await importFile(workspace, { path: later, kind: 'candidates' }, { actor: 'tester' });
    expect(db.prepare("SELECT id FROM people WHERE surname = 'Latecomer'").pluck().get()).toBe(newest + 1);
    // The purge's audit entry still means only the purged person.
    expect(db.prepare("SELECT COUNT(*) FROM audit_log WHERE entity = 'person' AND entity_id = ?").pluck().get(String(newest))).toBe(1);
  });

  it('refuses a person who is not there, changing nothing', async () => {
    const { workspace } = await fixture();
    const auditBefore = workspace.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get();
    expect(() => purgePerson(workspace, 999_999, 'tester', 'data_subject_request')).toThrow(WorkspaceError);
    expect(workspace.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(auditBefore);
  });
});
