import { CANONICAL_FIELDS, type CanonicalField } from '../../../shared/import/headerRecognition';
import { FIELD_LABELS, fieldLabel } from '../../../shared/import/fieldLabels';

export { FIELD_LABELS, fieldLabel };

/** The headings, in the order they are offered. */
const GROUP_LABELS = {
  person: 'The person',
  arrests: 'Arrests',
  lists: 'Agency lists, OGRS and custody',
  other: 'Other',
} as const;
type FieldGroup = keyof typeof GROUP_LABELS;

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
  flag_ppo: 'lists',
  ogrsScore: 'lists',
  cohortStartDate: 'lists',
  statutory: 'lists',
  pinsResult: 'lists',
  custody: 'lists',
  ref: 'other',
  comments: 'other',
  rowRef: 'other',
};

/** The choices offered for a column, under headings, each in the order CANONICAL_FIELDS lists them. */
export const FIELD_OPTION_GROUPS: ReadonlyArray<{ label: string; options: ReadonlyArray<{ field: CanonicalField; label: string }> }> = (Object.entries(GROUP_LABELS) as Array<[FieldGroup, string]>).map(([group, label]) => ({
  label,
  options: CANONICAL_FIELDS.filter((field) => FIELD_GROUP[field] === group).map((field) => ({ field, label: FIELD_LABELS[field] })),
}));

