import { z } from 'zod';
import type { RawCell } from '../domain/rawCell';

/**
 * Agency pre-review sheets (seed 004, "Next steps"): before the panel meets, each agency checks the
 * proposed shortlist for the people it knows and writes what it knows (still in the borough? in
 * custody? unsuitable? tactical concerns such as DV?). Each agency gets only the columns it needs
 * (data minimisation), chosen per agency here; the workbench adds a Ref and a Comments column.
 */

/** Every column an agency sheet can carry, in the order a sheet shows them. */
const AGENCY_SHEET_COLUMN_IDS = [
  'surname',
  'forenames',
  'dob',
  'age',
  'gender',
  'ethnicity',
  'pnc',
  'address',
  'borough',
  'custody',
  'ogrsScore',
  'statutory',
  'arrestsInWindow',
  'offenceTypes',
  'selectionReason',
  'flag.dtoa',
  'flag.gangHigh',
  'flag.gangMidLow',
  'flag.dv',
  'flag.female',
  'flag.asb',
  'flag.yos',
  'flag.ogrsMandatory',
  'flag.ppo',
] as const;

export type AgencySheetColumnId = (typeof AGENCY_SHEET_COLUMN_IDS)[number];

const AgencySheetColumnIdSchema = z.enum(AGENCY_SHEET_COLUMN_IDS);

interface AgencySheetColumnInfo {
  id: AgencySheetColumnId;
  /** The header written in the sheet (and matched when the sheet comes back). */
  label: string;
  /** Groups the column choice on screen. */
  group: 'identity' | 'circumstances' | 'offending' | 'lists';
}

export const AGENCY_SHEET_COLUMNS: readonly AgencySheetColumnInfo[] = [
  { id: 'surname', label: 'Surname', group: 'identity' },
  { id: 'forenames', label: 'Forename(s)', group: 'identity' },
  { id: 'dob', label: 'Date of birth', group: 'identity' },
  { id: 'age', label: 'Age', group: 'identity' },
  { id: 'gender', label: 'Gender', group: 'identity' },
  { id: 'ethnicity', label: 'Ethnicity', group: 'identity' },
  { id: 'pnc', label: 'PNC', group: 'identity' },
  { id: 'address', label: 'Last known address', group: 'circumstances' },
  { id: 'borough', label: 'Borough', group: 'circumstances' },
  { id: 'custody', label: 'Custody (PINS)', group: 'circumstances' },
  { id: 'ogrsScore', label: 'OGRS score', group: 'circumstances' },
  { id: 'statutory', label: 'Statutory', group: 'circumstances' },
  { id: 'arrestsInWindow', label: 'Arrests in window', group: 'offending' },
  { id: 'offenceTypes', label: 'Offence types in window', group: 'offending' },
  { id: 'selectionReason', label: 'Why proposed', group: 'offending' },
  { id: 'flag.dtoa', label: 'DTOA', group: 'lists' },
  { id: 'flag.gangHigh', label: 'Gangs (high)', group: 'lists' },
  { id: 'flag.gangMidLow', label: 'Gangs (mid-low)', group: 'lists' },
  { id: 'flag.dv', label: 'Repeat DV / MARAC', group: 'lists' },
  { id: 'flag.female', label: 'Repeat female offender', group: 'lists' },
  { id: 'flag.asb', label: 'Repeat ASB', group: 'lists' },
  { id: 'flag.yos', label: 'YOS referral', group: 'lists' },
  { id: 'flag.ogrsMandatory', label: 'Mandatory OGRS', group: 'lists' },
  { id: 'flag.ppo', label: 'PPO', group: 'lists' },
];

export const AGENCY_SHEET_COLUMN_GROUP_LABELS: Record<AgencySheetColumnInfo['group'], string> = {
  identity: 'Identity',
  circumstances: 'Circumstances',
  offending: 'Offending and selection',
  lists: 'Agency lists',
};

export function agencySheetColumnLabel(id: AgencySheetColumnId): string {
  return AGENCY_SHEET_COLUMNS.find((c) => c.id === id)?.label ?? id;
}

/** The columns the workbench always adds around the chosen ones. */
export const REF_HEADER = 'Ref';
export const COMMENTS_HEADER = 'Comments';

/** Agency ids are slugs: they are stored with every comment and go into audit entries. */
export const AgencyIdSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]{1,23}$/, { message: 'lower-case letters, digits and - (2 to 24 characters), starting with a letter' });

/** An agency's name goes into the sheet's title and its file name, so it keeps to characters every file system takes. */
const AgencyNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'an agency needs a name' })
  .max(40)
  .regex(/^[^\\/:*?"<>|\u0000-\u001f]+$/, { message: 'letters, digits, spaces and - only (it is used in file names)' });

const AgencySheetAgencySchema = z
  .object({
    id: AgencyIdSchema,
    name: AgencyNameSchema,
    columns: z
      .array(AgencySheetColumnIdSchema)
      .min(1, { message: 'choose at least one column' })
      .max(AGENCY_SHEET_COLUMN_IDS.length)
      .refine((c) => new Set(c).size === c.length, { message: 'a column is chosen twice' }),
  })
  .strict();
export type AgencySheetAgency = z.infer<typeof AgencySheetAgencySchema>;

export const AgencySheetConfigSchema = z
  .object({
    agencies: z
      .array(AgencySheetAgencySchema)
      .min(1, { message: 'keep at least one agency' })
      .max(12)
      .refine((a) => new Set(a.map((x) => x.id)).size === a.length, { message: 'two agencies have the same id' })
      .refine((a) => new Set(a.map((x) => x.name.toLowerCase())).size === a.length, { message: 'two agencies have the same name' }),
  })
  .strict();
export type AgencySheetConfig = z.infer<typeof AgencySheetConfigSchema>;

/**
 * What each agency needs to tell whether it knows the person and what it knows, and no more.
 * Everyone gets name, date of birth and PNC to find the person in their own systems; beyond that:
 * police the arrest picture and their own lists, probation OGRS and statutory status, YOS only its
 * referral flag, the council the address (housing, ASB) and the ASB list.
 */
export const DEFAULT_AGENCY_SHEET_CONFIG: AgencySheetConfig = {
  agencies: [
    {
      id: 'police',
      name: 'Police',
      columns: ['surname', 'forenames', 'dob', 'pnc', 'address', 'borough', 'custody', 'arrestsInWindow', 'offenceTypes', 'flag.dtoa', 'flag.gangHigh', 'flag.gangMidLow', 'flag.dv', 'flag.female', 'flag.asb'],
    },
    { id: 'probation', name: 'Probation', columns: ['surname', 'forenames', 'dob', 'pnc', 'custody', 'ogrsScore', 'statutory', 'flag.dtoa', 'flag.ogrsMandatory'] },
    { id: 'yos', name: 'YOS', columns: ['surname', 'forenames', 'dob', 'pnc', 'flag.yos'] },
    { id: 'council', name: 'Council', columns: ['surname', 'forenames', 'dob', 'address', 'borough', 'flag.asb'] },
  ],
};

/** Columns in catalogue order, whatever order they were ticked in, so every sheet reads the same way. */
export function orderedColumns(columns: readonly AgencySheetColumnId[]): AgencySheetColumnId[] {
  return AGENCY_SHEET_COLUMN_IDS.filter((id) => columns.includes(id));
}

/** A date of birth as the agencies write it (dd/mm/yyyy), kept as text so no spreadsheet reinterprets it. */
export function sheetDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/**
 * One cell's value as compared between the sheet sent and the sheet returned. A re-saved workbook
 * can change a cell's type (text to number, CSV text) without anyone editing it, so the comparison
 * is on this canonical text, not on the stored type.
 */
export function canonicalSheetValue(value: RawCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return sheetDate(value.date);
}

/** The reference printed on every sheet; also how a sheet saved as CSV (losing its hidden sheet) is recognised. */
export const SHEET_REFERENCE_PATTERN = /Sheet reference:\s*(S-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/;
/** A row's reference: short enough to read aloud, random so it says nothing about the person. */
export const ROW_REF_PATTERN = /^[0-9A-Z]{4}-[0-9A-Z]{4}$/;
