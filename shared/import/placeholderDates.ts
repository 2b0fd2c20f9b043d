/**
 * Dates of birth that systems and people key when the real one is not known. Thousands of
 * unrelated people share each of them, so agreeing on one says nothing about being the same
 * person, and disagreeing with one says nothing either: linking treats them as unknown (no
 * evidence, never a blocking key). The person's record still shows the date as the list gave it.
 *
 * Only dates with a known cause are listed: an ordinary 1 January (often given to people whose
 * birthday is not recorded, but also a real birthday) is left as evidence.
 */
import { ymdOfIso, type IsoDate } from '../domain/isoDate';

interface PlaceholderDate {
  date: IsoDate;
  reason: string;
}

export const PLACEHOLDER_DATES_OF_BIRTH: readonly PlaceholderDate[] = [
  { date: '1900-01-01', reason: 'keyed for "unknown" in police and probation systems; also the first day Excel dates can show' },
  { date: '1901-01-01', reason: 'keyed for "unknown" where a system refuses 1900 (a minimum-date check)' },
  { date: '1899-12-30', reason: 'Excel and OLE Automation day zero: an empty date cell exported as a date' },
  { date: '1899-12-31', reason: 'Excel day 0 in the 1900 date system: an empty or zero date cell' },
  { date: '1904-01-01', reason: 'day zero of the Excel 1904 date system (workbooks from Macs)' },
  { date: '1970-01-01', reason: 'the Unix epoch: an empty timestamp converted to a date' },
  { date: '1800-01-01', reason: 'keyed for "unknown" as a date no one on a list can have' },
  { date: '1753-01-01', reason: 'the earliest SQL Server datetime, the default of an unset column' },
  { date: '1111-11-11', reason: 'a filler keyed to get past a required field' },
];

const PLACEHOLDER_SET: ReadonlySet<string> = new Set(PLACEHOLDER_DATES_OF_BIRTH.map((p) => p.date));
const PLACEHOLDER_YMD: ReadonlySet<number> = new Set(PLACEHOLDER_DATES_OF_BIRTH.map((p) => ymdOfIso(p.date)));

export function isPlaceholderDob(date: IsoDate | null | undefined): boolean {
  return date != null && PLACEHOLDER_SET.has(date);
}

/** {@link isPlaceholderDob} for a date held as its YYYYMMDD integer. */
export function isPlaceholderYmd(ymd: number): boolean {
  return PLACEHOLDER_YMD.has(ymd);
}
