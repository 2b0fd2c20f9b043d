/**
 * A workbook cell's value as the importer keeps it (a RawCell), the same whichever reader parsed
 * the file (SheetJS, or the xlsx sheet scanner), so the two can never disagree on what a cell is.
 */
import type { RawCell } from '../../../shared/domain/rawCell';
import type { ReaderWarning } from './errors';
import { excelSerialToIsoDate } from '../../../shared/domain/excelSerialDate';
import type { ReaderLimits } from './limits';

/** Text as typed; empty text is an empty cell, and text beyond Excel's own limit is cut with a warning. */
export function textCellValue(text: string, limits: ReaderLimits, warnings: ReaderWarning[], row: number, column: number): RawCell {
  if (text === '') return null;
  if (text.length > limits.maxCellChars) {
    warnings.push({ code: 'cell_truncated', message: `Text cut to ${limits.maxCellChars} characters.`, row, column });
    return text.slice(0, limits.maxCellChars);
  }
  return text;
}

/**
 * A number, or the calendar date it shows when its format is a date format. A date-formatted
 * number that is no date Excel would show stays a number, with a warning.
 */
export function numberCellValue(value: number, dateFormat: boolean, date1904: boolean, warnings: ReaderWarning[], row: number, column: number): RawCell {
  if (!Number.isFinite(value)) return null;
  if (dateFormat) {
    const date = excelSerialToIsoDate(value, date1904);
    if (date !== null) return { date };
    warnings.push({ code: 'not_a_date', message: 'A date-formatted cell holds no valid date; kept as a number.', row, column });
  }
  return value;
}

/** An Excel error value (#N/A, #REF!…) is no value: empty, with a warning. */
export function errorCellValue(warnings: ReaderWarning[], row: number, column: number): RawCell {
  warnings.push({ code: 'error_cell', message: 'An Excel error value (such as #N/A) was read as empty.', row, column });
  return null;
}
