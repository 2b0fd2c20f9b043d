/**
 * An .xlsx arrests extract's rows as {@link CodedBatch}es, as a CSV extract's lines are (see
 * `arrestLines.ts`): once the header is known, each plain row (a real arrest date, a canonical or
 * short-form PNC with its right check letter or none, clean names, a real date of birth or none)
 * becomes numbers instead of going through `interpretRow`, which is most of what a large import
 * spends outside the database. A row is coded only when its cells are of the kinds a coded CSV
 * line holds (text, and dates given as date cells or as text `parseDate` reads); anything else
 * (a number or true/false where a name or PNC belongs, a PNC to repair or refuse, a date to
 * question, a name too long) takes the general path unchanged, with its notes and refusals.
 */
import type { RawCell, RawRow } from '../../shared/domain/rawCell';
import { ymdOfIso } from '../../shared/domain/isoDate';
import { MAX_NAME_CHARS } from '../../shared/importRowInterpretation';
import { cellText, parseDate } from '../../shared/valueParsing';
import {
  CODED_ROW_INTS,
  CodedRecords,
  SLOT_GENERIC,
  TextTable,
  type ArrestLineColumns,
  type CodedBatch,
} from './arrestLines';
import type { CodedRowStream } from './codedCsvRows';
import { pncCodeAnyForm } from '../../shared/pnc';
import type { SheetRowStream } from './readers';

/** Returned by a cell coder when the row must take the general path. */
const DECLINE = -2;

function isDateCell(cell: RawCell): cell is { date: string } {
  return typeof cell === 'object' && cell !== null;
}

export class XlsxArrestRowCoder extends CodedRecords {
  private columns: ArrestLineColumns | null = null;
  private readonly texts = new TextTable();
  private generic: RawRow[] = [];
  private rows: RawRow[] = [];

  constructor() {
    super(new Int32Array(1024 * CODED_ROW_INTS));
  }

  configure(columns: ArrestLineColumns | null): void {
    if (!columns) return;
    const used = [columns.pnc, columns.surname, columns.firstNames, columns.dob, columns.arrestDate, columns.offence, columns.borough].filter((c) => c >= 0);
    // One column read as two fields: never coded, as with a CSV extract.
    this.columns = new Set(used).size === used.length ? columns : null;
  }

  /** Adds one row as a coded record when it is plain, else as a parsed row. */
  add(row: RawRow): void {
    const at = this.slot();
    const codes = this.codes;
    this.rows.push(row);
    if (this.columns === null || !this.code(row, this.columns, at)) codes[at + SLOT_GENERIC] = this.generic.push(row) - 1;
  }

  take(fraction: number): CodedBatch {
    const batch: CodedBatch = { ...this.takeCodes(), generic: this.generic, rows: this.rows, texts: this.texts.fresh, bytesRead: Math.round(fraction * 1_000_000), totalBytes: 1_000_000 };
    this.generic = [];
    this.rows = [];
    this.texts.fresh = [];
    return batch;
  }

  private code(row: RawRow, columns: ArrestLineColumns, at: number): boolean {
    const cell = (column: number): RawCell => (column < 0 ? null : (row[column] ?? null));
    const arrestDate = this.dateCode(cell(columns.arrestDate));
    if (arrestDate < 0) return false;
    let pnc = -1;
    const pncCell = cell(columns.pnc);
    if (pncCell !== null) {
      if (typeof pncCell !== 'string') return false;
      pnc = pncCodeAnyForm(pncCell);
      if (pnc < 0) return false;
    }
    const surname = this.nameId(cell(columns.surname));
    if (surname === DECLINE) return false;
    const forenames = this.nameId(cell(columns.firstNames));
    if (forenames === DECLINE) return false;
    let dob = -1;
    const dobCell = cell(columns.dob);
    if (dobCell !== null) {
      dob = this.dateCode(dobCell);
      if (dob < 0) return false;
    }
    if (pnc < 0 && (surname < 0 || dob < 0)) return false;
    let offence = this.textId(cell(columns.offence));
    if (offence === DECLINE) return false;
    if (offence < 0) offence = this.texts.id('', 0, 0);
    const borough = this.textId(cell(columns.borough));
    if (borough === DECLINE) return false;

    this.storeArrest(at, pnc, surname, forenames, dob, arrestDate, offence, borough);
    return true;
  }

  /** YYYYMMDD of a date cell or of text `parseDate` reads; -1 when blank, not a date, or another kind of cell. */
  private dateCode(cell: RawCell): number {
    if (cell === null || (typeof cell !== 'string' && !isDateCell(cell))) return -1;
    const parsed = parseDate(cell);
    return parsed.ok && parsed.value !== null ? ymdOfIso(parsed.value) : -1;
  }

  /** Text id of a name; -1 when blank, DECLINE when it is not text or would be set aside. */
  private nameId(cell: RawCell): number {
    if (typeof cell === 'string' && cell.length > MAX_NAME_CHARS) return DECLINE;
    return this.textId(cell);
  }

  /** Text id of `cellText` of a text cell; -1 when blank, DECLINE for any other kind of cell. */
  private textId(cell: RawCell): number {
    if (cell === null) return -1;
    if (typeof cell !== 'string') return DECLINE;
    const plain = this.texts.plainId(cell, 0, cell.length);
    if (plain >= 0) return plain;
    const value = cellText(cell);
    return value === null ? -1 : this.texts.id(value, 0, value.length);
  }
}

/** The sheet's rows as coded batches, scanned in this thread a batch at a time. */
export function openCodedXlsxRows(stream: SheetRowStream, onBatch: () => void): CodedRowStream {
  const coder = new XlsxArrestRowCoder();
  let finished = false;
  return {
    next() {
      if (finished) return Promise.resolve(null);
      const item = stream.batches.next();
      onBatch();
      if (item.done) {
        finished = true;
        return Promise.resolve(null);
      }
      for (const row of item.value) coder.add(row);
      return Promise.resolve(coder.take(stream.fraction()));
    },
    configure(columns) {
      coder.configure(columns);
    },
    close() {
      finished = true;
      stream.batches.return(undefined);
      return Promise.resolve();
    },
  };
}
