import { z } from 'zod';
import { CANDIDATE_COLUMNS, FilterPresetSchema, RECENT_WINDOWS, type CandidateColumn, type CandidateOverview, type CandidatePage, type CandidateRow, type CandidateSort, type FilterPreset, type ShortlistOverview, type ShortlistStatus } from '../../shared/shortlist/candidateSchemas';
import { FilterSchema, evaluateFilter, type Filter, type FilterCounts, type FilterInput } from '../../shared/shortlist/filterModel';
import { flagsOfMask, isoFromDayNumber, latestArrestDay, windowCounts, windowFirstDay, type AnalysisPerson, type ArrestIndex, type WindowCounts } from '../../shared/domain/analysisModel';
import { isoOfYmd } from '../../shared/domain/isoDate';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { appendAudit } from '../workspace/auditLog';
import { isAnalysisModelReady, loadAnalysisModel, type AnalysisModel } from '../analysis/analysisModelLoader';
import { latestArrestYmd } from '../data/arrests';
import { storedSettingJson } from '../data/settings';
import { newestShortlistHeader, shortlistCreatedAt, shortlistStatusCounts, shortlistStatusesByPerson } from '../data/shortlists';
import { latestShortlistId } from '../analysis/analysisService';
import { workspaceCaseload } from '../tracking/caseloadService';
import { caseloadCountedBySummary } from '../../shared/tracking/caseloadExits';
import { writeSetting } from '../settings/workspaceSettings';

/**
 * The candidates explorer's queries. A filter change evaluates the filter once over the long list
 * (typed arrays, see filterModel.ts), sorts the matching rows once on a numeric key, and keeps that
 * order; every further page of the same (filter, sort) is a slice of it. Nothing here scans SQLite
 * per page, and the renderer never holds more than the pages it has scrolled past.
 */

// ---------------------------------------------------------------------------------------------
// Default window
// ---------------------------------------------------------------------------------------------

const DEFAULT_WINDOW_MONTHS = 24;

/** The last day of a month that has ended by `date`: the date itself when it is a month end. */
function lastMonthEndBy(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (Number(date.slice(8, 10)) === lastDay) return date;
  return new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
}

function latestArrestDate(workspace: OpenWorkspace): string | null {
  // Arrests have no date index (an import would pay to sort it): the loaded model holds every
  // arrest's day; only before it is loaded (a person opened from the CLI, say) is the table scanned.
  if (isAnalysisModelReady(workspace)) {
    const latest = latestArrestDay(loadAnalysisModel(workspace).index);
    return latest === null ? null : isoFromDayNumber(latest);
  }
  const latest = latestArrestYmd(workspace.db);
  return latest === null ? null : isoOfYmd(latest);
}

/**
 * A new filter counts the 24 months up to the last month end the arrests extract reaches: extracts
 * run to a month end, and a stray arrest a day later (the demo has one on 2013-11-01, just outside
 * the seed's window) must not move the window. For the seed-shaped demo that is 2013-10-31, the
 * seed's reference date. The analyst can change it on the explorer; without arrests it is the last
 * month end before today.
 */
export function defaultWindow(workspace: OpenWorkspace): { referenceDate: string; windowMonths: number } {
  const latest = latestArrestDate(workspace);
  return { referenceDate: lastMonthEndBy(latest ?? new Date().toISOString().slice(0, 10)), windowMonths: DEFAULT_WINDOW_MONTHS };
}

// ---------------------------------------------------------------------------------------------
// Latest shortlist: status per person, read once per shortlist id
// ---------------------------------------------------------------------------------------------

const STATUS_ORDER: Readonly<Record<ShortlistStatus, number>> = { included: 0, over_capacity: 1, excluded: 2, not_eligible: 3 };

interface ShortlistStatuses {
  id: number;
  createdAt: string;
  byPerson: Map<number, { status: ShortlistStatus; reason: string; position: number | null }>;
}

const shortlistCache = new WeakMap<OpenWorkspace, ShortlistStatuses>();

function isShortlistStatus(value: string): value is ShortlistStatus {
  return Object.prototype.hasOwnProperty.call(STATUS_ORDER, value);
}

/** Shortlists are never edited after they are made, so the id alone identifies the content. */
function latestShortlistStatuses(workspace: OpenWorkspace): ShortlistStatuses | null {
  const id = latestShortlistId(workspace);
  if (id === null) return null;
  const cached = shortlistCache.get(workspace);
  if (cached && cached.id === id) return cached;
  const createdAt = shortlistCreatedAt(workspace.db, id);
  const rows = shortlistStatusesByPerson(workspace.db, id);
  const byPerson = new Map<number, { status: ShortlistStatus; reason: string; position: number | null }>();
  for (const [personId, status, reason, position] of rows) if (isShortlistStatus(status)) byPerson.set(personId, { status, reason, position });
  const statuses = { id, createdAt, byPerson };
  shortlistCache.set(workspace, statuses);
  return statuses;
}

// ---------------------------------------------------------------------------------------------
// Sort keys
// ---------------------------------------------------------------------------------------------

/**
 * Each column's value becomes a whole number below 2^30 per row (or NULL_KEY when unknown), so a
 * sort is one native Float64Array sort of `key * 2^22 + position`: no comparator calls, ties kept in
 * long-list (id) order, and unknown values last whichever way the column is sorted.
 */
const KEY_LIMIT = 2 ** 30 - 1;
const NULL_KEY = -1;
const POSITION_FACTOR = 2 ** 22;

/** Dense ranks (0, 1, 2…) of the index's rows by a text key; NULL_KEY where there is no text. */
function textRanks(people: readonly AnalysisPerson[], keyOf: (p: AnalysisPerson) => string | null): Int32Array {
  const ranks = new Int32Array(people.length).fill(NULL_KEY);
  const keys = people.map(keyOf);
  const order: number[] = [];
  for (let i = 0; i < keys.length; i++) if (keys[i] !== null) order.push(i);
  // Plain code-unit comparison of folded keys: a collator compare per pair costs ten times more,
  // which at 100,000 names is a second the analyst would wait on the first name sort.
  order.sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  let rank = -1;
  let previous: string | null = null;
  for (const i of order) {
    if (keys[i] !== previous) rank++;
    ranks[i] = rank;
    previous = keys[i]!;
  }
  return ranks;
}

/**
 * Text as the analyst reads it for ordering: case and accents ignored ("Renée" beside "Renee"),
 * curly and straight apostrophes alike, runs of spaces as one.
 */
export function foldForSort(text: string | null): string | null {
  if (text === null) return null;
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  return folded === '' ? null : folded;
}

type StaticColumn = 'name' | 'pnc' | 'borough' | 'ogrs';

/** Ranks that depend only on the people (not on the window): computed once per loaded model, on first use. */
const staticKeyCache = new WeakMap<ArrestIndex, Partial<Record<StaticColumn, Int32Array>>>();

function ogrsRanks(people: readonly AnalysisPerson[]): Int32Array {
  const ranks = new Int32Array(people.length).fill(NULL_KEY);
  const scored: number[] = [];
  for (let i = 0; i < people.length; i++) if (people[i]!.ogrsScore !== null) scored.push(i);
  scored.sort((a, b) => people[a]!.ogrsScore! - people[b]!.ogrsScore!);
  let rank = -1;
  let previous: number | null = null;
  for (const i of scored) {
    const score = people[i]!.ogrsScore!;
    if (score !== previous) rank++;
    ranks[i] = rank;
    previous = score;
  }
  return ranks;
}

function staticKeys(index: ArrestIndex, column: StaticColumn): Int32Array {
  let perIndex = staticKeyCache.get(index);
  if (!perIndex) {
    perIndex = {};
    staticKeyCache.set(index, perIndex);
  }
  const cached = perIndex[column];
  if (cached) return cached;
  const { people } = index;
  let ranks: Int32Array;
  switch (column) {
    case 'name':
      // Surname, then forenames; U+0001 sorts below every printable character, so "Smith" comes
      // before "Smithers" whatever the forenames.
      ranks = textRanks(people, (p) => (p.surname || p.forenames ? `${foldForSort(p.surname) ?? ''}\u0001${foldForSort(p.forenames) ?? ''}` : null));
      break;
    case 'pnc':
      ranks = textRanks(people, (p) => p.pnc);
      break;
    case 'borough':
      ranks = textRanks(people, (p) => foldForSort(p.borough));
      break;
    case 'ogrs':
      ranks = ogrsRanks(people);
      break;
  }
  perIndex[column] = ranks;
  return ranks;
}

/** For short lists only (boroughs, presets): a collator per comparison is too slow for 100,000 names. */
const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

const CUSTODY_ORDER = { in_custody: 0, not_in_custody: 1, unknown: 2 } as const;

function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

interface QueryWindows {
  main: WindowCounts;
  last10: WindowCounts;
  last22: WindowCounts;
}

function windowsOf(index: ArrestIndex, filter: Filter): QueryWindows {
  return {
    main: windowCounts(index, { referenceDate: filter.referenceDate, windowMonths: filter.windowMonths }),
    last10: windowCounts(index, { referenceDate: filter.referenceDate, windowMonths: RECENT_WINDOWS.last10 }),
    last22: windowCounts(index, { referenceDate: filter.referenceDate, windowMonths: RECENT_WINDOWS.last22 }),
  };
}

function ymdOf(date: string): number {
  return Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

/** The numeric sort value of one column for an index row; NULL_KEY when the person has none. */
function keyReader(column: CandidateColumn, index: ArrestIndex, windows: QueryWindows, shortlist: ShortlistStatuses | null): (row: number) => number {
  switch (column) {
    case 'name':
    case 'pnc':
    case 'borough':
    case 'ogrs': {
      const ranks = staticKeys(index, column);
      return (row) => ranks[row]!;
    }
    // An earlier date of birth is an older person: the key grows with age (youngest first ascending).
    case 'age':
      return (row) => (index.dobYmd[row]! < 0 ? NULL_KEY : 99_999_999 - index.dobYmd[row]!);
    case 'arrests':
      return (row) => windows.main.total[row]!;
    case 'last10':
      return (row) => windows.last10.total[row]!;
    case 'last22':
      return (row) => windows.last22.total[row]!;
    // More lists first when descending; people on the same number of lists grouped by which.
    case 'flags':
      return (row) => popcount(index.flagMasks[row]!) * 256 + index.flagMasks[row]!;
    case 'custody':
      return (row) => CUSTODY_ORDER[index.people[row]!.custody];
    case 'shortlist':
      return (row) => {
        const entry = shortlist?.byPerson.get(index.people[row]!.id);
        // Included people in their shortlist order, then over capacity, excluded, not eligible.
        return entry ? STATUS_ORDER[entry.status] * 2 ** 24 + Math.min(entry.position ?? 2 ** 24 - 1, 2 ** 24 - 1) : NULL_KEY;
      };
  }
}

/** Index rows in display order for one (filter, sort). */
function sortRows(rows: Int32Array, read: (row: number) => number, direction: 'asc' | 'desc'): Int32Array {
  if (rows.length >= POSITION_FACTOR) throw new WorkspaceError('invalid_input', 'The long list is too large to sort (more than 4 million rows). Narrow it with a filter, then sort.');
  const packed = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const value = read(rows[i]!);
    // Unknown values last in both directions; otherwise flip the key for a descending sort.
    const key = value === NULL_KEY ? KEY_LIMIT : direction === 'asc' ? Math.min(value, KEY_LIMIT - 1) : KEY_LIMIT - 1 - Math.min(value, KEY_LIMIT - 1);
    packed[i] = key * POSITION_FACTOR + i;
  }
  packed.sort();
  const sorted = new Int32Array(rows.length);
  for (let i = 0; i < packed.length; i++) sorted[i] = rows[packed[i]! % POSITION_FACTOR]!;
  return sorted;
}

// ---------------------------------------------------------------------------------------------
// Query with a per-(filter, sort) cache
// ---------------------------------------------------------------------------------------------

interface CachedOrder {
  rows: Int32Array;
  counts: FilterCounts;
}

/** A few live orders per model: the current one, the one before it (back/forward), a preset or two. */
const ORDER_CACHE_LIMIT = 6;
const orderCache = new WeakMap<AnalysisModel, Map<string, CachedOrder>>();

function cachedOrder(model: AnalysisModel, key: string, compute: () => CachedOrder): CachedOrder {
  let perModel = orderCache.get(model);
  if (!perModel) {
    perModel = new Map();
    orderCache.set(model, perModel);
  }
  const hit = perModel.get(key);
  if (hit) {
    // Re-insert so the Map's order is least recently used first.
    perModel.delete(key);
    perModel.set(key, hit);
    return hit;
  }
  const computed = compute();
  if (perModel.size >= ORDER_CACHE_LIMIT) {
    const oldest = perModel.keys().next().value;
    if (oldest !== undefined) perModel.delete(oldest);
  }
  perModel.set(key, computed);
  return computed;
}

function ageOn(dobYmd: number, referenceYmd: number): number | null {
  return dobYmd < 0 ? null : Math.floor((referenceYmd - dobYmd) / 10000);
}

interface CandidateQuery {
  filter: FilterInput;
  sort: CandidateSort;
  offset: number;
  limit: number;
}

export function queryCandidates(workspace: OpenWorkspace, query: CandidateQuery): CandidatePage {
  const filter = FilterSchema.parse(query.filter);
  const model = loadAnalysisModel(workspace);
  const { index } = model;
  const windows = windowsOf(index, filter);
  const shortlist = latestShortlistStatuses(workspace);
  // The shortlist id is part of the key: a new shortlist changes the order of that column.
  const key = JSON.stringify([filter, query.sort.column, query.sort.direction, query.sort.column === 'shortlist' ? (shortlist?.id ?? 0) : 0]);
  const order = cachedOrder(model, key, () => {
    const result = evaluateFilter(filter, model.longList, index);
    const rows = new Int32Array(result.personIds.length);
    result.personIds.forEach((id, i) => {
      rows[i] = index.rowOf(id);
    });
    return { rows: sortRows(rows, keyReader(query.sort.column, index, windows, shortlist), query.sort.direction), counts: result.counts };
  });

  const referenceYmd = ymdOf(filter.referenceDate);
  const end = Math.min(order.rows.length, query.offset + query.limit);
  const rows: CandidateRow[] = [];
  for (let i = query.offset; i < end; i++) {
    const row = order.rows[i]!;
    const person = index.people[row]!;
    const entry = shortlist?.byPerson.get(person.id);
    rows.push({
      personId: person.id,
      surname: person.surname,
      forenames: person.forenames,
      age: ageOn(index.dobYmd[row]!, referenceYmd),
      pnc: person.pnc,
      borough: person.borough,
      arrests: windows.main.total[row]!,
      last10: windows.last10.total[row]!,
      last22: windows.last22.total[row]!,
      flags: flagsOfMask(index.flagMasks[row]!),
      custody: person.custody,
      ogrsScore: person.ogrsScore,
      shortlist: entry ? { status: entry.status, reason: entry.reason } : null,
    });
  }
  return {
    total: order.rows.length,
    offset: query.offset,
    rows,
    counts: order.counts,
    window: { referenceDate: filter.referenceDate, windowMonths: filter.windowMonths, firstDay: windowFirstDay(filter) },
    longListSize: model.longList.length,
    shortlist: shortlist ? { id: shortlist.id, createdAt: shortlist.createdAt } : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Overview (explorer start-up and dashboard)
// ---------------------------------------------------------------------------------------------

const ShortlistSummaryJson = z.object({ capacity: z.number(), capacityWorking: z.string().optional(), counts: z.record(z.string(), z.number()).optional() });

function latestShortlistOverview(workspace: OpenWorkspace): ShortlistOverview | null {
  const row = newestShortlistHeader(workspace.db);
  if (!row) return null;
  const counts = { included: 0, excluded: 0, over_capacity: 0, not_eligible: 0 };
  const grouped = shortlistStatusCounts(workspace.db, row.id);
  for (const g of grouped) if (isShortlistStatus(g.status)) counts[g.status] = g.n;
  const summaryJson: unknown = JSON.parse(row.summary);
  const summary = ShortlistSummaryJson.safeParse(summaryJson);
  return {
    id: row.id,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    ruleSetName: row.ruleSetName,
    ruleSetVersion: row.ruleSetVersion,
    capacity: row.capacity,
    capacityWorking: summary.success ? (summary.data.capacityWorking ?? null) : null,
    // Only a caseload the shortlist counted from the workspace can go stale as exits are recorded.
    caseloadCounted: caseloadCountedBySummary(summaryJson),
    counts,
  };
}

export function candidateOverview(workspace: OpenWorkspace): CandidateOverview {
  const model = loadAnalysisModel(workspace);
  const boroughCounts = new Map<string, { name: string; count: number }>();
  for (const person of model.longList) {
    const name = person.borough?.trim();
    if (!name) continue;
    // One entry per borough however it was typed ("Barnet", "BARNET "), named as first seen.
    const key = name.toLowerCase().replace(/\s+/g, ' ');
    const entry = boroughCounts.get(key) ?? { name, count: 0 };
    entry.count++;
    boroughCounts.set(key, entry);
  }
  const caseload = workspaceCaseload(workspace);
  return {
    people: model.people.length,
    longListSize: model.longList.length,
    hasLongList: model.longList !== model.people,
    currentClients: caseload.onTheBooks,
    clientsLeft: caseload.left,
    defaultWindow: defaultWindow(workspace),
    latestArrestDate: latestArrestDate(workspace),
    boroughs: [...boroughCounts.values()].sort((a, b) => b.count - a.count || collator.compare(a.name, b.name)),
    shortlist: latestShortlistOverview(workspace),
  };
}

// ---------------------------------------------------------------------------------------------
// Presets (settings key 'filterPresets')
// ---------------------------------------------------------------------------------------------

const PRESETS_SETTING = 'filterPresets';
const MAX_PRESETS = 100;

/**
 * Presets as stored. Entries that no longer pass the schema (written by a later version, say) are
 * kept as they are when the list is saved again, and simply not offered.
 */
function storedPresets(workspace: OpenWorkspace): unknown[] {
  const raw = storedSettingJson(workspace.db, PRESETS_SETTING);
  if (raw === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

export function listPresets(workspace: OpenWorkspace): FilterPreset[] {
  const presets: FilterPreset[] = [];
  for (const entry of storedPresets(workspace)) {
    const parsed = FilterPresetSchema.safeParse(entry);
    if (parsed.success) presets.push(parsed.data);
  }
  return presets.sort((a, b) => collator.compare(a.name, b.name) || a.id - b.id);
}

function idOf(entry: unknown): number {
  return typeof entry === 'object' && entry !== null && typeof (entry as { id?: unknown }).id === 'number' ? (entry as { id: number }).id : 0;
}

function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

export function savePreset(
  workspace: OpenWorkspace,
  input: { name: string; filter: FilterInput; sort: CandidateSort; columns: CandidateColumn[] | null },
  actor: string,
): FilterPreset {
  const { db } = workspace;
  return db.transaction(() => {
    const stored = storedPresets(workspace);
    const existing = listPresets(workspace).find((p) => nameKey(p.name) === nameKey(input.name));
    if (!existing && stored.length >= MAX_PRESETS) throw new WorkspaceError('conflict', `There are already ${MAX_PRESETS} saved filters: delete one first.`);
    const id = existing?.id ?? stored.reduce<number>((max, entry) => Math.max(max, idOf(entry)), 0) + 1;
    const columns = input.columns ? CANDIDATE_COLUMNS.filter((c) => input.columns!.includes(c)) : null;
    const preset: FilterPreset = { id, name: input.name.trim(), filter: FilterSchema.parse(input.filter), sort: input.sort, columns, savedBy: actor, savedAt: new Date().toISOString() };
    writeSetting(workspace, PRESETS_SETTING, [...stored.filter((entry) => idOf(entry) !== id), preset]);
    // The name is the analyst's free text and may name someone: the audit keeps the id only.
    appendAudit(db, { actor, action: existing ? 'filterPreset.replace' : 'filterPreset.save', entity: 'filter_preset', entityId: id }, preset.savedAt);
    return preset;
  }).immediate();
}

export function deletePreset(workspace: OpenWorkspace, id: number, actor: string): boolean {
  const { db } = workspace;
  return db.transaction(() => {
    const stored = storedPresets(workspace);
    const kept = stored.filter((entry) => idOf(entry) !== id);
    if (kept.length === stored.length) return false;
    writeSetting(workspace, PRESETS_SETTING, kept);
    appendAudit(db, { actor, action: 'filterPreset.delete', entity: 'filter_preset', entityId: id });
    return true;
  }).immediate();
}
