/**
 * Dates in this app are calendar dates without a time zone, held as `YYYY-MM-DD` strings so that
 * comparison is string comparison and no time zone can shift a birthday or an arrest by a day.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): value is IsoDate {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoFromParts(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isoParts(date: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new Error(`not an ISO date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/**
 * Moves a date by whole months, clamping the day to the target month's length
 * (2013-10-31 minus 24 months is 2011-10-31; 2013-03-31 minus 1 month is 2013-02-28).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = isoParts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const mo = (index % 12) + 1;
  return isoFromParts(y, mo, Math.min(day, daysInMonth(y, mo)));
}

/** Whole years between a date of birth and a reference date. */
export function ageOn(dob: IsoDate, on: IsoDate): number {
  const a = isoParts(dob);
  const b = isoParts(on);
  let age = b.year - a.year;
  if (b.month < a.month || (b.month === a.month && b.day < a.day)) age -= 1;
  return age;
}

/** `YYYY-MM` of a date, the key for monthly series. */
export function monthKey(date: IsoDate): string {
  return date.slice(0, 7);
}

/**
 * An ISO date as the integer YYYYMMDD, the form the workspace stores arrest dates in: it sorts as
 * the text does and takes four bytes instead of ten. The text must be an ISO date.
 */
export function ymdOfIso(iso: IsoDate): number {
  const digit = (i: number) => iso.charCodeAt(i) - 48;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  return year * 10_000 + (digit(5) * 10 + digit(6)) * 100 + digit(8) * 10 + digit(9);
}

/** The ISO date of a {@link ymdOfIso} integer. */
export function isoOfYmd(ymd: number): IsoDate {
  const year = Math.floor(ymd / 10_000);
  const month = Math.floor(ymd / 100) % 100;
  const day = ymd % 100;
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}
