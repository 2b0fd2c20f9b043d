import type { CanonicalField } from './headerRecognition';

/**
 * Plain names for the fields a column can be mapped to, as the analyst reads them on the column
 * table and in the import report. The Record type makes a field added to CANONICAL_FIELDS without a label a compile error.
 */
export const FIELD_LABELS: Readonly<Record<CanonicalField, string>> = {
  firstNames: 'First name(s)',
  surname: 'Surname',
  fullName: 'Full name (one column)',
  dob: 'Date of birth',
  approxAge: 'Approximate age',
  pnc: 'PNC number',
  address: 'Address',
  borough: 'Borough',
  addressDate: 'Date of arrest for the address',
  arrestsTwoYears: 'Arrests in the last two years',
  arrestsLast10Months: 'Of which in the last 10 months',
  arrestsLast22Months: 'Of which in the last 22 months',
  arrestDetails: 'Arrest details (offences and dates)',
  gender: 'Gender',
  ethnicity: 'Ethnicity',
  ref: 'Reference',
  pinsResult: 'PINS result',
  custody: 'Custody status',
  ogrsScore: 'OGRS score',
  cohortStartDate: 'IOM start date',
  statutory: 'Statutory / non-statutory',
  arrestDate: 'Arrest date',
  offence: 'Offence',
  flag_dtoa: 'On DTOA list?',
  flag_gangHigh: 'On gangs matrix (high)?',
  flag_gangMidLow: 'On gangs matrix (mid-low)?',
  flag_dv: 'On repeat DV / MARAC list?',
  flag_female: 'Repeat female offender?',
  flag_asb: 'Repeat ASB arrests?',
  flag_yos: 'YOS referral?',
  flag_ogrsMandatory: 'Mandatory OGRS?',
  flag_ppo: 'PPO (prolific and other priority offender)?',
  comments: 'Comments',
  rowRef: 'Row reference',
};

/** The plain name of a field, or the text itself when it is not a field. */
export function fieldLabel(field: string): string {
  return (FIELD_LABELS as Readonly<Record<string, string>>)[field] ?? field;
}
