import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IsoDate } from '../../shared/domain/isoDate';
import { makeSyntheticPnc } from '../../shared/workspace/syntheticCohort';
import type { FollowUpData } from './followUpGenerator';
import { runCli } from './runCli';

/**
 * A generated follow-up as the files an analyst would import: the long list (a Potential Candidate
 * List with DTOA and repeat-female columns), the existing cohort's IOM start dates, an arrests extract
 * up to `splitAfter` and a later extract after it. Only the long list's people and arrests are written
 * (no one else can be in the cohort or its comparison).
 */

export interface FollowUpFiles {
  candidates: string;
  cohort: string;
  arrestsBefore: string;
  arrestsLater: string;
  /** Workspace-independent key of each generated person: their PNC. */
  pncOf(personId: number): string;
}

function ukDate(iso: IsoDate): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function csv(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
}

export function writeFollowUpFiles(dir: string, data: FollowUpData, splitAfter: IsoDate): FollowUpFiles {
  const pncOf = (personId: number) => makeSyntheticPnc(1985 + (personId % 10), personId).long;
  const longList = new Set([...data.members.map((m) => m.personId), ...data.candidates]);
  const people = data.people.filter((p) => longList.has(p.id));
  const name = (id: number) => [`Followup${id}`, `Person${id % 97}`];
  const files = {
    candidates: join(dir, 'candidate-list.csv'),
    cohort: join(dir, 'iom-cohort.csv'),
    arrestsBefore: join(dir, 'arrests-to-2013.csv'),
    arrestsLater: join(dir, 'arrests-later.csv'),
  };
  writeFileSync(
    files.candidates,
    csv([['PNC ID', 'Surname', 'Forename', 'Date of Birth', 'DTOA', 'Repeat female offender'], ...people.map((p) => [pncOf(p.id), ...name(p.id), ukDate(p.dob!), p.flags.includes('dtoa') ? 'Y' : '', p.flags.includes('female') ? 'Y' : ''])]),
  );
  writeFileSync(
    files.cohort,
    csv([
      ['PNC ID', 'Surname', 'Forename', 'Date of Birth', 'IOM start date', 'Statutory'],
      ...data.members.map((m) => {
        const p = data.people[m.personId - 1]!;
        return [pncOf(p.id), ...name(p.id), ukDate(p.dob!), ukDate(m.startDate!), m.statutory ? 'Stat' : 'Non-stat'];
      }),
    ]),
  );
  const header = ['PNC ID', 'Surname', 'Forename', 'Date of Birth', 'Arrest Date', 'Offence'];
  const before: string[][] = [header];
  const later: string[][] = [header];
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const a of data.arrests) {
    const p = byId.get(a.personId);
    if (!p) continue;
    (a.date <= splitAfter ? before : later).push([pncOf(p.id), ...name(p.id), ukDate(p.dob!), ukDate(a.date), a.offence]);
  }
  writeFileSync(files.arrestsBefore, csv(before));
  writeFileSync(files.arrestsLater, csv(later));
  return { ...files, pncOf };
}

/**
 * Makes `workspace` through the built CLI and imports the follow-up's long list, existing cohort and
 * earlier arrests (and the later extract with `withLater`), as an analyst would; throws with the
 * CLI's output on the first step that fails.
 */
export function importFollowUpByCli(workspace: string, files: FollowUpFiles, env: Record<string, string | undefined>, withLater = false): void {
  const steps = [
    ['init', workspace],
    ['import', workspace, files.candidates, '--kind', 'candidates'],
    ['import', workspace, files.cohort, '--kind', 'cohort'],
    ['import', workspace, files.arrestsBefore, '--kind', 'arrests'],
    ...(withLater ? [['import', workspace, files.arrestsLater, '--kind', 'arrests']] : []),
  ];
  for (const args of steps) {
    const run = runCli(args, env);
    if (run.status !== 0) throw new Error(`iom-cohort ${args[0]} failed (${String(run.status)}): ${run.stderr}${run.stdout}`);
  }
}
