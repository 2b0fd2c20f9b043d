import type { ImportKindId } from '../../shared/domain/importKinds';
import type { PersonFields } from '../../shared/import/importRowInterpretation';

/**
 * Which values a list gives a person, and which of two values a person keeps: the importer's rule,
 * for everything that applies a list's row to a person after the import (a linked review) or puts
 * two people together (a link merge) or takes a list back (an import undo).
 * - Identity (PNC, names, date of birth) is only ever filled in where the person has none.
 * - Every other field a list gives overwrites: the newest list (then its later row) stands.
 */

export const IDENTITY_COLUMNS = ['pnc', 'surname', 'forenames', 'dob'] as const;

/** People columns a list may set, by the interpreted row's field name. */
export const PERSON_FIELD_COLUMNS: Readonly<Record<keyof PersonFields, string>> = {
  address: 'address',
  borough: 'borough',
  addressDate: 'address_date',
  approxAge: 'approx_age',
  gender: 'gender',
  ethnicity: 'ethnicity',
  ref: 'ref',
  statedArrestsTwoYears: 'stated_arrests_two_years',
  statedArrestsLast10: 'stated_arrests_last10',
  statedArrestsLast22: 'stated_arrests_last22',
  pinsResult: 'pins_result',
  custody: 'custody',
  ogrsScore: 'ogrs_score',
  cohortStartDate: 'cohort_start_date',
  statutory: 'statutory',
};

/** What a column a list sets holds when no list gives it a value (the schema's default). */
export function emptyValueOf(column: string): string | null {
  return column === 'custody' ? 'unknown' : null;
}

/** Every column a list may set through `person_field_sources`: identity and fields. */
export const LIST_SET_COLUMNS: ReadonlySet<string> = new Set<string>([...IDENTITY_COLUMNS, ...Object.values(PERSON_FIELD_COLUMNS)]);

/** Of a row's fields, those a list of this kind sets on a person (a flag list: its score, gender and ethnicity only). */
export function fieldsListSets(kind: ImportKindId, fields: PersonFields): PersonFields {
  if (kind === 'candidates' || kind === 'pins' || kind === 'cohort') return fields;
  const out: PersonFields = {};
  if (fields.ogrsScore !== undefined) out.ogrsScore = fields.ogrsScore;
  if (fields.gender !== undefined) out.gender = fields.gender;
  if (fields.ethnicity !== undefined) out.ethnicity = fields.ethnicity;
  return out;
}

export type PersonValue = string | number | null;
export type PersonValues = Record<string, PersonValue>;

/** A list's value for a field of one of the two people being merged. */
export interface FieldSourceStamp {
  owner: 'kept' | 'removed';
  field: string;
  importId: number;
  rowNumber: number;
}

function isEmpty(column: string, value: PersonValue | undefined): boolean {
  return value === null || value === undefined || value === '' || value === emptyValueOf(column);
}

/**
 * The columns of the kept person that change when the removed person is merged in, so that no
 * field either held is lost: identity is filled in where the kept person has none; any other
 * field takes the value of whichever person holds the newest list's value for it (as if the lists
 * had been imported onto one person); a field no list gave either keeps the kept person's value,
 * or the removed person's where the kept person has none.
 */
export function mergedPersonChanges(kept: PersonValues, removed: PersonValues, sources: readonly FieldSourceStamp[]): PersonValues {
  const newest = new Map<string, FieldSourceStamp>();
  for (const source of sources) {
    const held = newest.get(source.field);
    if (!held || source.importId > held.importId || (source.importId === held.importId && source.rowNumber > held.rowNumber)) newest.set(source.field, source);
  }
  const changes: PersonValues = {};
  for (const column of IDENTITY_COLUMNS) {
    if (isEmpty(column, kept[column]) && !isEmpty(column, removed[column])) changes[column] = removed[column] ?? null;
  }
  for (const column of Object.values(PERSON_FIELD_COLUMNS)) {
    const owner = newest.get(column)?.owner;
    const takeRemoved = owner === 'removed' || (owner === undefined && isEmpty(column, kept[column]) && !isEmpty(column, removed[column]));
    if (takeRemoved && removed[column] !== kept[column]) changes[column] = removed[column] ?? null;
  }
  return changes;
}
