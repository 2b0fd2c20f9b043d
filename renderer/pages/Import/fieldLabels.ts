import { CANONICAL_FIELDS, type CanonicalField } from '../../../shared/headerRecognition';

/**
 * Plain names for the fields a column can be mapped to, as the analyst reads them on the column
 * table. The Record type makes a field added to CANONICAL_FIELDS without a label a compile error.
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
  comments: 'Comments',
  rowRef: 'Row reference',
};

type FieldGroup = 'person' | 'arrests' | 'lists' | 'other';

/** Which heading a field is offered under; the Record type keeps every field placed. */
const FIELD_GROUP: Readonly<Record<CanonicalField, FieldGroup>> = {
  firstNames: 'person',
  surname: 'person',
  fullName: 'person',
  dob: 'person',
  approxAge: 'person',
  pnc: 'person',
  gender: 'person',
  ethnicity: 'person',
  address: 'person',
  borough: 'person',
  addressDate: 'person',
  arrestsTwoYears: 'arrests',
  arrestsLast10Months: 'arrests',
  arrestsLast22Months: 'arrests',
  arrestDetails: 'arrests',
  arrestDate: 'arrests',
  offence: 'arrests',
  flag_dtoa: 'lists',
  flag_gangHigh: 'lists',
  flag_gangMidLow: 'lists',
  flag_dv: 'lists',
  flag_female: 'lists',
  flag_asb: 'lists',
  flag_yos: 'lists',
  flag_ogrsMandatory: 'lists',
  ogrsScore: 'lists',
  cohortStartDate: 'lists',
  statutory: 'lists',
  pinsResult: 'lists',
  custody: 'lists',
  ref: 'other',
  comments: 'other',
  rowRef: 'other',
};

const GROUP_LABELS: ReadonlyArray<[FieldGroup, string]> = [
  ['person', 'The person'],
  ['arrests', 'Arrests'],
  ['lists', 'Agency lists, OGRS and custody'],
  ['other', 'Other'],
];

/** The choices offered for a column, under headings, each in the order CANONICAL_FIELDS lists them. */
export const FIELD_OPTION_GROUPS: ReadonlyArray<{ label: string; options: ReadonlyArray<{ field: CanonicalField; label: string }> }> = GROUP_LABELS.map(([group, label]) => ({
  label,
  options: CANONICAL_FIELDS.filter((field) => FIELD_GROUP[field] === group).map((field) => ({ field, label: FIELD_LABELS[field] })),
}));

export function fieldLabel(field: string): string {
  return (FIELD_LABELS as Readonly<Record<string, string>>)[field] ?? field;
}
