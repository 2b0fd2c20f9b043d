import type { OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { arrestRowWriter } from './arrestRows';
import { runShortlist } from '../../electron/analysis/analysisService';
import { makeSyntheticPnc } from '../../shared/workspace/syntheticCohort';
import type { SelectionRuleSet } from '../../shared/shortlist/selectionRules';
import type { FlagName } from '../../shared/domain/flags';

/**
 * Surnames that spreadsheet software would run as formulas if an export wrote them naively: every
 * dangerous first character the issue lists. Synthetic, like every name here.
 */
export const FORMULA_LIKE_SURNAMES = ['=HYPERLINK("http://example.invalid/x","click")', '+1+2', '-3+4', '@SUM(A1:A2)', '\t=1+1', '\r=2+2'] as const;

/** A rule set that takes everyone with an arrest in the window, up to `capacity`. */
export function exportRuleSet(capacity: number): SelectionRuleSet {
  return {
    name: 'Export test rules',
    version: 1,
    capacity: { mode: 'fixed', clients: capacity },
    priorityGroups: ['dtoa', 'female'],
    exclusions: { inCustody: false, notLivingInBorough: false, minArrests: null },
    ranking: { method: 'arrestCount' },
    windowMonths: 24,
    referenceDate: '2013-10-31',
  };
}

const OFFENCES = ['Burglary - Residential', 'Robbery', 'Possession of a controlled drug', 'Theft from shop'] as const;

/**
 * Fills a workspace by direct inserts with `people` long-list people (the first few with the
 * formula-like surnames), each with 1 + (id mod 4) arrests inside the 24 months to 2013-10-31 and
 * one outside it, some on the DTOA list, then runs the rules so the latest shortlist includes
 * `capacity` of them. Returns the shortlist id.
 */
export function fillExportWorkspace(workspace: OpenWorkspace, people: number, capacity = people): number {
  const { db } = workspace;
  const now = new Date().toISOString();
  db.transaction(() => {
    const insertImport = db.prepare("INSERT INTO imports (kind, file_name, sha256, mapping, imported_by, imported_at, rows_read, rows_imported, rows_linked, rows_rejected) VALUES (?, ?, ?, '[]', 'test', ?, ?, ?, 0, 0)");
    const importId = Number(insertImport.run('candidates', 'export-candidates.csv', 'export-candidates', now, people, people).lastInsertRowid);
    const dtoaImport = Number(insertImport.run('list:dtoa', 'export-dtoa.csv', 'export-dtoa', now, 0, 0).lastInsertRowid);
    const person = db.prepare(
      "INSERT INTO people (id, pnc, surname, forenames, dob, gender, address, borough, ref, custody, statutory, on_long_list, created_import_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'Barnet', ?, 'not_in_custody', ?, 1, ?, ?)",
    );
    const arrestRows = arrestRowWriter(db);
    const arrest = { run: (personId: number, date: string, offence: string, importRef: number, row: number) => arrestRows.add({ personId, date, offence, importId: importRef, rowNumber: row }) };
    const flag = db.prepare('INSERT INTO person_flags (person_id, flag, import_id, row_number) VALUES (?, ?, ?, ?)');
    for (let id = 1; id <= people; id++) {
      const surname = FORMULA_LIKE_SURNAMES[id - 1] ?? `Surname${id}`;
      const year = 1980 + (id % 20);
      person.run(id, makeSyntheticPnc(year, id).long, surname, `Forename${id}`, `${year}-0${1 + (id % 9)}-1${id % 10}`, id % 7 === 0 ? 'F' : 'M', `${id} Test Road, London`, `REF-${id}`, id % 3 === 0 ? null : id % 3 === 1 ? 1 : 0, importId, now);
      const arrests = 1 + (id % 4);
      for (let a = 0; a < arrests; a++) arrest.run(id, `2013-0${1 + a}-1${id % 10}`, OFFENCES[(id + a) % OFFENCES.length]!, importId, id + 1);
      arrest.run(id, '2010-06-01', 'Robbery', importId, id + 1);
      if (id % 5 === 0) flag.run(id, 'dtoa' satisfies FlagName, dtoaImport, id + 1);
    }
    arrestRows.finish();
  })();
  return runShortlist(workspace, exportRuleSet(capacity), 'tester').shortlistId;
}

/** Opens a panel session on a shortlist and records decisions in order (a later one revises an earlier). */
export function recordPanel(
  workspace: OpenWorkspace,
  shortlistId: number,
  decisions: ReadonlyArray<{ personId: number; decision: 'accept' | 'reject' | 'defer'; reason?: string | null; note?: string }>,
  status: 'open' | 'closed' = 'closed',
): number {
  const { db } = workspace;
  const sessionId = Number(
    db
      .prepare("INSERT INTO panel_sessions (shortlist_id, held_on, title, members, status, created_by, created_at) VALUES (?, '2013-11-20', 'November panel', '[]', ?, 'tester', ?)")
      .run(shortlistId, status, new Date().toISOString()).lastInsertRowid,
  );
  const insert = db.prepare('INSERT INTO panel_decisions (session_id, person_id, decision, reason, note, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  decisions.forEach((d, i) => insert.run(sessionId, d.personId, d.decision, d.reason ?? null, d.note ?? '', 'Chair', `2013-11-20T10:${String(i % 60).padStart(2, '0')}:00.000Z`));
  return sessionId;
}
