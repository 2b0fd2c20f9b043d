import type { RawCell, RawRow } from '../domain/rawCell';
import type { IsoDate } from '../domain/isoDate';
import { FLAG_NAMES, FLAG_SHORT_LABELS, type FlagName } from '../domain/flags';
import type { CanonicalField } from './headerRecognition';
import { arrestDateField, dobField, forenamesField, identifiesPerson, pncField, surnameField } from './importFields';
import {
  cellText,
  isBlankRow,
  totalRowReason,
  parseArrestDetails,
  parseCount,
  parseDate,
  parseFlag,
  parseGender,
  parseOgrsScore,
  splitFullName,
  type ArrestEntry,
  type Gender,
} from './valueParsing';

/** Where a column's values go: the column index for each mapped field. */
export type FieldColumns = Partial<Record<CanonicalField, number>>;

export function fieldColumnsOf(mapping: ReadonlyArray<{ column: number; field: CanonicalField | null }>): FieldColumns {
  const columns: FieldColumns = {};
  for (const { column, field } of mapping) if (field !== null && columns[field] === undefined) columns[field] = column;
  return columns;
}

type Custody = 'in_custody' | 'not_in_custody' | 'unknown';

/** The person fields an import can set, each stored with the list and row it came from. */
export interface PersonFields {
  address?: string;
  borough?: string;
  addressDate?: IsoDate;
  approxAge?: number;
  gender?: Gender;
  ethnicity?: string;
  ref?: string;
  statedArrestsTwoYears?: number;
  statedArrestsLast10?: number;
  statedArrestsLast22?: number;
  pinsResult?: string;
  custody?: Custody;
  ogrsScore?: number;
  cohortStartDate?: IsoDate;
  /** 1 statutory, 0 non-statutory (stored as an integer like the people column). */
  statutory?: number;
}

/**
 * A coded arrest line's values as numbers (see `electron/import/arrestLines.ts`): the PNC's
 * `pncCode`, YYYYMMDD dates, ids into `texts`, -1 for none. The same values the row's strings
 * hold, kept beside them so the linker can match by PNC without making the strings.
 */
export interface ArrestLineCodes {
  readonly pnc: number;
  readonly surname: number;
  readonly forenames: number;
  readonly dob: number;
  readonly arrestDate: number;
  readonly offence: number;
  readonly borough: number;
  readonly texts: readonly string[];
}

export interface InterpretedRow {
  identity: { pnc: string | null; surname: string | null; forenames: string | null; dob: IsoDate | null };
  /** Why the PNC could not be used, when one was given: the row then links by name and DOB. */
  pncProblem: string | null;
  fields: PersonFields;
  flags: FlagName[];
  arrests: ArrestEntry[];
  /** Arrest entries without a date and other values set aside, each a reason for the report. */
  notes: string[];
  /** Set when the row was read as a coded arrest line: its values as numbers. */
  readonly codes?: ArrestLineCodes;
}

type RowInterpretation = { ok: true; row: InterpretedRow } | { ok: false; reason: string };

/**
 * Words in PINS results that mean the person is in custody now. Anything that says released, not
 * found in custody or similar means not in custody; "awaits" and blanks leave custody unknown.
 */
function custodyFromPinsResult(text: string | null): Custody {
  if (!text) return 'unknown';
  const t = text.toLowerCase();
  if (/\b(await|pending|tbc|to be confirmed|unknown)\b/.test(t)) return 'unknown';
  if (/\b(released|not in custody|no trace|not found|nfa|free|at large|community)\b/.test(t)) return 'not_in_custody';
  if (/\b(in custody|custody|remand|remanded|serving|prison|hmp|yoi|sentenced|recalled)\b/.test(t)) return 'in_custody';
  return 'unknown';
}

/** "Stat" / "Non-stat" as IOM teams write it, or a yes/no flag. */
export function parseStatutory(value: string): boolean | null {
  const t = value.trim().toLowerCase().replace(/[^a-z0-9]/g, '');
  if (t.startsWith('non') || t === 'n' || t === 'no' || t === 'false' || t === '0') return false;
  if (t.startsWith('stat') || t === 'y' || t === 'yes' || t === 'true' || t === '1') return true;
  return null;
}

function cell(row: RawRow, column: number | undefined): RawCell {
  return column === undefined ? null : (row[column] ?? null);
}

function text(row: RawRow, column: number | undefined): string | null {
  return cellText(cell(row, column));
}

function sentence(label: string, reason: string): string {
  return `${label}: ${reason}`;
}

const FLAG_COLUMNS: ReadonlyArray<readonly [FlagName, CanonicalField]> = FLAG_NAMES.map((flag) => [flag, `flag_${flag}`] as const);

export interface InterpretOptions {
  thisYear?: number;
  kindFlag?: FlagName | null;
}

/**
 * One spreadsheet row as the import understands it. A row with no way to identify a person is
 * refused with a reason; a bad value in an optional column is set aside with a note and the rest
 * of the row is kept, so one typo does not lose a candidate.
 */
export function interpretRow(row: RawRow, columns: FieldColumns, options: InterpretOptions = {}): RowInterpretation {
  const notes: string[] = [];
  let surname = surnameField.read(cell(row, columns.surname));
  let forenames = forenamesField.read(cell(row, columns.firstNames));
  if (!surname.value && !surname.remark && columns.fullName !== undefined) {
    const full = text(row, columns.fullName);
    if (full) {
      const split = splitFullName(full);
      surname = surnameField.read(split.surname);
      forenames = forenamesField.read(split.forenames);
    }
  }
  const nameNotes = [surname.remark, forenames.remark].filter((remark): remark is string => remark !== null);
  notes.push(...nameNotes);

  const pncText = text(row, columns.pnc);
  const pncReading = pncField.read(pncText, options);
  const pnc = pncReading.value;
  const pncProblem = pncReading.remark;

  let dob: IsoDate | null = null;
  if (columns.dob !== undefined) {
    const reading = dobField.read(row[columns.dob] ?? null, options);
    if (reading.remark === null) dob = reading.value;
    else if (!pnc) return { ok: false, reason: sentence('date of birth', reading.remark) };
    else notes.push(sentence('date of birth', reading.remark));
  }

  if (!identifiesPerson(pnc !== null, surname.value !== null, dob !== null)) {
    if (nameNotes.length && !surname.value) return { ok: false, reason: `${nameNotes.join(' ')} With no PNC either, nothing identifies the person.` };
    if (pncProblem) return { ok: false, reason: `${pncProblem} There is no name with a date of birth to link by instead.` };
    if (!surname.value && !pncText) return { ok: false, reason: 'no PNC and no name: nothing identifies the person.' };
    return { ok: false, reason: 'no PNC and no date of birth: a name alone cannot identify the person safely.' };
  }

  const fields: PersonFields = {};
  const setText = (key: 'address' | 'borough' | 'ethnicity' | 'ref' | 'pinsResult', field: CanonicalField) => {
    const value = text(row, columns[field]);
    if (value) fields[key] = value;
  };
  setText('address', 'address');
  setText('borough', 'borough');
  setText('ethnicity', 'ethnicity');
  setText('ref', 'ref');
  setText('pinsResult', 'pinsResult');

  const setCount = (key: 'approxAge' | 'statedArrestsTwoYears' | 'statedArrestsLast10' | 'statedArrestsLast22', field: CanonicalField, label: string) => {
    const column = columns[field];
    if (column === undefined) return;
    const parsed = parseCount(row[column] ?? null);
    if (!parsed.ok) notes.push(sentence(label, parsed.reason));
    else if (parsed.value !== null) fields[key] = parsed.value;
  };
  setCount('approxAge', 'approxAge', 'approximate age');
  setCount('statedArrestsTwoYears', 'arrestsTwoYears', 'arrests in the last two years');
  setCount('statedArrestsLast10', 'arrestsLast10Months', 'arrests in the last 10 months');
  setCount('statedArrestsLast22', 'arrestsLast22Months', 'arrests in the last 22 months');

  if (columns.addressDate !== undefined) {
    const parsed = parseDate(row[columns.addressDate] ?? null, { thisYear: options.thisYear });
    if (!parsed.ok) notes.push(sentence('date of arrest re address', parsed.reason));
    else if (parsed.value) fields.addressDate = parsed.value;
  }
  if (columns.gender !== undefined) {
    const parsed = parseGender(row[columns.gender] ?? null);
    if (!parsed.ok) notes.push(sentence('gender', parsed.reason));
    else if (parsed.value) fields.gender = parsed.value;
  }
  if (columns.ogrsScore !== undefined) {
    const parsed = parseOgrsScore(row[columns.ogrsScore] ?? null);
    if (!parsed.ok) notes.push(sentence('OGRS score', parsed.reason));
    else if (parsed.value !== null) fields.ogrsScore = parsed.value;
  }
  if (columns.cohortStartDate !== undefined) {
    const parsed = parseDate(row[columns.cohortStartDate] ?? null, { thisYear: options.thisYear });
    if (!parsed.ok) notes.push(sentence('IOM start date', parsed.reason));
    else if (parsed.value) fields.cohortStartDate = parsed.value;
  }
  if (columns.statutory !== undefined) {
    const statutoryText = text(row, columns.statutory);
    if (statutoryText) {
      const value = parseStatutory(statutoryText);
      if (value === null) notes.push(sentence('statutory', `"${statutoryText}" is not statutory or non-statutory (expected Stat, Statutory, Non-stat, Y or N).`));
      else fields.statutory = value ? 1 : 0;
    }
  }
  const custodyText = text(row, columns.custody) ?? fields.pinsResult ?? null;
  if (custodyText) fields.custody = custodyFromPinsResult(custodyText);

  const flags: FlagName[] = [];
  for (const [flag, field] of FLAG_COLUMNS) {
    const column = columns[field];
    if (column === undefined) continue;
    const cell = row[column] ?? null;
    // A status column that names its own list by its acronym ("PPO status: PPO") says yes; a word
    // such as "Female" could be another field's value in the wrong column, so it is not read so.
    const acronym = FLAG_SHORT_LABELS[flag];
    if (typeof cell === 'string' && /^[A-Z]{2,5}$/.test(acronym) && cell.trim().toUpperCase() === acronym) {
      flags.push(flag);
      continue;
    }
    const parsed = parseFlag(cell);
    if (!parsed.ok) notes.push(sentence(`${flag} flag`, parsed.reason));
    else if (parsed.value) flags.push(flag);
  }
  if (options.kindFlag && !flags.includes(options.kindFlag)) flags.push(options.kindFlag);

  const arrests: ArrestEntry[] = [];
  if (columns.arrestDetails !== undefined) {
    const details = parseArrestDetails(row[columns.arrestDetails] ?? null, { thisYear: options.thisYear });
    arrests.push(...details.arrests);
    for (const undated of details.undated) notes.push(`arrest entry "${undated.text}" not counted: ${undated.reason}`);
  }
  if (columns.arrestDate !== undefined) {
    const date = arrestDateField.read(row[columns.arrestDate] ?? null, options);
    const offence = text(row, columns.offence) ?? '';
    if (date.remark !== null) return { ok: false, reason: sentence('arrest date', date.remark) };
    if (date.value === null) return { ok: false, reason: 'arrest date is blank: an arrest without a date cannot be counted.' };
    arrests.push({ date: date.value, offence });
  }

  return { ok: true, row: { identity: { pnc, surname: surname.value, forenames: forenames.value, dob }, pncProblem, fields, flags, arrests, notes } };
}

/**
 * What the import does with one record after the header, whichever interpreter read it (the
 * general one below, or the coded line path of `electron/import/rowInterpreters.ts`): skip it,
 * refuse it with a reason, or take the interpreted row.
 */
export type RecordOutcome = { disposition: 'skipped' | 'rejected'; reason: string } | { disposition: 'interpreted'; row: InterpretedRow };

/** A record as the general interpreter reads it: blank and summary rows skipped, then {@link interpretRow}. */
export function interpretRecord(row: RawRow, columns: FieldColumns, options: InterpretOptions = {}): RecordOutcome {
  if (isBlankRow(row)) return { disposition: 'skipped', reason: 'blank row' };
  const total = totalRowReason(row);
  if (total) return { disposition: 'skipped', reason: total };
  const interpreted = interpretRow(row, columns, options);
  return interpreted.ok ? { disposition: 'interpreted', row: interpreted.row } : { disposition: 'rejected', reason: interpreted.reason };
}
