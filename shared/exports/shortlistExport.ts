import { CRIME_TYPE_IDS, CRIME_TYPE_LABELS, type CrimeTypeId } from '../domain/crimeTypes';
import { FLAG_SHORT_LABELS, type FlagName } from '../domain/flags';
import { PANEL_DECISION_LABELS, PANEL_REASON_LABELS, type PanelDecision, type PanelReason } from '../panel/panelDecisions';
import { isIsoDate } from '../domain/isoDate';
import { isOneOf } from '../domain/closedSets';

/**
 * The shortlist export's columns: one fixed catalogue the Exports screen offers as checkboxes and
 * the CLI takes as `--columns a,b,c`, in the order the sheet shows them. Data minimisation is the
 * analyst's choice per export; nothing outside the catalogue can be asked for.
 */
export const SHORTLIST_COLUMN_IDS = [
  'position',
  'ref',
  'surname',
  'forenames',
  'dob',
  'age',
  'pnc',
  'gender',
  'ethnicity',
  'address',
  'addressDate',
  'borough',
  'flags',
  'priorityGroups',
  'arrestsInWindow',
  'arrestsByCrimeType',
  'listArrestsLast10',
  'listArrestsLast22',
  'listArrestDetails',
  'custody',
  'ogrsScore',
  'statutory',
  'selectionReason',
  'panelDecision',
  'panelReason',
  'panelNote',
  'panelDecidedBy',
  'panelDecidedAt',
] as const;

export type ShortlistColumnId = (typeof SHORTLIST_COLUMN_IDS)[number];

export const SHORTLIST_COLUMNS: Readonly<Record<ShortlistColumnId, { label: string; description: string }>> = {
  position: { label: 'Position', description: 'place on the proposed shortlist, priority groups first' },
  ref: { label: 'Source ref', description: 'the reference the candidate list gave' },
  surname: { label: 'Surname', description: '' },
  forenames: { label: 'Forenames', description: '' },
  dob: { label: 'Date of birth', description: 'a date cell shown dd/mm/yyyy in .xlsx; yyyy-mm-dd in .csv' },
  age: { label: 'Age', description: "at the shortlist's reference date" },
  pnc: { label: 'PNC', description: 'Police National Computer number' },
  gender: { label: 'Gender', description: '' },
  ethnicity: { label: 'Ethnicity', description: '' },
  address: { label: 'Address', description: '' },
  addressDate: { label: 'Address date', description: 'when the candidate list last had this address (it may be out of date)' },
  borough: { label: 'Borough', description: '' },
  flags: { label: 'Flags', description: 'agency lists the person is on' },
  priorityGroups: { label: 'Priority groups', description: 'the rule set’s priority groups the person is in' },
  arrestsInWindow: { label: 'Arrests in window', description: "the shortlist's counting window" },
  arrestsByCrimeType: { label: 'Arrests by crime type', description: 'one column per crime type' },
  listArrestsLast10: { label: 'Arrests in last 10 months (list)', description: 'as the Potential Candidate List stated it' },
  listArrestsLast22: { label: 'Arrests in last 22 months (list)', description: 'as the Potential Candidate List stated it' },
  listArrestDetails: { label: 'Arrest details (list)', description: 'the dated arrests the candidate list gave, oldest first' },
  custody: { label: 'Custody', description: 'from the PINS check' },
  ogrsScore: { label: 'OGRS score', description: '' },
  statutory: { label: 'Statutory', description: 'on licence or a court order' },
  selectionReason: { label: 'Selection reason', description: 'why the rules proposed the person' },
  panelDecision: { label: 'Panel decision', description: '' },
  panelReason: { label: 'Panel reason', description: '' },
  panelNote: { label: 'Panel note', description: "the panel's free text" },
  panelDecidedBy: { label: 'Decided by', description: '' },
  panelDecidedAt: { label: 'Decided at', description: '' },
};

/** What a first export offers: enough to identify and manage each person, no more. */
export const DEFAULT_SHORTLIST_COLUMNS: readonly ShortlistColumnId[] = ['position', 'surname', 'forenames', 'dob', 'pnc', 'borough', 'flags', 'arrestsInWindow', 'statutory', 'selectionReason', 'panelDecision'];

function isShortlistColumnId(value: string): value is ShortlistColumnId {
  return isOneOf(SHORTLIST_COLUMN_IDS, value);
}

/** Puts chosen columns in catalogue order, each once, so every export of the same choice looks the same. */
export function orderShortlistColumns(columns: Iterable<ShortlistColumnId>): ShortlistColumnId[] {
  const chosen = new Set(columns);
  return SHORTLIST_COLUMN_IDS.filter((id) => chosen.has(id));
}

/** Reads `--columns a,b,c`; an unknown id is an error that lists the valid ones. */
export function parseShortlistColumns(text: string): { ok: true; columns: ShortlistColumnId[] } | { ok: false; message: string } {
  const ids = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const unknown = ids.filter((id) => !isShortlistColumnId(id));
  if (unknown.length > 0) return { ok: false, message: `Unknown column ${unknown.map((u) => `"${u.slice(0, 40)}"`).join(', ')}. Columns: ${SHORTLIST_COLUMN_IDS.join(', ')}.` };
  if (ids.length === 0) return { ok: false, message: `Choose at least one column: ${SHORTLIST_COLUMN_IDS.join(', ')}.` };
  return { ok: true, columns: orderShortlistColumns(ids as ShortlistColumnId[]) };
}

const CUSTODY_LABELS = { in_custody: 'In custody', not_in_custody: 'Not in custody', unknown: 'Unknown' } as const;

/** One person of the exported cohort, as the service reads them (all of it, whatever is chosen). */
export interface ShortlistExportPerson {
  position: number | null;
  ref: string | null;
  surname: string | null;
  forenames: string | null;
  dob: string | null;
  age: number | null;
  pnc: string | null;
  gender: string | null;
  ethnicity: string | null;
  address: string | null;
  addressDate: string | null;
  borough: string | null;
  flags: readonly FlagName[];
  priorityGroups: readonly FlagName[];
  arrestsInWindow: number;
  arrestsByCrimeType: Readonly<Record<CrimeTypeId, number>>;
  /** The long list's own figures and arrest entries (null / empty when no candidate list gave them). */
  listArrestsLast10: number | null;
  listArrestsLast22: number | null;
  listArrests: ReadonlyArray<{ date: string; offence: string }>;
  custody: keyof typeof CUSTODY_LABELS;
  ogrsScore: number | null;
  statutory: boolean | null;
  selectionReason: string | null;
  panel: { decision: PanelDecision; reason: PanelReason | null; note: string; decidedBy: string; decidedAt: string } | null;
}

/** A calendar date: a real date cell shown dd/mm/yyyy in .xlsx, ISO text (yyyy-mm-dd) in .csv. */
interface ExportDate {
  readonly isoDate: string;
}

/** A sheet cell: text is always a text cell (never a formula), numbers stay numbers, dates are dates, null is empty. */
export type ExportCell = string | number | ExportDate | null;

/** A cell as CSV text: dates stay ISO, so any tool reads them one way. */
export function exportCellText(value: ExportCell): string {
  if (value === null) return '';
  if (typeof value === 'object') return value.isoDate;
  return String(value);
}

interface ExportTable {
  header: string[];
  rows: ExportCell[][];
}

function cellsOf(person: ShortlistExportPerson, column: ShortlistColumnId): ExportCell[] {
  switch (column) {
    case 'position':
      return [person.position];
    case 'dob':
      // A date of birth the lists gave as something other than a date stays that text, as imported.
      return [person.dob !== null && isIsoDate(person.dob) ? { isoDate: person.dob } : person.dob];
    case 'ref':
    case 'surname':
    case 'forenames':
    case 'pnc':
    case 'gender':
    case 'ethnicity':
    case 'address':
    case 'addressDate':
    case 'borough':
    case 'selectionReason':
      return [person[column]];
    case 'age':
    case 'ogrsScore':
    case 'arrestsInWindow':
    case 'listArrestsLast10':
    case 'listArrestsLast22':
      return [person[column]];
    case 'listArrestDetails':
      return [person.listArrests.length ? person.listArrests.map((a) => (a.offence ? `${a.date} ${a.offence}` : a.date)).join('; ') : null];
    case 'flags':
    case 'priorityGroups':
      return [person[column].map((f) => FLAG_SHORT_LABELS[f]).join(', ')];
    case 'arrestsByCrimeType':
      return CRIME_TYPE_IDS.map((id) => person.arrestsByCrimeType[id]);
    case 'custody':
      return [CUSTODY_LABELS[person.custody]];
    case 'statutory':
      return [person.statutory === null ? null : person.statutory ? 'Yes' : 'No'];
    case 'panelDecision':
      return [person.panel ? PANEL_DECISION_LABELS[person.panel.decision] : null];
    case 'panelReason':
      return [person.panel?.reason ? PANEL_REASON_LABELS[person.panel.reason] : null];
    case 'panelNote':
      return [person.panel?.note || null];
    case 'panelDecidedBy':
      return [person.panel?.decidedBy ?? null];
    case 'panelDecidedAt':
      return [person.panel?.decidedAt ?? null];
  }
}

function headersOf(column: ShortlistColumnId): string[] {
  if (column === 'arrestsByCrimeType') return CRIME_TYPE_IDS.map((id) => `Arrests: ${CRIME_TYPE_LABELS[id]}`);
  return [SHORTLIST_COLUMNS[column].label];
}

/** The data sheet's header and rows for the chosen columns (in catalogue order). */
export function shortlistTable(people: readonly ShortlistExportPerson[], columns: readonly ShortlistColumnId[]): ExportTable {
  const ordered = orderShortlistColumns(columns);
  return {
    header: ordered.flatMap(headersOf),
    rows: people.map((person) => ordered.flatMap((column) => cellsOf(person, column))),
  };
}
