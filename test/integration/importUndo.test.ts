/**
 * Undoing an import and replacing one (issue 15 point 3), on generated synthetic lists in a real
 * encrypted workspace and through the built CLI: what goes is exactly what the preview said, what
 * other lists or the panel still name stays, and the same file can be imported again afterwards.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePncCheckLetter } from '../../shared/domain/pnc';
import { importFile } from '../../electron/import/importEngine';
import { previewImportUndo, undoImport } from '../../electron/import/importUndo';
import { decideLinkReview, pendingLinkReviews } from '../../electron/links/linkReviews';
import { verifyAuditChain } from '../../electron/workspace/auditLog';
import { closeWorkspace, createWorkspaceFile, openWorkspaceFile, type OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { WorkspaceError } from '../../electron/workspace/workspaceErrors';
import type { ImportKindId } from '../../shared/domain/importKinds';
import { ensureNodeBuild } from '../support/nodeBuild';
import { runCli } from '../support/runCli';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

const ACTOR = 'undo-test';
let temp: TempDir;
const opened: OpenWorkspace[] = [];

beforeAll(() => {
  temp = makeTempDir('iom-undo-');
  ensureNodeBuild();
}, 180_000);

afterAll(() => {
  for (const workspace of opened) if (workspace.db.open) closeWorkspace(workspace);
  temp?.remove();
});

/** A valid long-form PNC for a year and serial. */
function pnc(year: number, serial: number): string {
  return `${year}/${String(serial).padStart(7, '0')}${computePncCheckLetter(year % 100, serial)}`;
}

interface Person {
  surname: string;
  forename: string;
  dob: string;
  pnc: string;
}

const PEOPLE: Person[] = [
  { surname: 'Ashdown', forename: 'Ada', dob: '02/03/1990', pnc: pnc(2008, 1001) },
  { surname: 'Brannock', forename: 'Bea', dob: '14/07/1988', pnc: pnc(2006, 2002) },
  { surname: 'Corvell', forename: 'Cal', dob: '30/11/1992', pnc: pnc(2010, 3003) },
  { surname: 'Dunmere', forename: 'Dov', dob: '05/05/1985', pnc: pnc(2003, 4004) },
];

function writeCsv(name: string, lines: string[]): string {
  const path = temp.path(name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

/** Candidates A, B, C with an address and DTOA marks for A and B. */
function candidatesFile(): string {
  return writeCsv('candidates.csv', [
    'Surname,Forename,DOB,PNC,Address,DTOA',
    ...PEOPLE.slice(0, 3).map((p, i) => `${p.surname},${p.forename},${p.dob},${p.pnc},${i + 1} High Street,${i < 2 ? 'Y' : ''}`),
  ]);
}

/** Arrests of B (on the long list) and D (new: the extract creates D). */
function arrestsFile(): string {
  const [, b, , d] = PEOPLE as [Person, Person, Person, Person];
  return writeCsv('arrests.csv', [
    'PNC,Surname,Forename,DOB,Arrest date,Offence,Borough',
    `${b.pnc},${b.surname},${b.forename},${b.dob},01/02/2013,Burglary - Residential,Barnet`,
    `${b.pnc},${b.surname},${b.forename},${b.dob},03/04/2013,Shoplifting,Barnet`,
    `${d.pnc},${d.surname},${d.forename},${d.dob},05/06/2013,Robbery - Personal Property,Barnet`,
  ]);
}

let counter = 0;
function newWorkspace(): { workspace: OpenWorkspace; path: string } {
  counter += 1;
  const path = temp.path(`u${counter}.iomdb`);
  const workspace = createWorkspaceFile(path, `Undo ${counter}`, TEST_PASSPHRASE, TEST_PASSPHRASE);
  opened.push(workspace);
  return { workspace, path };
}

function run(workspace: OpenWorkspace, path: string, kind: ImportKindId, extra: { replaceImportId?: number; dryRun?: boolean } = {}) {
  return importFile(workspace, { path, kind, ...extra }, { actor: ACTOR });
}

function scalar(workspace: OpenWorkspace, sql: string, ...params: unknown[]): number {
  return workspace.db.prepare(sql).pluck().get(...params) as number;
}

const TABLES = ['imports', 'people', 'person_field_sources', 'arrest_terms', 'arrests', 'person_flags', 'rejected_rows', 'link_reviews', 'long_list_entries', 'audit_log'];

function checksum(workspace: OpenWorkspace): string {
  const hash = createHash('sha256');
  for (const table of TABLES) {
    const rows = workspace.db.prepare(`SELECT * FROM ${table} ORDER BY ${table === 'arrests' ? 'person_id, arrest_ymd, offence_id' : table === 'long_list_entries' ? 'person_id, import_id' : 'rowid'}`).all();
    hash.update(`${table}\n${JSON.stringify(rows)}\n`);
  }
  return hash.digest('hex');
}

describe('undoing an import', () => {
  it('takes its people, flags, values and long-list places, keeps who others name, and is exactly its preview', async () => {
    const { workspace } = newWorkspace();
    const candidates = await run(workspace, candidatesFile(), 'candidates');
    expect(candidates).toMatchObject({ peopleCreated: 3, flagsSet: 2 });
    const arrests = await run(workspace, arrestsFile(), 'arrests');
    expect(arrests).toMatchObject({ peopleCreated: 1, arrestsAdded: 3, rowsLinked: 2 });
    // A later DTOA list names C: a flag from another list, which the undo must leave.
    const c = PEOPLE[2]!;
    const dtoa = await run(workspace, writeCsv('dtoa.csv', ['Surname,Forename,DOB,PNC', `${c.surname},${c.forename},${c.dob},${c.pnc}`]), 'list:dtoa');
    expect(dtoa.flagsSet).toBe(1);

    const before = checksum(workspace);
    const preview = previewImportUndo(workspace, candidates.importId, ACTOR);
    expect(checksum(workspace)).toBe(before);
    // A goes (only the long list named A); B has arrests from the extract, C a DTOA flag: both stay.
    expect(preview).toMatchObject({
      importId: candidates.importId,
      peopleRemoved: 1,
      peopleKept: 2,
      arrestsRemoved: 0,
      flagsRemoved: 2,
      flagChanges: [{ flag: 'dtoa', before: 3, after: 1 }],
      peopleLeavingLongList: 2,
      replacedImportId: null,
    });
    expect(preview.peopleRemovedSample.map((p) => p.name)).toEqual(['Ada Ashdown']);

    const done = undoImport(workspace, candidates.importId, ACTOR, { peopleRemoved: preview.peopleRemoved, arrestsRemoved: preview.arrestsRemoved, flagsRemoved: preview.flagsRemoved });
    expect(done).toEqual(preview);
    expect(scalar(workspace, 'SELECT COUNT(*) FROM people')).toBe(3);
    expect(scalar(workspace, 'SELECT COUNT(*) FROM people WHERE on_long_list = 1')).toBe(0);
    // The address only the undone list gave is gone from the people who stay.
    expect(scalar(workspace, 'SELECT COUNT(*) FROM people WHERE address IS NOT NULL')).toBe(0);
    expect(scalar(workspace, 'SELECT COUNT(*) FROM person_field_sources WHERE import_id = ?', candidates.importId)).toBe(0);
    expect(scalar(workspace, "SELECT COUNT(*) FROM person_flags WHERE flag = 'dtoa' AND active = 1")).toBe(1);
    expect(scalar(workspace, 'SELECT COUNT(*) FROM arrests')).toBe(3);
    expect(workspace.db.prepare('SELECT sha256 FROM imports WHERE id = ?').pluck().get(candidates.importId)).toBe(`undone/${candidates.importId}/${candidates.sha256}`);
    const audit = workspace.db.prepare("SELECT detail FROM audit_log WHERE action = 'import.undo'").pluck().all() as string[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).not.toMatch(/Ashdown|Ada|High Street/);
    expect(verifyAuditChain(workspace.db).ok).toBe(true);

    // Undone once is undone; the same file can come in again and is whole again.
    expect(() => undoImport(workspace, candidates.importId, ACTOR)).toThrow(WorkspaceError);
    const again = await run(workspace, candidatesFile(), 'candidates');
    expect(again).toMatchObject({ status: 'imported', peopleCreated: 1, rowsLinked: 2 });
    expect(scalar(workspace, 'SELECT COUNT(*) FROM people WHERE on_long_list = 1')).toBe(3);
    expect(scalar(workspace, "SELECT COUNT(DISTINCT person_id) FROM person_flags WHERE flag = 'dtoa' AND active = 1")).toBe(3);
  });

  it('undoing an extract takes its arrests and the people only it created, and undoes the link decisions on its rows', async () => {
    const { workspace } = newWorkspace();
    await run(workspace, candidatesFile(), 'candidates');
    // B's second row spells the forename as an initial with no PNC: a review, linked by the analyst.
    const [, b] = PEOPLE as [Person, Person];
    const extract = writeCsv('arrests_review.csv', [
      'PNC,Surname,Forename,DOB,Arrest date,Offence,Borough',
      `,${b.surname},B,${b.dob},07/08/2013,Criminal damage,Barnet`,
      `${PEOPLE[3]!.pnc},${PEOPLE[3]!.surname},${PEOPLE[3]!.forename},${PEOPLE[3]!.dob},05/06/2013,Robbery - Personal Property,Barnet`,
    ]);
    const report = await run(workspace, extract, 'arrests');
    expect(report.reviewsQueued).toBe(1);
    const [review] = pendingLinkReviews(workspace, 10).reviews;
    decideLinkReview(workspace, review!.id, 'link', ACTOR);
    expect(scalar(workspace, 'SELECT COUNT(*) FROM arrests')).toBe(2);
    const people = scalar(workspace, 'SELECT COUNT(*) FROM people');

    const removal = undoImport(workspace, report.importId, ACTOR);
    expect(removal).toMatchObject({ peopleRemoved: 1, arrestsRemoved: 2, linkDecisionsUndone: 1, reviewsPending: 0 });
    expect(scalar(workspace, 'SELECT COUNT(*) FROM arrests')).toBe(0);
    expect(scalar(workspace, 'SELECT COUNT(*) FROM people')).toBe(people - 1);
    expect(scalar(workspace, 'SELECT COUNT(*) FROM link_reviews')).toBe(0);
    // The offence wordings no arrest uses any more go with them.
    expect(scalar(workspace, 'SELECT COUNT(*) FROM arrest_terms')).toBe(0);
  });

  it('keeps a person the panel or the analyst has worked on, and refuses when the preview no longer holds', async () => {
    const { workspace } = newWorkspace();
    const report = await run(workspace, candidatesFile(), 'candidates');
    const ada = scalar(workspace, "SELECT id FROM people WHERE surname = 'Ashdown'");
    workspace.db.prepare("INSERT INTO person_notes (person_id, text, author, created_at) VALUES (?, 'seen at panel', 'analyst', '2026-01-01T00:00:00Z')").run(ada);
    const preview = previewImportUndo(workspace, report.importId, ACTOR);
    expect(preview).toMatchObject({ peopleRemoved: 2, peopleKept: 1 });
    const before = checksum(workspace);
    expect(() => undoImport(workspace, report.importId, ACTOR, { peopleRemoved: 3, arrestsRemoved: 0, flagsRemoved: 2 })).toThrow(/changed since the preview/);
    expect(checksum(workspace)).toBe(before);
  });
});

describe('replacing an import', () => {
  it('keeps what both versions hold: the arrests and people of a list replaced by a copy of itself stay', async () => {
    const { workspace } = newWorkspace();
    await run(workspace, candidatesFile(), 'candidates');
    const first = await run(workspace, arrestsFile(), 'arrests');
    const copy = writeCsv('arrests_copy.csv', [...readFileSync(arrestsFile(), 'utf8').trimEnd().split('\r\n'), '']);
    const people = scalar(workspace, 'SELECT COUNT(*) FROM people');
    const report = await run(workspace, copy, 'arrests', { replaceImportId: first.importId });
    expect(report.replaced).toMatchObject({ arrestsRemoved: 3, peopleRemoved: 0 });
    expect(report.arrestsAdded).toBe(3);
    expect(scalar(workspace, 'SELECT COUNT(*) FROM arrests')).toBe(3);
    expect(scalar(workspace, 'SELECT COUNT(*) FROM arrests WHERE import_id = ?', report.importId)).toBe(3);
    expect(scalar(workspace, 'SELECT COUNT(*) FROM people')).toBe(people);
  });
});

describe('the CLI', () => {
  it('undo-import and import --replace show what goes and change nothing without --yes', async () => {
    const { workspace, path } = newWorkspace();
    const first = await run(workspace, writeCsv('dtoa_v1.csv', ['Surname,Forename,DOB,PNC', ...PEOPLE.map((p) => `${p.surname},${p.forename},${p.dob},${p.pnc}`)]), 'list:dtoa');
    expect(first.rowsUnmatched).toBe(4);
    closeWorkspace(workspace);
    const env = { IOM_PASSPHRASE: TEST_PASSPHRASE };
    expect(runCli(['import', path, candidatesFile(), '--kind', 'candidates'], env).status).toBe(0);
    const v2 = writeCsv('dtoa_v2.csv', ['Surname,Forename,DOB,PNC', `${PEOPLE[2]!.surname},${PEOPLE[2]!.forename},${PEOPLE[2]!.dob},${PEOPLE[2]!.pnc}`]);

    // The candidates list (import 2) flags A and B; a shorter DTOA list adds C and takes nothing.
    const added = runCli(['import', path, v2, '--kind', 'list:dtoa', '--json'], env);
    expect(added.status).toBe(0);
    const addedReport = JSON.parse(added.stdout) as { importId: number; supersededImportId: number | null };
    expect(addedReport.supersededImportId).toBeNull();
    const summary = () => JSON.parse(runCli(['summary', path, '--json'], env).stdout) as { flags: Record<string, number>; people: number };
    expect(summary().flags.dtoa).toBe(3);

    const preview = runCli(['undo-import', path, String(addedReport.importId)], env);
    expect(preview.status).toBe(2);
    expect(preview.stdout).toMatch(/1 flag removed/);
    expect(preview.stdout).toMatch(/dtoa: 3 → 2 people/);
    expect(preview.stderr).toMatch(/Nothing was changed: run again with --yes/);
    expect(summary().flags.dtoa).toBe(3);
    const undone = runCli(['undo-import', path, String(addedReport.importId), '--yes'], env);
    expect(undone.status).toBe(0);
    expect(undone.stdout).toMatch(/^Undone: import/m);
    expect(summary().flags.dtoa).toBe(2);

    // Replacing the candidates list (import 2) with the one-person DTOA list is refused: another kind.
    const wrongKind = runCli(['import', path, v2, '--kind', 'list:dtoa', '--replace', '2'], env);
    expect(wrongKind.status).not.toBe(0);
    expect(wrongKind.stderr).toMatch(/can only replace a list of its own kind/);
    const replacePreview = runCli(['import', path, v2, '--kind', 'list:dtoa', '--replace', String(first.importId)], env);
    expect(replacePreview.status).toBe(2);
    expect(replacePreview.stdout).toMatch(/Preview only: nothing was changed/);
    expect(replacePreview.stdout).toMatch(/4 set-aside rows/);
    const replaced = runCli(['import', path, v2, '--kind', 'list:dtoa', '--replace', String(first.importId), '--yes'], env);
    expect(replaced.status).toBe(0);
    expect(replaced.stdout).toMatch(/Replaced import/);
    expect(summary().flags.dtoa).toBe(3);
    const reopened = openWorkspaceFile(path, TEST_PASSPHRASE);
    opened.push(reopened);
    expect(scalar(reopened, 'SELECT COUNT(*) FROM rejected_rows WHERE import_id = ?', first.importId)).toBe(0);
    expect(scalar(reopened, 'SELECT undone_at IS NOT NULL FROM imports WHERE id = ?', first.importId)).toBe(1);
  });
});
