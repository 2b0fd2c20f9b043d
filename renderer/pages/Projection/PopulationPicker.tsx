import { useId } from 'react';
import { FilterSchema, type FilterInput } from '../../../shared/filterModel';
import { FLAG_LABELS, FLAG_NAMES, FLAG_SHORT_LABELS, type FlagName } from '../../../shared/domain/flags';
import type { CallInput } from '../../../shared/api/contract';

export type PopulationChoice = 'longList' | 'all' | 'shortlist' | 'filter';
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

export function routeForFilter(section: string, filter: FilterInput): string {
  return `${section}/filter/${encodeURIComponent(JSON.stringify(filter))}`;
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
): PopulationInput {
  if (choice !== 'filter') return { kind: choice };
  return { kind: 'filter', filter: routeFilter ?? filterOfFlags(flags, window) };
}

/** Tick boxes for the agency lists and a minimum arrest count: the simple in-page filter. */
export function FlagsFilter({ value, onChange, legend = 'People on any of these lists' }: { value: FlagsFilterValue; onChange(value: FlagsFilterValue): void; legend?: string }) {
  const minId = useId();
  const toggle = (flag: FlagName, on: boolean) => onChange({ ...value, anyOf: on ? FLAG_NAMES.filter((f) => f === flag || value.anyOf.includes(f)) : value.anyOf.filter((f) => f !== flag) });
  const minInvalid = value.minArrests.trim() !== '' && !/^\d+$/.test(value.minArrests.trim());
  return (
    <div className="flags-filter">
      <fieldset className="flag-boxes">
        <legend>{legend}</legend>
        {FLAG_NAMES.map((flag) => (
          <label key={flag} className="checkbox" title={FLAG_LABELS[flag]}>
            <input type="checkbox" checked={value.anyOf.includes(flag)} onChange={(e) => toggle(flag, e.target.checked)} />
            {FLAG_SHORT_LABELS[flag]}
          </label>
        ))}
      </fieldset>
      <div className="field compact-field">
        <label htmlFor={minId}>At least this many arrests in the window</label>
        <input id={minId} type="text" inputMode="numeric" className="input-narrow" value={value.minArrests} onChange={(e) => onChange({ ...value, minArrests: e.target.value })} aria-invalid={minInvalid || undefined} />
        {minInvalid ? <span className="field-error">A whole number, or blank.</span> : null}
      </div>
    </div>
  );
}

/** Which people the projection is about. */
export function PopulationPicker({
  choice,
  onChoice,
  flags,
  onFlags,
  routeFilter,
  onClearRouteFilter,
}: {
  choice: PopulationChoice;
  onChoice(choice: PopulationChoice): void;
  flags: FlagsFilterValue;
  onFlags(value: FlagsFilterValue): void;
  routeFilter: FilterInput | null;
  onClearRouteFilter(): void;
}) {
  const name = useId();
  return (
    <div className="population-picker">
      <fieldset className="radio-row">
        <legend>People</legend>
        {(Object.keys(POPULATION_LABELS) as PopulationChoice[]).map((option) => (
          <label key={option} className="radio">
            <input type="radio" name={name} value={option} checked={choice === option} onChange={() => onChoice(option)} />
            {option === 'filter' && routeFilter ? 'Filter from the link' : POPULATION_LABELS[option]}
          </label>
        ))}
      </fieldset>
      {choice === 'filter' ? (
        routeFilter ? (
          <p className="notice notice-info route-filter">
            Using the filter passed in the link (window to {routeFilter.referenceDate}, {routeFilter.windowMonths} months).{' '}
            <button type="button" className="link-button" onClick={onClearRouteFilter}>
              Use the list filter here instead
            </button>
          </p>
        ) : (
          <FlagsFilter value={flags} onChange={onFlags} />
        )
      ) : null}
    </div>
  );
}
