/**
 * What the import-speed work (migration 007, the arrest stage, the registry's integer codes) must
 * not change: every field still names the list and row it came from, also after a later list fills
 * a gap and after two people are merged; an arrest is kept once, from its first row, across the
 * whole file and against what an earlier import stored; and PNCs are found exactly as before.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../electron/import/importEngine';
import { decideLinkReview, pendingLinkReviews } from '../../electron/links/linkReviews';
import { pncCode } from '../../shared/domain/pnc';
import { personProfile } from '../../electron/shortlist/personProfile';
import { closeWorkspace, createWorkspaceFile, type OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { parsePnc } from '../../shared/domain/pnc';
import { mulberry32 } from '../../shared/domain/seededRandom';
import { makeSyntheticPnc } from '../../shared/workspace/syntheticCohort';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

const HEADER = 'PNC,Surname,Forename,DOB,Arrest date,Offence,Borough';
const P1 = makeSyntheticPnc(1998, 123_456).long;
const P2 = makeSyntheticPnc(2004, 654_321).long;
const WINDOW = { referenceDate: '2013-10-31', windowMonths: 24 };

let temp: TempDir;
const opened: OpenWorkspace[] = [];

beforeAll(() => {
  temp = makeTempDir('iom-provenance-');
});
afterAll(() => {
  for (const workspace of opened) closeWorkspace(workspace);
  temp.remove();
});

function newWorkspace(): OpenWorkspace {
  const workspace = createWorkspaceFile(temp.path(`ws${opened.length}.iomdb`), 'Provenance', TEST_PASSPHRASE, TEST_PASSPHRASE);
  opened.push(workspace);
  return workspace;
}

function csv(name: string, lines: string[]): string {
  const path = temp.path(name);
  writeFileSync(path, [HEADER, ...lines, ''].join('\r\n'));
  return path;
}

function personByPnc(workspace: OpenWorkspace, pnc: string): number {
  return workspace.db.prepare('SELECT id FROM people WHERE pnc = ?').pluck().get(pnc) as number;
}

/** field → [file name, row] of each source, newest import first, as the profile lists them. */
function sourcesOf(workspace: OpenWorkspace, personId: number): Record<string, Array<[string, number, string | null]>> {
  const profile = personProfile(workspace, personId, WINDOW);
  return Object.fromEntries(profile.fields.map((f) => [f.field, f.sources.map((s) => [s.fileName, s.rowNumber, s.value] as [string, number, string | null])]));
}

describe('provenance of a new person, stored once per person', () => {
  it('names the creating list and row for every identity field, and the later list that filled a gap', async () => {
    const workspace = newWorkspace();
    const first = csv('extract_1.csv', [
      `${P1},Smith,John,01/02/1980,10/03/2012,Theft from shop,Barnet`,
      `${P2},Jones,Amy,,11/03/2012,Burglary,Barnet`,
      `${P1},Smith,John,01/02/1980,12/03/2012,Theft from shop,Barnet`,
    ]);
    const report = await importFile(workspace, { path: first, kind: 'arrests' }, { actor: 'test' });
    expect(report).toMatchObject({ status: 'imported', peopleCreated: 2, arrestsAdded: 3 });
    // No per-field rows for what the creating row gave: the person row holds it once.
    expect(workspace.db.prepare('SELECT COUNT(*) FROM person_field_sources').pluck().get()).toBe(0);
    const smith = personByPnc(workspace, P1);
    const jones = personByPnc(workspace, P2);
    expect(workspace.db.prepare('SELECT created_import_id, created_row_number FROM people WHERE id = ?').raw().get(smith)).toEqual([report.importId, 2]);
    expect(sourcesOf(workspace, smith)).toEqual({
      surname: [['extract_1.csv', 2, 'Smith']],
      forenames: [['extract_1.csv', 2, 'John']],
      pnc: [['extract_1.csv', 2, P1]],
      dob: [['extract_1.csv', 2, '1980-02-01']],
    });
    expect(sourcesOf(workspace, jones).dob).toBeUndefined();

    // A later extract knows Amy Jones's date of birth: filled in, with its own list and row.
    const second = csv('extract_2.csv', [`${P2},Jones,Amy,05/06/1990,01/01/2013,Robbery,Barnet`]);
    const later = await importFile(workspace, { path: second, kind: 'arrests' }, { actor: 'test' });
    expect(later).toMatchObject({ status: 'imported', peopleCreated: 0, rowsLinked: 1 });
    expect(sourcesOf(workspace, jones)).toEqual({
      surname: [['extract_1.csv', 3, 'Jones']],
      forenames: [['extract_1.csv', 3, 'Amy']],
      pnc: [['extract_1.csv', 3, P2]],
      dob: [['extract_2.csv', 2, '1990-06-05']],
    });
    const linked = personProfile(workspace, jones, WINDOW).linkedRecords.map((r) => [r.fileName, r.rows, r.gave]);
    expect(linked).toEqual([
      ['extract_2.csv', [2], ['details', 'arrests']],
      ['extract_1.csv', [3], ['details', 'arrests']],
    ]);
  });

  it('a merge after a review keeps where both records came from', async () => {
    const workspace = newWorkspace();
    await importFile(workspace, { path: csv('merge_1.csv', [`${P1},Smith,John,01/02/1980,10/03/2012,Theft from shop,Barnet`]), kind: 'arrests' }, { actor: 'test' });
    // The same man without a PNC and with only an initial: close, but not enough to link unseen.
    const second = await importFile(workspace, { path: csv('merge_2.csv', [',Smith,J,01/02/1980,15/04/2012,Robbery,Barnet']), kind: 'arrests' }, { actor: 'test' });
    expect(second).toMatchObject({ reviewsQueued: 1, peopleCreated: 1 });
    const smith = personByPnc(workspace, P1);
    const [review] = pendingLinkReviews(workspace, 10).reviews;
    expect(review!.personId).toBe(smith);
    decideLinkReview(workspace, review!.id, 'link', 'test');

    expect(workspace.db.prepare('SELECT COUNT(*) FROM people').pluck().get()).toBe(1);
    const sources = sourcesOf(workspace, smith);
    expect(sources.surname).toEqual([
      ['merge_2.csv', 2, 'Smith'],
      ['merge_1.csv', 2, 'Smith'],
    ]);
    expect(sources.forenames).toEqual([
      ['merge_2.csv', 2, 'J'],
      ['merge_1.csv', 2, 'John'],
    ]);
    expect(sources.pnc).toEqual([['merge_1.csv', 2, P1]]);
    expect(workspace.db.prepare('SELECT COUNT(*) FROM arrests WHERE person_id = ?').pluck().get(smith)).toBe(2);
  });

  it('people created before migration 007 keep exactly their stored sources', () => {
    const workspace = newWorkspace();
    const { db } = workspace;
    const importId = Number(db.prepare("INSERT INTO imports (kind, file_name, sha256, mapping, imported_by, imported_at, rows_read, rows_imported, rows_linked, rows_rejected) VALUES ('candidates', 'old.csv', 'x', '[]', 't', '2013-01-01', 1, 1, 0, 0)").run().lastInsertRowid);
    const id = Number(db.prepare("INSERT INTO people (surname, forenames, dob, created_import_id, created_at) VALUES ('Old', 'Record', '1970-01-01', ?, '2013-01-01')").run(importId).lastInsertRowid);
    db.prepare("INSERT INTO person_field_sources (person_id, field, value, import_id, row_number) VALUES (?, 'surname', 'Old', ?, 7)").run(id, importId);
    const rows = db.prepare('SELECT field, value, import_id AS importId, row_number AS rowNumber FROM person_field_provenance WHERE person_id = ?').all(id);
    expect(rows).toEqual([{ field: 'surname', value: 'Old', importId, rowNumber: 7 }]);
  });
});

describe('arrests written at the end, grouped by person', () => {
  it('keeps a repeated arrest once from its first row, and adds only what an earlier import lacks', async () => {
    const workspace = newWorkspace();
    const lines = [
      `${P1},Smith,John,01/02/1980,10/03/2012,Theft from shop,Barnet`,
      `${P2},Jones,Amy,05/06/1990,11/03/2012,Burglary,Enfield`,
      `${P1},Smith,John,01/02/1980,12/03/2012,Theft from shop,`,
    ];
    // The first line again far down the file, after a few hundred other people.
    for (let i = 0; i < 300; i++) lines.push(`${makeSyntheticPnc(2001, 200_000 + i).long},Other${i},Person,01/01/1985,0${1 + (i % 9)}/01/2013,Criminal damage,Barnet`);
    lines.push(`${P1},Smith,John,01/02/1980,10/03/2012,Theft from shop,Harrow`);
    const first = await importFile(workspace, { path: csv('stage_1.csv', lines), kind: 'arrests' }, { actor: 'test' });
    expect(first).toMatchObject({ rowsRead: 304, arrestsAdded: 303 });
    const smith = personByPnc(workspace, P1);
    const arrestsOf = (personId: number) => workspace.db.prepare('SELECT arrest_date AS date, offence, borough, import_id AS importId, row_number AS rowNumber FROM arrest_details WHERE person_id = ? ORDER BY arrest_date').all(personId);
    expect(arrestsOf(smith)).toEqual([
      { date: '2012-03-10', offence: 'Theft from shop', borough: 'Barnet', importId: first.importId, rowNumber: 2 },
      { date: '2012-03-12', offence: 'Theft from shop', borough: null, importId: first.importId, rowNumber: 4 },
    ]);

    const second = await importFile(
      workspace,
      { path: csv('stage_2.csv', [`${P1},Smith,John,01/02/1980,12/03/2012,Theft from shop,Barnet`, `${P1},Smith,John,01/02/1980,01/01/2013,Robbery,Barnet`]), kind: 'arrests' },
      { actor: 'test' },
    );
    expect(second).toMatchObject({ rowsRead: 2, arrestsAdded: 1 });
    expect(arrestsOf(smith)).toEqual([
      { date: '2012-03-10', offence: 'Theft from shop', borough: 'Barnet', importId: first.importId, rowNumber: 2 },
      { date: '2012-03-12', offence: 'Theft from shop', borough: null, importId: first.importId, rowNumber: 4 },
      { date: '2013-01-01', offence: 'Robbery', borough: 'Barnet', importId: second.importId, rowNumber: 3 },
    ]);
    expect(workspace.db.prepare('SELECT arrests_added FROM imports WHERE id = ?').pluck().get(second.importId)).toBe(1);
  });
});

describe('PNCs as integer codes', () => {
  it('codes exactly the PNCs parsePnc accepts as canonical, and nothing else', () => {
    const random = mulberry32(9);
    for (let i = 0; i < 3000; i++) {
      const year = 1900 + Math.floor(random() * 127);
      const serial = Math.floor(random() * 10_000_000);
      const pnc = makeSyntheticPnc(year, serial);
      expect(pncCode(pnc.long), pnc.long).toBe((year - 1900) * 10_000_000 + serial);
      const parsed = parsePnc(pnc.long);
      expect(parsed.ok && parsed.pnc === pnc.long).toBe(true);
      const wrong = `${pnc.long.slice(0, 12)}${pnc.checkLetter === 'A' ? 'B' : 'A'}`;
      expect(pncCode(wrong), wrong).toBe(-1);
      expect(pncCode(pnc.short)).toBe(-1);
      expect(pncCode(pnc.long.toLowerCase())).toBe(-1);
    }
    expect(pncCode(makeSyntheticPnc(2030, 1234).long)).toBe(-1);
    expect(pncCode(makeSyntheticPnc(1899, 1234).long)).toBe(-1);
    expect(pncCode('2012/12345678')).toBe(-1);
    expect(pncCode(' 2012/0012345')).toBe(-1);
  });
});
