import type { RawRow } from '../../shared/domain/rawCell';
import type { FieldColumns } from '../../shared/import/importRowInterpretation';
import { arrestDateField, dobField, forenamesField, identifiesPerson, pncField, surnameField, textField, DECLINED, type FieldInterpreter } from '../../shared/import/importFields';
import { TextTable } from '../../shared/import/textTable';
import type { CsvLineSink } from './readers/readCsv';
import { grown } from './grownArray';
import { isOneOf } from '../../shared/domain/closedSets';

/**
 * The plain lines of an arrests extract, read straight from the CSV text into numbers.
 *
 * A million-row extract is nearly all lines like `1994/0132569B,Pseudley,Kerry,10/08/1977,
 * 28/09/2012,Robbery - Personal Property,Barnet`. Parsing each into a row of strings and then
 * interpreting the row allocates a dozen objects per line and is most of what an import costs
 * outside the database. Here a line's wanted fields are read where they lie in the text: the PNC
 * becomes its integer code, dates become YYYYMMDD integers, and each distinct name, offence and
 * borough becomes a number the first time it is seen.
 *
 * This is not a second set of rules. Each field is read by its interpreter in
 * `shared/import/importFields.ts`, the one `interpretRow` composes; a line is coded only when every
 * field's interpreter reads its text with nothing to say, and the row's rule (a dated arrest that
 * identifies a person, `identifiesPerson`) holds. Anything else (quotes, a PNC to refuse, a date
 * to question, a name too long, a blank or summary line) is declined and reaches `interpretRow`
 * as a parsed row, which words it. `rowInterpreters.ts` turns both kinds of record into the one
 * outcome the linker takes.
 *
 * The same coder runs in the importing thread or, for a large file, in a worker of its own that
 * hands its batches over as transferred buffers (see `codedCsvRows.ts`).
 */

/**
 * The fields an arrests extract's plain line may carry, in the order of their slots, which is also
 * the order that reads a column mapped twice by its first field; any other mapped column means no coding.
 */
const CODED_FIELDS = ['pnc', 'surname', 'firstNames', 'dob', 'arrestDate', 'offence', 'borough'] as const;
type CodedField = (typeof CODED_FIELDS)[number];

/** Column of each field a coded line reads; -1 where the extract has no such column. */
export type ArrestLineColumns = Readonly<Record<CodedField, number>>;

function isCodedField(field: string): field is CodedField {
  return isOneOf(CODED_FIELDS, field);
}

/**
 * The columns to code lines by, or null when this mapping must take the general path for every
 * row: it maps a field a coded line does not carry (a full name to split, flags, an address…),
 * or it has no arrest date (every coded line is an arrest).
 */
export function arrestLineColumns(columns: FieldColumns): ArrestLineColumns | null {
  if (!Object.keys(columns).every(isCodedField) || columns.arrestDate === undefined) return null;
  return Object.fromEntries(CODED_FIELDS.map((field) => [field, columns[field] ?? -1])) as ArrestLineColumns;
}

/**
 * The integers of one record in {@link CodedBatch.codes}, in order:
 * - `generic`: -1 for a coded line, else the record's index in {@link CodedBatch.generic};
 * - the coded fields: `pnc` the `pncCode` of the PNC (read in either form); `surname`,
 *   `firstNames`, `offence` and `borough` text ids (see {@link CodedBatch.texts}); `dob` and
 *   `arrestDate` YYYYMMDD; each -1 for none, except the offence, '' when the extract gives none;
 * - `linePiece`, `lineStart`, `lineEnd`: where a coded CSV line lies (see {@link CodedBatch.lines}),
 *   the piece of text and the line's start and end in it, so a note can quote the line as the file has it.
 */
const CODED_SLOTS = ['generic', ...CODED_FIELDS, 'linePiece', 'lineStart', 'lineEnd'] as const;
/** Integers per record in {@link CodedBatch.codes}. */
export const CODED_ROW_INTS = CODED_SLOTS.length;
/** The index of each slot in a record's integers, computed once from {@link CODED_SLOTS}. */
export const SLOT = Object.freeze(Object.fromEntries(CODED_SLOTS.map((slot, index) => [slot, index])) as Record<(typeof CODED_SLOTS)[number], number>);

/** The slot each coded field fills, in the order that reads a column mapped twice by its first field. */
export const SLOT_OF_FIELD = CODED_FIELDS.map((field) => [field, SLOT[field]] as const);

/** Whether the mapping reads one column as two fields: a slot per column cannot say so, so such a mapping is never coded. */
export function readsAColumnTwice(columns: ArrestLineColumns): boolean {
  const used = SLOT_OF_FIELD.map(([field]) => columns[field]).filter((c) => c >= 0);
  return new Set(used).size !== used.length;
}

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
  /** A CSV's: the pieces of text its coded lines lie in, and the delimiter that splits them. */
  lines?: { pieces: string[]; delimiter: string };
  /** Texts first seen in this batch; ids number every text of the file in order of first sight. */
  texts: string[];
  /** Bytes of the file read when the batch was cut, for progress. */
  bytesRead: number;
  totalBytes: number;
}

/**
 * The coded records gathered so far, shared by the CSV line coder and the workbook row coder: an
 * Int32Array of {@link CODED_ROW_INTS} codes a record, doubled when full, handed out by batch; and
 * the one rule of what makes a record a coded arrest, {@link CodedRecords.codeArrest}, which each
 * coder feeds with its own way to reach a field.
 */
export abstract class CodedRecords {
  protected records = 0;
  protected readonly texts = new TextTable();

  constructor(protected codes: Int32Array) {}

  /**
   * The code of the field in `slot` of the record being coded, read by its interpreter (see
   * `shared/import/importFields.ts`): a value, BLANK_CODE, or DECLINED.
   */
  protected abstract fieldCode(interpreter: FieldInterpreter<unknown>, slot: number): number;

  /**
   * Codes the record being coded as one more arrest when it means exactly what `interpretRow`
   * makes of its row with nothing to report: every field read without a remark, a real arrest date
   * (which also means the row is neither blank nor a summary line: a date is neither a total label
   * nor a number), and a person identified: the offset of its codes; -1, with nothing stored, otherwise.
   */
  protected codeArrest(): number {
    // A blank or unreadable arrest date is refused or worded by the general path.
    const arrestDate = this.fieldCode(arrestDateField, SLOT.arrestDate);
    if (arrestDate < 0) return -1;
    const pnc = this.fieldCode(pncField, SLOT.pnc);
    if (pnc === DECLINED) return -1;
    const surname = this.fieldCode(surnameField, SLOT.surname);
    if (surname === DECLINED) return -1;
    const forenames = this.fieldCode(forenamesField, SLOT.firstNames);
    if (forenames === DECLINED) return -1;
    const dob = this.fieldCode(dobField, SLOT.dob);
    if (dob === DECLINED) return -1;
    if (!identifiesPerson(pnc >= 0, surname >= 0, dob >= 0)) return -1;
    let offence = this.fieldCode(textField, SLOT.offence);
    if (offence === DECLINED) return -1;
    // `text(row, columns.offence) ?? ''`: a blank offence is the empty text.
    if (offence < 0) offence = this.texts.id('', 0, 0);
    const borough = this.fieldCode(textField, SLOT.borough);
    if (borough === DECLINED) return -1;

    const at = this.slot();
    const codes = this.codes;
    codes[at + SLOT.generic] = -1;
    codes[at + SLOT.pnc] = pnc;
    codes[at + SLOT.surname] = surname;
    codes[at + SLOT.firstNames] = forenames;
    codes[at + SLOT.dob] = dob;
    codes[at + SLOT.arrestDate] = arrestDate;
    codes[at + SLOT.offence] = offence;
    codes[at + SLOT.borough] = borough;
    return at;
  }

  /** The offset of one more record's codes. */
  protected slot(): number {
    if ((this.records + 1) * CODED_ROW_INTS > this.codes.length) this.codes = grown(this.codes, this.codes.length * 2);
    return this.records++ * CODED_ROW_INTS;
  }

  /** The codes of the records since the last call, their count and the texts they introduced; the buffer starts again. */
  protected takeCodes(): { codes: Int32Array; records: number; texts: string[] } {
    const taken = { codes: this.codes.slice(0, this.records * CODED_ROW_INTS), records: this.records, texts: this.texts.fresh };
    this.records = 0;
    this.texts.fresh = [];
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
  /** The text of the line being coded. */
  private text = '';
  /** The pieces of text this batch's coded lines lie in (already whole strings: kept, not copied). */
  private pieces: string[] = [];
  private lastPiece: string | null = null;
  private readonly delimiter: string;
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
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
    this.skip = skipFirst ? 1 : 0;
  }

  get pending(): number {
    return this.records;
  }

  configure(columns: ArrestLineColumns | null): void {
    this.columns = columns;
    if (!columns) return;
    const last = Math.max(...SLOT_OF_FIELD.map(([field]) => columns[field]));
    this.slotOfColumn = new Int8Array(last + 1).fill(-1);
    for (const [field, slot] of SLOT_OF_FIELD) {
      const column = columns[field];
      // A column mapped twice is read by the first field only, as `fieldColumnsOf` keeps one each.
      if (column >= 0 && this.slotOfColumn[column] === -1) this.slotOfColumn[column] = slot;
    }
    if (readsAColumnTwice(columns)) this.columns = null;
  }

  row(row: RawRow): void {
    if (this.skip > 0) {
      this.skip -= 1;
      return;
    }
    const at = this.slot();
    this.codes[at + SLOT.generic] = this.generic.push(row) - 1;
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
    this.text = text;
    const at = this.codeArrest();
    if (at < 0) return false;
    if (text !== this.lastPiece) {
      this.lastPiece = text;
      this.pieces.push(text);
    }
    this.codes[at + SLOT.linePiece] = this.pieces.length - 1;
    this.codes[at + SLOT.lineStart] = start;
    this.codes[at + SLOT.lineEnd] = end;
    return true;
  }

  protected fieldCode(interpreter: FieldInterpreter<unknown>, slot: number): number {
    // An unmapped field's range is -1 to -1: blank.
    return interpreter.codeText(this.text, this.starts[slot]!, this.ends[slot]!, this.texts);
  }

  /** The records gathered since the last call, with the texts they introduced. */
  take(bytesRead: number, totalBytes: number): CodedBatch {
    const batch: CodedBatch = { ...this.takeCodes(), generic: this.generic, lines: { pieces: this.pieces, delimiter: this.delimiter }, bytesRead, totalBytes };
    this.generic = [];
    this.pieces = [];
    this.lastPiece = null;
    return batch;
  }
}
