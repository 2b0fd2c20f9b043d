import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../electron/import/importEngine';
import type { OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { makeSyntheticPnc, type SyntheticPnc } from '../../shared/workspace/syntheticCohort';

/**
 * A workspace where one invented person is spread across everything a person can touch: the long
 * list, an arrests extract, the DTOA list, set-aside rows (a second listing with an impossible date
 * of birth, an arrest row with a bad date), a note, a shortlist place, a panel decision with a free
 * text note, and a queued link review that names them while pointing at someone else. Everyone else
 * is filler, so a purge can be checked to take exactly the one person and nothing of the others.
 *
 * The name carries a random token, so a byte scan cannot be fooled by another test's files.
 */
export interface PurgeTarget {
  surname: string;
  forenames: string;
  dobText: string;
  pnc: SyntheticPnc;
  /** Free text about them in a panel decision and a note. */
  noteText: string;
  /** The wording of one of their arrests, naming a victim as custody records sometimes do. */
  offenceText: string;
  /** Every text whose presence anywhere means the person is still in the file. */
  secrets: string[];
}

export function makePurgeTarget(): PurgeTarget {
  const token = randomBytes(4).toString('hex').replace(/\d/g, (d) => 'qwxzjkvbpy'[Number(d)]!);
  const surname = `Quixotically-${token[0]!.toUpperCase()}${token.slice(1)}marsh`;
  const forenames = 'Zebediah';
  const pnc = makeSyntheticPnc(2008, 4_000_000 + (parseInt(randomBytes(2).toString('hex'), 16) % 900_000));
  const noteText = `Moved to Carlisle-${token} in the spring`;
  const offenceText = `Common assault - victim Ottoline-${token}`;
  return { surname, forenames, dobText: '14/03/1990', pnc, noteText, offenceText, secrets: [surname, `Carlisle-${token}`, `Ottoline-${token}`, pnc.long, pnc.short] };
}

const FILLERS = 30;

function filler(i: number): { surname: string; forenames: string; dob: string; pnc: SyntheticPnc } {
  return { surname: `Fillerton${String.fromCharCode(65 + (i % 26))}${i}`, forenames: 'Jordan', dob: `0${1 + (i % 9)}/0${1 + (i % 9)}/198${i % 10}`, pnc: makeSyntheticPnc(2004, 100_000 + i) };
}

export interface PurgeFixtureFiles {
  candidates: string;
  arrests: string;
  dtoa: string;
}

/** The three source files, as agencies send them (CSV), in `dir`. */
export function writePurgeFixtureFiles(dir: string, target: PurgeTarget): PurgeFixtureFiles {
  const files = { candidates: join(dir, 'candidates.csv'), arrests: join(dir, 'arrests.csv'), dtoa: join(dir, 'dtoa_list.csv') };
  const people = Array.from({ length: FILLERS }, (_, i) => filler(i));
  writeFileSync(
    files.candidates,
    [
      'Surname,First Name(s),DOB,PNC number,address borough',
      `${target.surname},${target.forenames},${target.dobText},${target.pnc.short},Barnet`,
      ...people.map((p) => `${p.surname},${p.forenames},${p.dob},${p.pnc.short},Barnet`),
      // The same person listed again with an impossible date and no PNC: set aside, but names them.
      `${target.surname},${target.forenames},31/02/1990,,Barnet`,
      // Someone else set aside the same way: must survive the purge.
      'Notley-Real,Casey,31/02/1991,,Barnet',
    ].join('\r\n'),
  );
  writeFileSync(
    files.arrests,
    [
      'PNC,Surname,Forename,DOB,Arrest date,Offence,Borough',
      ...['03/01/2013', '17/02/2013', '09/04/2013', '21/06/2013', '30/08/2013'].map((d, i) => `${target.pnc.long},${target.surname},${target.forenames},${target.dobText},${d},${i === 4 ? target.offenceText : i % 2 ? 'Burglary - Residential' : 'Robbery'},Barnet`),
      `${target.pnc.long},${target.surname},${target.forenames},${target.dobText},32/13/2013,Robbery,Barnet`,
      ...people.slice(0, 10).map((p, i) => `${p.pnc.long},${p.surname},${p.forenames},${p.dob},1${i % 9}/05/2013,Theft from shop,Barnet`),
    ].join('\r\n'),
  );
  writeFileSync(files.dtoa, ['Surname,Forename,DOB,PNC', `${target.surname},${target.forenames},${target.dobText},${target.pnc.long}`, `${people[0]!.surname},Jordan,${people[0]!.dob},${people[0]!.pnc.long}`].join('\r\n'));
  return files;
}

export interface PurgeFixture {
  target: PurgeTarget;
  targetId: number;
  fillerId: number;
  files: PurgeFixtureFiles;
}

/** Imports the files through the real import engine, then adds the analyst's own records about the person. */
export async function buildPurgeFixture(workspace: OpenWorkspace, dir: string, target: PurgeTarget = makePurgeTarget()): Promise<PurgeFixture> {
  const files = writePurgeFixtureFiles(dir, target);
  await importFile(workspace, { path: files.candidates, kind: 'candidates' }, { actor: 'tester' });
  await importFile(workspace, { path: files.arrests, kind: 'arrests' }, { actor: 'tester' });
  await importFile(workspace, { path: files.dtoa, kind: 'list:dtoa' }, { actor: 'tester' });
  const { db } = workspace;
  const targetId = db.prepare('SELECT id FROM people WHERE surname = ?').pluck().get(target.surname) as number;
  const fillerId = db.prepare("SELECT id FROM people WHERE surname LIKE 'Fillerton%' ORDER BY id LIMIT 1").pluck().get() as number;
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare('INSERT INTO person_notes (person_id, text, author, created_at) VALUES (?, ?, ?, ?)').run(targetId, target.noteText, 'tester', now);
    const ruleSetId = Number(db.prepare("INSERT INTO rule_sets (name, version, definition, created_by, created_at) VALUES ('Test rules', 1, '{}', 'tester', ?)").run(now).lastInsertRowid);
    const shortlistId = Number(db.prepare("INSERT INTO shortlists (rule_set_id, capacity, summary, created_by, created_at) VALUES (?, 100, '{}', 'tester', ?)").run(ruleSetId, now).lastInsertRowid);
    const member = db.prepare("INSERT INTO shortlist_members (shortlist_id, person_id, status, reason, position, arrests_in_window) VALUES (?, ?, 'included', 'priority group: DTOA', ?, ?)");
    member.run(shortlistId, targetId, 1, 5);
    member.run(shortlistId, fillerId, 2, 1);
    const sessionId = Number(db.prepare("INSERT INTO panel_sessions (shortlist_id, held_on, title, members, status, created_by, created_at) VALUES (?, '2013-11-20', 'November panel', '[]', 'closed', 'tester', ?)").run(shortlistId, now).lastInsertRowid);
    const decide = db.prepare("INSERT INTO panel_decisions (session_id, person_id, decision, reason, note, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, 'tester', ?)");
    decide.run(sessionId, targetId, 'reject', 'no_longer_in_borough', target.noteText, now);
    decide.run(sessionId, fillerId, 'accept', null, '', now);
    // A queued row that names the person but was matched, uncertainly, to the filler.
    const importId = db.prepare("SELECT id FROM imports WHERE kind = 'list:dtoa'").pluck().get() as number;
    const record = { kind: 'list:dtoa', identity: { pnc: null, surname: target.surname, forenames: target.forenames, dob: '1990-03-14' }, fields: {}, flags: ['dtoa'], createdPersonId: null };
    db.prepare('INSERT INTO link_reviews (import_id, row_number, person_id, score, breakdown, record) VALUES (?, 99, ?, 1.5, ?, ?)').run(importId, fillerId, JSON.stringify({ score: 1.5, probability: 0.6, fields: [] }), JSON.stringify(record));
  })();
  return { target, targetId, fillerId, files };
}
