/**
 * An .xlsx arrests extract imported with its plain rows coded (codedXlsxRows.ts) must leave the
 * workspace and the report exactly as the general path (`interpretRow` for every row) does, on a
 * messy extract: date cells and dates as text, short, lower-case, padded and wrong PNCs, numbers
 * and true/false where text belongs, blank and long names, a summary line.
 */
import { writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../shared/domain/seededRandom';
import { ALL_OFFENCE_WORDINGS, SYNTHETIC_MALE_FORENAMES, SYNTHETIC_SURNAMES, makeSyntheticPnc } from '../../shared/workspace/syntheticCohort';
import { importFile, type ImportControl } from '../../electron/import/importEngine';
import { closeWorkspace, type OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { importedTablesDigest } from '../support/importedTables';
import { addNumberedWorkspace, makeTempDir, type TempDir } from '../support/tempWorkspace';

let temp: TempDir;
const opened: OpenWorkspace[] = [];

beforeAll(() => {
  temp = makeTempDir('iom-coded-xlsx-');
});

afterAll(() => {
  for (const workspace of opened) closeWorkspace(workspace);
  temp?.remove();
});

const DAY = 86_400_000;

/** One row's cells; two rows in three are plain, the rest carry one oddity each. */
function messyRow(rng: () => number): unknown[] {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  const person = Math.floor(rng() * 60);
  const pnc = makeSyntheticPnc(1985 + (person % 25), 1000 + person * 37);
  const surname = SYNTHETIC_SURNAMES[person % SYNTHETIC_SURNAMES.length]!;
  const forename = SYNTHETIC_MALE_FORENAMES[(person * 7) % SYNTHETIC_MALE_FORENAMES.length]!;
  const dob = new Date(Date.UTC(1970 + (person % 30), person % 12, 1 + (person % 28)));
  const arrest = new Date(Date.UTC(2011, 0, 1) + Math.floor(rng() * 1000) * DAY);
  const cells: unknown[] = [pnc.long, surname, forename, dob, arrest, pick(ALL_OFFENCE_WORDINGS), 'Barnet'];
  if (rng() < 0.66) return cells;
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const dmy = (d: Date) => iso(d).split('-').reverse().join('/');
  const variants: Array<() => void> = [
    () => (cells[0] = pnc.short),
    () => (cells[0] = pnc.long.toLowerCase()),
    () => (cells[0] = ` ${pnc.long}`),
    () => (cells[0] = `${pnc.long.slice(0, 12)}${pnc.checkLetter === 'A' ? 'B' : 'A'}`),
    () => (cells[0] = null),
    () => {
      cells[0] = null;
      cells[3] = null;
    },
    () => (cells[0] = 1234567),
    () => (cells[1] = `${surname}  Smith`),
    () => (cells[1] = 42),
    () => (cells[2] = true),
    () => (cells[1] = 'X'.repeat(120)),
    () => (cells[3] = dmy(dob)),
    () => (cells[4] = dmy(arrest)),
    () => (cells[4] = '31/02/2012'),
    () => (cells[4] = null),
    () => (cells[3] = 12345),
    () => (cells[5] = null),
    () => (cells[5] = 7),
    () => (cells[6] = null),
    () => (cells[2] = 'Zoë'),
    () => (cells[1] = 'TOTAL'),
  ];
  pick(variants)();
  return cells;
}

function writeMessyWorkbook(path: string, rows: number, seed: number): void {
  const rng = mulberry32(seed);
  const aoa: unknown[][] = [['PNC', 'Surname', 'Forename', 'DOB', 'Arrest date', 'Offence', 'Borough']];
  for (let i = 0; i < rows; i++) aoa.push(messyRow(rng));
  aoa.push(['Total', null, null, null, null, rows]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(aoa, { cellDates: true, dateNF: 'dd/mm/yyyy' }), 'Arrests');
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }) as Buffer);
}

function newWorkspace(): OpenWorkspace {
  return addNumberedWorkspace(temp, opened, 'Coded xlsx');
}

const NOW = () => '2026-12-06T09:00:00.000Z';

describe('an .xlsx arrests extract imported coded', () => {
  it('leaves the workspace and the report exactly as the general path', async () => {
    const first = temp.path('messy_arrests.xlsx');
    const second = temp.path('messy_arrests_2.xlsx');
    writeMessyWorkbook(first, 3_000, 31);
    writeMessyWorkbook(second, 1_500, 32);
    const run = async (control: Partial<ImportControl>) => {
      const workspace = newWorkspace();
      const reports = [];
      for (const path of [first, second]) reports.push(await importFile(workspace, { path, kind: 'arrests' }, { actor: 't', now: NOW, ...control }));
      return { reports, tables: importedTablesDigest(workspace) };
    };
    const general = await run({ codeLines: false });
    const coded = await run({ privateConnection: true });
    expect(general.reports[0]!.rowsRejected).toBeGreaterThan(0);
    expect(general.reports[0]!.arrestsAdded).toBeGreaterThan(1_500);
    expect(coded.reports).toEqual(general.reports);
    expect(coded.tables).toBe(general.tables);
  }, 120_000);
});
