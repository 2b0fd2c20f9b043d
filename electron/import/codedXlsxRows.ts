/**
 * An .xlsx arrests extract's rows as {@link CodedBatch}es, as a CSV extract's lines are (see
 * `arrestLines.ts`): once the header is known, each plain row becomes numbers instead of going
 * through `interpretRow`, which is most of what a large import spends outside the database. The
 * rule of what is plain is the CSV coder's ({@link CodedRecords}), each cell read by its field's
 * interpreter (`shared/import/importFields.ts`); a cell of another kind than a coded line holds (a number
 * or true/false where a name, PNC or date belongs) is declined there, and the row takes the
 * general path unchanged, with its notes and refusals.
 */
import type { RawRow } from '../../shared/domain/rawCell';
import type { FieldInterpreter } from '../../shared/import/importFields';
import {
  CODED_ROW_INTS,
  CodedRecords,
  SLOT_ARREST_DATE,
  SLOT_BOROUGH,
  SLOT_DOB,
  SLOT_FORENAMES,
  SLOT_GENERIC,
  SLOT_OFFENCE,
  SLOT_PNC,
  SLOT_SURNAME,
  type ArrestLineColumns,
  type CodedBatch,
} from './arrestLines';
import type { CodedRowStream } from './codedCsvRows';
import type { SheetRowStream } from './readers';

export class XlsxArrestRowCoder extends CodedRecords {
  /** Per slot, the column its field is read from (-1: none); null until configured, or never coded. */
  private columnOfSlot: Int32Array | null = null;
  private row: RawRow = [];
  private generic: RawRow[] = [];
  private rows: RawRow[] = [];

  constructor() {
    super(new Int32Array(1024 * CODED_ROW_INTS));
  }

  configure(columns: ArrestLineColumns | null): void {
    if (!columns) return;
    const used = [columns.pnc, columns.surname, columns.firstNames, columns.dob, columns.arrestDate, columns.offence, columns.borough].filter((c) => c >= 0);
    // One column read as two fields: never coded, as with a CSV extract.
    if (new Set(used).size !== used.length) return;
    const columnOfSlot = new Int32Array(CODED_ROW_INTS).fill(-1);
    columnOfSlot[SLOT_PNC] = columns.pnc;
    columnOfSlot[SLOT_SURNAME] = columns.surname;
    columnOfSlot[SLOT_FORENAMES] = columns.firstNames;
    columnOfSlot[SLOT_DOB] = columns.dob;
    columnOfSlot[SLOT_ARREST_DATE] = columns.arrestDate;
    columnOfSlot[SLOT_OFFENCE] = columns.offence;
    columnOfSlot[SLOT_BOROUGH] = columns.borough;
    this.columnOfSlot = columnOfSlot;
  }

  /** Adds one row as a coded record when it is plain, else as a parsed row. */
  add(row: RawRow): void {
    this.rows.push(row);
    this.row = row;
    if (this.columnOfSlot !== null && this.codeArrest() >= 0) return;
    const at = this.slot();
    this.codes[at + SLOT_GENERIC] = this.generic.push(row) - 1;
  }

  protected fieldCode(interpreter: FieldInterpreter<unknown>, slot: number): number {
    const column = this.columnOfSlot![slot]!;
    return interpreter.codeCell(column < 0 ? null : (this.row[column] ?? null), this.texts);
  }

  take(fraction: number): CodedBatch {
    const batch: CodedBatch = { ...this.takeCodes(), generic: this.generic, rows: this.rows, bytesRead: Math.round(fraction * 1_000_000), totalBytes: 1_000_000 };
    this.generic = [];
    this.rows = [];
    return batch;
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
