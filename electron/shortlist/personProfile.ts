import type { LinkedRecord, PersonArrest, PersonField, PersonFlag, PersonNote, PersonProfile, SourceRef } from '../../shared/shortlist/personSchemas';
import { RECENT_WINDOWS } from '../../shared/shortlist/candidateSchemas';
import { createClassifier } from '../../shared/analysis/classification';
import { isInWindow, windowFirstDay, type AnalysisWindow } from '../../shared/domain/analysisModel';
import { CRIME_TYPE_IDS, type CrimeTypeId } from '../../shared/domain/crimeTypes';
import { FLAG_NAMES, isFlagName } from '../../shared/domain/flags';
import { isImportKindId } from '../../shared/domain/importKinds';
import { addMonths, ageOn, isIsoDate, monthKey } from '../../shared/domain/isoDate';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { appendAudit } from '../workspace/auditLog';
import { loadAnalysisModel, type AnalysisModel } from '../analysis/analysisModelLoader';
import { defaultWindow } from './candidateQuery';
import { latestShortlistId } from '../analysis/analysisService';
import { insertPersonNote, personNotes, personRecord, type PersonRecord } from '../data/people';
import { importRowsNamingPerson, personFieldSources, type ImportRowSource } from '../data/imports';
import { personFlagHistory } from '../data/lists';
import { personArrestsWithSources } from '../data/arrests';
import { pendingLinkReviewsOfPerson } from '../data/links';
import { personOnShortlist } from '../data/shortlists';
import { entryOf } from '../../shared/domain/mapEntry';

/**
 * One person as the profile shows them: every value with the list and row it came from, flags with
 * their history, arrests classified exactly as the analysis model classifies them, the records that
 * contributed, pending reviews, notes and the latest selection result. Reads are by person id with
 * the indexes the tables already have (person_field_sources' primary key and the people row
 * behind person_field_provenance, person_flags_person,
 * the arrests unique key), so a profile is a handful of small lookups however large the workspace.
 */

type PersonRow = PersonRecord;
type ImportRef = ImportRowSource;

function sourceOf(row: ImportRef): SourceRef | null {
  if (!isImportKindId(row.kind)) return null;
  return { importId: row.importId, fileName: row.fileName, kind: row.kind, importedAt: row.importedAt, rowNumber: row.rowNumber };
}

/** The order fields are listed in: identity first, then as the long list's columns run. */
const FIELD_ORDER = [
  'surname', 'forenames', 'pnc', 'dob', 'gender', 'ethnicity', 'approx_age', 'address', 'borough', 'address_date', 'ref',
  'stated_arrests_two_years', 'stated_arrests_last10', 'stated_arrests_last22', 'pins_result', 'custody', 'ogrs_score', 'statutory', 'cohort_start_date',
];

function fieldRank(field: string): number {
  const i = FIELD_ORDER.indexOf(field);
  return i < 0 ? FIELD_ORDER.length : i;
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return String(value);
}

function requirePerson(workspace: OpenWorkspace, personId: number): PersonRow {
  const person = personRecord(workspace.db, personId);
  if (!person) throw new WorkspaceError('not_found', 'That person is not in the workspace (they may have been merged into another record after a link review).');
  return person;
}

function fieldsOf(workspace: OpenWorkspace, person: PersonRow): PersonField[] {
  const rows = personFieldSources(workspace.db, person.id);
  const byField = new Map<string, PersonField>();
  for (const row of rows) {
    const source = sourceOf(row);
    if (!source) continue;
    // The people column holds the value in use; a field with no such column shows the newest source.
    const entry = entryOf(byField, row.field, () => ({ field: row.field, value: row.field in person ? textOf(person[row.field]) : row.value, sources: [] }));
    entry.sources.push({ ...source, value: row.value });
  }
  return [...byField.values()].sort((a, b) => fieldRank(a.field) - fieldRank(b.field) || (a.field < b.field ? -1 : 1));
}

function flagsOf(workspace: OpenWorkspace, personId: number): PersonFlag[] {
  const rows = personFlagHistory(workspace.db, personId);
  const flags: PersonFlag[] = [];
  for (const row of rows) {
    const source = sourceOf(row);
    if (!source || !isFlagName(row.flag)) continue;
    flags.push({
      ...source,
      flag: row.flag,
      active: row.active === 1,
      score: row.score,
      supersededBy: row.supersededId === null ? null : { importId: row.supersededId, fileName: row.supersededFileName ?? '', importedAt: row.supersededAt ?? '' },
    });
  }
  // Active first, then in the lists' display order, newest import first.
  const flagOrder = (flag: string): number => FLAG_NAMES.indexOf(flag as (typeof FLAG_NAMES)[number]);
  return flags.sort((a, b) => Number(b.active) - Number(a.active) || flagOrder(a.flag) - flagOrder(b.flag) || b.importId - a.importId);
}

/** The model's own rules and overrides, so a profile never disagrees with the counts in the explorer. */
const classifierCache = new WeakMap<AnalysisModel, (offence: string) => CrimeTypeId>();

function classifierOf(model: AnalysisModel): (offence: string) => CrimeTypeId {
  let classify = classifierCache.get(model);
  if (!classify) {
    const classifier = createClassifier(model.rules, model.overrides);
    classify = (offence) => classifier.classify(offence);
    classifierCache.set(model, classify);
  }
  return classify;
}

function arrestsOf(workspace: OpenWorkspace, personId: number, model: AnalysisModel, window: AnalysisWindow): PersonArrest[] {
  const rows = personArrestsWithSources(workspace.db, personId);
  const classify = classifierOf(model);
  const arrests: PersonArrest[] = [];
  for (const row of rows) {
    const source = sourceOf(row);
    if (!source || !isIsoDate(row.date)) continue;
    arrests.push({ id: row.id, date: row.date, offence: row.offence, crimeType: classify(row.offence), borough: row.borough, inWindow: isInWindow(row.date, window), source });
  }
  return arrests;
}

/**
 * Arrests per month and crime type, every month from the earlier of the first arrest and the
 * window's first month to the later of the last arrest and the reference month, so gaps show as
 * empty months and the window is always on the chart.
 */
export function arrestTimeline(arrests: ReadonlyArray<{ date: string; crimeType: CrimeTypeId }>, window: AnalysisWindow): PersonProfile['timeline'] {
  if (arrests.length === 0) return { months: [], series: [] };
  let first = monthKey(windowFirstDay(window));
  let last = monthKey(window.referenceDate);
  for (const a of arrests) {
    const m = monthKey(a.date);
    if (m < first) first = m;
    if (m > last) last = m;
  }
  const months: string[] = [];
  for (let m = first; m <= last; m = monthKey(addMonths(`${m}-01`, 1))) months.push(m);
  const position = new Map(months.map((m, i) => [m, i]));
  const counts = new Map<CrimeTypeId, number[]>();
  for (const a of arrests) {
    let series = counts.get(a.crimeType);
    if (!series) {
      series = new Array<number>(months.length).fill(0);
      counts.set(a.crimeType, series);
    }
    series[position.get(monthKey(a.date))!]!++;
  }
  return { months, series: CRIME_TYPE_IDS.filter((id) => counts.has(id)).map((crimeType) => ({ crimeType, counts: counts.get(crimeType)! })) };
}

function linkedRecordsOf(workspace: OpenWorkspace, personId: number): LinkedRecord[] {
  const rows = importRowsNamingPerson(workspace.db, personId);
  const byImport = new Map<number, LinkedRecord>();
  for (const row of rows) {
    const source = sourceOf(row);
    if (!source) continue;
    const record = entryOf(byImport, row.importId, (): LinkedRecord => ({ importId: source.importId, fileName: source.fileName, kind: source.kind, importedAt: source.importedAt, rows: [], gave: [] }));
    if (!record.rows.includes(row.rowNumber)) record.rows.push(row.rowNumber);
    if (!record.gave.includes(row.gave)) record.gave.push(row.gave);
  }
  const gaveOrder = ['details', 'flags', 'arrests'];
  for (const record of byImport.values()) {
    record.rows.sort((a, b) => a - b);
    record.gave.sort((a, b) => gaveOrder.indexOf(a) - gaveOrder.indexOf(b));
  }
  return [...byImport.values()];
}

function pendingReviewsOf(workspace: OpenWorkspace, personId: number): PersonProfile['pendingReviews'] {
  const rows = pendingLinkReviewsOfPerson(workspace.db, personId);
  const reviews: PersonProfile['pendingReviews'] = [];
  for (const row of rows) {
    if (!isImportKindId(row.kind)) continue;
    const breakdown = JSON.parse(row.breakdown) as { probability?: unknown };
    reviews.push({ id: row.id, importId: row.importId, fileName: row.fileName, kind: row.kind, rowNumber: row.rowNumber, probability: typeof breakdown.probability === 'number' ? breakdown.probability : 0 });
  }
  return reviews;
}

function notesOf(workspace: OpenWorkspace, personId: number): PersonNote[] {
  return personNotes(workspace.db, personId);
}

function selectionOf(workspace: OpenWorkspace, personId: number): { selection: PersonProfile['selection']; notInLatestShortlist: boolean } {
  const latest = latestShortlistId(workspace);
  if (latest === null) return { selection: null, notInLatestShortlist: false };
  const row = personOnShortlist(workspace.db, latest, personId);
  if (!row) return { selection: null, notInLatestShortlist: true };
  const rankingFormula = typeof row.rankingFormula === 'string' ? row.rankingFormula : null;
  return { selection: { ...row, rankingFormula }, notInLatestShortlist: false };
}

function countIn(arrests: readonly PersonArrest[], window: AnalysisWindow): number {
  let n = 0;
  for (const a of arrests) if (isInWindow(a.date, window)) n++;
  return n;
}

export function personProfile(workspace: OpenWorkspace, personId: number, windowInput?: AnalysisWindow): PersonProfile {
  const person = requirePerson(workspace, personId);
  const model = loadAnalysisModel(workspace);
  const window = windowInput ?? defaultWindow(workspace);
  const arrests = arrestsOf(workspace, personId, model, window);
  const byType = new Map<CrimeTypeId, number>();
  for (const a of arrests) if (a.inWindow) byType.set(a.crimeType, (byType.get(a.crimeType) ?? 0) + 1);
  const { selection, notInLatestShortlist } = selectionOf(workspace, personId);
  return {
    person: {
      id: person.id,
      surname: person.surname,
      forenames: person.forenames,
      pnc: person.pnc,
      dob: person.dob,
      age: person.dob && isIsoDate(person.dob) ? ageOn(person.dob, window.referenceDate) : null,
      gender: person.gender,
      ethnicity: person.ethnicity,
      borough: person.borough,
      address: person.address,
      custody: person.custody,
      pinsResult: person.pins_result,
      ogrsScore: person.ogrs_score,
      onLongList: person.on_long_list === 1,
      createdAt: person.created_at,
    },
    window: { ...window, firstDay: windowFirstDay(window) },
    arrestCounts: {
      total: arrests.length,
      inWindow: countIn(arrests, window),
      last10: countIn(arrests, { referenceDate: window.referenceDate, windowMonths: RECENT_WINDOWS.last10 }),
      last22: countIn(arrests, { referenceDate: window.referenceDate, windowMonths: RECENT_WINDOWS.last22 }),
      byType: CRIME_TYPE_IDS.filter((t) => byType.has(t)).map((crimeType) => ({ crimeType, count: byType.get(crimeType)! })),
    },
    fields: fieldsOf(workspace, person),
    flags: flagsOf(workspace, personId),
    arrests,
    timeline: arrestTimeline(arrests, window),
    linkedRecords: linkedRecordsOf(workspace, personId),
    pendingReviews: pendingReviewsOf(workspace, personId),
    notes: notesOf(workspace, personId),
    selection,
    notInLatestShortlist,
  };
}

/** Adds a note. The audit entry names the person and note by id only: never the text. */
export function addPersonNote(workspace: OpenWorkspace, personId: number, text: string, actor: string): PersonNote {
  const { db } = workspace;
  return db.transaction(() => {
    requirePerson(workspace, personId);
    const createdAt = new Date().toISOString();
    const id = insertPersonNote(db, personId, text, actor, createdAt);
    appendAudit(db, { actor, action: 'person.note.add', entity: 'person', entityId: personId, detail: { noteId: id } }, createdAt);
    return { id, text, author: actor, createdAt };
  }).immediate();
}
