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
  readsAColumnTwice,
  SLOT,
  SLOT_OF_FIELD,
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
    // One column read as two fields: never coded, as with a CSV extract.
    if (!columns || readsAColumnTwice(columns)) return;
    const columnOfSlot = new Int32Array(CODED_ROW_INTS).fill(-1);
    for (const [field, slot] of SLOT_OF_FIELD) columnOfSlot[slot] = columns[field];
    this.columnOfSlot = columnOfSlot;
  }

  /** Adds one row as a coded record when it is plain, else as a parsed row. */
  add(row: RawRow): void {
    this.rows.push(row);
    this.row = row;
    if (this.columnOfSlot !== null && this.codeArrest() >= 0) return;
    const at = this.slot();
    this.codes[at + SLOT.generic] = this.generic.push(row) - 1;
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
