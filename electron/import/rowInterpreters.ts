/**
 * The interpreter step of the import pipeline (reader → interpreter → linker → writer): what each
 * record after the header means, as one {@link RecordOutcome} the linker takes whichever reader
 * produced the record. Two implementations of one {@link RowInterpreter}:
 * - {@link GeneralRowInterpreter}: parsed rows through `interpretRecord` (every list, every file);
 * - {@link CodedRowInterpreter}: an arrests extract's coded batches (see `arrestLines.ts`), whose
 *   coded lines already went through the same field interpreters (`shared/import/importFields.ts`) and
 *   whose other records are the general interpreter's.
 */
import type { RawRow } from '../../shared/domain/rawCell';
import { isoOfYmd, type IsoDate } from '../../shared/domain/isoDate';
import { interpretRecord, type ArrestLineCodes, type FieldColumns, type InterpretOptions, type InterpretedRow, type PersonFields, type RecordOutcome } from '../../shared/import/importRowInterpretation';
import { pncTextOfCode } from '../../shared/domain/pnc';
import type { ArrestEntry } from '../../shared/import/valueParsing';
import type { FlagName } from '../../shared/domain/flags';
import { CODED_ROW_INTS, SLOT, type CodedBatch } from './arrestLines';
import { plainLineRow } from './readers/readCsv';

export interface RowInterpreter<Batch> {
  /** Starts a batch (in file order): the number of records it holds. */
  begin(batch: Batch): number;
  /** What record `index` of the batch means. */
  interpret(batch: Batch, index: number): RecordOutcome;
  /** The record as the file has it, for a note or a refused row to quote. */
  quote(batch: Batch, index: number): RawRow;
}

/** Parsed rows, each through `interpretRecord`. */
export class GeneralRowInterpreter implements RowInterpreter<readonly RawRow[]> {
  constructor(
    private readonly columns: FieldColumns,
    private readonly options: InterpretOptions,
  ) {}

  begin(batch: readonly RawRow[]): number {
    return batch.length;
  }

  interpret(batch: readonly RawRow[], index: number): RecordOutcome {
    return interpretRecord(batch[index]!, this.columns, this.options);
  }

  quote(batch: readonly RawRow[], index: number): RawRow {
    return batch[index]!;
  }
}

/** The codes of the line in hand, filled afresh for each line (see {@link CodedRowInterpreter.interpret}). */
type LineCodes = { -readonly [K in keyof ArrestLineCodes]: ArrestLineCodes[K] };

/**
 * The row a coded arrest line stands for. Its strings are made only when asked for: the linker's
 * usual case, one more arrest of someone known by PNC, reads the numbers alone.
 */
class CodedArrestRow implements InterpretedRow {
  readonly pncProblem = null;
  private identityMade: InterpretedRow['identity'] | null = null;

  constructor(readonly codes: ArrestLineCodes) {}

  /** Starts on the next line, whose codes are in {@link codes} already. */
  reset(): void {
    this.identityMade = null;
  }

  get identity(): InterpretedRow['identity'] {
    this.identityMade ??= identityOfCodes(this.codes);
    return this.identityMade;
  }

  get fields(): PersonFields {
    const { borough, texts } = this.codes;
    return borough >= 0 ? { borough: texts[borough]! } : {};
  }

  get flags(): FlagName[] {
    return [];
  }

  get arrests(): ArrestEntry[] {
    const { arrestDate, offence, texts } = this.codes;
    return [{ date: isoOfYmd(arrestDate), offence: texts[offence]! }];
  }

  get notes(): string[] {
    return [];
  }
}

/** The identity a coded line gives, its strings made. */
export function identityOfCodes(codes: ArrestLineCodes): InterpretedRow['identity'] {
  const { pnc, surname, forenames, dob, texts } = codes;
  return {
    pnc: pnc >= 0 ? pncTextOfCode(pnc) : null,
    surname: surname >= 0 ? texts[surname]! : null,
    forenames: forenames >= 0 ? texts[forenames]! : null,
    dob: dob >= 0 ? (isoOfYmd(dob) as IsoDate) : null,
  };
}

/** A coded line's row with its strings made, as a plain object that outlives the line in hand. */
export function plainRowOfCodes(codes: ArrestLineCodes): InterpretedRow {
  const row = new CodedArrestRow(codes);
  return { identity: row.identity, pncProblem: row.pncProblem, fields: row.fields, flags: row.flags, arrests: row.arrests, notes: row.notes };
}

/**
 * An arrests extract's coded batches: a coded line is a {@link CodedArrestRow}, with nothing to
 * report by construction; every other record is the general interpreter's.
 */
export class CodedRowInterpreter implements RowInterpreter<CodedBatch> {
  /** Every text of the file so far, by id (each batch brings the ones it introduced). */
  private readonly texts: string[] = [];
  private readonly general: GeneralRowInterpreter;
  /**
   * One row and outcome for every coded line: the importer is done with a record's outcome before
   * it asks for the next, and a million-row extract would otherwise make three objects a line.
   */
  private readonly line: LineCodes = { pnc: -1, surname: -1, forenames: -1, dob: -1, arrestDate: -1, offence: -1, borough: -1, texts: this.texts };
  private readonly row = new CodedArrestRow(this.line);
  private readonly outcome: RecordOutcome = { disposition: 'interpreted', row: this.row };

  constructor(columns: FieldColumns, options: InterpretOptions) {
    this.general = new GeneralRowInterpreter(columns, options);
  }

  begin(batch: CodedBatch): number {
    for (const text of batch.texts) this.texts.push(text);
    return batch.records;
  }

  interpret(batch: CodedBatch, index: number): RecordOutcome {
    const at = index * CODED_ROW_INTS;
    const parsed = batch.codes[at + SLOT.generic]!;
    if (parsed >= 0) return this.general.interpret(batch.generic, parsed);
    const codes = batch.codes;
    const line = this.line;
    line.pnc = codes[at + SLOT.pnc]!;
    line.surname = codes[at + SLOT.surname]!;
    line.forenames = codes[at + SLOT.firstNames]!;
    line.dob = codes[at + SLOT.dob]!;
    line.arrestDate = codes[at + SLOT.arrestDate]!;
    line.offence = codes[at + SLOT.offence]!;
    line.borough = codes[at + SLOT.borough]!;
    this.row.reset();
    return this.outcome;
  }

  quote(batch: CodedBatch, index: number): RawRow {
    const whole = batch.rows?.[index];
    if (whole) return whole;
    const at = index * CODED_ROW_INTS;
    const parsed = batch.codes[at + SLOT.generic]!;
    if (parsed >= 0) return batch.generic[parsed]!;
    // A coded CSV line, as the parser would have made its row.
    const lines = batch.lines!;
    return plainLineRow(lines.pieces[batch.codes[at + SLOT.linePiece]!]!, batch.codes[at + SLOT.lineStart]!, batch.codes[at + SLOT.lineEnd]!, lines.delimiter);
  }
}
