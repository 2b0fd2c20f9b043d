import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classificationOverrides,
  classificationRules,
  invalidateAnalysisModel,
  isAnalysisModelReady,
  loadAnalysisModel,
  prepareAnalysisModel,
  type AnalysisModel,
} from '../../electron/analysis/analysisModelLoader';
import { setClassificationOverride } from '../../electron/analysis/analysisService';
import { writeSetting } from '../../electron/settings/workspaceSettings';
import { purgePerson } from '../../electron/maintenance/personPurge';
import { closeWorkspace, openWorkspaceFile, type OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { arrestRowWriter } from '../support/arrestRows';
import { DEFAULT_CLASSIFICATION_RULES } from '../../shared/analysis/classification';
import { classifyOffence } from '../support/classifyOffence';
import { isFlagName, type FlagName } from '../../shared/domain/flags';
import { CRIME_TYPE_IDS } from '../../shared/domain/crimeTypes';
import { dayNumber, FLAG_BIT, flagsOfMask, isoFromDayNumber, tryDayNumber, type AnalysisPerson } from '../../shared/domain/analysisModel';
import { SNAPSHOT_FORMAT } from '../../electron/analysis/modelSnapshot';
import { mulberry32 } from '../../shared/domain/seededRandom';
import { ALL_OFFENCE_WORDINGS } from '../../shared/workspace/syntheticCohort';
import { makeTempWorkspace, TEST_PASSPHRASE } from '../support/tempWorkspace';

/**
 * The analysis model is built by a fast path (arrests grouped by SQLite into one string per page,
 * each distinct date and offence read once, columns instead of objects) and, on later unlocks, from
 * a copy of its arrest index stored in the workspace. Both must give exactly the model a plain,
 * row-by-row build gives, on a workspace with everything awkward in it, and the stored copy must
 * never be used once anything it was built from has changed.
 */

const PEOPLE = 3000;
const AWKWARD_OFFENCES = [
  'Breach of the peace',
  'Burglary',
  'BURGLARY!!',
  'Théft from the person',
  'Assault\u001fwith a unit separator',
  'Robbery\u001e',
  '',
  'x'.repeat(300),
];
/** Stored dates (YYYYMMDD) that are no calendar date: within the table's check, skipped by the index. */
const INVALID_DATES = [20130230, 20131301, 20130100, 20120230, 20130431];
/** Barnet is the home borough in any spelling (`barnet ` is a group of its own), until people move. */
const BOROUGHS = ['Barnet', 'barnet', 'BARNET', 'barnet ', 'Enfield', 'Enfield', '', null];

/** Everything awkward a real workspace can hold; deterministic. */
function fillVariedWorkspace(workspace: OpenWorkspace): void {
  const { db } = workspace;
  const random = mulberry32(8);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const now = '2013-11-01T00:00:00.000Z';
  const addImport = db.prepare("INSERT INTO imports (kind, file_name, sha256, mapping, imported_by, imported_at, rows_read, rows_imported, rows_linked, rows_rejected) VALUES (?, ?, ?, '[]', 'tester', ?, 0, 0, 0, 0)");
  db.transaction(() => {
    const listId = Number(addImport.run('candidates', 'list.csv', 'list', now).lastInsertRowid);
    const flagImports = ['list:dtoa', 'list:gangHigh', 'list:dtoa', 'list:other'].map((kind, i) => Number(addImport.run(kind, `${kind}.csv`, `flags-${i}`, now).lastInsertRowid));
    const person = db.prepare(
      'INSERT INTO people (id, pnc, surname, forenames, dob, gender, ethnicity, borough, custody, ogrs_score, on_long_list, statutory, cohort_start_date, created_import_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const arrestRows = arrestRowWriter(db);
    const arrest = { run: (personId: number, date: string | number, offence: string, importRef: number, row: number) => arrestRows.add({ personId, date, offence, importId: importRef, rowNumber: row }) };
    const flag = db.prepare('INSERT INTO person_flags (person_id, flag, import_id, row_number, active) VALUES (?, ?, ?, ?, ?)');
    const firstDay = dayNumber('2009-01-01');
    const ids: number[] = [];
    // Gaps in the ids, as merges and purges leave them.
    for (let id = 1; ids.length < PEOPLE; id++) if (id % 7 !== 0) ids.push(id);
    for (const id of ids) {
      person.run(
        id,
        random() < 0.8 ? `${(id * 7919) % 100_000}/${10 + (id % 90)}X` : null,
        random() < 0.95 ? `Surname${id % 400}` : null,
        random() < 0.9 ? `Forename${id % 50}` : null,
        random() < 0.9 ? isoFromDayNumber(dayNumber('1960-01-01') + Math.floor(random() * 15000)) : pick(['1985-02-30', null]),
        pick(['M', 'F', 'X', 'male', null]),
        pick(['White British', 'Black Caribbean', null]),
        pick(BOROUGHS),
        pick(['in_custody', 'not_in_custody', 'unknown']),
        random() < 0.3 ? (random() * 100) / 3 : null,
        random() < 0.85 ? 1 : 0,
        pick([0, 1, null]),
        random() < 0.05 ? '2012-06-01' : null,
        listId,
        now,
      );
      // Mostly a few arrests; a few people with many (more than the index's insertion-sort limit).
      const count = random() < 0.01 ? 40 + Math.floor(random() * 60) : Math.floor(random() * 18);
      for (let i = 0; i < count; i++) {
        const date = random() < 0.03 ? pick(INVALID_DATES) : isoFromDayNumber(firstDay + Math.floor(random() * 1826));
        const offence = random() < 0.1 ? pick(AWKWARD_OFFENCES) : pick(ALL_OFFENCE_WORDINGS);
        arrest.run(id, date, offence, listId, i + 2);
        // The same day again with another offence, as custody records often have.
        if (random() < 0.1) arrest.run(id, date, pick(ALL_OFFENCE_WORDINGS), listId, i + 2);
      }
      for (const importId of flagImports) {
        if (random() < 0.05) flag.run(id, pick(['dtoa', 'gangHigh', 'dv', 'notAFlag']), importId, id, random() < 0.8 ? 1 : 0);
      }
    }
    arrestRows.finish();
  })();
  // Arrests of people the workspace does not hold: an older workspace's leftovers. The foreign key
  // would refuse them, so it is off for this insert only.
  db.pragma('foreign_keys = OFF');
  const leftovers = arrestRowWriter(db);
  leftovers.add({ personId: 999999, date: '2012-05-05', offence: 'Robbery', importId: 1, rowNumber: 1 });
  leftovers.add({ personId: -4, date: '2012-05-06', offence: 'Robbery', importId: 1, rowNumber: 2 });
  leftovers.finish();
  db.pragma('foreign_keys = ON');
  setClassificationOverride(workspace, 'Burglary', 'residential_burglary', 'tester');
  // An override naming a crime type this version does not know (written by hand or a later version).
  db.prepare("INSERT INTO classification_overrides (normalised_description, description, crime_type, set_by, set_at) VALUES ('breach of the peace', 'Breach of the peace', 'not_a_type', 'tester', ?)").run(now);
}

/** The model built the plain way: every row read as an object, every offence classified afresh. */
function referenceModel(workspace: OpenWorkspace): Pick<AnalysisModel, 'people' | 'homeBorough'> & {
  longListIds: number[];
  offsets: number[];
  days: number[];
  crimeCodes: number[];
  skipped: AnalysisModel['index']['skipped'];
} {
  const { db } = workspace;
  const rules = classificationRules(workspace);
  const overrides = classificationOverrides(workspace);
  const setting = db.prepare("SELECT value FROM settings WHERE key = 'homeBorough'").pluck().get() as string | undefined;
  const homeBorough =
    (setting === undefined ? null : (JSON.parse(setting) as string | null)) ??
    ((db.prepare("SELECT borough FROM people WHERE on_long_list = 1 AND borough IS NOT NULL AND borough <> '' GROUP BY lower(borough) ORDER BY COUNT(*) DESC LIMIT 1").pluck().get() as string | undefined) ?? null);
  const home = homeBorough?.trim().toLowerCase() ?? null;
  const flags = new Map<number, FlagName[]>();
  const lists = new Map<number, string[]>();
  for (const row of db.prepare('SELECT DISTINCT f.person_id AS personId, f.flag, i.kind FROM person_flags f JOIN imports i ON i.id = f.import_id WHERE f.active = 1').all() as Array<{ personId: number; flag: string; kind: string }>) {
    if (!isFlagName(row.flag)) continue;
    const personFlags = flags.get(row.personId) ?? [];
    if (!personFlags.includes(row.flag)) personFlags.push(row.flag);
    flags.set(row.personId, personFlags);
    const personLists = lists.get(row.personId) ?? [];
    if (!personLists.includes(row.kind)) personLists.push(row.kind);
    lists.set(row.personId, personLists);
  }
  const rows = db.prepare('SELECT * FROM people WHERE id > 0 ORDER BY id').all() as Array<Record<string, string | number | null>>;
  const people: AnalysisPerson[] = rows.map((row) => {
    const borough = row.borough as string | null;
    const gender = row.gender as string | null;
    return {
      id: row.id as number,
      surname: row.surname as string | null,
      forenames: row.forenames as string | null,
      pnc: row.pnc as string | null,
      dob: row.dob as string | null,
      gender: gender === 'M' || gender === 'F' || gender === 'X' ? gender : null,
      ethnicity: row.ethnicity as string | null,
      borough,
      livesInBorough: home === null || !borough ? null : borough.trim().toLowerCase() === home,
      custody: row.custody as AnalysisPerson['custody'],
      ogrsScore: row.ogrs_score as number | null,
      flags: flags.get(row.id as number) ?? [],
      lists: lists.get(row.id as number) ?? [],
      statutory: row.statutory === null ? null : row.statutory === 1,
      cohortStartDate: row.cohort_start_date as string | null,
    };
  });
  const longListIds = rows.filter((row) => row.on_long_list === 1).map((row) => row.id as number);
  const rowOf = new Map(people.map((p, r) => [p.id, r]));
  const byRow: Array<Array<[number, number]>> = people.map(() => []);
  const skipped = { unknownPerson: 0, invalidDate: 0, invalidCrimeType: 0 };
  for (const arrest of db.prepare('SELECT person_id AS personId, arrest_date AS date, offence FROM arrest_details WHERE id > 0 ORDER BY id').all() as Array<{ personId: number; date: string; offence: string }>) {
    const row = rowOf.get(arrest.personId);
    const day = tryDayNumber(arrest.date);
    const code = (CRIME_TYPE_IDS as readonly string[]).indexOf(classifyOffence(arrest.offence, rules, overrides));
    if (row === undefined) skipped.unknownPerson++;
    else if (day === null) skipped.invalidDate++;
    else if (code < 0) skipped.invalidCrimeType++;
    else byRow[row]!.push([day, code]);
  }
  const offsets = [0];
  const days: number[] = [];
  const crimeCodes: number[] = [];
  for (const arrests of byRow) {
    arrests.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [day, code] of arrests) {
      days.push(day);
      crimeCodes.push(code);
    }
    offsets.push(days.length);
  }
  return { people, homeBorough, longListIds: longListIds.length ? longListIds : people.map((p) => p.id), offsets, days, crimeCodes, skipped };
}

function expectSameModel(model: AnalysisModel, workspace: OpenWorkspace): void {
  const reference = referenceModel(workspace);
  expect(model.homeBorough).toBe(reference.homeBorough);
  expect(model.people).toEqual(reference.people);
  expect(model.longList.map((p) => p.id)).toEqual(reference.longListIds);
  expect(model.index.people).toBe(model.people);
  expect(Array.from(model.index.offsets)).toEqual(reference.offsets);
  expect(Array.from(model.index.days)).toEqual(reference.days);
  expect(Array.from(model.index.crimeCodes)).toEqual(reference.crimeCodes);
  expect(model.index.arrestCount).toBe(reference.days.length);
  expect(model.index.skipped).toEqual(reference.skipped);
  for (const [row, person] of model.people.entries()) expect(model.index.rowOf(person.id)).toBe(row);
}

describe('the analysis model: fast build and stored index', () => {
  const temp = makeTempWorkspace('Snapshot');
  const { workspace } = temp;
  const snapshotRows = (): number => workspace.db.prepare('SELECT COUNT(*) FROM analysis_model_snapshot').pluck().get() as number;
  /** Marks the stored copy, so a later load shows whether it used it (the mark stays) or wrote a new one. */
  const markSnapshot = (): void => {
    workspace.db.prepare("UPDATE analysis_model_snapshot SET created_at = 'marked'").run();
  };
  const snapshotMarked = (): boolean => workspace.db.prepare("SELECT created_at FROM analysis_model_snapshot").pluck().get() === 'marked';
  /** A fresh unlock: another connection, so nothing is cached in memory. */
  function coldLoad(): AnalysisModel {
    const other = openWorkspaceFile(temp.path, TEST_PASSPHRASE);
    try {
      return loadAnalysisModel(other);
    } finally {
      closeWorkspace(other);
    }
  }

  beforeAll(() => {
    fillVariedWorkspace(workspace);
  });
  afterAll(() => temp.cleanup());

  it('the varied workspace has what it is meant to test', () => {
    const reference = referenceModel(workspace);
    expect(reference.homeBorough?.toLowerCase()).toBe('barnet');
    expect(reference.skipped.unknownPerson).toBe(2);
    expect(reference.skipped.invalidDate).toBeGreaterThan(50);
    expect(reference.skipped.invalidCrimeType).toBeGreaterThan(10);
    expect(reference.people.filter((p) => p.flags.length > 1).length).toBeGreaterThan(5);
    expect(reference.people.filter((p) => p.livesInBorough === true).length).toBeGreaterThan(100);
    expect(Math.max(...reference.offsets.slice(1).map((end, r) => end - reference.offsets[r]!))).toBeGreaterThan(40);
  });

  it('builds the same model as a plain row-by-row build, and stores its index', () => {
    invalidateAnalysisModel(workspace);
    expect(snapshotRows()).toBe(0);
    expectSameModel(loadAnalysisModel(workspace), workspace);
    expect(snapshotRows()).toBe(1);
  });

  it('builds the same model when paced as a job', async () => {
    invalidateAnalysisModel(workspace);
    const model = await prepareAnalysisModel(workspace, () => true);
    expectSameModel(model!, workspace);
  });

  it('a later unlock uses the stored index and gets the same model', () => {
    loadAnalysisModel(workspace);
    markSnapshot();
    expectSameModel(coldLoad(), workspace);
    expect(snapshotMarked()).toBe(true);
  });

  it('keeps the stored index only inside the workspace file', () => {
    expect(readdirSync(temp.temp.dir).every((name) => name.startsWith('test.iomdb'))).toBe(true);
  });

  const changes: Array<[string, () => void]> = [
    ['an arrest is removed', () => workspace.db.prepare('DELETE FROM arrests WHERE id = (SELECT MIN(id) FROM arrests WHERE person_id > 0)').run()],
    ['an arrest is corrected', () => workspace.db.prepare("UPDATE arrests SET arrest_ymd = 20140303 WHERE id = (SELECT MAX(id) FROM arrests WHERE person_id = 1)").run()],
    ['arrests are imported', () => {
      const { db } = workspace;
      const importId = Number(db.prepare("INSERT INTO imports (kind, file_name, sha256, mapping, imported_by, imported_at, rows_read, rows_imported, rows_linked, rows_rejected) VALUES ('arrests', 'more.csv', 'more', '[]', 'tester', '2013-11-02', 1, 1, 0, 0)").run().lastInsertRowid);
      // As the importer does: the next id from the counter, and the counter moved.
      const arrestRows = arrestRowWriter(db);
      arrestRows.add({ personId: 2, date: '2013-10-01', offence: 'Robbery', importId, rowNumber: 2 });
      arrestRows.finish();
    }],
    ['a person is added', () => workspace.db.prepare("INSERT INTO people (surname, on_long_list, borough, created_at) VALUES ('Newcomer', 1, 'Enfield', '2013-11-02')").run()],
    ['a person is removed (with their arrests)', () => workspace.db.prepare('DELETE FROM people WHERE id = (SELECT MAX(id) FROM people WHERE id IN (SELECT person_id FROM arrests))').run()],
    ['people move borough, changing the home borough', () => {
      workspace.db.prepare("UPDATE people SET borough = 'Enfield' WHERE id % 3 = 0").run();
      expect(referenceModel(workspace).homeBorough).toBe('Enfield');
    }],
    ['an offence is overridden', () => setClassificationOverride(workspace, 'Breach of the peace', 'violence', 'tester')],
    ['the classification rules change', () => writeSetting(workspace, 'classificationRules', DEFAULT_CLASSIFICATION_RULES.filter((rule) => rule.id !== 'drugs'))],
    ['the home borough is set', () => writeSetting(workspace, 'homeBorough', 'Barnet')],
  ];
  for (const [what, change] of changes) {
    it(`is rebuilt, the same as a plain build, when ${what}`, () => {
      loadAnalysisModel(workspace);
      expect(snapshotRows()).toBe(1);
      markSnapshot();
      change();
      expectSameModel(coldLoad(), workspace);
      expect(snapshotRows()).toBe(1);
      expect(snapshotMarked()).toBe(false);
    });
  }

  it('holds a ninth list, PPO, in a 16-bit flag mask', () => {
    const { db } = workspace;
    const importId = Number(db.prepare("INSERT INTO imports (kind, file_name, sha256, mapping, imported_by, imported_at, rows_read, rows_imported, rows_linked, rows_rejected) VALUES ('list:ppo', 'ppo.csv', 'ppo', '[]', 'tester', '2013-11-02', 0, 0, 0, 0)").run().lastInsertRowid);
    db.prepare("INSERT INTO person_flags (person_id, flag, import_id, row_number, active) SELECT id, 'ppo', ?, id, 1 FROM people WHERE id > 0 AND id % 97 = 0").run(importId);
    const model = coldLoad();
    expectSameModel(model, workspace);
    expect(model.index.flagMasks).toBeInstanceOf(Uint16Array);
    expect(FLAG_BIT.ppo).toBe(1 << 8);
    const onPpo = model.people.flatMap((p, row) => (p.flags.includes('ppo') ? [row] : []));
    expect(onPpo.length).toBeGreaterThan(10);
    for (const row of onPpo) expect(flagsOfMask(model.index.flagMasks[row]!)).toContain('ppo');
    expect(model.people.filter((p, row) => !p.flags.includes('ppo') && (model.index.flagMasks[row]! & FLAG_BIT.ppo) !== 0)).toEqual([]);
  });

  it('rebuilds an index stored by the format before PPO rather than reading it', () => {
    loadAnalysisModel(workspace);
    const { db } = workspace;
    const data = db.prepare('SELECT data FROM analysis_model_snapshot').pluck().get() as Buffer;
    expect(data.readUInt32LE(4)).toBe(SNAPSHOT_FORMAT);
    const older = Buffer.from(data);
    older.writeUInt32LE(1, 4);
    db.prepare('UPDATE analysis_model_snapshot SET data = ?').run(older);
    markSnapshot();
    expectSameModel(coldLoad(), workspace);
    expect(snapshotMarked()).toBe(false);
    expect((db.prepare('SELECT data FROM analysis_model_snapshot').pluck().get() as Buffer).readUInt32LE(4)).toBe(SNAPSHOT_FORMAT);
  });

  it('removes the stored index in the same transaction as a purge', () => {
    const { db } = workspace;
    const firstWithArrests = (): number => db.prepare('SELECT MIN(person_id) FROM arrests WHERE person_id > 0').pluck().get() as number;
    invalidateAnalysisModel(workspace);
    loadAnalysisModel(workspace);
    expect(snapshotRows()).toBe(1);
    db.transaction(() => {
      db.prepare('DELETE FROM people WHERE id = ?').run(firstWithArrests());
      expect(snapshotRows()).toBe(0);
    })();
    invalidateAnalysisModel(workspace);
    loadAnalysisModel(workspace);
    expect(snapshotRows()).toBe(1);
    purgePerson(workspace, firstWithArrests(), 'tester', 'recorded_in_error');
    expect(snapshotRows()).toBe(0);
    expectSameModel(coldLoad(), workspace);
  });

  it('rebuilds when the stored index is damaged', () => {
    loadAnalysisModel(workspace);
    workspace.db.prepare('UPDATE analysis_model_snapshot SET data = substr(data, 1, 100)').run();
    markSnapshot();
    expectSameModel(coldLoad(), workspace);
    expect(snapshotMarked()).toBe(false);
    workspace.db.prepare("UPDATE analysis_model_snapshot SET meta = '{}'").run();
    markSnapshot();
    expectSameModel(coldLoad(), workspace);
    expect(snapshotMarked()).toBe(false);
  });

  it('stores nothing when the workspace changed while a paced build read it', async () => {
    invalidateAnalysisModel(workspace);
    let changed = false;
    const model = await prepareAnalysisModel(workspace, () => {
      if (!changed) {
        const corrected = Number(workspace.db.prepare("INSERT INTO arrest_terms (text) VALUES ('Robbery (corrected)')").run().lastInsertRowid);
        workspace.db.prepare('UPDATE arrests SET offence_id = ? WHERE id = (SELECT MAX(id) FROM arrests)').run(corrected);
      }
      changed = true;
      return true;
    });
    expect(changed).toBe(true);
    expect(model).not.toBeNull();
    expect(snapshotRows()).toBe(0);
    expectSameModel(coldLoad(), workspace);
  });

  it('keeps nothing, in memory or stored, when invalidated while a paced build ran', async () => {
    invalidateAnalysisModel(workspace);
    let invalidated = false;
    await prepareAnalysisModel(workspace, () => {
      if (!invalidated) invalidateAnalysisModel(workspace);
      invalidated = true;
      return true;
    });
    expect(invalidated).toBe(true);
    expect(isAnalysisModelReady(workspace)).toBe(false);
    expect(snapshotRows()).toBe(0);
  });

  it('does not wait for another connection that is writing; it just stores nothing', () => {
    invalidateAnalysisModel(workspace);
    const writer = openWorkspaceFile(temp.path, TEST_PASSPHRASE);
    try {
      writer.db.prepare('BEGIN IMMEDIATE').run();
      expectSameModel(loadAnalysisModel(workspace), workspace);
      expect(snapshotRows()).toBe(0);
      writer.db.prepare('ROLLBACK').run();
    } finally {
      closeWorkspace(writer);
    }
    invalidateAnalysisModel(workspace);
    loadAnalysisModel(workspace);
    expect(snapshotRows()).toBe(1);
  });
});
