/**
 * The CSV reading worker started ahead of an import, while its workspace is opened (the import
 * worker, the CLI): the import's coded CSV read takes it and gives what a worker started for the
 * read gives; an import that reads no CSV lines (a list, a refused file) stops it unused.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadingWorkerStart } from '../../electron/import/codedCsvRows';
import { importFile } from '../../electron/import/importEngine';
import { closeWorkspace, type OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { makeSyntheticPnc } from '../../shared/workspace/syntheticCohort';
import { writeLargeArrestsCsv } from '../fixtures/writeFixtures';
import { ensureNodeBuild, IMPORT_WORKER_PATH } from '../support/nodeBuild';
import { addNumberedWorkspace, makeTempDir, type TempDir } from '../support/tempWorkspace';

const NOW = () => '2026-12-07T09:00:00.000Z';
let temp: TempDir;
const opened: OpenWorkspace[] = [];
/** The import worker's own script: the reader-only bundle beside it is what a start runs. */
let script: string;

beforeAll(() => {
  ensureNodeBuild();
  script = IMPORT_WORKER_PATH;
  temp = makeTempDir('iom-reading-start-');
});

afterAll(() => {
  for (const workspace of opened) closeWorkspace(workspace);
  temp?.remove();
});

describe('a reading worker started ahead of the import', () => {
  it('is taken by the CSV extract\'s read, which then gives what a worker started for it gives', async () => {
    const path = temp.path('arrests.csv');
    await writeLargeArrestsCsv(path, 30_000, 31, 'withoutPnc');
    const started = new ReadingWorkerStart(script);
    const ahead = await importFile(addNumberedWorkspace(temp, opened, 'Ahead'), { path, kind: 'arrests' }, { actor: 't', now: NOW, readingWorker: started, privateConnection: true });
    // Taken once: nothing is left to take or stop.
    expect(started.take()).toBeNull();
    const onDemand = await importFile(addNumberedWorkspace(temp, opened, 'On demand'), { path, kind: 'arrests' }, { actor: 't', now: NOW, lineWorkerScript: join(script, '..', 'csvLineWorker.js'), privateConnection: true });
    expect(ahead.rowsRead).toBe(30_000);
    expect({ ...ahead, importId: 0 }).toEqual({ ...onDemand, importId: 0 });
  });

  it('is stopped unused by an import that reads no coded lines, and by one refused before its first row', async () => {
    const list = temp.path('dtoa.csv');
    writeFileSync(list, `PNC,Surname,Forename,DOB\r\n${makeSyntheticPnc(2001, 515_151).long},Quennell,Cal,03/04/1982\r\n`);
    const forList = new ReadingWorkerStart(script);
    const listed = await importFile(addNumberedWorkspace(temp, opened, 'List'), { path: list, kind: 'list:dtoa' }, { actor: 't', readingWorker: forList });
    expect(listed.status).toBe('imported');
    expect(forList.take()).toBeNull();

    const forMissing = new ReadingWorkerStart(script);
    await expect(importFile(addNumberedWorkspace(temp, opened, 'Missing'), { path: temp.path('no_such_file.csv'), kind: 'arrests' }, { actor: 't', readingWorker: forMissing })).rejects.toThrow();
    expect(forMissing.take()).toBeNull();
  });
});
