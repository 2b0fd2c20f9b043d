import { FLAG_NAMES, FLAG_LABELS, type FlagName } from './flags';
import { isOneOf } from './closedSets';

/**
 * What a file is: the long list of candidates, an arrests extract, one agency flag list, PINS
 * custody results, or an agency's returned pre-review sheet.
 */
export const IMPORT_KINDS = ['candidates', 'arrests', ...FLAG_NAMES.map((f) => `list:${f}` as const), 'pins', 'cohort'] as const;
export type ImportKindId = (typeof IMPORT_KINDS)[number];

export function isImportKindId(value: string): value is ImportKindId {
  return isOneOf(IMPORT_KINDS, value);
}

export function flagOfImportKind(kind: ImportKindId): FlagName | null {
  return kind.startsWith('list:') ? (kind.slice(5) as FlagName) : null;
}

export function importKindLabel(kind: ImportKindId): string {
  const flag = flagOfImportKind(kind);
  if (flag) return `${FLAG_LABELS[flag]} list`;
  return { candidates: 'Potential Candidate List', arrests: 'Arrests extract', pins: 'PINS custody results', cohort: 'Existing IOM cohort (start dates)' }[kind as 'candidates' | 'arrests' | 'pins' | 'cohort'];
}

/** The header-recognition family a kind belongs to. */
export function headerFamilyOf(kind: ImportKindId): 'candidates' | 'arrests' | 'list' | 'pins' | 'cohort' {
  if (kind === 'candidates' || kind === 'arrests' || kind === 'pins' || kind === 'cohort') return kind;
  return 'list';
}

/** Kinds whose rows create the people they do not find; the others only add to people already there. */
export function createsPeople(kind: ImportKindId): boolean {
  return kind === 'candidates' || kind === 'arrests';
}
