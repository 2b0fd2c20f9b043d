/**
 * The .xlsx arrests extract the workbook benchmarks read, and pandas `read_excel` as their peer.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { mulberry32 } from '../shared/domain/seededRandom';
import { ALL_OFFENCE_WORDINGS, makeSyntheticPnc, SYNTHETIC_MALE_FORENAMES, SYNTHETIC_SURNAMES } from '../shared/workspace/syntheticCohort';

export const ARRESTS_WORKBOOK_COLUMNS = ['PNC', 'Surname', 'Forename', 'DOB', 'Arrest date', 'Offence', 'Borough'];
const COLUMNS = ARRESTS_WORKBOOK_COLUMNS;

export interface ReadRun {
  /** The read call, timed inside the process. */
  readMs: number;
  /** Spawn to exit, start-up and imports included. */
  processMs: number;
  rows: number;
}

/**
 * An arrests extract as a workbook: text as shared strings, dates as date cells, as Excel saves it.
 * About six arrests per person in random order, each of a person's rows carrying that person's own
 * PNC, names and date of birth, as a police extract does (a PNC under another name and date of
 * birth is a keying slip, kept apart for review: issue 15 point 4).
 */
export function writeArrestsWorkbook(path: string, ROWS: number): void {
  const random = mulberry32(2013);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const aoa: unknown[][] = [COLUMNS];
  const day = 86_400_000;
  const people = Math.max(1, Math.floor(ROWS / 6));
  const identity = Array.from({ length: people }, (_, person) => ({
    pnc: makeSyntheticPnc(1990 + (person % 20), 100_000 + person).long,
    surname: pick(SYNTHETIC_SURNAMES),
    forename: pick(SYNTHETIC_MALE_FORENAMES),
    dob: new Date(Date.UTC(1970, 0, 1) + Math.floor(random() * 12_000) * day),
  }));
  for (let i = 0; i < ROWS; i++) {
    const person = identity[Math.floor(random() * people)]!;
    aoa.push([person.pnc, person.surname, person.forename, person.dob, new Date(Date.UTC(2011, 10, 1) + Math.floor(random() * 730) * day), pick(ALL_OFFENCE_WORDINGS), 'Barnet']);
  }
  const sheet = XLSX.utils.aoa_to_sheet(aoa, { cellDates: true, dateNF: 'dd/mm/yyyy' });
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Arrests');
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }) as Buffer);
}

const PANDAS_SCRIPT = `
import json, sys, time
t = time.perf_counter()
import pandas
imported = time.perf_counter() - t
t = time.perf_counter()
frame = pandas.read_excel(sys.argv[1], engine="openpyxl")
print(json.dumps({"readMs": (time.perf_counter() - t) * 1000, "rows": len(frame) + 1, "version": pandas.__version__}))
`;

/** Debian's interpreter first: a python3 earlier on the PATH (pyenv, a venv) may lack the packages. */
export function pythonWithPandas(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(python, ['-c', 'import pandas, openpyxl'], { stdio: 'ignore' }).status === 0) return python;
  }
  return null;
}

export function pandas(python: string, path: string): ReadRun & { version: string } {
  const started = performance.now();
  const child = spawnSync(python, ['-c', PANDAS_SCRIPT, path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const processMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`pandas read_excel failed (exit ${child.status})`);
  const out = JSON.parse(child.stdout.trim().split('\n').pop()!) as { readMs: number; rows: number; version: string };
  return { ...out, processMs };
}

