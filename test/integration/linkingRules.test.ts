/**
 * Linking that a custody sergeant would accept (issue 15 point 4), in the registry and through a
 * real import into an encrypted workspace: a PNC on a row whose surname and date of birth both
 * disagree is a keying slip for review, not a merge; placeholder dates of birth are no evidence and
 * no blocking key; two different valid PNCs are never a possible match; and a fifth of an extract
 * sharing one date of birth and surname stays linear (blocks capped, the cap reported).
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_LIMIT, PersonRegistry } from '../../electron/import/personRegistry';
import { importFile } from '../../electron/import/importEngine';
import { pendingLinkReviews, decideLinkReview } from '../../electron/links/linkReviews';
import { closeWorkspace, createWorkspaceFile, type OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { possibleDuplicatePncs } from '../../electron/links/duplicatePncReport';
import { ensureNodeBuild } from '../support/nodeBuild';
import { runCli } from '../support/runCli';
import { indexKeys, scorePair } from '../../shared/links/recordLinkage';
import { findBestCandidates } from '../support/linkReference';
import { isPlaceholderDob, PLACEHOLDER_DATES_OF_BIRTH } from '../../shared/import/placeholderDates';
import { makeSyntheticPnc } from '../../shared/workspace/syntheticCohort';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

const ACTOR = 'linking-test';
let temp: TempDir;
const opened: OpenWorkspace[] = [];

beforeAll(() => {
  temp = makeTempDir('iom-linking-');
  ensureNodeBuild();
}, 180_000);

afterAll(() => {
  for (const workspace of opened) closeWorkspace(workspace);
  temp?.remove();
});

const pncA = makeSyntheticPnc(2005, 111_111);
const pncB = makeSyntheticPnc(2007, 222_222);

describe('placeholder dates of birth', () => {
  it('are listed with a reason each and count as unknown: no evidence, no blocking key', () => {
    expect(PLACEHOLDER_DATES_OF_BIRTH.map((p) => p.date)).toEqual(expect.arrayContaining(['1900-01-01', '1901-01-01']));
    for (const p of PLACEHOLDER_DATES_OF_BIRTH) expect(p.reason.length).toBeGreaterThan(10);
    expect(isPlaceholderDob('1990-01-01')).toBe(false);
    const a = { surname: 'Pellow', forenames: 'Ruth', dob: '1900-01-01' };
    const score = scorePair(a, { surname: 'Pellow', forenames: 'Ruth', dob: '1900-01-01' });
    expect(score.fields.find((f) => f.field === 'dob')).toMatchObject({ level: 'missing', weight: 0 });
    expect(score.fields.find((f) => f.field === 'dob')!.explanation).toMatch(/placeholder/);
    // Names alone are worth a look, never an automatic link.
    expect(new PersonRegistry().match(a).kind).toBe('none');
    expect(indexKeys(a, undefined).some((k) => k.startsWith('d:') || k.startsWith('sy:'))).toBe(false);
    const registry = new PersonRegistry();
    registry.add({ id: 1, pnc: null, ...a });
    expect(registry.match(a)).toMatchObject({ kind: 'review', personId: 1 });
    // Different people who both carry the placeholder are not drawn together by it.
    expect(registry.match({ pnc: null, surname: 'Quennell', forenames: 'Abe', dob: '1900-01-01' })).toEqual({ kind: 'none' });
  });
});

describe('a PNC match', () => {
  it('whose surname and date of birth both disagree is a conflict for review; one agreeing field is enough to link', () => {
    const registry = new PersonRegistry();
    registry.add({ id: 1, pnc: pncA.long, surname: 'Hartwell', forenames: 'Sean', dob: '1988-04-12' });
    expect(registry.match({ pnc: pncA.long, surname: 'Okafor', forenames: 'Daniel', dob: '1975-09-30' })).toMatchObject({ kind: 'pncConflict', personId: 1 });
    expect(registry.match({ pnc: pncA.long, surname: 'Okafor', forenames: 'Daniel', dob: '1988-04-12' })).toEqual({ kind: 'pnc', personId: 1 });
    expect(registry.match({ pnc: pncA.long, surname: 'Hartwel', forenames: 'Sean', dob: '1975-09-30' })).toEqual({ kind: 'pnc', personId: 1 });
    // A placeholder or a missing date is no disagreement.
    expect(registry.match({ pnc: pncA.long, surname: 'Okafor', forenames: 'Daniel', dob: '1900-01-01' })).toEqual({ kind: 'pnc', personId: 1 });
    expect(registry.match({ pnc: pncA.long, surname: 'Okafor', forenames: 'Daniel', dob: null })).toEqual({ kind: 'pnc', personId: 1 });
  });
});

describe('two different valid PNCs', () => {
  it('are never queued as a possible match, however alike the rest', () => {
    const registry = new PersonRegistry();
    const person = { surname: 'Hartwell', forenames: 'Sean', dob: '1988-04-12' };
    registry.add({ id: 1, pnc: pncA.long, ...person });
    expect(registry.match({ pnc: pncB.long, ...person })).toEqual({ kind: 'none' });
    expect(findBestCandidates({ pnc: pncB.long, ...person }, [{ pnc: pncA.long, ...person }])).toEqual([]);
    // Without a PNC on the row the same person still links by name and date of birth.
    expect(registry.match({ pnc: null, ...person })).toMatchObject({ kind: 'auto', personId: 1 });
  });
});

describe('bounded blocking', () => {
  it('a fifth of the people sharing one date of birth and surname: capped blocks, reported, exact repeats still linked', () => {
    const registry = new PersonRegistry();
    // Forenames as letters only (names keep no digits), each distinct: Baab, Baac, …
    const forename = (i: number) => `B${[2, 1, 0].map((p) => String.fromCharCode(97 + (Math.floor(i / 26 ** p) % 26))).join('')}`;
    const shared = 2 * BLOCK_LIMIT;
    let id = 0;
    let scoredAsNew = 0;
    for (let i = 0; i < shared * 5; i++) {
      const sharing = i % 5 === 0;
      const record = {
        pnc: null,
        surname: sharing ? 'Mallory' : `Surname${forename(i)}`,
        forenames: forename(i),
        dob: sharing ? '1991-06-15' : `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`,
      };
      const found = registry.match(record);
      if (found.kind === 'none' || found.kind === 'review') {
        registry.add({ id: ++id, ...record });
        scoredAsNew += 1;
      }
    }
    expect(scoredAsNew).toBe(shared * 5);
    expect(registry.saturatedKeys).toBeGreaterThan(0);
    // The same record again still finds its person through the exact key (its other blocks are full).
    const again = { pnc: null, surname: 'Mallory', forenames: forename(0), dob: '1991-06-15' };
    expect(registry.match(again)).toMatchObject({ kind: 'auto', personId: 1 });
  });
});

describe('through an import', () => {
  function workspace(): OpenWorkspace {
    const w = createWorkspaceFile(temp.path(`l${opened.length}.iomdb`), 'Linking', TEST_PASSPHRASE, TEST_PASSPHRASE);
    opened.push(w);
    return w;
  }
  const scalar = (w: OpenWorkspace, sql: string, ...params: unknown[]) => w.db.prepare(sql).pluck().get(...params) as number;

  it('quotes a coded CSV line it sets apart as a keying slip as the file has it, as the general path does', async () => {
    const w = workspace();
    const path = temp.path('slip_long_arrests.csv');
    // Past the first batch (read whole for the header), plain lines are read as codes, not cells.
    const filler = Array.from({ length: 20_000 }, (_, i) => `${pncA.long},Hartwell,Sean,12/04/1988,${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2012,Shoplifting,Barnet`);
    writeFileSync(path, ['PNC,Surname,Forename,DOB,Arrest date,Offence,Borough', ...filler, `${pncA.long},Okafor,Daniel,30/09/1975,05/05/2013,Robbery - Personal Property,Barnet`, ''].join('\r\n'));
    const report = await importFile(w, { path, kind: 'arrests' }, { actor: ACTOR });
    expect(report).toMatchObject({ rowsRead: 20_001, reviewsQueued: 1 });
    const quoted = JSON.parse(w.db.prepare("SELECT raw FROM rejected_rows WHERE disposition = 'note'").pluck().get() as string) as unknown[];
    // Not rebuilt from its values (which would show ISO dates and the canonical PNC).
    expect(quoted).toEqual([pncA.long, 'Okafor', 'Daniel', '30/09/1975', '05/05/2013', 'Robbery - Personal Property', 'Barnet']);
  });

  it('links an arrests extract\'s rows without a PNC after every row with one, so a person named by PNC only later is still the one person', async () => {
    const path = temp.path('pnc_later_arrests.csv');
    // Past the first batch (read whole for the header), plain lines are read as codes: the rows
    // that matter stand there, and the general path is asked the same.
    const filler = Array.from({ length: 20_000 }, (_, i) => `${pncB.long},Hartwell,Sean,12/04/1988,${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2012,Shoplifting,Barnet`);
    writeFileSync(
      path,
      [
        'PNC,Surname,Forename,DOB,Arrest date,Offence,Borough',
        ...filler,
        ',Okafor,Daniel,30/09/1975,01/02/2013,Burglary - Residential,Barnet',
        ',Okafor,Daniel,30/09/1975,02/02/2013,Shoplifting,Barnet',
        `${pncA.long},Okafor,Daniel,30/09/1975,03/03/2013,Robbery - Personal Property,Barnet`,
        ',Pellow,Ruth,12/04/1988,04/04/2013,Shoplifting,Barnet',
        '',
      ].join('\r\n'),
    );
    const pncRow = 20_004;
    for (const codeLines of [true, false]) {
      const w = workspace();
      const phases: string[] = [];
      const report = await importFile(w, { path, kind: 'arrests' }, { actor: ACTOR, codeLines, onProgress: (p) => void (phases.at(-1) === p.phase || phases.push(p.phase)) });
      // Hartwell, Okafor (created by the row with the PNC, the rows before it linked to them) and Pellow.
      expect(report).toMatchObject({ rowsRead: 20_004, rowsImported: 20_004, peopleCreated: 3, reviewsQueued: 0, arrestsAdded: 256 });
      expect(phases.indexOf('Linking rows without a PNC')).toBe(phases.indexOf('Importing rows') + 1);
      const okafor = w.db.prepare("SELECT id, pnc, created_row_number AS row FROM people WHERE surname = 'Okafor'").all() as Array<{ id: number; pnc: string; row: number }>;
      expect(okafor).toEqual([{ id: expect.any(Number) as number, pnc: pncA.long, row: pncRow }]);
      expect(scalar(w, 'SELECT COUNT(*) FROM arrests WHERE person_id = ?', okafor[0]!.id)).toBe(3);
      // The PNC came with the person, not filled in later from another row.
      expect(scalar(w, "SELECT COUNT(*) FROM person_field_sources WHERE field = 'pnc'")).toBe(0);
      expect(scalar(w, "SELECT created_row_number FROM people WHERE surname = 'Pellow' AND pnc IS NULL")).toBe(pncRow + 1);
    }
  });

  it('an arrests extract with a keying slip queues one review and keeps the slip apart until the analyst links it', async () => {
    const w = workspace();
    const path = temp.path('slip_arrests.csv');
    writeFileSync(
      path,
      [
        'PNC,Surname,Forename,DOB,Arrest date,Offence,Borough',
        `${pncA.long},Hartwell,Sean,12/04/1988,01/02/2013,Burglary - Residential,Barnet`,
        `${pncA.long},Hartwell,Sean,12/04/1988,03/03/2013,Shoplifting,Barnet`,
        `${pncA.long},Okafor,Daniel,30/09/1975,05/05/2013,Robbery - Personal Property,Barnet`,
        `${pncA.long},Okafor,Daniel,30/09/1975,06/06/2013,Criminal damage,Barnet`,
        `${pncB.long},Hartwell,Sean,12/04/1988,07/07/2013,Shoplifting,Barnet`,
        `${pncB.short},Hartwell,Sean,12/04/1988,08/07/2013,Shoplifting,Barnet`,
        '',
      ].join('\r\n'),
    );
    const report = await importFile(w, { path, kind: 'arrests' }, { actor: ACTOR });
    // Hartwell (A), the slip record for Okafor (no PNC), and Hartwell under PNC B: three people.
    expect(report).toMatchObject({ rowsRead: 6, peopleCreated: 3, reviewsQueued: 1, arrestsAdded: 6 });
    expect(report.issues.filter((i) => i.disposition === 'note')).toHaveLength(1);
    expect(report.issues[0]!.reason).toMatch(/probable keying slip/);
    expect(scalar(w, "SELECT COUNT(*) FROM people WHERE surname = 'Okafor' AND pnc IS NULL")).toBe(1);
    expect(scalar(w, "SELECT COUNT(*) FROM arrests a JOIN people p ON p.id = a.person_id WHERE p.surname = 'Okafor'")).toBe(2);
    const [review] = pendingLinkReviews(w, 10).reviews;
    expect(review!.fields.find((f) => f.field === 'pnc')!.level).toBe('exact');
    decideLinkReview(w, review!.id, 'link', ACTOR);
    expect(scalar(w, 'SELECT COUNT(*) FROM people')).toBe(2);
    expect(scalar(w, 'SELECT COUNT(*) FROM arrests WHERE person_id = (SELECT id FROM people WHERE pnc = ?)', pncA.long)).toBe(4);
  });

  it('a flag list row with a keying slip sets no flag until the analyst links it', async () => {
    const w = workspace();
    const candidates = temp.path('slip_candidates.csv');
    writeFileSync(candidates, `Surname,Forename,DOB,PNC\r\nHartwell,Sean,12/04/1988,${pncA.long}\r\n`);
    await importFile(w, { path: candidates, kind: 'candidates' }, { actor: ACTOR });
    const dtoa = temp.path('slip_dtoa.csv');
    writeFileSync(dtoa, `Surname,Forename,DOB,PNC\r\nOkafor,Daniel,30/09/1975,${pncA.short}\r\n`);
    const report = await importFile(w, { path: dtoa, kind: 'list:dtoa' }, { actor: ACTOR });
    expect(report).toMatchObject({ reviewsQueued: 1, flagsSet: 0, peopleCreated: 0 });
    expect(scalar(w, 'SELECT COUNT(*) FROM person_flags')).toBe(0);
  });

  it('lists people with different valid PNCs who look alike as possible duplicate PNC records, in the app and the CLI', async () => {
    const w = workspace();
    const path = temp.path('dup_pnc.csv');
    writeFileSync(
      path,
      [
        'PNC,Surname,Forename,DOB,Arrest date,Offence,Borough',
        `${pncA.long},Hartwell,Sean,12/04/1988,01/02/2013,Shoplifting,Barnet`,
        `${pncB.long},Hartwell,Sean,12/04/1988,02/02/2013,Shoplifting,Barnet`,
        `${makeSyntheticPnc(2009, 333_333).long},Hartwell,Sean,01/01/1900,03/02/2013,Shoplifting,Barnet`,
        '',
      ].join('\r\n'),
    );
    const report = await importFile(w, { path, kind: 'arrests' }, { actor: ACTOR });
    expect(report).toMatchObject({ peopleCreated: 3, reviewsQueued: 0 });
    const duplicates = possibleDuplicatePncs(w.db);
    // The placeholder date of birth is no evidence: only the two with a real, equal date pair up.
    expect(duplicates.total).toBe(1);
    expect(duplicates.pairs[0]!.people.map((p) => p.pnc).sort()).toEqual([pncA.long, pncB.long].sort());
    const cli = runCli(['duplicate-pncs', w.path], { IOM_PASSPHRASE: TEST_PASSPHRASE });
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/^1 possible duplicate PNC record /);
    expect(cli.stdout).toContain(pncA.long);
  });
});
