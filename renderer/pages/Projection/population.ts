import { FilterSchema, type FilterInput } from '../../../shared/shortlist/filterModel';
import { FLAG_SHORT_LABELS, type FlagName } from '../../../shared/domain/flags';
import type { CallInput } from '../../../shared/api/contract';

/** Which people a projection (or a chart) is about, and the filter that can be handed over in the address. */

export type PopulationChoice = 'longList' | 'all' | 'shortlist' | 'accepted' | 'tranche' | 'filter';
export type PopulationInput = CallInput<'analysis.project'>['population'];

export interface FlagsFilterValue {
  /** People on any of these lists; none ticked means anyone. */
  anyOf: FlagName[];
  /** At least this many arrests in the window; blank for any. */
  minArrests: string;
}

export const EMPTY_FLAGS_FILTER: FlagsFilterValue = { anyOf: [], minArrests: '' };

export const POPULATION_LABELS: Record<PopulationChoice, string> = {
  longList: 'Potential Candidate List',
  all: 'Everyone in the workspace',
  shortlist: 'Latest shortlist',
  accepted: 'Panel’s accepted cohort',
  tranche: 'An intake tranche',
  filter: 'Long list, filtered',
};

/**
 * A filter handed over in the address: `#/projection/filter/<URI-encoded JSON of FilterSchema>`
 * (how the candidates screen can send its current filter here). Anything that does not parse is
 * ignored rather than guessed at.
 */
export function filterFromRoute(route: string): FilterInput | null {
  const marker = '/filter/';
  const at = route.indexOf(marker);
  if (at < 0) return null;
  try {
    const parsed = FilterSchema.safeParse(JSON.parse(decodeURIComponent(route.slice(at + marker.length))));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The flags filter as the contract's filter, over the given window. */
export function filterOfFlags(value: FlagsFilterValue, window: { referenceDate: string; windowMonths: number }): FilterInput {
  const min = Number(value.minArrests);
  return {
    referenceDate: window.referenceDate,
    windowMonths: window.windowMonths,
    flags: { any: value.anyOf, all: [], none: [] },
    arrests: { min: value.minArrests.trim() !== '' && Number.isInteger(min) && min >= 0 ? min : null, max: null },
  };
}

export function describeFlagsFilter(value: FlagsFilterValue): string {
  const parts: string[] = [];
  if (value.anyOf.length) parts.push(`on ${value.anyOf.map((f) => FLAG_SHORT_LABELS[f]).join(' or ')}`);
  if (value.minArrests.trim()) parts.push(`at least ${value.minArrests.trim()} arrests in the window`);
  return parts.length ? parts.join(', ') : 'no conditions (everyone on the long list)';
}

export function populationInput(
  choice: PopulationChoice,
  flags: FlagsFilterValue,
  routeFilter: FilterInput | null,
  window: { referenceDate: string; windowMonths: number },
  trancheMonth: string | null = null,
): PopulationInput | null {
  if (choice === 'tranche') return trancheMonth === null ? null : { kind: 'tranche', month: trancheMonth };
  if (choice !== 'filter') return { kind: choice };
  return { kind: 'filter', filter: routeFilter ?? filterOfFlags(flags, window) };
}
