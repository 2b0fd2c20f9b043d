import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateSyntheticCohort, type SyntheticCohort } from '../../shared/workspace/syntheticCohort';
import { FLAG_NAMES, type FlagName } from '../../shared/domain/flags';
import type { IsoDate } from '../../shared/domain/isoDate';
import type { ImportReport } from '../../shared/import/importSchemas';
import type { ImportKindId } from '../../shared/domain/importKinds';
import { importFile } from '../import/importEngine';
import { closeWorkspace, createWorkspaceFile, type OpenWorkspace } from './workspaceFile';
import { appendAudit } from './auditLog';
import { DEMO_WORKSPACE_NAME, removeWorkspaceFiles, type DemoMaker } from './demoMaker';

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(rows: Array<Array<string | number | null>>): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function ukDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

const DEMO_COHORT_STARTS: readonly IsoDate[] = ['2012-06-06', '2012-07-02', '2012-08-01', '2012-09-03', '2012-10-01', '2012-11-01'];

const LIST_SCORE_HEADER: Partial<Record<FlagName, string>> = { ogrsMandatory: 'OGRS score' };

/** The files an analyst would receive, written from the synthetic cohort: no real person in any of them. */
export function demoFiles(cohort: SyntheticCohort): Array<{ name: string; kind: ImportKindId; text: string }> {
  const candidates = csv([
    ['RESTRICTED - IOM potential candidate list (synthetic demo data)'],
    [],
    ['First Name(s)', 'Surname', 'DOB', 'Gender', 'approx age', 'PNC number', 'address', 'address borough', 'date of arrest re address', 'arrests last two years', 'of which last 10 months', 'of which last 22 months', 'arrest details (offence type and date)', 'On DTOA list?', 'On Police gangs list (high)?', '(Mid - low)?', 'top repeat DV list?', 'repeat female offender?', 'repeat arrests for ASB?', 'YOS referral?', 'PINS result', 'Ref'],
    ...cohort.candidates.map((c) => [
      c.forenames, c.surname, ukDate(c.dob), c.gender, c.ageAtReference, c.pnc.short, c.address, c.borough, ukDate(c.addressDate), c.arrestsInWindow, c.arrestsLast10Months, c.arrestsLast22Months,
      c.arrests.map((a) => `${ukDate(a.date)} ${a.offence}`).join('; '),
      ...(['dtoa', 'gangHigh', 'gangMidLow', 'dv', 'female', 'asb', 'yos'] as const).map((f) => (c.flags[f] ? 'Y' : '')),
      c.pinsResult, c.ref,
    ]),
    ['Total', '', '', '', '', '', '', '', '', cohort.candidates.reduce((n, c) => n + c.arrestsInWindow, 0)],
  ]);
  const files = [{ name: 'PotentialCandidateList-demo.csv', kind: 'candidates' as ImportKindId, text: candidates }];
  for (const flag of FLAG_NAMES) {
    const rows = cohort.agencyLists[flag];
    if (!rows.length) continue;
    const scoreHeader = LIST_SCORE_HEADER[flag];
    files.push({
      name: `${flag}-list-demo.csv`,
      kind: `list:${flag}`,
      text: csv([
        ['Forename', 'Surname', 'Date of Birth', 'PNC ID', ...(scoreHeader ? [scoreHeader] : [])],
        ...rows.map((r) => [r.forename, r.surname, r.dob ? ukDate(r.dob) : '', r.pnc, ...(scoreHeader ? [r.score] : [])]),
      ]),
    });
  }
  // Barnet's IOM began on 6 June 2012; a synthetic quarter of the list plays its existing cohort so
  // calibration (rates before and after joining) has something to work on. About 57% statutory.
  const cohortMembers = cohort.candidates.filter((c) => c.ref % 4 === 3);
  files.push({
    name: 'IOM-cohort-start-dates-demo.csv',
    kind: 'cohort',
    text: csv([
      ['PNC ID', 'Surname', 'Forename', 'Date of Birth', 'IOM start date', 'Statutory'],
      ...cohortMembers.map((c, i) => [c.pnc.long, c.surname, c.forenames.split(' ')[0] ?? c.forenames, ukDate(c.dob), ukDate(DEMO_COHORT_STARTS[i % DEMO_COHORT_STARTS.length]!), c.ref % 7 < 4 ? 'Stat' : 'Non-stat']),
    ]),
  });
  files.push({
    name: 'PINS-results-demo.csv',
    kind: 'pins',
    text: csv([['PNC', 'Surname', 'Forename', 'DOB', 'PINS result'], ...cohort.pins.map((p) => [p.pnc, p.surname, p.forename, ukDate(p.dob), p.result])]),
  });
  return files;
}

/**
 * Fills a new workspace with the synthetic seed-shaped cohort through the real import pipeline, so
 * a new user sees every screen with data and the figures the seed report shows.
 */
export async function buildDemoWorkspace(workspace: OpenWorkspace, actor: string, onFile?: (name: string, index: number, total: number) => void): Promise<ImportReport[]> {
  const dir = mkdtempSync(join(tmpdir(), 'iom-demo-'));
  try {
    const reports: ImportReport[] = [];
    const files = demoFiles(generateSyntheticCohort());
    for (const [index, file] of files.entries()) {
      const path = join(dir, file.name);
      writeFileSync(path, file.text, { encoding: 'utf8', mode: 0o600 });
      onFile?.(file.name, index, files.length);
      reports.push(await importFile(workspace, { path, kind: file.kind }, { actor }));
    }
    return reports;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Creates the demo workspace at `path` with the user's passphrase and fills it, in this thread: the
 * built CLI's `demo` and the demo worker (which serves the unlock screen and the app's `--cli`) run
 * it. A build that fails part way leaves no half-filled workspace: the file and its journals are
 * removed before the error goes on.
 */
export const createDemoWorkspace: DemoMaker = async (path, secret, audit, onFile) => {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const workspace = createWorkspaceFile(path, DEMO_WORKSPACE_NAME, secret.passphrase, secret.confirmation);
  try {
    appendAudit(workspace.db, { actor: audit.actor, action: 'workspace.create', detail: { via: audit.via, demo: true } });
    const reports = await buildDemoWorkspace(workspace, audit.actor, onFile);
    return { workspace, files: reports.length };
  } catch (error) {
    closeWorkspace(workspace);
    removeWorkspaceFiles(path);
    throw error;
  }
};
