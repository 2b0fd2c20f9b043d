/**
 * The tables that name a person are declared once (electron/data/personTables.ts), and a link
 * merge keeps every field of both people (issue 19 point 1), in real encrypted workspaces:
 * - the declaration covers every column the migrated schema points at a person, so a migration
 *   adding such a table fails here until merge, purge and undo know what to do with it;
 * - merging the person a newer list created into the person it matched keeps the newer list's
 *   gender, ethnicity and address and the older person's PNC and full forename, and the decision's
 *   undo brings both people back exactly;
 * - a flag-list row linked to a candidate gives them the list's gender and ethnicity with the row
 *   as their source, so an undo of the decision or of the list takes them back.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON_TABLES, personColumnsInSchema } from '../../electron/data/personTables';
import { importFile } from '../../electron/import/importEngine';
import { undoImport } from '../../electron/import/importUndo';
import { decideLinkReview, pendingLinkReviews, undoLinkDecision } from '../../electron/import/linkReviews';
import { closeWorkspace, createWorkspaceFile, type OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { makeSyntheticPnc } from '../../shared/syntheticCohort';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

const ACTOR = 'person-tables-test';
/** Bookkeeping that changes with every write whatever is undone: the audit chain and its head. */
const NOT_COMPARED = new Set(['audit_log', 'workspace_meta', 'analysis_model_snapshot', 'analysis_model_changes']);

let temp: TempDir;
const opened: OpenWorkspace[] = [];

beforeAll(() => {
  temp = makeTempDir('iom-person-tables-');
});
afterAll(() => {
  for (const workspace of opened) closeWorkspace(workspace);
  temp?.remove();
});

function workspace(): OpenWorkspace {
  const w = createWorkspaceFile(temp.path(`ws${opened.length}.iomdb`), 'Person tables', TEST_PASSPHRASE, TEST_PASSPHRASE);
  opened.push(w);
  return w;
}

function file(name: string, text: string): string {
  const path = temp.path(name);
  writeFileSync(path, text);
  return path;
}

/** Every row of every data table, order-free. */
function dump(w: OpenWorkspace): Record<string, string[]> {
  const tables = w.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(
    tables.filter((t) => !NOT_COMPARED.has(t)).map((t) => [t, (w.db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()]),
  );
}

type PersonRow = Record<string, string | number | null>;

function person(w: OpenWorkspace, id: number): PersonRow {
  return w.db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow;
}

describe('the tables that name a person', () => {
  it('are all declared: every column of the migrated schema pointing at a person, and nothing else', () => {
    const w = workspace();
    const inSchema = personColumnsInSchema(w.db).map((c) => `${c.table}.${c.column}`).sort();
    const declared = PERSON_TABLES.map((t) => `${t.table}.${t.column}`).sort();
    // A new table naming a person must be declared with how a merge treats it (personTables.ts).
    expect(declared).toEqual(inSchema);
    expect(inSchema.length).toBeGreaterThanOrEqual(13);
  });
});

describe('a link merge keeps every field', () => {
  it('gives the kept person the removed person’s newer fields and fills what it lacked; the undo brings both back exactly', async () => {
    const w = workspace();
    const pnc = makeSyntheticPnc(1998, 123_456).long;
    await importFile(w, { path: file('older.csv', `Surname,Forename,DOB,PNC,Ethnicity,Address\r\nSmith,John,01/02/1980,${pnc},W1,1 Old Road\r\n`), kind: 'candidates' }, { actor: ACTOR });
    // The same man from a newer list, without a PNC and with only an initial: a person of his own until reviewed.
    const newer = await importFile(w, { path: file('newer.csv', `Surname,Forename,DOB,Gender,Ethnicity,Address\r\nSmith,J,01/02/1980,M,B1,2 New Street\r\n`), kind: 'candidates' }, { actor: ACTOR });
    expect(newer).toMatchObject({ reviewsQueued: 1, peopleCreated: 1 });
    const before = dump(w);
    const [review] = pendingLinkReviews(w, 10).reviews;
    const keptId = review!.personId!;
    const removedId = w.db.prepare('SELECT id FROM people WHERE id <> ?').pluck().get(keptId) as number;
    const kept = person(w, keptId);
    const removed = person(w, removedId);
    // The two differ where the test needs them to.
    expect(kept).toMatchObject({ pnc, forenames: 'John', gender: null, ethnicity: 'W1', address: '1 Old Road' });
    expect(removed).toMatchObject({ pnc: null, forenames: 'J', ethnicity: 'B1', address: '2 New Street' });
    expect(removed.gender).not.toBeNull();

    decideLinkReview(w, review!.id, 'link', ACTOR);
    expect(w.db.prepare('SELECT COUNT(*) FROM people').pluck().get()).toBe(1);
    const merged = person(w, keptId);
    expect(merged).toEqual({
      ...kept,
      // From the newer list: what the kept person lacked, and what the newer list says now.
      gender: removed.gender,
      ethnicity: 'B1',
      address: '2 New Street',
      on_long_list: 1,
    });
    // Nothing either person held is gone: every value of the removed person is on the merged
    // person, or the kept person's own identity stood (a list only fills identity in).
    for (const [column, value] of Object.entries(removed)) {
      if (value === null || ['id', 'created_import_id', 'created_at', 'created_row_number', 'forenames'].includes(column)) continue;
      expect(merged[column], column).toBe(value);
    }
    // The older list's values stay in the provenance, beside the newer.
    const ethnicities = w.db.prepare("SELECT value FROM person_field_sources WHERE person_id = ? AND field = 'ethnicity' ORDER BY import_id").pluck().all(keptId);
    expect(ethnicities).toEqual(['W1', 'B1']);

    undoLinkDecision(w, review!.id, ACTOR);
    expect(dump(w)).toEqual(before);
    expect(person(w, keptId)).toEqual(kept);
    expect(person(w, removedId)).toEqual(removed);
  });

  it('applies a linked flag-list row as the importer would: its gender and ethnicity, with the row as their source', async () => {
    const w = workspace();
    const pncA = makeSyntheticPnc(2005, 111_111);
    await importFile(w, { path: file('candidates.csv', `Surname,Forename,DOB,PNC\r\nHartwell,Sean,12/04/1988,${pncA.long}\r\n`), kind: 'candidates' }, { actor: ACTOR });
    const dtoa = await importFile(w, { path: file('dtoa.csv', `Surname,Forename,DOB,PNC,Gender,Ethnicity\r\nOkafor,Daniel,30/09/1975,${pncA.short},M,B1\r\n`), kind: 'list:dtoa' }, { actor: ACTOR });
    expect(dtoa).toMatchObject({ reviewsQueued: 1, flagsSet: 0 });
    const before = dump(w);
    const [review] = pendingLinkReviews(w, 10).reviews;
    const personId = review!.personId!;
    expect(person(w, personId)).toMatchObject({ gender: null, ethnicity: null });

    decideLinkReview(w, review!.id, 'link', ACTOR);
    const linked = person(w, personId);
    expect(linked.gender).not.toBeNull();
    expect(linked.ethnicity).toBe('B1');
    // Identity stands: a list only fills in what the person lacks.
    expect(linked).toMatchObject({ surname: 'Hartwell', forenames: 'Sean', dob: '1988-04-12' });
    const sources = w.db.prepare('SELECT field, import_id AS importId FROM person_field_sources WHERE person_id = ? ORDER BY field').all(personId);
    expect(sources).toEqual([
      { field: 'ethnicity', importId: dtoa.importId },
      { field: 'gender', importId: dtoa.importId },
    ]);

    undoLinkDecision(w, review!.id, ACTOR);
    expect(dump(w)).toEqual(before);

    // Linked again, then the list itself undone: the values it gave go back with it.
    decideLinkReview(w, review!.id, 'link', ACTOR);
    undoImport(w, dtoa.importId, ACTOR);
    expect(person(w, personId)).toMatchObject({ gender: null, ethnicity: null });
    expect(w.db.prepare("SELECT COUNT(*) FROM person_flags WHERE flag = 'dtoa'").pluck().get()).toBe(0);
  });
});
