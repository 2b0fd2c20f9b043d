import { fieldLabel } from '../Import/fieldLabels';

/** Names of the fields the record-linkage score compares. */
const LINK_FIELD_LABELS: Readonly<Record<string, string>> = {
  pnc: 'PNC number',
  surname: 'Surname',
  forenames: 'First name(s)',
  dob: 'Date of birth',
};

export function linkFieldLabel(field: string): string {
  return LINK_FIELD_LABELS[field] ?? fieldLabel(field);
}

/** Plain words for the comparison levels of shared/links/recordLinkage.ts. */
const LEVEL_LABELS: Readonly<Record<string, string>> = {
  exact: 'Same',
  close: 'Close',
  different: 'Different',
  initial: 'Same initial only',
  first_exact: 'Same first name',
  day_month_swapped: 'Day and month swapped',
  one_digit: 'One digit differs',
  year_off: 'Year differs',
  transposed: 'First name and surname swapped',
  missing: 'Missing on one side',
};

export function levelLabel(level: string): string {
  return LEVEL_LABELS[level] ?? level.replace(/_/g, ' ');
}
