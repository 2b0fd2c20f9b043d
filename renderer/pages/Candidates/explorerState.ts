import { CANDIDATE_COLUMNS, DEFAULT_CANDIDATE_SORT, type CandidateColumn, type CandidateSort } from '../../../shared/shortlist/candidateSchemas';
import { emptyFilter, type Filter } from '../../../shared/shortlist/filterModel';
import { isFlagName } from '../../../shared/domain/flags';
import { isCrimeTypeId } from '../../../shared/domain/crimeTypes';

/**
 * What the explorer keeps while the analyst opens a person and comes back: the filter, sort,
 * columns, which row was active and where the list was scrolled. Held in memory for the open
 * workspace only (keyed by its path), never written anywhere: it can hold names typed in search.
 */
export interface ExplorerState {
  workspacePath: string;
  filter: Filter;
  sort: CandidateSort;
  columns: CandidateColumn[];
  activeIndex: number;
  scrollTop: number;
  filtersOpen: boolean;
  /** The preset last applied, so the picker shows it while the filter is unchanged. */
  presetId: number | null;
}

let remembered: ExplorerState | null = null;

export function rememberedState(workspacePath: string): ExplorerState | null {
  return remembered && remembered.workspacePath === workspacePath ? remembered : null;
}

export function rememberState(state: ExplorerState): void {
  remembered = state;
}

export function forgetState(): void {
  remembered = null;
}

export function initialState(workspacePath: string, window: { referenceDate: string; windowMonths: number }): ExplorerState {
  return {
    workspacePath,
    filter: emptyFilter(window.referenceDate, window.windowMonths),
    sort: DEFAULT_CANDIDATE_SORT,
    columns: [...CANDIDATE_COLUMNS],
    activeIndex: 0,
    scrollTop: 0,
    filtersOpen: true,
    presetId: null,
  };
}

/** Keeps the window and clears every criterion. */
export function clearedFilter(filter: Filter): Filter {
  return emptyFilter(filter.referenceDate, filter.windowMonths);
}

/**
 * Links from elsewhere open the explorer already filtered: `candidates/flag/dtoa` (the dashboard's
 * list counts), `candidates/crime/other` (unclassified offences). Unknown parts are ignored.
 */
export function filterFromRoute(route: string, base: Filter): Filter | null {
  const [, kind, value] = route.split('/');
  if (!kind || !value) return null;
  const cleared = clearedFilter(base);
  if (kind === 'flag' && isFlagName(value)) return { ...cleared, flags: { any: [value], all: [], none: [] } };
  if (kind === 'crime' && isCrimeTypeId(value)) return { ...cleared, crimeTypes: [value] };
  return null;
}

/** How many criteria the filter sets, for the "Filters (3)" button. */
export function activeCriteria(filter: Filter): number {
  let n = 0;
  n += filter.flags.any.length + filter.flags.all.length + filter.flags.none.length;
  if (filter.arrests.min !== null || filter.arrests.max !== null) n++;
  if (filter.recentArrests && (filter.recentArrests.min !== null || filter.recentArrests.max !== null)) n++;
  if (filter.crimeTypes.length) n++;
  if (filter.age.min !== null || filter.age.max !== null) n++;
  if (filter.genders.length) n++;
  if (filter.boroughs.length) n++;
  if (filter.custody.length) n++;
  if (filter.lists.length) n++;
  if (filter.ogrsMin !== null) n++;
  return n;
}

export function sameFilter(a: Filter, b: Filter): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
