import type { RawRow } from '../../shared/domain/rawCell';
import type { FieldColumns } from '../../shared/importRowInterpretation';
import { MAX_NAME_CHARS } from '../../shared/importRowInterpretation';
import { daysInMonth, ymdOfIso } from '../../shared/domain/isoDate';
import { cellText, parseDate } from '../../shared/valueParsing';
import type { CsvLineSink } from './readers/readCsv';
import { pncCodeAnyForm } from '../../shared/pnc';

/**
 * The plain lines of an arrests extract, read straight from the CSV text into numbers.
 *
 * A million-row extract is nearly all lines like `1994/0132569B,Pseudley,Kerry,10/08/1977,
 * 28/09/2012,Robbery - Personal Property,Barnet`. Parsing each into a row of strings and then
 * interpreting the row allocates a dozen objects per line and is most of what an import costs
 * outside the database. Here a line's wanted fields are read where they lie in the text: the PNC
 * becomes its integer code, dates become YYYYMMDD integers, and each distinct name, offence and
 * borough becomes a number the first time it is seen. A line is coded only when it is certain to
 * mean exactly what the general path (CSV record → `interpretRow`) would make of it with nothing
 * to report: a valid canonical PNC or none, clean names, a real date of birth or none, a real
 * arrest date, and enough to identify the person. Everything else (quotes, a PNC to repair or
 * refuse, a date to question, a blank or summary line) takes the general path unchanged.
 *
 * The same coder runs in the importing thread or, for a large file, in a worker of its own that
 * hands its batches over as transferred buffers (see `codedCsvRows.ts`).
 */

/** The fields an arrests extract's plain line may carry; any other mapped column means no coding. */
const CODABLE_FIELDS = new Set(['pnc', 'surname', 'firstNames', 'dob', 'arrestDate', 'offence', 'borough']);

/** Column of each field a coded line reads; -1 where the extract has no such column. */
export interface ArrestLineColumns {
  pnc: number;
  surname: number;
  firstNames: number;
  dob: number;
  arrestDate: number;
  offence: number;
  borough: number;
}

/**
 * The columns to code lines by, or null when this mapping must take the general path for every
 * row: it maps a field a coded line does not carry (a full name to split, flags, an address…),
 * or it has no arrest date (every coded line is an arrest).
 */
export function arrestLineColumns(columns: FieldColumns): ArrestLineColumns | null {
  for (const field of Object.keys(columns)) if (!CODABLE_FIELDS.has(field)) return null;
  if (columns.arrestDate === undefined) return null;
  return {
    pnc: columns.pnc ?? -1,
    surname: columns.surname ?? -1,
    firstNames: columns.firstNames ?? -1,
    dob: columns.dob ?? -1,
    arrestDate: columns.arrestDate,
    offence: columns.offence ?? -1,
    borough: columns.borough ?? -1,
  };
}

/** Integers per record in {@link CodedBatch.codes}. */
export const CODED_ROW_INTS = 8;
/** Slot 0: -1 for a coded line, else the record's index in {@link CodedBatch.generic}. */
export const SLOT_GENERIC = 0;
/** `pncCode` of the PNC (read in either form), or -1 for none. */
export const SLOT_PNC = 1;
/** Text ids (see {@link CodedBatch.texts}), or -1 for none. */
export const SLOT_SURNAME = 2;
export const SLOT_FORENAMES = 3;
/** YYYYMMDD, or -1 for none. */
export const SLOT_DOB = 4;
export const SLOT_ARREST_DATE = 5;
/** Text id of the offence ('' when the extract gives none). */
export const SLOT_OFFENCE = 6;
export const SLOT_BOROUGH = 7;

/** Records in file order: coded lines and, where a line needed the general path, its parsed row. */
export interface CodedBatch {
  /** {@link CODED_ROW_INTS} integers per record. */
  codes: Int32Array;
  records: number;
  generic: RawRow[];
  /**
   * Each record's row as read, where the reader has it at no cost (a workbook's rows): what a
   * note on a coded record quotes, as it would for the same row taken by the general path.
   */
  rows?: RawRow[];
  /** Texts first seen in this batch; ids number every text of the file in order of first sight. */
  texts: string[];
  /** Bytes of the file read when the batch was cut, for progress. */
  bytesRead: number;
  totalBytes: number;
}

/**
 * The coded records gathered so far, shared by the CSV line coder and the workbook row coder: an
 * Int32Array of {@link CODED_ROW_INTS} codes a record, doubled when full, handed out by batch.
 */
export abstract class CodedRecords {
  protected records = 0;

  constructor(protected codes: Int32Array) {}

  /** The offset of one more record's codes. */
  protected slot(): number {
    if ((this.records + 1) * CODED_ROW_INTS > this.codes.length) {
      const bigger = new Int32Array(this.codes.length * 2);
      bigger.set(this.codes);
      this.codes = bigger;
    }
    return this.records++ * CODED_ROW_INTS;
  }

  /** Fills record `at` as a coded arrest (not a parsed row). */
  protected storeArrest(at: number, pnc: number, surname: number, forenames: number, dob: number, arrestDate: number, offence: number, borough: number): void {
    const codes = this.codes;
    codes[at + SLOT_GENERIC] = -1;
    codes[at + SLOT_PNC] = pnc;
    codes[at + SLOT_SURNAME] = surname;
    codes[at + SLOT_FORENAMES] = forenames;
    codes[at + SLOT_DOB] = dob;
    codes[at + SLOT_ARREST_DATE] = arrestDate;
    codes[at + SLOT_OFFENCE] = offence;
    codes[at + SLOT_BOROUGH] = borough;
  }

  /** The codes of the records since the last call, and their count; the buffer starts again. */
  protected takeCodes(): { codes: Int32Array; records: number } {
    const taken = { codes: this.codes.slice(0, this.records * CODED_ROW_INTS), records: this.records };
    this.records = 0;
    return taken;
  }
}

/**
 * Codes the plain lines of one CSV file as a {@link CsvLineSink} and gathers every record into
 * batches. Until {@link ArrestLineCoder.configure} is called (after the header is recognised) it
 * declines every line, so the first rows reach the importer exactly as parsed.
 */
export class ArrestLineCoder extends CodedRecords implements CsvLineSink {
  private columns: ArrestLineColumns | null = null;
  /** Per column up to the last one read: which slot it fills, or -1. */
  private slotOfColumn: Int8Array = new Int8Array(0);
  private readonly starts = new Int32Array(CODED_ROW_INTS);
  private readonly ends = new Int32Array(CODED_ROW_INTS);
  private readonly texts = new TextTable();
  private generic: RawRow[] = [];
  private readonly delimiterCode: number;
  /** Records still to drop from the start of the file (Excel's `sep=` line). */
  private skip: number;

  constructor(
    delimiter: string,
    private readonly maxColumns: number,
    skipFirst: boolean,
  ) {
    super(new Int32Array(4096 * CODED_ROW_INTS));
    this.delimiterCode = delimiter.charCodeAt(0);
    this.skip = skipFirst ? 1 : 0;
  }

  get pending(): number {
    return this.records;
  }

  configure(columns: ArrestLineColumns | null): void {
    this.columns = columns;
    if (!columns) return;
    const last = Math.max(columns.pnc, columns.surname, columns.firstNames, columns.dob, columns.arrestDate, columns.offence, columns.borough);
    this.slotOfColumn = new Int8Array(last + 1).fill(-1);
    const put = (column: number, slot: number) => {
      // A column mapped twice is read by the first field only, as `fieldColumnsOf` keeps one each.
      if (column >= 0 && this.slotOfColumn[column] === -1) this.slotOfColumn[column] = slot;
    };
    put(columns.pnc, SLOT_PNC);
    put(columns.surname, SLOT_SURNAME);
    put(columns.firstNames, SLOT_FORENAMES);
    put(columns.dob, SLOT_DOB);
    put(columns.arrestDate, SLOT_ARREST_DATE);
    put(columns.offence, SLOT_OFFENCE);
    put(columns.borough, SLOT_BOROUGH);
    const used = [columns.pnc, columns.surname, columns.firstNames, columns.dob, columns.arrestDate, columns.offence, columns.borough].filter((c) => c >= 0);
    // One column read as two fields: a slot per column cannot say so, so such a mapping is never coded.
    if (new Set(used).size !== used.length) this.columns = null;
  }

  row(row: RawRow): void {
    if (this.skip > 0) {
      this.skip -= 1;
      return;
    }
    const at = this.slot();
    this.codes[at + SLOT_GENERIC] = this.generic.push(row) - 1;
  }

  line(text: string, start: number, end: number): boolean {
    const columns = this.columns;
    if (columns === null || this.skip > 0) return false;
    const starts = this.starts;
    const ends = this.ends;
    starts.fill(-1);
    ends.fill(-1);
    const slotOfColumn = this.slotOfColumn;
    const wanted = slotOfColumn.length;
    const delimiter = this.delimiterCode;
    let column = 0;
    let fieldStart = start;
    for (let i = start; i <= end; i++) {
      if (i < end && text.charCodeAt(i) !== delimiter) continue;
      if (column < wanted) {
        const slot = slotOfColumn[column]!;
        if (slot >= 0) {
          starts[slot] = fieldStart;
          ends[slot] = i;
        }
      }
      column += 1;
      fieldStart = i + 1;
    }
    // Values past the column limit are the general path's to refuse (or drop, when empty).
    if (column > this.maxColumns) return false;

    const arrestDate = this.dateCode(text, SLOT_ARREST_DATE);
    // A blank or unreadable arrest date refuses the row; a real one also means the line is
    // neither blank nor a summary line (a date is not a total label, and not a number).
    if (arrestDate < 0) return false;

    let pnc = -1;
    if (starts[SLOT_PNC]! < ends[SLOT_PNC]!) {
      // The canonical or the short form with its right check letter: anything else may need
      // repair, a note or a refusal, which the general path words.
      pnc = pncCodeAnyForm(text, starts[SLOT_PNC], ends[SLOT_PNC]);
      if (pnc < 0) return false;
    }
    const surname = this.nameId(text, SLOT_SURNAME);
    if (surname === -2) return false;
    const forenames = this.nameId(text, SLOT_FORENAMES);
    if (forenames === -2) return false;
    let dob = -1;
    if (starts[SLOT_DOB]! < ends[SLOT_DOB]!) {
      dob = this.dateCode(text, SLOT_DOB);
      if (dob < 0) return false;
    }
    if (pnc < 0 && (surname < 0 || dob < 0)) return false;
    // `text(row, columns.offence) ?? ''`: a blank offence is the empty text.
    let offence = this.cellTextId(text, SLOT_OFFENCE);
    if (offence < 0) offence = this.texts.id('', 0, 0);
    const borough = this.cellTextId(text, SLOT_BOROUGH);

    const at = this.slot();
    this.storeArrest(at, pnc, surname, forenames, dob, arrestDate, offence, borough);
    return true;
  }

  /** The records gathered since the last call, with the texts they introduced. */
  take(bytesRead: number, totalBytes: number): CodedBatch {
    const batch: CodedBatch = { ...this.takeCodes(), generic: this.generic, texts: this.texts.fresh, bytesRead, totalBytes };
    this.generic = [];
    this.texts.fresh = [];
    return batch;
  }

  /** YYYYMMDD of a date field as `parseDate` reads it; -1 when blank or not a date. */
  private dateCode(text: string, slot: number): number {
    const start = this.starts[slot]!;
    const end = this.ends[slot]!;
    if (start >= end) return -1;
    const plain = plainDayFirstCode(text, start, end);
    if (plain >= 0) return plain;
    const parsed = parseDate(text.slice(start, end));
    return parsed.ok && parsed.value !== null ? ymdOfIso(parsed.value) : -1;
  }

  /** Text id of a name as `interpretRow` keeps it; -1 when blank, -2 when it would be set aside. */
  private nameId(text: string, slot: number): number {
    const start = this.starts[slot]!;
    const end = this.ends[slot]!;
    if (end - start > MAX_NAME_CHARS) {
      // Long only with padding that cellText removes, or really too long: the general path says.
      return -2;
    }
    return this.cellTextId(text, slot);
  }

  /** Text id of `cellText` of a field; -1 when that is null (blank). */
  private cellTextId(text: string, slot: number): number {
    const start = this.starts[slot]!;
    const end = this.ends[slot]!;
    if (start >= end) return -1;
    // Printable ASCII with single inner spaces is its own cellText; only other text is cut out.
    const plain = this.texts.plainId(text, start, end);
    if (plain >= 0) return plain;
    const value = cellText(text.slice(start, end));
    return value === null ? -1 : this.texts.id(value, 0, value.length);
  }
}

/**
 * `plainDayFirstDate` of valueParsing (what `parseDate` answers first for text written exactly
 * `dd/mm/yyyy`) as YYYYMMDD, read from character codes without cutting the text; -1 for anything
 * else, including years before 1000 (where that function's month lengths follow Date.UTC's
 * two-digit-year rule), which then go through `parseDate` itself.
 */
function plainDayFirstCode(text: string, start: number, end: number): number {
  if (end - start !== 10 || text.charCodeAt(start + 2) !== 47 || text.charCodeAt(start + 5) !== 47) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    if (i === start + 2 || i === start + 5) continue;
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  // value is ddmmyyyy
  const year = value % 10_000;
  const month = Math.floor(value / 10_000) % 100;
  const day = Math.floor(value / 1_000_000);
  if (year < 1000 || month < 1 || month > 12 || day < 1) return -1;
  if (day > 28 && day > daysInMonth(year, month)) return -1;
  return year * 10_000 + month * 100 + day;
}

/**
 * Every distinct text of a file once, numbered in order of first sight, found from a range of the
 * CSV text without cutting it out: a hash over the characters and a comparison with the stored
 * text. A new text is cut out once and kept (see {@link CodedBatch.texts}).
 */
export class TextTable {
  private readonly values: string[] = [];
  private readonly hashes: number[] = [];
  /** Open addressing: id + 1 per slot, 0 for empty; a power of two, under half full. */
  private slots = new Int32Array(1024);
  fresh: string[] = [];

  /** Id of the text from `start` to `end` when `cellText` would keep it as it is; -1 otherwise. */
  plainId(text: string, start: number, end: number): number {
    const last = end - 1;
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x20) {
        if (i === start || i === last || text.charCodeAt(i - 1) === 0x20) return -1;
      } else if (c < 0x21 || c > 0x7e) {
        return -1;
      }
      hash = Math.imul(hash ^ c, FNV_PRIME);
    }
    return this.find(text, start, end, hash);
  }

  /** Id of any text (a range of `text`). */
  id(text: string, start: number, end: number): number {
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
    return this.find(text, start, end, hash);
  }

  private find(text: string, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot]!;
      if (entry === 0) break;
      const id = entry - 1;
      if (this.hashes[id] === hash && sameText(this.values[id]!, text, start, end)) return id;
      slot = (slot + 1) & mask;
    }
    // Kept for the whole file: a copy, not a view of the chunk it was cut from.
    const value = ` ${text.slice(start, end)}`.slice(1);
    const id = this.values.push(value) - 1;
    this.hashes.push(hash);
    this.fresh.push(value);
    slots[slot] = id + 1;
    if (this.values.length * 2 > slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.values.length; id++) {
      let slot = this.hashes[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function sameText(value: string, text: string, start: number, end: number): boolean {
  if (value.length !== end - start) return false;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
