/**
 * Undo of a link decision (issue 18 point 6): in a real encrypted workspace, a merge of the person
 * an import created into the person it was compared with, a flag-list row linked to a candidate,
 * and a rejection are each taken back to the very rows the workspace held before; the undo is
 * audited; and an undo that would lose later work on the person is refused, changing nothing.
 * A merge keeps every field of both people, and a linked flag-list row gives the person the
 * fields the importer would have, with the row as their source (issue 19 point 1).
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../electron/import/importEngine';
import { undoImport } from '../../electron/import/importUndo';
import { decideLinkReview, pendingLinkReviews, recentLinkDecisions, undoLinkDecision } from '../../electron/links/linkReviews';
import { closeWorkspace, createWorkspaceFile, type OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { makeSyntheticPnc } from '../../shared/workspace/syntheticCohort';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

const ACTOR = 'undo-test';
const P1 = makeSyntheticPnc(1998, 123_456).long;
const HEADER = 'PNC,Surname,Forename,DOB,Arrest date,Offence,Borough';
/** Bookkeeping that changes with every write whatever is undone: the audit chain and its head. */
const NOT_COMPARED = new Set(['audit_log', 'workspace_meta', 'analysis_model_snapshot', 'analysis_model_changes']);

let temp: TempDir;
const opened: OpenWorkspace[] = [];

beforeAll(() => {
  temp = makeTempDir('iom-link-undo-');
});
afterAll(() => {
  for (const workspace of opened) closeWorkspace(workspace);
  temp?.remove();
});

function workspace(): OpenWorkspace {
  const w = createWorkspaceFile(temp.path(`ws${opened.length}.iomdb`), 'Undo', TEST_PASSPHRASE, TEST_PASSPHRASE);
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

function scalar(w: OpenWorkspace, sql: string, ...params: unknown[]): unknown {
  return w.db.prepare(sql).pluck().get(...params);
}

async function mergeCase(): Promise<OpenWorkspace> {
  const w = workspace();
  await importFile(w, { path: file('merge_1.csv', `${HEADER}\r\n${P1},Smith,John,01/02/1980,10/03/2012,Theft from shop,Barnet\r\n`), kind: 'arrests' }, { actor: ACTOR });
  // The same man without a PNC and with only an initial: a person of his own until reviewed.
  const second = await importFile(w, { path: file('merge_2.csv', `${HEADER}\r\n,Smith,J,01/02/1980,15/04/2012,Robbery,Barnet\r\n`), kind: 'arrests' }, { actor: ACTOR });
  expect(second).toMatchObject({ reviewsQueued: 1, peopleCreated: 1 });
  return w;
}

describe('undo of a link decision', () => {
  it('takes a merge back: the removed person returns with their arrests, the review waits again, and it is audited', async () => {
    const w = await mergeCase();
    const before = dump(w);
    const [review] = pendingLinkReviews(w, 10).reviews;
    expect(review).toMatchObject({ strength: 'strong', personName: 'John Smith', undoable: false });
    expect(review!.fields.map((f) => f.reason)).toEqual(['no PNC in the file — no evidence', 'same surname', 'only the initial agrees: J vs John', 'same date of birth']);

    const decided = decideLinkReview(w, review!.id, 'link', ACTOR);
    expect(decided).toMatchObject({ status: 'linked', undoable: true, decidedBy: ACTOR });
    expect(scalar(w, 'SELECT COUNT(*) FROM people')).toBe(1);
    expect(recentLinkDecisions(w, 5).map((r) => r.id)).toEqual([review!.id]);

    const undone = undoLinkDecision(w, review!.id, ACTOR);
    expect(undone).toMatchObject({ status: 'pending', undoable: false, decidedBy: null });
    expect(dump(w)).toEqual(before);
    const audit = w.db.prepare("SELECT action, entity_id AS entityId FROM audit_log WHERE action LIKE 'link.%' ORDER BY id").all();
    expect(audit).toEqual([{ action: 'link.link', entityId: String(review!.id) }, { action: 'link.undo', entityId: String(review!.id) }]);

    // The match can be decided again, the other way, and that undone too.
    decideLinkReview(w, review!.id, 'reject', ACTOR);
    expect(scalar(w, 'SELECT COUNT(*) FROM people')).toBe(2);
    undoLinkDecision(w, review!.id, ACTOR);
    expect(dump(w)).toEqual(before);
    expect(() => undoLinkDecision(w, review!.id, ACTOR)).toThrow(/not been decided/);
  });

  it('moves a recorded start and exit of the removed person onto the kept one, and the undo puts it back', async () => {
    const w = await mergeCase();
    const removedId = scalar(w, 'SELECT MAX(id) FROM people') as number;
    w.db.prepare("INSERT INTO cohort_membership (person_id, start_date, exit_date, exit_reason, updated_by, updated_at) VALUES (?, '2013-01-07', '2013-09-30', 'Moved away', ?, '2013-10-01')").run(removedId, ACTOR);
    const before = dump(w);
    const [review] = pendingLinkReviews(w, 10).reviews;
    decideLinkReview(w, review!.id, 'link', ACTOR);
    expect(w.db.prepare('SELECT person_id AS personId, start_date AS startDate, exit_reason AS exitReason FROM cohort_membership').all()).toEqual([
      { personId: review!.personId, startDate: '2013-01-07', exitReason: 'Moved away' },
    ]);
    undoLinkDecision(w, review!.id, ACTOR);
    expect(dump(w)).toEqual(before);
  });

  it('refuses, changing nothing, when the kept person was worked on after the decision', async () => {
    const w = await mergeCase();
    const [review] = pendingLinkReviews(w, 10).reviews;
    decideLinkReview(w, review!.id, 'link', ACTOR);
    w.db.prepare("INSERT INTO person_notes (person_id, text, author, created_at) VALUES (?, 'seen at panel', 'analyst', '2026-12-06T10:00:00Z')").run(review!.personId);
    const after = dump(w);
    expect(() => undoLinkDecision(w, review!.id, ACTOR)).toThrow(/changed since this decision/);
    expect(dump(w)).toEqual(after);
    // Once the later note is gone the person is as the decision left them, and the undo goes ahead.
    w.db.prepare('DELETE FROM person_notes').run();
    expect(undoLinkDecision(w, review!.id, ACTOR).status).toBe('pending');
    expect(scalar(w, 'SELECT COUNT(*) FROM people')).toBe(2);
  });

  it('takes back a flag-list row linked to a candidate: the flag goes and the row counts as waiting again', async () => {
    const w = workspace();
    const pncA = makeSyntheticPnc(2005, 111_111);
    await importFile(w, { path: file('slip_candidates.csv', `Surname,Forename,DOB,PNC\r\nHartwell,Sean,12/04/1988,${pncA.long}\r\n`), kind: 'candidates' }, { actor: ACTOR });
    const report = await importFile(w, { path: file('slip_dtoa.csv', `Surname,Forename,DOB,PNC\r\nOkafor,Daniel,30/09/1975,${pncA.short}\r\n`), kind: 'list:dtoa' }, { actor: ACTOR });
    expect(report).toMatchObject({ reviewsQueued: 1, flagsSet: 0 });
    const before = dump(w);
    const [review] = pendingLinkReviews(w, 10).reviews;
    // A PNC that agrees while name and date of birth do not is never "strong".
    expect(review!.strength).toBe('likely');
    expect(review!.fields.find((f) => f.field === 'dob')!.reason).toBe('date of birth differs: 30 Sep 1975 vs 12 Apr 1988');
    decideLinkReview(w, review!.id, 'link', ACTOR);
    expect(scalar(w, "SELECT COUNT(*) FROM person_flags WHERE flag = 'dtoa'")).toBe(1);
    undoLinkDecision(w, review!.id, ACTOR);
    expect(dump(w)).toEqual(before);
  });
});

type PersonRow = Record<string, string | number | null>;

function person(w: OpenWorkspace, id: number): PersonRow {
  return w.db.prepare('SELECT * FROM people WHERE id = ?').get(id) as PersonRow;
}

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
