/**
 * The rows of one worksheet's XML, scanned by hand a batch at a time: `<row>` and `<c>` tags found
 * with indexOf, only the attributes a value needs (r, s, t) read, and each cell's value turned into
 * a RawCell by the same functions the SheetJS path uses (cellValues.ts). No DOM and no object per
 * XML node: a 200,000-row extract is about fifty megabytes of such XML, and building SheetJS's
 * cell objects for it was most of the time an .xlsx import spent reading.
 *
 * What a row is matches the SheetJS path (readWorkbook.ts `sheetToRows`): rows[0] is sheet row 1,
 * gaps are empty rows `[]`, trailing empty cells and trailing empty rows are dropped, a value past
 * the column limit and a row past the row limit are refused, and rows past the last one read
 * (the row limit plus one, as SheetJS's `sheetRows`) are not read. Cells mean what SheetJS makes of
 * them: shared strings by index, inline strings (rich runs joined), cached formula results as
 * plain values (`str`, `n`, `b`), booleans, error values as empty with a warning, numbers in a
 * date style as calendar dates in the workbook's date system.
 *
 * Rows must come in order, as every spreadsheet program writes them: a row numbered at or below
 * one already read is a damaged sheet (SheetJS would merge it into the earlier row; a stream
 * cannot), refused with the damaged-workbook sentence.
 */
import type { RawCell, RawRow } from '../../../shared/domain/rawCell';
import { isoDateToExcelSerial } from '../../../shared/domain/excelSerialDate';
import { corruptWorkbook, ImportFileError, type ReaderWarning } from './errors';
import { errorCellValue, numberCellValue, textCellValue } from './cellValues';
import type { ReaderLimits } from './limits';
import { stringItemText, tagAttributes, unescapeXml } from './xlsxXml';

const GT = '>'.charCodeAt(0);
const SLASH = '/'.charCodeAt(0);
const COLON = ':'.charCodeAt(0);
const BANG = '!'.charCodeAt(0);
const QUESTION = '?'.charCodeAt(0);
const SPACE = ' '.charCodeAt(0);
const EQUALS = '='.charCodeAt(0);
const QUOTE = '"'.charCodeAt(0);

interface SheetScanContext {
  sharedStrings: readonly string[];
  /** Per cell style index: whether its number format shows a date. */
  dateStyles: readonly boolean[];
  date1904: boolean;
  limits: ReaderLimits;
  warnings: ReaderWarning[];
  /**
   * Read only the rows up to this sheet row number, without the row limit's refusal: the top of
   * a sheet, to see what it holds. Unset: the whole sheet, within the limits.
   */
  lastRow?: number;
}

function isNameEnd(code: number): boolean {
  return code === GT || code === SLASH || code === 32 || code === 9 || code === 10 || code === 13 || Number.isNaN(code);
}

/** Whether the tag name starting at `at` has this local name (any namespace prefix). */
function hasLocalName(xml: string, at: number, local: string): boolean {
  let end = at;
  let localStart = at;
  for (;;) {
    const code = xml.charCodeAt(end);
    if (isNameEnd(code)) break;
    if (code === COLON) localStart = end + 1;
    end += 1;
  }
  return end - localStart === local.length && xml.startsWith(local, localStart);
}

/** Index of the `<` of the end tag `</local>` (any prefix) at or after `from`, or -1. */
function findEndTag(xml: string, from: number, local: string, limit: number): number {
  let at = from;
  for (;;) {
    const lt = xml.indexOf('</', at);
    if (lt < 0 || lt >= limit) return -1;
    if (hasLocalName(xml, lt + 2, local)) return lt;
    at = lt + 2;
  }
}

/**
 * The value of attribute `name` in the start tag xml[start..end] (end at its `>`), or undefined.
 * Tags as spreadsheet programs write them (single spaces, double quotes) are read in place; any
 * other spelling goes through the general attribute reader.
 */
function attribute(xml: string, start: number, end: number, name: string, plain: boolean): string | undefined {
  if (!plain) return tagAttributes(xml.slice(start, end + 1)).get(name);
  // Searched within the tag only: an indexOf past its end would read on through the sheet.
  const last = end - name.length - 2;
  for (let i = start; i < last; i++) {
    if (xml.charCodeAt(i) !== SPACE || !xml.startsWith(name, i + 1) || xml.charCodeAt(i + 1 + name.length) !== EQUALS || xml.charCodeAt(i + 2 + name.length) !== QUOTE) continue;
    const valueStart = i + name.length + 3;
    const valueEnd = xml.indexOf('"', valueStart);
    if (valueEnd < 0 || valueEnd > end) return undefined;
    const value = xml.slice(valueStart, valueEnd);
    return value.indexOf('&') < 0 ? value : unescapeXml(value);
  }
  return undefined;
}

/** Whether a start tag can be read in place: no single quotes, no whitespace other than spaces. */
function isPlainTag(xml: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = xml.charCodeAt(i);
    if (code === 39 || code === 9 || code === 10 || code === 13) return false;
  }
  return true;
}

/** 0-based column of a cell reference's letters ("AB12" → 27), or -1 when it has none. */
function columnOf(reference: string): number {
  let column = 0;
  let i = 0;
  for (; i < reference.length; i++) {
    const letter = reference.charCodeAt(i) - 64;
    if (letter < 1 || letter > 26) break;
    column = column * 26 + letter;
  }
  return i === 0 ? -1 : column - 1;
}

function xmlBoolean(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

/** A `t="d"` cell's ISO 8601 text as the serial number SheetJS makes of it (then formatted like any number). */
function isoTextSerial(text: string | undefined, date1904: boolean): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/.exec(text ?? '');
  if (!m) return Number.NaN;
  const day = isoDateToExcelSerial(`${m[1]}-${m[2]}-${m[3]}`, date1904);
  const seconds = Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0);
  return day + seconds / 86_400;
}

function tooManyRows(limits: ReaderLimits): ImportFileError {
  return new ImportFileError(
    'too_many_rows',
    `The sheet has more than ${limits.maxRows.toLocaleString('en-GB')} rows, the most one import takes. Split it into smaller files.`,
  );
}

function outOfOrder(): ImportFileError {
  return corruptWorkbook(new Error('worksheet rows out of order'));
}

/**
 * One worksheet's rows, handed out in batches. Construct with the sheet's XML text; `next` returns
 * the next rows (at least one, at most about `batchRows`) or null at the end.
 */
export class SheetRowScanner {
  private readonly dataEnd: number;
  private position: number;
  /** Sheet row number of the last `<row>` read (empty or not). */
  private lastRowNumber = 0;
  /** Rows handed out so far (gaps included): the next row handed out is sheet row `handedOut + 1`. */
  private handedOut = 0;
  private finished = false;
  /** The last row number read at all: the row limit plus one, or `lastRow`. */
  private readonly lastReadable: number;
  /** The sheet's declared extent reaches past the rows read (SheetJS's `!fullref`). */
  private readonly declaredRows: number | null;

  constructor(
    private readonly xml: string,
    private readonly context: SheetScanContext,
  ) {
    const dataTag = this.findStartTag(0, 'sheetData');
    this.declaredRows = this.dimensionRows(dataTag < 0 ? xml.length : dataTag);
    if (dataTag < 0) {
      this.position = xml.length;
      this.dataEnd = xml.length;
    } else {
      const tagEnd = xml.indexOf('>', dataTag);
      if (tagEnd < 0) throw corruptWorkbook();
      const selfClosing = xml.charCodeAt(tagEnd - 1) === SLASH;
      this.position = tagEnd + 1;
      const end = selfClosing ? this.position : findEndTag(xml, this.position, 'sheetData', xml.length);
      this.dataEnd = end < 0 ? xml.length : end;
    }
    this.lastReadable = context.lastRow ?? context.limits.maxRows + 1;
  }

  /** Share of the sheet's XML scanned so far, 0..1. */
  get fraction(): number {
    return this.xml.length === 0 ? 1 : Math.min(1, this.position / this.xml.length);
  }

  /** The next rows, or null when the sheet has no more (trailing empty rows are never handed out). */
  next(batchRows: number): RawRow[] | null {
    if (this.finished) return null;
    const out: RawRow[] = [];
    while (out.length < batchRows) {
      const row = this.readRow();
      if (row === null) {
        this.finish();
        break;
      }
      const [number, cells] = row;
      if (cells.length === 0) continue;
      if (number > this.context.limits.maxRows && this.context.lastRow === undefined) throw tooManyRows(this.context.limits);
      while (this.handedOut < number - 1) {
        out.push([]);
        this.handedOut += 1;
      }
      out.push(cells);
      this.handedOut += 1;
    }
    return out.length > 0 ? out : null;
  }

  private finish(): void {
    this.finished = true;
    const { limits, warnings, lastRow } = this.context;
    if (lastRow === undefined && this.declaredRows !== null && this.declaredRows > limits.maxRows + 1) {
      warnings.push({
        code: 'rows_beyond_limit',
        message: `The sheet's range reaches row ${this.declaredRows}; only the first ${limits.maxRows} rows were read, and those beyond were empty or not read.`,
      });
    }
  }

  /** Index of the `<` of the first start tag with that local name at or after `from`, or -1. */
  private findStartTag(from: number, local: string): number {
    const xml = this.xml;
    let at = from;
    for (;;) {
      const lt = xml.indexOf('<', at);
      if (lt < 0) return -1;
      if (hasLocalName(xml, lt + 1, local)) return lt;
      at = lt + 1;
    }
  }

  /** Last row of the `<dimension ref>` before the sheet data, when there is one. */
  private dimensionRows(before: number): number | null {
    const at = this.findStartTag(0, 'dimension');
    if (at < 0 || at > before) return null;
    const end = this.xml.indexOf('>', at);
    const ref = end < 0 ? undefined : tagAttributes(this.xml.slice(at, end + 1)).get('ref');
    const last = ref?.split(':').pop()?.replace(/^[A-Z]*/, '');
    const rows = last ? Number.parseInt(last, 10) : Number.NaN;
    return Number.isFinite(rows) ? rows : null;
  }

  /** The next `<row>` within the limits: its sheet row number and cells; null at the end. */
  private readRow(): [number, RawRow] | null {
    const xml = this.xml;
    for (;;) {
      const lt = xml.indexOf('<', this.position);
      if (lt < 0 || lt >= this.dataEnd) return null;
      const after = xml.charCodeAt(lt + 1);
      if (after === BANG || after === QUESTION) {
        // A comment, CDATA or processing instruction between rows: nothing to read.
        const close = xml.indexOf(after === QUESTION ? '?>' : xml.startsWith('<!--', lt) ? '-->' : '>', lt + 2);
        if (close < 0) return null;
        this.position = close + 1;
        continue;
      }
      const gt = xml.indexOf('>', lt);
      if (gt < 0) throw corruptWorkbook();
      this.position = gt + 1;
      if (after === SLASH || !hasLocalName(xml, lt + 1, 'row')) continue;
      const plain = isPlainTag(xml, lt, gt);
      const numberText = attribute(xml, lt, gt, 'r', plain);
      const parsed = numberText === undefined ? Number.NaN : Number.parseInt(numberText, 10);
      const number = Number.isFinite(parsed) ? parsed : this.lastRowNumber + 1;
      if (number <= this.lastRowNumber) throw outOfOrder();
      if (number > this.lastReadable) {
        // Rows come in order, so nothing after this one is read either.
        this.position = this.dataEnd;
        return null;
      }
      this.lastRowNumber = number;
      const cells: RawRow = [];
      if (xml.charCodeAt(gt - 1) !== SLASH) this.readCells(number, cells);
      while (cells.length > 0 && (cells[cells.length - 1] ?? null) === null) cells.pop();
      for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
      return [number, cells];
    }
  }

  /** The cells of the row whose start tag ends before `this.position`, up to its end tag. */
  private readCells(rowNumber: number, cells: RawRow): void {
    const xml = this.xml;
    const { limits } = this.context;
    let column = -1;
    for (;;) {
      const lt = xml.indexOf('<', this.position);
      if (lt < 0 || lt >= this.dataEnd) {
        // A row without its end tag at the end of the data: what was read is the row.
        this.position = this.dataEnd;
        return;
      }
      const gt = xml.indexOf('>', lt);
      if (gt < 0) throw corruptWorkbook();
      if (xml.charCodeAt(lt + 1) === SLASH) {
        this.position = gt + 1;
        if (hasLocalName(xml, lt + 2, 'row')) return;
        continue;
      }
      if (!hasLocalName(xml, lt + 1, 'c')) {
        this.position = gt + 1;
        continue;
      }
      const plain = isPlainTag(xml, lt, gt);
      const reference = attribute(xml, lt, gt, 'r', plain);
      const referenced = reference === undefined ? -1 : columnOf(reference);
      column = referenced >= 0 ? referenced : column + 1;
      const type = attribute(xml, lt, gt, 't', plain);
      const style = attribute(xml, lt, gt, 's', plain);
      let value: string | undefined;
      let inline: string | undefined;
      if (xml.charCodeAt(gt - 1) === SLASH) {
        this.position = gt + 1;
      } else {
        [value, inline] = this.readCellContent(gt + 1);
      }
      const cell = this.cellValue(type, style, value, inline, rowNumber, column + 1);
      if (cell === undefined) continue;
      if (cell !== null && column >= limits.maxColumns) {
        throw new ImportFileError(
          'too_many_columns',
          `Row ${rowNumber} has a value in column ${column + 1}, beyond the ${limits.maxColumns}-column limit. Delete the stray cells far to the right, or save just the needed columns.`,
        );
      }
      cells[column] = cell;
    }
  }

  /** The `<v>` text and the `<is>` content of a cell whose content starts at `from`; moves past `</c>`. */
  private readCellContent(from: number): [string | undefined, string | undefined] {
    const xml = this.xml;
    let value: string | undefined;
    let inline: string | undefined;
    let at = from;
    for (;;) {
      const lt = xml.indexOf('<', at);
      if (lt < 0 || lt >= this.dataEnd) throw corruptWorkbook();
      const gt = xml.indexOf('>', lt);
      if (gt < 0) throw corruptWorkbook();
      if (xml.charCodeAt(lt + 1) === SLASH) {
        at = gt + 1;
        if (hasLocalName(xml, lt + 2, 'c')) break;
        continue;
      }
      const selfClosing = xml.charCodeAt(gt - 1) === SLASH;
      if (hasLocalName(xml, lt + 1, 'v')) {
        if (selfClosing) {
          at = gt + 1;
          continue;
        }
        const end = findEndTag(xml, gt + 1, 'v', this.dataEnd);
        if (end < 0) throw corruptWorkbook();
        // The first <v> is the value; an empty one is no value.
        if (value === undefined && end > gt + 1) value = xml.slice(gt + 1, end);
        at = end;
      } else if (hasLocalName(xml, lt + 1, 'is')) {
        if (selfClosing) {
          at = gt + 1;
          continue;
        }
        const end = findEndTag(xml, gt + 1, 'is', this.dataEnd);
        if (end < 0) throw corruptWorkbook();
        inline ??= xml.slice(gt + 1, end);
        at = end;
      } else if (hasLocalName(xml, lt + 1, 'f') && !selfClosing) {
        // The formula is never read; its text holds no '<' (it would be escaped).
        const end = findEndTag(xml, gt + 1, 'f', this.dataEnd);
        if (end < 0) throw corruptWorkbook();
        at = end;
      } else {
        at = gt + 1;
      }
    }
    this.position = at;
    return [value, inline];
  }

  /** A cell's value; undefined where SheetJS keeps no cell at all (no value and no type). */
  private cellValue(type: string | undefined, style: string | undefined, value: string | undefined, inline: string | undefined, row: number, column: number): RawCell | undefined {
    const { limits, warnings, date1904 } = this.context;
    switch (type) {
      case undefined:
      case 'n':
        if (value === undefined) return undefined;
        return numberCellValue(Number.parseFloat(value.indexOf('&') < 0 ? value : unescapeXml(value)), this.isDateStyle(style), date1904, warnings, row, column);
      case 's': {
        if (value === undefined) return undefined;
        const text = this.context.sharedStrings[Number.parseInt(value, 10)];
        if (text === undefined) throw corruptWorkbook(new Error('a cell names a shared string the workbook does not have'));
        return textCellValue(text, limits, warnings, row, column);
      }
      case 'str':
        return textCellValue(value === undefined ? '' : unescapeXml(value, true), limits, warnings, row, column);
      case 'inlineStr':
        return textCellValue(inline === undefined ? '' : stringItemText(inline), limits, warnings, row, column);
      case 'b':
        return xmlBoolean(value === undefined ? undefined : unescapeXml(value));
      case 'd':
        return numberCellValue(isoTextSerial(value, date1904), this.isDateStyle(style), date1904, warnings, row, column);
      case 'e':
        return errorCellValue(warnings, row, column);
      default:
        return null;
    }
  }

  private isDateStyle(style: string | undefined): boolean {
    if (style === undefined) return false;
    return this.context.dateStyles[Number.parseInt(style, 10)] === true;
  }
}
