/**
 * What one cell of an imported row means, field by field: the rules written once.
 *
 * Each field an arrests extract's plain line carries has one interpreter here with two entry
 * points. `read` takes a cell and answers its value and anything it has to say about it (a
 * remark: a PNC that cannot be used, a date that is not one, a name too long to be a name);
 * `interpretRow` composes these, and decides what each remark means for the row (a note, or a
 * refusal). `code` reads the same field from a range of a CSV line, or from a workbook cell, and
 * answers the value as a number (a PNC code, YYYYMMDD, a text id) when `read` would give that
 * value with nothing to say, {@link BLANK_CODE} when it would give none, and {@link DECLINED} in
 * every other case: the line then goes to `interpretRow` as a parsed row, which says it. A coded
 * line is therefore never a second opinion on a cell, only the same one without the strings.
 */
import { ymdOfIso, type IsoDate } from '../domain/isoDate';
import type { RawCell } from '../domain/rawCell';
import { parsePnc, pncCode, pncCodeAnyForm, type PncParseOptions } from '../domain/pnc';
import { serialNumberOf } from './columnContent';
import { cellText, parseDate, plainDayFirstYmd, type DateParseOptions } from './valueParsing';
import type { TextTable } from './textTable';

/** Longest surname or forenames taken; real ones, double-barrelled with several middle names, are far shorter. */
export const MAX_NAME_CHARS = 100;

/** A coded field that is blank: `read` gives no value and says nothing. */
export const BLANK_CODE = -1;
/** A coded field whose cell `read` has something to say about: the line is interpreted as a row. */
export const DECLINED = -2;

/** A cell's value for its field (null: none) and what the field has to say about it (null: nothing). */
interface FieldReading<T> {
  value: T | null;
  remark: string | null;
}

type FieldReadOptions = PncParseOptions & DateParseOptions;

/** One field's rules: read from a cell, or coded from a range of text or a workbook cell. */
export interface FieldInterpreter<T> {
  read(cell: RawCell, options?: FieldReadOptions): FieldReading<T>;
  /** The code of `read` of the text from `start` to `end` when it says nothing; else BLANK_CODE or DECLINED. */
  codeText(text: string, start: number, end: number, texts: TextTable): number;
  /** The same for a workbook's cell (text, a date cell, or anything else). */
  codeCell(cell: RawCell, texts: TextTable): number;
}

function sentence(label: string, reason: string): string {
  return `${label}: ${reason}`;
}

/**
 * A workbook cell coded as text is: a number or true/false is declined, since a number where a
 * name or date belongs also changes what makes a summary ("Total") row, which only a row says.
 */
function codeTextCell(cell: RawCell, texts: TextTable, codeText: (text: string, start: number, end: number, texts: TextTable) => number): number {
  if (cell === null) return BLANK_CODE;
  return typeof cell === 'string' ? codeText(cell, 0, cell.length, texts) : DECLINED;
}

// ---------------------------------------------------------------------------------------------
// PNC

function readPnc(cell: RawCell, options: FieldReadOptions = {}): FieldReading<string> {
  const text = cellText(cell);
  if (text === null) return { value: null, remark: null };
  const parsed = parsePnc(text, { thisYear: options.thisYear });
  return parsed.ok ? { value: parsed.pnc, remark: null } : { value: null, remark: parsed.message };
}

function codePncText(text: string, start: number, end: number): number {
  if (start >= end) return BLANK_CODE;
  // What `parsePnc` answers first: a canonical or short-form PNC with its right check letter.
  const plain = pncCodeAnyForm(text, start, end);
  if (plain >= 0) return plain;
  const reading = readPnc(text.slice(start, end));
  if (reading.remark !== null) return DECLINED;
  return reading.value === null ? BLANK_CODE : pncCode(reading.value);
}

/** The PNC: any form `parsePnc` reads (repairing case and spaces); a remark when it cannot be used. */
export const pncField: FieldInterpreter<string> = {
  read: readPnc,
  codeText: codePncText,
  codeCell: (cell, texts) => codeTextCell(cell, texts, codePncText),
};

// ---------------------------------------------------------------------------------------------
// Names

/**
 * Name comparison costs time in the product of the two names' lengths, so a "name" of thousands
 * of characters (a mis-mapped notes column, a hostile file) would slow every later match of this
 * import and of every import after it. No one's name is that long: it is set aside with a remark.
 */
function readName(label: 'surname' | 'forenames', cell: RawCell): FieldReading<string> {
  const text = cellText(cell);
  if (text === null || text.length <= MAX_NAME_CHARS) return { value: text, remark: null };
  const what = label === 'surname' ? 'more than a name can be' : 'more than names can be';
  return { value: null, remark: sentence(label, `${text.length.toLocaleString('en-GB')} characters long, ${what} (${MAX_NAME_CHARS}); left out.`) };
}

function nameInterpreter(label: 'surname' | 'forenames'): FieldInterpreter<string> {
  const codeText = (text: string, start: number, end: number, texts: TextTable): number => {
    if (start >= end) return BLANK_CODE;
    // Printable ASCII with single inner spaces is its own cell text, and short enough is a name.
    if (end - start <= MAX_NAME_CHARS) {
      const plain = texts.plainId(text, start, end);
      if (plain >= 0) return plain;
    }
    const reading = readName(label, text.slice(start, end));
    if (reading.remark !== null) return DECLINED;
    return reading.value === null ? BLANK_CODE : texts.id(reading.value, 0, reading.value.length);
  };
  return {
    read: (cell) => readName(label, cell),
    codeText,
    codeCell: (cell, texts) => codeTextCell(cell, texts, codeText),
  };
}

export const surnameField = nameInterpreter('surname');
export const forenamesField = nameInterpreter('forenames');

// ---------------------------------------------------------------------------------------------
// Dates

/** A date cell's YYYYMMDD when `read` gives a date and says nothing; BLANK_CODE or DECLINED otherwise. */
function codeOfDateReading(reading: FieldReading<IsoDate>): number {
  if (reading.remark !== null) return DECLINED;
  return reading.value === null ? BLANK_CODE : ymdOfIso(reading.value);
}

function dateInterpreter(read: (cell: RawCell, options?: FieldReadOptions) => FieldReading<IsoDate>): FieldInterpreter<IsoDate> {
  const codeText = (text: string, start: number, end: number): number => {
    if (start >= end) return BLANK_CODE;
    const plain = plainDayFirstYmd(text, start, end);
    return plain >= 0 ? plain : codeOfDateReading(read(text.slice(start, end)));
  };
  return {
    read,
    codeText,
    codeCell(cell) {
      if (cell === null) return BLANK_CODE;
      if (typeof cell === 'string') return codeText(cell, 0, cell.length);
      // A date cell; a number (a serial) or true/false is the row's to word.
      return typeof cell === 'object' ? codeOfDateReading(read(cell)) : DECLINED;
    },
  };
}

function dateReading(cell: RawCell, options: FieldReadOptions): FieldReading<IsoDate> {
  const parsed = parseDate(cell, options);
  return parsed.ok ? { value: parsed.value, remark: null } : { value: null, remark: parsed.reason };
}

/** Date of birth: a date exported from Excel to CSV can arrive as its serial day number ("33512"). */
export const dobField = dateInterpreter((cell, options = {}) => {
  const serial = typeof cell === 'string' ? serialNumberOf(cell) : null;
  return dateReading(serial ?? cell, { thisYear: options.thisYear });
});

/** The arrest date. */
export const arrestDateField = dateInterpreter((cell, options = {}) => dateReading(cell, { thisYear: options.thisYear }));

// ---------------------------------------------------------------------------------------------
// Plain text (offence, borough)

function codePlainText(text: string, start: number, end: number, texts: TextTable): number {
  if (start >= end) return BLANK_CODE;
  const plain = texts.plainId(text, start, end);
  if (plain >= 0) return plain;
  const value = cellText(text.slice(start, end));
  return value === null ? BLANK_CODE : texts.id(value, 0, value.length);
}

/** A text field: the cell as an analyst reads it (`cellText`); never a remark. */
export const textField: FieldInterpreter<string> = {
  read: (cell) => ({ value: cellText(cell), remark: null }),
  codeText: codePlainText,
  codeCell: (cell, texts) => codeTextCell(cell, texts, codePlainText),
};

// ---------------------------------------------------------------------------------------------
// The row's rule

/** A row identifies a person by a usable PNC, or by a surname with a date of birth. */
export function identifiesPerson(hasPnc: boolean, hasSurname: boolean, hasDob: boolean): boolean {
  return hasPnc || (hasSurname && hasDob);
}
