/**
 * Excel stores a date as a day count ("serial") plus a number format that says to show it as a
 * date. Converting the serial ourselves, with integer day arithmetic in UTC, means a birthday can
 * never move by a day because of the workstation's time zone or summer time, which is what
 * happens when a library builds a local-time Date at midnight. One conversion for the workbook
 * readers (either date system) and for a serial typed into a cell as a number (the 1900 system).
 */
import { isoFromParts, type IsoDate } from './isoDate';

const MS_PER_DAY = 86_400_000;
/** Excel's 1900 system counts 1900-01-01 as day 1 and also counts 29 Feb 1900, which never was (a Lotus 1-2-3 bug kept for compatibility). */
const EPOCH_1900_AFTER_BUG = Date.UTC(1899, 11, 30);
const EPOCH_1900_BEFORE_BUG = Date.UTC(1899, 11, 31);
/** The 1904 system (old Mac Excel, and a workbook option) counts 1904-01-01 as day 0. */
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 9999-12-31, the last date Excel shows. */
export const EXCEL_MAX_SERIAL = 2_958_465;
/** Excel's phantom 1900-02-29. */
const PHANTOM_LEAP_DAY_SERIAL = 60;

/**
 * The calendar date of a serial, ignoring any time of day. Null when the serial is no date Excel
 * would show as one: below day 1 (1900 system), the phantom 29 Feb 1900, or past 9999.
 */
export function excelSerialToIsoDate(serial: number, date1904 = false): IsoDate | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  let ms: number;
  if (date1904) {
    if (day < 0 || day > EXCEL_MAX_SERIAL - 1462) return null;
    ms = EPOCH_1904 + day * MS_PER_DAY;
  } else {
    if (day < 1 || day > EXCEL_MAX_SERIAL || day === PHANTOM_LEAP_DAY_SERIAL) return null;
    ms = (day < PHANTOM_LEAP_DAY_SERIAL ? EPOCH_1900_BEFORE_BUG : EPOCH_1900_AFTER_BUG) + day * MS_PER_DAY;
  }
  const d = new Date(ms);
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The serial of a calendar date in the 1900 system (for writers and tests). */
export function isoDateToExcelSerial(date: IsoDate, date1904 = false): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  if (date1904) return Math.round((ms - EPOCH_1904) / MS_PER_DAY);
  const afterBug = Math.round((ms - EPOCH_1900_AFTER_BUG) / MS_PER_DAY);
  return afterBug > PHANTOM_LEAP_DAY_SERIAL ? afterBug : afterBug - 1;
}
