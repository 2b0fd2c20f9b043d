import type { CandidateColumn, ShortlistStatus } from '../../../shared/shortlist/candidateSchemas';
import type { AnalysisPerson } from '../../../shared/domain/analysisModel';

/** Words for the explorer's and profile's values, en-GB as the analysts read them. */

export const CUSTODY_LABELS: Readonly<Record<AnalysisPerson['custody'], string>> = {
  in_custody: 'In custody',
  not_in_custody: 'Not in custody',
  unknown: 'Not known',
};

/** The explorer's narrow custody column answers "In custody?". */
export const CUSTODY_ANSWERS: Readonly<Record<AnalysisPerson['custody'], string>> = {
  in_custody: 'Yes',
  not_in_custody: 'No',
  unknown: 'Not known',
};

export const SHORTLIST_LABELS: Readonly<Record<ShortlistStatus, string>> = {
  included: 'Included',
  over_capacity: 'Over capacity',
  excluded: 'Excluded',
  not_eligible: 'Not eligible',
};

export const GENDER_LABELS: Readonly<Record<'M' | 'F' | 'X' | 'unknown', string>> = {
  M: 'Male',
  F: 'Female',
  X: 'Other',
  unknown: 'Not recorded',
};

export interface ColumnSpec {
  label: string;
  /** Said after the label where it is shortened ("Last 10 mo" → "arrests in the last 10 months"). */
  description: string | null;
  /** Narrowest width in rem; sized so every column fits beside the filter panel at 1366 px (names, lists and statuses take two lines). */
  minRem: number;
  /** Share of spare width (CSS fr); 0 keeps the column at its minimum. */
  grow: number;
  numeric: boolean;
  /** Direction of the first click: counts and scores most first, text A–Z. */
  firstDirection: 'asc' | 'desc';
}

export function columnSpecs(windowMonths: number): Readonly<Record<CandidateColumn, ColumnSpec>> {
  return {
    name: { label: 'Name', description: null, minRem: 9, grow: 2, numeric: false, firstDirection: 'asc' },
    age: { label: 'Age', description: 'on the reference date', minRem: 3.3, grow: 0, numeric: true, firstDirection: 'asc' },
    pnc: { label: 'PNC', description: null, minRem: 7.2, grow: 0, numeric: false, firstDirection: 'asc' },
    borough: { label: 'Borough', description: null, minRem: 5.1, grow: 0.8, numeric: false, firstDirection: 'asc' },
    arrests: { label: 'Arrests', description: `in the ${windowMonths}-month window`, minRem: 4.7, grow: 0, numeric: true, firstDirection: 'desc' },
    last10: { label: 'Last 10 mo', description: 'arrests in the last 10 months', minRem: 3.9, grow: 0, numeric: true, firstDirection: 'desc' },
    last22: { label: 'Last 22 mo', description: 'arrests in the last 22 months', minRem: 3.9, grow: 0, numeric: true, firstDirection: 'desc' },
    flags: { label: 'Lists', description: 'agency lists', minRem: 6, grow: 1.4, numeric: false, firstDirection: 'desc' },
    custody: { label: 'In custody?', description: 'from PINS', minRem: 5.2, grow: 0, numeric: false, firstDirection: 'asc' },
    ogrs: { label: 'OGRS', description: 'score', minRem: 4.2, grow: 0, numeric: true, firstDirection: 'desc' },
    shortlist: { label: 'Shortlist', description: 'status in the latest shortlist', minRem: 6, grow: 0, numeric: false, firstDirection: 'asc' },
  };
}

export function gridTrack(spec: ColumnSpec): string {
  return spec.grow > 0 ? `minmax(${spec.minRem}rem, ${spec.grow}fr)` : `${spec.minRem}rem`;
}

/** "SMITH, John" as the lists write names, or a placeholder when a list gave none. */
export function displayName(surname: string | null, forenames: string | null): string {
  if (!surname && !forenames) return '(no name given)';
  if (!surname) return forenames ?? '';
  if (!forenames) return surname;
  return `${surname}, ${forenames}`;
}

/** The one display form of a date, "31 Oct 2013" (shared/domain/dateDisplay.ts). */
export { formatDisplayDate as formatIsoDate, formatDisplayMonth as formatMonth } from '../../../shared/domain/dateDisplay';

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Who recorded something and when, as the panel's lists and cards show it: "chair, 12 Dec 2013, 11:00". */
export function whoAndWhen(who: string, iso: string): string {
  return `${who}, ${formatDateTime(iso)}`;
}

