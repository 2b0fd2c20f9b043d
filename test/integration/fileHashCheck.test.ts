/**
 * The check for a file imported before, made as soon as the file's hash is known: a CSV arrests
 * extract's hash is worked out by its reader from the bytes it reads (in the reading worker, or
 * in the importing thread without one), a workbook's beside the import, so the check lands some
 * batches in, with the import's record holding a placeholder until then. A file imported before
 * must still be recognised and leave nothing behind, and the record of an import must end with the
 * file's true SHA-256 (a byte-order mark included) whichever way the hash came.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../electron/import/importEngine';
import { closeWorkspace, createWorkspaceFile, type OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { makeSyntheticPnc } from '../../shared/workspace/syntheticCohort';
import { writeLargeArrestsCsv } from '../fixtures/writeFixtures';
import { IMPORT_WORKER_PATH, ensureNodeBuild } from '../support/nodeBuild';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

const ACTOR = 'hash-check-test';
const TABLES = ['imports', 'people', 'arrests', 'person_field_sources', 'rejected_rows', 'link_reviews', 'audit_log'] as const;
let temp: TempDir;
let workspace: OpenWorkspace;

beforeAll(() => {
  temp = makeTempDir('iom-hash-check-');
  workspace = createWorkspaceFile(temp.path('w.iomdb'), 'Hash check', TEST_PASSPHRASE, TEST_PASSPHRASE);
});

afterAll(() => {
  if (workspace) closeWorkspace(workspace);
  temp?.remove();
});

const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const counts = () => Object.fromEntries(TABLES.map((t) => [t, workspace.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number]));
const recordedHash = (importId: number) => workspace.db.prepare('SELECT sha256 FROM imports WHERE id = ?').pluck().get(importId) as string;

describe('the check for a file imported before', () => {
  it('recognises a large extract hashed beside its import, keeps nothing of the second try, and records the true hash', async () => {
    const path = temp.path('large_arrests.csv');
    await writeLargeArrestsCsv(path, 150_000, 11, 'withoutPnc');
    // Many reading chunks, so the hash is made of many pieces.
    expect(statSync(path).size).toBeGreaterThan(8 << 20);
    const first = await importFile(workspace, { path, kind: 'arrests' }, { actor: ACTOR });
    expect(first.status).toBe('imported');
    expect(first.sha256).toBe(sha256Of(path));
    expect(recordedHash(first.importId)).toBe(sha256Of(path));
    const before = counts();
    const again = await importFile(workspace, { path, kind: 'arrests' }, { actor: ACTOR });
    expect(again).toMatchObject({ status: 'duplicate', importId: first.importId, sha256: first.sha256 });
    expect(again.messages.join(' ')).toMatch(/already imported .* nothing was changed/);
    expect(counts()).toEqual(before);
    // No record is left with a placeholder.
    expect(workspace.db.prepare("SELECT COUNT(*) FROM imports WHERE sha256 NOT GLOB '[0-9a-f]*'").pluck().get()).toBe(0);
  });

  it('hashes an extract in the reading worker, ahead of the importer, and recognises it again there', async () => {
    ensureNodeBuild();
    // The built reader-only bundle beside the import worker, as the app and the CLI start it.
    const lineWorkerScript = join(IMPORT_WORKER_PATH, '..', 'csvLineWorker.js');
    const path = temp.path('worker_arrests.csv');
    await writeLargeArrestsCsv(path, 60_000, 12, 'windows1252');
    const first = await importFile(workspace, { path, kind: 'arrests' }, { actor: ACTOR, lineWorkerScript });
    expect(first).toMatchObject({ status: 'imported', sha256: sha256Of(path) });
    expect(recordedHash(first.importId)).toBe(sha256Of(path));
    const before = counts();
    expect(await importFile(workspace, { path, kind: 'arrests' }, { actor: ACTOR, lineWorkerScript })).toMatchObject({ status: 'duplicate', importId: first.importId });
    expect(counts()).toEqual(before);
  });

  it('counts a byte-order mark in the hash, though the reader passes over it', async () => {
    const rows = `PNC,Surname,Forename,DOB,Arrest date,Offence,Borough\r\n${makeSyntheticPnc(2003, 313_131).long},Quennell,Bea,02/03/1981,05/05/2013,Shoplifting,Barnet\r\n`;
    const path = temp.path('bom_arrests.csv');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows)]));
    const first = await importFile(workspace, { path, kind: 'arrests' }, { actor: ACTOR });
    expect(first.status).toBe('imported');
    expect(recordedHash(first.importId)).toBe(sha256Of(path));
    // The mark is not read as part of the first column's heading.
    expect(first.rowsImported).toBe(1);
    // The same rows without the mark are another file.
    const bare = temp.path('bare_arrests.csv');
    writeFileSync(bare, rows);
    const second = await importFile(workspace, { path: bare, kind: 'arrests' }, { actor: ACTOR });
    expect(second.status).toBe('imported');
    expect(recordedHash(second.importId)).toBe(sha256Of(bare));
  });

  it('records a small file\'s hash, known before its first row, and recognises it again', async () => {
    const path = temp.path('small_arrests.csv');
    writeFileSync(path, `PNC,Surname,Forename,DOB,Arrest date,Offence,Borough\r\n${makeSyntheticPnc(2004, 424_242).long},Quennell,Abe,02/03/1980,05/05/2013,Shoplifting,Barnet\r\n`);
    const first = await importFile(workspace, { path, kind: 'arrests' }, { actor: ACTOR });
    expect(recordedHash(first.importId)).toBe(sha256Of(path));
    const before = counts();
    expect(await importFile(workspace, { path, kind: 'arrests' }, { actor: ACTOR })).toMatchObject({ status: 'duplicate', importId: first.importId });
    expect(counts()).toEqual(before);
  });
});
