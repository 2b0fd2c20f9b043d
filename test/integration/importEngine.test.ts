/**
 * The import pipeline end to end on real files and a real encrypted workspace: the seed-shaped
 * candidate list in every format, the agency lists with their misspellings, PINS and the arrests
 * extract, then the safety promises (one transaction, duplicates, supersession, clear errors,
 * cancel), the worker thread and the CLI. Every expected number comes from the synthetic cohort
 * the fixtures were written from, never from the importer itself.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAG_NAMES, FLAG_SHORT_LABELS, type FlagName } from '../../shared/domain/flags';
import type { IsoDate } from '../../shared/domain/isoDate';
import type { ImportKindId } from '../../shared/domain/importKinds';
import type { ImportReport } from '../../shared/import/importSchemas';
import {
  ACCENTED_PERSON,
  FORMULA_INJECTION_SURNAME,
  SEED_SHAPE,
  firstForename,
  formatDmy,
  type ListRowVariation,
  type SyntheticCandidate,
  type SyntheticListRow,
} from '../../shared/workspace/syntheticCohort';
import { importFile, type ImportControl } from '../../electron/import/importEngine';
import { ImportCancelled } from '../../electron/import/importErrors';
import { undoImport } from '../../electron/import/importUndo';
import { decideLinkReview, pendingLinkReviews } from '../../electron/links/linkReviews';
import { rejectedRowsCsv } from '../../electron/import/rejectedRowsCsv';
import { csvField } from '../../shared/domain/spreadsheetText';
import { startImportJob } from '../../electron/import/startImportJob';
import { CFB } from '../../electron/import/readers/readWorkbook';
import { AppSession } from '../../electron/runtime/appSession';
import type { AppContext } from '../../electron/runtime/appContext';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import { countFlags } from '../../electron/workspace/workspaceSummary';
import { verifyAuditChain } from '../../electron/workspace/auditLog';
import { closeWorkspace, createWorkspaceFile, type OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { WorkspaceError } from '../../electron/workspace/workspaceErrors';
import { writeFixtureSet, writeLargeArrestsCsv, type FixtureSet } from '../fixtures/writeFixtures';
import { ensureNodeBuild, IMPORT_WORKER_PATH } from '../support/nodeBuild';
import { runCli } from '../support/runCli';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

const IN_WINDOW_SQL = 'SELECT COUNT(*) FROM arrests WHERE arrest_ymd > 20111031 AND arrest_ymd <= 20131031';
const ACTOR = 'import-test';

let temp: TempDir;
let set: FixtureSet;
const opened: OpenWorkspace[] = [];

beforeAll(async () => {
  temp = makeTempDir('iom-import-');
  set = await writeFixtureSet(temp.path('fixtures'));
  ensureNodeBuild();
}, 180_000);

afterAll(() => {
  for (const workspace of opened) closeWorkspace(workspace);
  temp?.remove();
});

let workspaceCounter = 0;
function newWorkspace(): OpenWorkspace {
  workspaceCounter += 1;
  const workspace = createWorkspaceFile(temp.path(`w${workspaceCounter}.iomdb`), `Import test ${workspaceCounter}`, TEST_PASSPHRASE, TEST_PASSPHRASE);
  opened.push(workspace);
  return workspace;
}

function run(workspace: OpenWorkspace, path: string, kind: ImportKindId, control: Partial<ImportControl> = {}): Promise<ImportReport> {
  return importFile(workspace, { path, kind }, { actor: ACTOR, ...control });
}

function scalar(workspace: OpenWorkspace, sql: string, ...params: unknown[]): number {
  return workspace.db.prepare(sql).pluck().get(...params) as number;
}

const SNAPSHOT_TABLES = ['imports', 'people', 'person_field_sources', 'arrest_terms', 'arrests', 'person_flags', 'rejected_rows', 'link_reviews', 'header_mappings', 'audit_log', 'workspace_meta'];

/** Row counts, a checksum over every row of the tables an import touches, and the audit chain length. */
function snapshot(workspace: OpenWorkspace): { counts: Record<string, number>; checksum: string; auditEntries: number } {
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const table of SNAPSHOT_TABLES) {
    // Arrests have no rowid (migration 011): their key is the order.
    const rows = workspace.db.prepare(`SELECT * FROM ${table} ORDER BY ${table === 'arrests' ? 'person_id, arrest_ymd, offence_id' : 'rowid'}`).all();
    counts[table] = rows.length;
    hash.update(`${table}\n${JSON.stringify(rows)}\n`);
  }
  const audit = verifyAuditChain(workspace.db);
  expect(audit.ok).toBe(true);
  return { counts, checksum: hash.digest('hex'), auditEntries: audit.entries };
}

function refOfPerson(workspace: OpenWorkspace): Map<number, number> {
  const rows = workspace.db.prepare('SELECT id, ref FROM people').all() as Array<{ id: number; ref: string | null }>;
  return new Map(rows.flatMap((r) => (r.ref === null ? [] : [[r.id, Number(r.ref)] as [number, number]])));
}

function personOfRef(workspace: OpenWorkspace): Map<number, number> {
  return new Map([...refOfPerson(workspace)].map(([id, ref]) => [ref, id]));
}

/** File descriptors this process holds on `path` (Linux): a refused file must not stay open. */
function openHandlesOn(path: string): number {
  if (!existsSync('/proc/self/fd')) return 0;
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) count += 1;
    } catch {
      // The descriptor closed while listing.
    }
  }
  return count;
}

async function expectWorkspaceError(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected the import to fail').toBeInstanceOf(WorkspaceError);
  expect((error as WorkspaceError).code).toBe(code);
  expect((error as WorkspaceError).message).toMatch(message);
}

// ---------------------------------------------------------------------------------------------
// What the fixtures say the answers are

/** Sheet rows (1-based) of the candidate list that are blank, and the Total row. */
function candidateListSkips(): { blank: number[]; total: number } {
  const layout = set.candidateListLayout;
  const people = new Set(Object.values(layout.rowOfRef));
  const blank: number[] = [];
  for (let row = layout.headerRow + 1; row < layout.totalRow; row++) if (!people.has(row)) blank.push(row + 1);
  return { blank, total: layout.totalRow + 1 };
}

function expectedPeople(): string[] {
  return set.cohort.candidates.map((c) => `${c.pnc.long}|${c.surname}|${c.dob}`).sort();
}

function expectedArrests(): string[] {
  return set.cohort.candidates.flatMap((c) => c.arrests.map((a) => `${c.pnc.long}|${a.date}|${a.offence}`)).sort();
}

function peopleTuples(workspace: OpenWorkspace): string[] {
  return (workspace.db.prepare('SELECT pnc, surname, dob FROM people').all() as Array<{ pnc: string; surname: string; dob: string }>).map((p) => `${p.pnc}|${p.surname}|${p.dob}`).sort();
}

function arrestTuples(workspace: OpenWorkspace): string[] {
  return (workspace.db.prepare('SELECT p.pnc, a.arrest_date AS date, a.offence FROM arrest_details a JOIN people p ON p.id = a.person_id').all() as Array<{ pnc: string; date: string; offence: string }>)
    .map((a) => `${a.pnc}|${a.date}|${a.offence}`)
    .sort();
}

type ExpectedLink = 'pnc' | 'auto' | 'review' | 'unmatched';

/**
 * How the design says each list row should link: a usable PNC decides; without one, name and DOB
 * that agree after normalising case, hyphens and accents link automatically, while an initial,
 * swapped names or a swapped day/month go to a person for review.
 */
const REVIEW_VARIATIONS: readonly ListRowVariation[] = ['forename_initial', 'names_transposed', 'dob_day_month_swapped'];

function expectedLink(row: SyntheticListRow, pncColumn = true): ExpectedLink {
  if (row.candidateRef === null) return 'unmatched';
  const pncUsable = pncColumn && row.pnc !== null && !row.variations.includes('pnc_wrong_check_letter');
  if (pncUsable) return 'pnc';
  return row.variations.some((v) => REVIEW_VARIATIONS.includes(v)) ? 'review' : 'auto';
}

/** Sheet row of list row `index`: the DTOA list has a title and a blank row above its header. */
function listRowNumber(flag: FlagName, index: number): number {
  return (flag === 'dtoa' ? 3 : 1) + index + 1;
}

function candidate(ref: number): SyntheticCandidate {
  const found = set.cohort.candidates.find((c) => c.ref === ref);
  if (!found) throw new Error(`no candidate ${ref}`);
  return found;
}

// ---------------------------------------------------------------------------------------------

describe('the candidate list in every format', () => {
  const formats = ['candidatesXls', 'candidatesXlsx', 'candidatesCsv'] as const;
  const workspaces = new Map<string, OpenWorkspace>();
  const reports = new Map<string, ImportReport>();

  beforeAll(async () => {
    for (const format of formats) {
      const workspace = newWorkspace();
      workspaces.set(format, workspace);
      reports.set(format, await run(workspace, set.files[format], 'candidates'));
    }
  });

  it.each(formats)('%s gives 170 people and 973 in-window arrests, blank and Total rows skipped with reasons', (format) => {
    const workspace = workspaces.get(format)!;
    const report = reports.get(format)!;
    const skips = candidateListSkips();
    expect(report).toMatchObject({
      status: 'imported',
      kind: 'candidates',
      rowsRead: SEED_SHAPE.people + skips.blank.length + 1,
      rowsImported: SEED_SHAPE.people,
      rowsRejected: 0,
      rowsSkipped: skips.blank.length + 1,
      peopleCreated: SEED_SHAPE.people,
      reviewsQueued: 0,
      arrestsAdded: expectedArrests().length,
    });
    expect(scalar(workspace, 'SELECT COUNT(*) FROM people')).toBe(SEED_SHAPE.people);
    expect(scalar(workspace, 'SELECT COUNT(*) FROM people WHERE on_long_list = 1')).toBe(SEED_SHAPE.people);
    expect(scalar(workspace, IN_WINDOW_SQL)).toBe(SEED_SHAPE.arrestsInWindow);
    // Only dated entries, each once: every arrest the list shows, in and out of the window.
    expect(scalar(workspace, 'SELECT COUNT(*) FROM arrests')).toBe(expectedArrests().length);

    const stored = workspace.db.prepare("SELECT row_number AS rowNumber, reason FROM rejected_rows WHERE disposition = 'skipped' ORDER BY row_number").all() as Array<{ rowNumber: number; reason: string }>;
    expect(stored.filter((r) => r.reason === 'blank row').map((r) => r.rowNumber)).toEqual(skips.blank);
    expect(stored.filter((r) => r.reason !== 'blank row')).toEqual([{ rowNumber: skips.total, reason: expect.stringMatching(/^Summary row \("Total"\) skipped/) as unknown as string }]);
    expect(report.issues.map((i) => i.rowNumber)).toEqual([...skips.blank, skips.total]);
    expect(report.messages).toContain(`${skips.blank.length + 1} blank or total rows skipped.`);
  });

  it('stores the same people and arrests from .xls, .xlsx and .csv, exactly those of the cohort', () => {
    const people = formats.map((f) => peopleTuples(workspaces.get(f)!));
    const arrests = formats.map((f) => arrestTuples(workspaces.get(f)!));
    expect(people[0]).toEqual(expectedPeople());
    expect(people[1]).toEqual(people[0]);
    expect(people[2]).toEqual(people[0]);
    expect(arrests[0]).toEqual(expectedArrests());
    expect(arrests[1]).toEqual(arrests[0]);
    expect(arrests[2]).toEqual(arrests[0]);
  });

  it.each(formats)('%s keeps the formula-injection surname as text and the accented name intact', (format) => {
    const workspace = workspaces.get(format)!;
    const probe = set.cohort.candidates.find((c) => c.surname === FORMULA_INJECTION_SURNAME)!;
    expect(workspace.db.prepare('SELECT surname, pnc FROM people WHERE surname = ?').get(FORMULA_INJECTION_SURNAME)).toEqual({ surname: FORMULA_INJECTION_SURNAME, pnc: probe.pnc.long });
    expect(workspace.db.prepare('SELECT forenames FROM people WHERE surname = ?').pluck().get(ACCENTED_PERSON.surname)).toBe(ACCENTED_PERSON.forenames);
  });

  it('sets the long list flag columns (every list but OGRS and PPO, which have no column there)', () => {
    for (const format of formats) {
      expect(countFlags(workspaces.get(format)!)).toEqual({ ...SEED_SHAPE.flags, ogrsMandatory: 0, ppo: 0 });
    }
  });
});

describe('agency lists and PINS on top of the long list', () => {
  let workspace: OpenWorkspace;
  const listReports = new Map<FlagName, ImportReport>();

  beforeAll(async () => {
    workspace = newWorkspace();
    await run(workspace, set.files.candidatesXlsx, 'candidates');
  });

  it.each(FLAG_NAMES)('list:%s links every row as the design says, and queues the uncertain ones', async (flag) => {
    const rows = set.cohort.agencyLists[flag];
    const report = await run(workspace, set.files.lists[flag], `list:${flag}`);
    listReports.set(flag, report);
    const expected = rows.map((row) => expectedLink(row));
    const count = (kind: ExpectedLink) => expected.filter((e) => e === kind).length;
    expect(report).toMatchObject({
      status: 'imported',
      rowsRead: rows.length,
      rowsRejected: 0,
      rowsSkipped: 0,
      peopleCreated: 0,
      rowsLinked: count('pnc') + count('auto'),
      // A row waiting for review is unmatched until the analyst links it: read = imported + rejected + skipped + unmatched.
      rowsUnmatched: count('unmatched') + count('review'),
      reviewsQueued: count('review'),
      flagsSet: count('pnc') + count('auto'),
    });
    // Count columns (MARAC referrals, ASB arrests, matrix scores) are not read as yes/no marks.
    expect(report.issues.filter((i) => /yes\/no/.test(i.reason))).toEqual([]);

    const persons = personOfRef(workspace);
    const flagged = workspace.db.prepare('SELECT person_id AS personId, row_number AS rowNumber, active FROM person_flags WHERE import_id = ? AND flag = ?').all(report.importId, flag) as Array<{ personId: number; rowNumber: number; active: number }>;
    const queued = workspace.db.prepare('SELECT row_number AS rowNumber, person_id AS personId FROM link_reviews WHERE import_id = ?').all(report.importId) as Array<{ rowNumber: number; personId: number }>;
    rows.forEach((row, index) => {
      const rowNumber = listRowNumber(flag, index);
      const outcome = expected[index];
      const label = `${flag} row ${rowNumber} (${row.variations.join(', ') || 'as on the long list'})`;
      if (outcome === 'pnc' || outcome === 'auto') {
        // Flagged at once, on the right person, carrying the list row it came from.
        expect(flagged, label).toContainEqual({ personId: persons.get(row.candidateRef!), rowNumber, active: 1 });
        expect(queued.map((q) => q.rowNumber), label).not.toContain(rowNumber);
      } else if (outcome === 'review') {
        expect(queued, label).toContainEqual({ rowNumber, personId: persons.get(row.candidateRef!) });
        expect(flagged.map((f) => f.rowNumber), label).not.toContain(rowNumber);
      }
      if (row.variations.includes('pnc_wrong_check_letter')) {
        expect(report.issues, label).toContainEqual({ rowNumber, disposition: 'note', reason: expect.stringMatching(/check letter .* Linked by name and date of birth instead\.$/) as unknown as string });
      }
    });
    expect(flagged).toHaveLength(count('pnc') + count('auto'));
    expect(queued).toHaveLength(count('review'));
  });

  it('reports the DTOA row about someone not on the long list as unmatched, with its row', () => {
    const report = listReports.get('dtoa')!;
    const index = set.cohort.agencyLists.dtoa.findIndex((r) => r.candidateRef === null);
    expect(report.rowsUnmatched).toBe(SEED_SHAPE.dtoaListOutsiders + report.reviewsQueued);
    expect(report.messages).toContain(`1 ${FLAG_SHORT_LABELS.dtoa} row matched no candidate.`);
    expect(report.messages.join('\n')).toContain('1 DTOA row matched no candidate');
    expect(report.issues).toContainEqual({ rowNumber: listRowNumber('dtoa', index), disposition: 'unmatched', reason: expect.stringMatching(/matched no one/) as unknown as string });
    expect(scalar(workspace, 'SELECT COUNT(*) FROM people WHERE surname = ?', 'Outlister')).toBe(0);
  });

  it('covers the variations that matter: some rows went to review, some linked by name and DOB without a PNC', () => {
    const all = FLAG_NAMES.flatMap((flag) => set.cohort.agencyLists[flag].map((row) => expectedLink(row)));
    expect(all.filter((e) => e === 'review').length).toBeGreaterThan(0);
    expect(all.filter((e) => e === 'auto').length).toBeGreaterThan(0);
  });

  it('links PINS results by PNC and records custody', async () => {
    const report = await run(workspace, set.files.pins, 'pins');
    expect(report).toMatchObject({ status: 'imported', rowsRead: set.cohort.pins.length, rowsLinked: set.cohort.pins.length, peopleCreated: 0, rowsRejected: 0 });
    const persons = personOfRef(workspace);
    for (const pins of set.cohort.pins) {
      const custody = workspace.db.prepare('SELECT custody FROM people WHERE id = ?').pluck().get(persons.get(pins.candidateRef)) as string;
      expect(custody, pins.result).toBe(pins.result === 'In custody' ? 'in_custody' : 'not_in_custody');
    }
  });

  it('after the queued reviews are decided, each list flags exactly its people: SEED_SHAPE.flags', () => {
    const persons = personOfRef(workspace);
    const refs = refOfPerson(workspace);
    const { reviews, total } = pendingLinkReviews(workspace, 500);
    expect(total).toBe(FLAG_NAMES.reduce((n, flag) => n + set.cohort.agencyLists[flag].filter((row) => expectedLink(row) === 'review').length, 0));
    for (const review of reviews) {
      const flag = review.importKind.slice('list:'.length) as FlagName;
      const index = set.cohort.agencyLists[flag].findIndex((_, i) => listRowNumber(flag, i) === review.rowNumber);
      const row = set.cohort.agencyLists[flag][index]!;
      // The fixture knows who the row is about: link only when the queued person is that one.
      const decision = review.personId !== null && refs.get(review.personId) === row.candidateRef ? 'link' : 'reject';
      expect(decision, `review of ${flag} row ${review.rowNumber}`).toBe('link');
      expect(decideLinkReview(workspace, review.id, decision, ACTOR).status).toBe('linked');
    }
    expect(pendingLinkReviews(workspace, 10).total).toBe(0);

    for (const flag of FLAG_NAMES) {
      const importId = listReports.get(flag)!.importId;
      const flags = workspace.db.prepare('SELECT person_id AS personId, row_number AS rowNumber FROM person_flags WHERE import_id = ? AND flag = ? AND active = 1 ORDER BY row_number').all(importId, flag) as Array<{ personId: number; rowNumber: number }>;
      expect(flags, flag).toHaveLength(SEED_SHAPE.flags[flag]);
      const expectedRows = set.cohort.agencyLists[flag].flatMap((row, i) => (row.candidateRef === null ? [] : [{ personId: persons.get(row.candidateRef)!, rowNumber: listRowNumber(flag, i) }]));
      expect(flags, flag).toEqual(expectedRows);
    }
    expect(countFlags(workspace)).toEqual(SEED_SHAPE.flags);
    for (const flag of FLAG_NAMES) {
      const onList = new Set(set.cohort.candidates.filter((c) => c.flags[flag]).map((c) => persons.get(c.ref)));
      const active = workspace.db.prepare('SELECT DISTINCT person_id FROM person_flags WHERE flag = ? AND active = 1').pluck().all(flag) as number[];
      expect(new Set(active), flag).toEqual(onList);
    }
    expect(scalar(workspace, "SELECT COUNT(*) FROM link_reviews WHERE status = 'linked'")).toBe(reviews.length);
  });

  it('re-importing the same file changes nothing and says so', async () => {
    const before = snapshot(workspace);
    for (const flag of FLAG_NAMES) {
      const again = await run(workspace, set.files.lists[flag], `list:${flag}`);
      expect(again.status).toBe('duplicate');
      expect(again.importId).toBe(listReports.get(flag)!.importId);
      expect(again.messages.join(' ')).toMatch(/already imported .* nothing was changed/);
    }
    expect((await run(workspace, set.files.candidatesXlsx, 'candidates')).status).toBe('duplicate');
    expect(snapshot(workspace)).toEqual(before);
  });

  it('a newer version of a list adds to the older one; replacing it is a choice, previewed exactly', async () => {
    const old = listReports.get('asb')!;
    const persons = personOfRef(workspace);
    const onList = new Set(set.cohort.agencyLists.asb.map((r) => r.candidateRef));
    const newcomer = set.cohort.candidates.find((c) => !onList.has(c.ref) && c.surname !== FORMULA_INJECTION_SURNAME && !c.surname.includes(','))!;
    const lines = readFileSync(set.files.lists.asb, 'utf8').split('\r\n');
    const replaced = set.cohort.agencyLists.asb[0]!;
    lines[1] = [newcomer.surname, firstForename(newcomer.forenames), formatDmy(newcomer.dob), newcomer.pnc.short, '5'].join(',');
    const newer = temp.path('list_repeat_asb_v2.csv');
    writeFileSync(newer, lines.join('\r\n'));
    const asbPeople = () => scalar(workspace, "SELECT COUNT(DISTINCT person_id) FROM person_flags WHERE flag = 'asb' AND active = 1");
    const before = asbPeople();
    expect(before).toBe(SEED_SHAPE.flags.asb);

    // Without --replace: the newer list adds its one new person and takes nobody's flag away.
    const added = await run(workspace, newer, 'list:asb');
    expect(added).toMatchObject({ status: 'imported', supersededImportId: null, replaced: null });
    expect(asbPeople()).toBe(before + 1);
    expect(scalar(workspace, 'SELECT COUNT(*) FROM person_flags WHERE import_id = ? AND active = 1', old.importId)).toBe(SEED_SHAPE.flags.asb);

    // Undo that, then replace explicitly: the preview (a rolled-back run) says exactly what the act does.
    expect(undoImport(workspace, added.importId, ACTOR)).toMatchObject({ flagsRemoved: SEED_SHAPE.flags.asb, peopleRemoved: 0, flagChanges: [{ flag: 'asb', before: before + 1, after: before }] });
    expect(asbPeople()).toBe(before);
    const beforePreview = snapshot(workspace);
    const preview = await importFile(workspace, { path: newer, kind: 'list:asb', replaceImportId: old.importId, dryRun: true }, { actor: ACTOR });
    expect(preview.dryRun).toBe(true);
    expect(preview.replaced).toMatchObject({ importId: old.importId, flagsRemoved: SEED_SHAPE.flags.asb, peopleRemoved: 0, arrestsRemoved: 0 });
    expect(snapshot(workspace)).toEqual(beforePreview);
    const report = await importFile(workspace, { path: newer, kind: 'list:asb', replaceImportId: old.importId }, { actor: ACTOR });
    expect(report).toMatchObject({ status: 'imported', dryRun: false, supersededImportId: old.importId, flagsSet: SEED_SHAPE.flags.asb, replaced: preview.replaced });
    expect(scalar(workspace, 'SELECT COUNT(*) FROM person_flags WHERE import_id = ?', old.importId)).toBe(0);
    expect(workspace.db.prepare('SELECT undone_at IS NOT NULL FROM imports WHERE id = ?').pluck().get(old.importId)).toBe(1);
    const newFlags = workspace.db.prepare('SELECT person_id FROM person_flags WHERE import_id = ? AND active = 1').pluck().all(report.importId) as number[];
    expect(newFlags).toHaveLength(SEED_SHAPE.flags.asb);
    expect(newFlags).toContain(persons.get(newcomer.ref));
    expect(newFlags).not.toContain(persons.get(replaced.candidateRef!));
    // The person the newer list left out keeps the flag only where another list (the long list's own ASB column) gives it.
    const keptElsewhere = scalar(workspace, "SELECT COUNT(*) FROM person_flags WHERE person_id = ? AND flag = 'asb' AND active = 1", persons.get(replaced.candidateRef!));
    expect(asbPeople()).toBe(before + 1 - (keptElsewhere ? 0 : 1));
    expect(workspace.db.prepare('SELECT supersedes_import_id FROM imports WHERE id = ?').pluck().get(report.importId)).toBe(old.importId);
  });
});

describe('linking without PNCs', () => {
  it('links exact names and DOBs automatically and queues initials, swapped names and swapped dates', async () => {
    const workspace = newWorkspace();
    await run(workspace, set.files.candidatesCsv, 'candidates');
    // Every person on any agency list once, spelt as that list spells them, with the PNC left off.
    const byRef = new Map<number, SyntheticListRow>();
    for (const flag of FLAG_NAMES) {
      for (const row of set.cohort.agencyLists[flag]) {
        if (row.candidateRef === null) continue;
        const seen = byRef.get(row.candidateRef);
        if (!seen || row.variations.length > seen.variations.length) byRef.set(row.candidateRef, row);
      }
    }
    const rows = [...byRef.values()];
    const path = temp.path('yos_no_pnc.csv');
    writeFileSync(path, ['Surname,Forename,DOB', ...rows.map((r) => [r.surname, r.forename ?? '', r.dob ? formatDmy(r.dob) : ''].join(','))].join('\r\n'));
    const expected = rows.map((row) => expectedLink(row, false));
    expect(expected).toContain('review');
    expect(rows.some((r) => r.variations.includes('names_transposed'))).toBe(true);
    expect(rows.some((r) => r.variations.includes('dob_day_month_swapped'))).toBe(true);

    const report = await run(workspace, path, 'list:yos');
    expect(report).toMatchObject({ rowsRead: rows.length, rowsLinked: expected.filter((e) => e === 'auto').length, reviewsQueued: expected.filter((e) => e === 'review').length, rowsUnmatched: expected.filter((e) => e === 'review').length });
    expect(report.rowsImported + report.rowsRejected + report.rowsSkipped + report.rowsUnmatched).toBe(report.rowsRead);
    const refs = refOfPerson(workspace);
    const queued = new Map((workspace.db.prepare('SELECT id, row_number AS rowNumber FROM link_reviews WHERE import_id = ?').all(report.importId) as Array<{ id: number; rowNumber: number }>).map((q) => [q.rowNumber, q.id]));
    rows.forEach((row, i) => expect(queued.has(i + 2), `row ${i + 2} ${row.variations.join(',')}`).toBe(expected[i] === 'review'));

    for (const review of pendingLinkReviews(workspace, 500).reviews) {
      const row = rows[review.rowNumber - 2]!;
      expect(refs.get(review.personId!), `row ${review.rowNumber}`).toBe(row.candidateRef);
      decideLinkReview(workspace, review.id, 'link', ACTOR);
    }
    const flagged = workspace.db.prepare('SELECT person_id FROM person_flags WHERE import_id = ? AND active = 1').pluck().all(report.importId) as number[];
    expect(new Set(flagged.map((id) => refs.get(id)))).toEqual(new Set(rows.map((r) => r.candidateRef)));
  });

  it('a rejected review leaves the row unmatched and sets no flag', async () => {
    const workspace = newWorkspace();
    await run(workspace, set.files.candidatesCsv, 'candidates');
    // A twin: same surname and date of birth as a candidate, another forename. Close enough to
    // show the analyst, and the analyst knows it is someone else.
    const twinOf = set.cohort.candidates.find((c) => !c.surname.includes('=') && !c.surname.includes('’'))!;
    const path = temp.path('dtoa_twin.csv');
    writeFileSync(path, `Surname,Forename,DOB\r\n${twinOf.surname},Zebedee,${formatDmy(twinOf.dob)}\r\n`);
    const report = await run(workspace, path, 'list:dtoa');
    expect(report.reviewsQueued).toBe(1);
    const [review] = pendingLinkReviews(workspace, 10).reviews;
    expect(decideLinkReview(workspace, review!.id, 'reject', ACTOR).status).toBe('rejected');
    expect(scalar(workspace, 'SELECT COUNT(*) FROM person_flags WHERE import_id = ?', report.importId)).toBe(0);
    expect(scalar(workspace, 'SELECT rows_unmatched FROM imports WHERE id = ?', report.importId)).toBe(1);
    expect(scalar(workspace, "SELECT COUNT(*) FROM rejected_rows WHERE import_id = ? AND disposition = 'unmatched' AND row_number = 2", report.importId)).toBe(1);
  });

  it('replacing a list drops its pending reviews; the newer list\'s own reviews set its flags', async () => {
    const workspace = newWorkspace();
    await run(workspace, set.files.candidatesXlsx, 'candidates');
    const first = await run(workspace, set.files.lists.gangMidLow, 'list:gangMidLow');
    expect(first.reviewsQueued).toBeGreaterThan(0);
    const v2 = temp.path('list_gangs_midlow_v2.csv');
    writeFileSync(v2, `${readFileSync(set.files.lists.gangMidLow, 'utf8')}\r\n`);
    const second = await importFile(workspace, { path: v2, kind: 'list:gangMidLow', replaceImportId: first.importId }, { actor: ACTOR });
    expect(second.supersededImportId).toBe(first.importId);
    expect(second.replaced).toMatchObject({ reviewsPending: first.reviewsQueued });
    expect(scalar(workspace, 'SELECT COUNT(*) FROM link_reviews WHERE import_id = ?', first.importId)).toBe(0);
    for (const review of pendingLinkReviews(workspace, 100).reviews) decideLinkReview(workspace, review.id, 'link', ACTOR);
    expect(scalar(workspace, 'SELECT COUNT(*) FROM person_flags WHERE import_id = ?', first.importId)).toBe(0);
    expect(scalar(workspace, 'SELECT COUNT(*) FROM person_flags WHERE import_id = ? AND active = 1', second.importId)).toBe(SEED_SHAPE.flags.gangMidLow);
  });
});

describe('the arrests extract', () => {
  it('links every row to the long list by PNC and adds no arrest twice', async () => {
    const workspace = newWorkspace();
    await run(workspace, set.files.candidatesXls, 'candidates');
    const before = scalar(workspace, 'SELECT COUNT(*) FROM arrests');
    const report = await run(workspace, set.files.arrestsExtract, 'arrests');
    expect(report).toMatchObject({ status: 'imported', rowsRead: set.cohort.arrestsExtract.length, rowsLinked: set.cohort.arrestsExtract.length, peopleCreated: 0, arrestsAdded: 0, reviewsQueued: 0, rowsRejected: 0 });
    expect(scalar(workspace, 'SELECT COUNT(*) FROM arrests')).toBe(before);
    expect(scalar(workspace, IN_WINDOW_SQL)).toBe(SEED_SHAPE.arrestsInWindow);
  });

  it('on its own builds the same people and arrests', async () => {
    const workspace = newWorkspace();
    const report = await run(workspace, set.files.arrestsExtract, 'arrests');
    expect(report).toMatchObject({ peopleCreated: SEED_SHAPE.people, arrestsAdded: set.cohort.arrestsExtract.length, reviewsQueued: 0 });
    expect(scalar(workspace, IN_WINDOW_SQL)).toBe(SEED_SHAPE.arrestsInWindow);
    expect(arrestTuples(workspace)).toEqual(expectedArrests());
  });
});

describe('files that cannot be imported leave the workspace as it was', () => {
  let workspace: OpenWorkspace;
  beforeAll(async () => {
    workspace = newWorkspace();
    await run(workspace, set.files.candidatesCsv, 'candidates');
  });

  const cases: Array<{ name: string; write: (path: string) => void; file: string; code: string; message: RegExp }> = [
    {
      name: 'a sheet with no recognisable header',
      file: 'notes.csv',
      // Large enough that the reader has not reached the end (and closed the file) by itself.
      write: (path) => writeFileSync(path, `Minutes of the panel\r\n${'Item one,was discussed,12,34\r\n'.repeat(200_000)}`),
      code: 'bad_file',
      message: /does not look like a list: none of its first 30 rows looks like column headings/,
    },
    {
      name: 'a truncated xlsx',
      file: 'truncated.xlsx',
      write: (path) => {
        const bytes = readFileSync(set.files.candidatesXlsx);
        writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      },
      code: 'bad_file',
      message: /damaged or incomplete/,
    },
    {
      name: 'a PNG renamed .xlsx',
      file: 'photo.xlsx',
      write: (path) => writeFileSync(path, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256, 7)])),
      code: 'bad_file',
      message: /an image, not a spreadsheet/,
    },
    {
      name: 'a password-protected workbook',
      file: 'protected.xlsx',
      write: (path) => {
        const container = CFB.utils.cfb_new();
        CFB.utils.cfb_add(container, 'EncryptionInfo', Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]));
        CFB.utils.cfb_add(container, 'EncryptedPackage', Buffer.alloc(8192, 0x5a));
        writeFileSync(path, CFB.write(container, { type: 'buffer' }));
      },
      code: 'bad_file',
      message: /protected with a password/,
    },
  ];

  it.each(cases)('$name → a clear WorkspaceError, nothing written', async ({ file, write, code, message }) => {
    const path = temp.path(file);
    write(path);
    const before = snapshot(workspace);
    await expectWorkspaceError(run(workspace, path, 'candidates'), code, message);
    await expectWorkspaceError(run(workspace, path, 'list:dtoa'), code, message);
    expect(workspace.db.inTransaction).toBe(false);
    expect(snapshot(workspace)).toEqual(before);
    // A destroyed stream closes its descriptor on a later tick.
    await new Promise((r) => setTimeout(r, 50));
    expect(openHandlesOn(path)).toBe(0);
  });

  it('a list without the columns its kind needs is refused before anything is written', async () => {
    const path = temp.path('only_names.csv');
    writeFileSync(path, 'Surname,Forename,Borough\r\nSampleton,Jordan,Barnet\r\n');
    const before = snapshot(workspace);
    await expectWorkspaceError(run(workspace, path, 'list:asb'), 'bad_file', /has no column for: PNC, or a name with a date of birth/);
    expect(snapshot(workspace)).toEqual(before);
  });
});

describe('cancel', () => {
  it('in process: cancelled part way, nothing of the import is written', async () => {
    const workspace = newWorkspace();
    await run(workspace, set.files.candidatesCsv, 'candidates');
    const big = temp.path('arrests_5000.csv');
    await writeLargeArrestsCsv(big, 5_000, 7);
    const before = snapshot(workspace);
    let rowsSeen = 0;
    let checks = 0;
    const error = await run(workspace, big, 'arrests', {
      onProgress: (p) => {
        rowsSeen = Math.max(rowsSeen, p.rows);
      },
      isCancelled: () => {
        checks += 1;
        return rowsSeen >= 2_000;
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportCancelled);
    expect((error as ImportCancelled).code).toBe('cancelled');
    expect(rowsSeen).toBeGreaterThanOrEqual(2_000);
    expect(rowsSeen).toBeLessThan(5_000);
    expect(checks).toBeGreaterThan(1);
    expect(workspace.db.inTransaction).toBe(false);
    expect(snapshot(workspace)).toEqual(before);
    // And the same file imports normally afterwards: the cancelled attempt left no trace.
    expect((await run(workspace, big, 'arrests')).status).toBe('imported');
  });
});

describe('large arrests extracts: coded lines, arrests written in sorted batches', () => {
  const indexes = (workspace: OpenWorkspace) => workspace.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();

  it('stores exactly what the general row path stores, and leaves every index in place', async () => {
    const big = temp.path('arrests_bulk.csv');
    // A seed whose 4,000 generated arrests are all distinct (the generator can repeat one by chance).
    await writeLargeArrestsCsv(big, 4_000, 31);
    // Fifty arrests sent twice (an extract re-run over an overlapping period): kept once each.
    const lines = readFileSync(big, 'utf8').split('\r\n');
    writeFileSync(big, [...lines.slice(0, -1), ...lines.slice(100, 150), ''].join('\r\n'));
    const bulk = newWorkspace();
    const plain = newWorkspace();
    const before = indexes(bulk);
    const bulkReport = await run(bulk, big, 'arrests');
    const plainReport = await run(plain, big, 'arrests', { codeLines: false });
    expect({ ...bulkReport, sha256: '', importId: 0 }).toEqual({ ...plainReport, sha256: '', importId: 0 });
    expect(bulkReport.rowsRead).toBe(4_050);
    expect(bulkReport.arrestsAdded).toBe(4_000);
    expect(indexes(bulk)).toEqual(before);
    expect(peopleTuples(bulk)).toEqual(peopleTuples(plain));
    expect(arrestTuples(bulk)).toEqual(arrestTuples(plain));
    // A repeated arrest is kept once, from its first row in the file, as a row-by-row insert would.
    const firstRow = new Map<string, number>();
    readFileSync(big, 'utf8').split('\r\n').slice(1, -1).forEach((line, i) => {
      const [pnc, , , , date, offence] = line.split(',');
      const key = `${pnc}|${date!.slice(6, 10)}-${date!.slice(3, 5)}-${date!.slice(0, 2)}|${offence}`;
      if (!firstRow.has(key)) firstRow.set(key, i + 2);
    });
    expect(firstRow.size).toBe(4_000);
    const kept = bulk.db.prepare('SELECT p.pnc, a.arrest_date AS date, a.offence, a.row_number AS rowNumber FROM arrest_details a JOIN people p ON p.id = a.person_id').all() as Array<{ pnc: string; date: string; offence: string; rowNumber: number }>;
    expect(new Map(kept.map((a) => [`${a.pnc}|${a.date}|${a.offence}`, a.rowNumber]))).toEqual(firstRow);
    expect(bulk.db.prepare('EXPLAIN QUERY PLAN SELECT COUNT(*) FROM arrests WHERE arrest_ymd > 20120101').all()).toEqual(plain.db.prepare('EXPLAIN QUERY PLAN SELECT COUNT(*) FROM arrests WHERE arrest_ymd > 20120101').all());
  });

  it('a cancelled large arrests import leaves every table and index as it was', async () => {
    const workspace = newWorkspace();
    await run(workspace, set.files.candidatesCsv, 'candidates');
    const big = temp.path('arrests_bulk_cancel.csv');
    await writeLargeArrestsCsv(big, 3_000, 29);
    const before = snapshot(workspace);
    const indexesBefore = indexes(workspace);
    let rows = 0;
    const error = await run(workspace, big, 'arrests', { onProgress: (p) => (rows = Math.max(rows, p.rows)), isCancelled: () => rows >= 1_000 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportCancelled);
    expect(indexes(workspace)).toEqual(indexesBefore);
    expect(snapshot(workspace)).toEqual(before);
  });
});

describe('the import worker thread', () => {
  let ctx: AppContext;
  let workspace: OpenWorkspace;

  beforeAll(() => {
    workspace = createWorkspaceFile(temp.path('worker.iomdb'), 'Worker', TEST_PASSPHRASE, TEST_PASSPHRASE);
    ctx = { session: new AppSession(), host: { kind: 'test' }, actor: ACTOR, jobs: new JobRegistry(), importWorkerPath: IMPORT_WORKER_PATH };
    ctx.session.adopt(workspace, TEST_PASSPHRASE);
  });
  afterAll(() => ctx?.session.lock('user'));

  it('imports off the main thread with the same result as in process', async () => {
    const jobId = startImportJob(ctx, { path: set.files.candidatesXlsx, kind: 'candidates' });
    const state = await ctx.jobs.settle(jobId);
    expect(state.error).toBeNull();
    expect(state.state).toBe('done');
    expect(state.result).toMatchObject({ status: 'imported', peopleCreated: SEED_SHAPE.people, rowsRejected: 0, reviewsQueued: 0 });
    // The worker wrote through its own connection; the app's connection sees the commit.
    expect(scalar(workspace, 'SELECT COUNT(*) FROM people')).toBe(SEED_SHAPE.people);
    expect(scalar(workspace, IN_WINDOW_SQL)).toBe(SEED_SHAPE.arrestsInWindow);
    expect(peopleTuples(workspace)).toEqual(expectedPeople());

    const listJob = startImportJob(ctx, { path: set.files.lists.dtoa, kind: 'list:dtoa' });
    const listState = await ctx.jobs.settle(listJob);
    expect(listState.state).toBe('done');
    expect(listState.result?.messages).toContain('1 DTOA row matched no candidate.');
  });

  it('is cancelled through the job registry and commits nothing', async () => {
    const big = temp.path('arrests_worker.csv');
    await writeLargeArrestsCsv(big, 60_000, 11);
    const before = snapshot(workspace);
    const jobId = startImportJob(ctx, { path: big, kind: 'arrests' });
    for (let i = 0; i < 1000 && ctx.jobs.status(jobId).rows < 1_000; i++) await new Promise((r) => setTimeout(r, 10));
    expect(ctx.jobs.status(jobId)).toMatchObject({ state: 'running', phase: 'Importing rows' });
    expect(ctx.jobs.cancel(jobId)).toBe(true);
    const state = await ctx.jobs.settle(jobId);
    expect(state.state).toBe('cancelled');
    expect(state.error?.code).toBe('cancelled');
    expect(snapshot(workspace)).toEqual(before);
  });

  it('reports a bad file as a failed job with the reader message', async () => {
    const path = temp.path('worker_photo.xlsx');
    writeFileSync(path, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]));
    const state = await ctx.jobs.settle(startImportJob(ctx, { path, kind: 'candidates' }));
    expect(state).toMatchObject({ state: 'failed', error: { code: 'bad_file', message: expect.stringMatching(/not a spreadsheet/) as unknown as string } });
  });
});

describe('rejected rows export as CSV', () => {
  it('lists every issue with its row, disposition, reason and cells, formulas neutralised', async () => {
    const workspace = newWorkspace();
    const path = temp.path('messy_list.csv');
    writeFileSync(
      path,
      [
        'Surname,Forename,DOB,PNC',
        '=HYPERLINK("http://x"),Jordan,,',
        '"Notley-Real, Jr",+44 20,31/02/1990,',
        ',,,',
        '@SUM(A1),-1,,2011/ABC',
      ].join('\r\n'),
    );
    const report = await run(workspace, path, 'list:dtoa');
    expect(report).toMatchObject({ rowsRead: 4, rowsRejected: 3, rowsSkipped: 1 });
    const csv = rejectedRowsCsv(workspace, report.importId);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toEqual([
      'Row,Disposition,Reason,Surname,Forename,DOB,PNC',
      `2,rejected,no PNC and no date of birth: a name alone cannot identify the person safely.,"'=HYPERLINK(""http://x"")",Jordan,,`,
      `3,rejected,"date of birth: ""31/02/1990"" is not a real date: February 1990 has 28 days.","Notley-Real, Jr",'+44 20,31/02/1990,`,
      '4,skipped,blank row,,,,',
      expect.stringMatching(/^5,rejected,"""2011\/ABC"" is not a PNC ID: .* There is no name with a date of birth to link by instead\.",'@SUM\(A1\),'-1,,2011\/ABC$/) as unknown as string,
      '',
    ]);
    await expectWorkspaceError(Promise.resolve().then(() => rejectedRowsCsv(workspace, 9_999)), 'not_found', /No such import in this workspace: reload the list of imports/);
  });

  it('neutralises every character that starts a formula, and quotes what CSV needs quoted', () => {
    expect(['=1+1', '+1', '-1', '@A1', '\tcmd', '\rcmd', 'plain', 'a,b', 'say "hi"', 'two\nlines'].map(csvField)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@A1",
      "'\tcmd",
      `"'\rcmd"`,
      'plain',
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
    ]);
  });
});

describe('iom-cohort CLI', () => {
  it('import --json prints the ImportReport; demo builds the seed-shaped workspace; summary agrees', () => {
    const env = { IOM_PASSPHRASE: TEST_PASSPHRASE };
    const path = temp.path('cli.iomdb');
    expect(runCli(['init', path], env).status).toBe(0);
    const candidates = runCli(['import', path, set.files.candidatesCsv, '--kind', 'candidates', '--json'], env);
    expect(candidates.stderr).toBe('');
    expect(candidates.status).toBe(0);
    expect(JSON.parse(candidates.stdout)).toMatchObject({ status: 'imported', kind: 'candidates', peopleCreated: SEED_SHAPE.people });
    const dtoa = runCli(['import', path, set.files.lists.dtoa, '--kind', 'list:dtoa', '--json'], env);
    expect(dtoa.status).toBe(0);
    const report = JSON.parse(dtoa.stdout) as ImportReport;
    expect(report).toMatchObject({ status: 'imported', kind: 'list:dtoa', sheet: 'DTOA positives', rowsRead: set.cohort.agencyLists.dtoa.length, rowsUnmatched: 1, peopleCreated: 0 });
    expect(report.messages).toContain('1 DTOA row matched no candidate.');
    const again = runCli(['import', path, set.files.lists.dtoa, '--kind', 'list:dtoa', '--json'], env);
    expect((JSON.parse(again.stdout) as ImportReport).status).toBe('duplicate');
    const bad = runCli(['import', path, set.files.lists.dtoa, '--kind', 'list:nonsense'], env);
    expect(bad.status).toBe(64);

    const demoPath = temp.path('demo.iomdb');
    const demo = runCli(['demo', demoPath], env);
    expect(demo.status).toBe(0);
    expect(demo.stdout).toMatch(/170 people/);
    const summary = JSON.parse(runCli(['summary', demoPath, '--json'], env).stdout) as { people: number; arrests: number; flags: Record<FlagName, number> };
    expect(summary.people).toBe(SEED_SHAPE.people);
    expect(summary.flags).toEqual(SEED_SHAPE.flags);
  });
});

/** Guards the helpers above: a dob helper that silently returned the wrong date would make every check vacuous. */
describe('fixture helpers', () => {
  it('formats and numbers rows as the files hold them', () => {
    const first: IsoDate = candidate(1).dob;
    expect(formatDmy(first)).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(listRowNumber('dtoa', 0)).toBe(4);
    expect(listRowNumber('asb', 0)).toBe(2);
    const asbLines = readFileSync(set.files.lists.asb, 'utf8').split('\r\n');
    expect(asbLines[1]).toContain(set.cohort.agencyLists.asb[0]!.surname);
  });
});
