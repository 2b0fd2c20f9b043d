import type { IsoDate } from './isoDate';
/** One spreadsheet cell as the readers hand it over: a value, never a formula. Date cells arrive already converted to a calendar date. */
export type RawCell = null | string | number | boolean | { date: IsoDate };
export type RawRow = RawCell[];
