/**
 * Names for the people columns a list can set (person_field_sources.field), as the profile shows
 * them. A column without a name here is shown by its own name rather than hidden.
 */
const PERSON_FIELD_LABELS: Readonly<Record<string, string>> = {
  surname: 'Surname',
  forenames: 'First name(s)',
  pnc: 'PNC number',
  dob: 'Date of birth',
  gender: 'Gender',
  ethnicity: 'Ethnicity',
  approx_age: 'Approximate age (as listed)',
  address: 'Address',
  borough: 'Borough',
  address_date: 'Date of arrest for the address',
  ref: 'Reference on the list',
  stated_arrests_two_years: 'Arrests in two years (as listed)',
  stated_arrests_last10: 'Of which last 10 months (as listed)',
  stated_arrests_last22: 'Of which last 22 months (as listed)',
  pins_result: 'PINS result',
  custody: 'Custody',
  ogrs_score: 'OGRS score',
  statutory: 'Statutory',
  cohort_start_date: 'IOM start date',
};

export function personFieldLabel(field: string): string {
  return PERSON_FIELD_LABELS[field] ?? field.replace(/_/g, ' ');
}

const DATE_FIELDS = new Set(['dob', 'address_date', 'cohort_start_date']);
const GENDER_WORDS: Readonly<Record<string, string>> = { M: 'Male', F: 'Female', X: 'Other' };
const CUSTODY_WORDS: Readonly<Record<string, string>> = { in_custody: 'In custody', not_in_custody: 'Not in custody', unknown: 'Not known' };

/** A stored value as the analyst reads it: dates as "4 Mar 1975", codes as words. */
export function personFieldValue(field: string, value: string | null, formatDate: (iso: string) => string): string | null {
  if (value === null) return null;
  if (DATE_FIELDS.has(field)) return formatDate(value);
  if (field === 'gender') return GENDER_WORDS[value] ?? value;
  if (field === 'custody') return CUSTODY_WORDS[value] ?? value;
  if (field === 'statutory') return value === '1' ? 'Statutory' : value === '0' ? 'Non-statutory' : value;
  return value;
}
