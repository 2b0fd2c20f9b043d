import type { FilterInput } from '../../shared/shortlist/filterModel';

/** The address that hands a filter to a section, as `filterFromRoute` reads it back (only tests build one). */
export function routeForFilter(section: string, filter: FilterInput): string {
  return `${section}/filter/${encodeURIComponent(JSON.stringify(filter))}`;
}
