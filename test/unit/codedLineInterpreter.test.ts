/**
 * The coded line path is an implementation of the row interpreter, not a second opinion: over
 * generated awkward lines (short, long, lower-case, padded and wrong PNCs; placeholder, serial,
 * US-order, impossible and time-stamped dates; accents, invisible characters, names at and past
 * the length limit; blanks), every record the coders hand over must mean exactly what the
 * general interpreter makes of the same row, and every field a field interpreter codes must be
 * the value its `read` gives with nothing to say. Synthetic values only.
 */
import { describe, expect, it } from 'vitest';
import type { RawCell, RawRow } from '../../shared/domain/rawCell';
import { isoOfYmd, ymdOfIso } from '../../shared/domain/isoDate';
import { excelSerialToIsoDate } from '../../shared/domain/excelSerialDate';
import { mulberry32 } from '../../shared/domain/seededRandom';
import { makeSyntheticPnc } from '../../shared/workspace/syntheticCohort';
import { arrestDateField, BLANK_CODE, DECLINED, dobField, forenamesField, MAX_NAME_CHARS, pncField, surnameField, textField, type FieldInterpreter } from '../../shared/import/importFields';
import { interpretRecord, type FieldColumns, type InterpretedRow, type RecordOutcome } from '../../shared/import/importRowInterpretation';
import { pncCode, pncTextOfCode } from '../../shared/domain/pnc';
import { TextTable } from '../../shared/import/textTable';
import { ArrestLineCoder, arrestLineColumns, CODED_ROW_INTS, SLOT, type CodedBatch } from '../../electron/import/arrestLines';
import { XlsxArrestRowCoder } from '../../electron/import/codedXlsxRows';
import { CodedRowInterpreter } from '../../electron/import/rowInterpreters';
import { CsvRecordParser } from '../../electron/import/readers/readCsv';
import { DEFAULT_READER_LIMITS } from '../../electron/import/readers/limits';

const HEADER = ['PNC', 'Surname', 'Forename', 'DOB', 'Arrest date', 'Offence', 'Borough'];
const COLUMNS: FieldColumns = { pnc: 0, surname: 1, firstNames: 2, dob: 3, arrestDate: 4, offence: 5, borough: 6 };
const OPTIONS = { kindFlag: null };

const pnc = makeSyntheticPnc(1991, 100511);
const wrongLetter = `${pnc.long.slice(0, 12)}${pnc.checkLetter === 'A' ? 'B' : 'A'}`;
const PNCS = [pnc.long, pnc.short, pnc.long.toLowerCase(), ` ${pnc.long}`, `${pnc.short} `, pnc.long.replace('/', ' / '), wrongLetter, `2031/${pnc.long.slice(5)}`, '91/0100511', 'unknown', '', '   ', '\u00a0', `${pnc.long.slice(0, 5)}${pnc.long.slice(6)}`, pnc.long.slice(2)];
const DATES = ['10/08/1977', '01/01/1900', '01/01/1901', '31/12/1899', '1900-01-01', '33512', '60', '3/4/77', '31/02/1980', '12/31/1980', '29/02/2000', '29/02/1900', '01/01/0012', ' 10/08/1977', '10/08/1977 00:00', '28 Sep 2012', '2012-09-28', 'unknown', '', '  ', '10.08.1977'];
const NAMES = ['Pseudley', 'Kerry', 'Zoë', 'Ñúñez', "O'Brien", 'Smith-Jones', 'Van Der Berg', 'Van  Der Berg', ' Leading', 'Trailing ', 'Tab\there', 'Zero\u200bwidth', 'x'.repeat(MAX_NAME_CHARS), 'y'.repeat(MAX_NAME_CHARS + 1), ` ${'z'.repeat(MAX_NAME_CHARS)} `, '=cmd', '', '   ', '\u00a0'];
const TEXTS = ['Robbery - Personal Property', 'Burglary Dwelling', '  Theft  from shop ', 'Café damage', '', ' ', 'Barnet', 'Barnet ', 'Tab\toffence'];

function awkwardLine(rng: () => number): string[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
  // Mostly plain, so lines that are nearly plain (one awkward field) are common.
  const line = [pnc.long, 'Pseudley', 'Kerry', '10/08/1977', '28/09/2012', 'Robbery - Personal Property', 'Barnet'];
  const changes = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < changes; i++) {
    const column = Math.floor(rng() * line.length);
    line[column] = pick(column === 0 ? PNCS : column === 3 || column === 4 ? DATES : column <= 2 ? NAMES : TEXTS);
  }
  return line;
}

/** Each field's reading made plain: the coded row's strings are made on demand. */
function plainOutcome(outcome: RecordOutcome): unknown {
  if (outcome.disposition !== 'interpreted') return outcome;
  const r: InterpretedRow = outcome.row;
  return { disposition: outcome.disposition, row: { identity: r.identity, pncProblem: r.pncProblem, fields: r.fields, flags: r.flags, arrests: r.arrests, notes: r.notes } };
}

/**
 * Every record after the header means through the coded interpreter what the general one makes of
 * the row, and is quoted as the file has it; returns how many were coded lines.
 */
function expectSameOutcomes(batch: CodedBatch, rows: readonly RawRow[]): number {
  const interpreter = new CodedRowInterpreter(COLUMNS, OPTIONS);
  interpreter.begin(batch);
  let coded = 0;
  for (let record = 1; record < batch.records; record++) {
    if (batch.codes[record * CODED_ROW_INTS + SLOT.generic]! < 0) coded += 1;
    const row = rows[record]!;
    expect(plainOutcome(interpreter.interpret(batch, record)), JSON.stringify(row)).toEqual(plainOutcome(interpretRecord(row, COLUMNS, OPTIONS)));
    expect(interpreter.quote(batch, record), JSON.stringify(row)).toEqual(row);
  }
  return coded;
}

describe('the coded line path as an implementation of the row interpreter', () => {
  it('every record of awkward CSV lines means what the general interpreter makes of its row', () => {
    const rng = mulberry32(20261207);
    const lines = Array.from({ length: 6_000 }, () => awkwardLine(rng));
    const text = `${HEADER.join(',')}\n${lines.map((l) => l.join(',')).join('\n')}\n`;
    const coder = new ArrestLineCoder(',', DEFAULT_READER_LIMITS.maxColumns, false);
    const parser = new CsvRecordParser(',', DEFAULT_READER_LIMITS, () => undefined);
    parser.setLineSink(coder);
    parser.push(`${HEADER.join(',')}\n`);
    coder.configure(arrestLineColumns(COLUMNS));
    parser.push(text.slice(HEADER.join(',').length + 1));
    parser.end();
    const batch = coder.take(0, 0);
    const plain = new CsvRecordParser(',', DEFAULT_READER_LIMITS, () => undefined);
    plain.push(text);
    plain.end();
    const rows = plain.completed;
    expect(batch.records).toBe(rows.length);

    const coded = expectSameOutcomes(batch, rows);
    // Both kinds of record are well represented: the property is not held by declining everything.
    expect(coded).toBeGreaterThan(batch.records * 0.2);
    expect(coded).toBeLessThan(batch.records * 0.9);
  });

  it('the same for a workbook, with date cells, numbers and true/false among the text', () => {
    const rng = mulberry32(77);
    const cellOf = (text: string): RawCell => {
      const r = rng();
      if (text === '') return null;
      if (r < 0.08 && /^\d{2}\/\d{2}\/\d{4}$/.test(text)) return { date: `${text.slice(6)}-${text.slice(3, 5)}-${text.slice(0, 2)}` };
      if (r < 0.1) return Number.isNaN(Number(text)) ? text : Number(text);
      if (r < 0.11) return true;
      if (r < 0.12) return 33512;
      return text;
    };
    const coder = new XlsxArrestRowCoder();
    const rows: RawRow[] = [HEADER];
    coder.add(HEADER);
    coder.configure(arrestLineColumns(COLUMNS));
    for (let i = 0; i < 4_000; i++) {
      const row = awkwardLine(rng).map(cellOf);
      rows.push(row);
      coder.add(row);
    }
    const batch = coder.take(1);
    const coded = expectSameOutcomes(batch, rows);
    expect(coded).toBeGreaterThan(batch.records * 0.2);
  });

  it('each field interpreter codes a value only as its own reading gives it, with nothing to say', () => {
    const fields: Array<[string, FieldInterpreter<unknown>, readonly string[], (code: number, texts: TextTable, value: unknown) => boolean]> = [
      ['pnc', pncField, PNCS, (code, _texts, value) => pncTextOfCode(code) === value && pncCode(value as string) === code],
      ['surname', surnameField, NAMES, (code, texts, value) => texts.id(value as string, 0, (value as string).length) === code],
      ['forenames', forenamesField, NAMES, (code, texts, value) => texts.id(value as string, 0, (value as string).length) === code],
      ['dob', dobField, DATES, (code, _texts, value) => isoOfYmd(code) === value],
      ['arrest date', arrestDateField, DATES, (code, _texts, value) => isoOfYmd(code) === value],
      ['offence', textField, TEXTS, (code, texts, value) => texts.id(value as string, 0, (value as string).length) === code],
    ];
    for (const [name, field, samples, sameValue] of fields) {
      const texts = new TextTable();
      for (const sample of [...samples, ...PNCS, ...DATES, ...NAMES]) {
        // Read from inside a longer line, as the coder does.
        const line = `a,${sample},b`;
        const code = field.codeText(line, 2, 2 + sample.length, texts);
        const reading = field.read(sample === '' ? null : sample);
        const label = `${name} ${JSON.stringify(sample)}: code ${code}, read ${JSON.stringify(reading)}`;
        if (code === DECLINED) continue;
        expect(reading.remark, label).toBeNull();
        if (code === BLANK_CODE) expect(reading.value, label).toBeNull();
        else expect(sameValue(code, texts, reading.value), label).toBe(true);
      }
    }
  });

  it('codes the plain lines an extract is made of (a coder that declined everything would pass the rest)', () => {
    const texts = new TextTable();
    expect(pncField.codeText(pnc.short, 0, pnc.short.length, texts)).toBe(pncCode(pnc.long));
    expect(pncField.codeText(pnc.long.toLowerCase(), 0, 13, texts)).toBe(pncCode(pnc.long));
    expect(dobField.codeText('01/01/1900', 0, 10, texts)).toBe(19000101);
    // A date of birth exported from Excel to CSV as its serial day number.
    expect(dobField.codeText('33512', 0, 5, texts)).toBe(ymdOfIso(excelSerialToIsoDate(33512)!));
    expect(surnameField.codeText('Zoë', 0, 3, texts)).toBeGreaterThanOrEqual(0);
    expect(surnameField.codeText('y'.repeat(MAX_NAME_CHARS + 1), 0, MAX_NAME_CHARS + 1, texts)).toBe(DECLINED);
    expect(arrestDateField.codeText('12/31/1980', 0, 10, texts)).toBe(DECLINED);
    expect(pncField.codeText(wrongLetter, 0, 13, texts)).toBe(DECLINED);
  });
});
