import { describe, expect, it } from 'vitest';
import { describeFlagsFilter, filterFromRoute, filterOfFlags, populationInput } from '../../renderer/pages/Projection/population';
import { routeForFilter } from '../support/filterRoute';
import { FilterSchema } from '../../shared/shortlist/filterModel';

const WINDOW = { referenceDate: '2013-10-31', windowMonths: 24 };

describe('the projection population', () => {
  it('takes a filter handed over in the address, and ignores one that does not parse', () => {
    const filter = FilterSchema.parse({ ...WINDOW, flags: { any: ['dtoa', 'female'] }, arrests: { min: 5 } });
    const route = routeForFilter('projection', filter);
    expect(route.startsWith('projection/filter/')).toBe(true);
    expect(route.split('/')[0]).toBe('projection');
    expect(filterFromRoute(route)).toEqual(filter);
    expect(filterFromRoute('projection')).toBeNull();
    expect(filterFromRoute('projection/filter/%7Bnot json')).toBeNull();
    expect(filterFromRoute(`projection/filter/${encodeURIComponent(JSON.stringify({ referenceDate: '31/10/2013', windowMonths: 24 }))}`)).toBeNull();
  });

  it('turns the tick boxes into the contract filter over the scenario window', () => {
    expect(filterOfFlags({ anyOf: ['gangHigh'], minArrests: ' 4 ' }, WINDOW)).toEqual({ ...WINDOW, flags: { any: ['gangHigh'], all: [], none: [] }, arrests: { min: 4, max: null } });
    expect(filterOfFlags({ anyOf: [], minArrests: 'x' }, WINDOW).arrests).toEqual({ min: null, max: null });
    expect(describeFlagsFilter({ anyOf: ['dtoa', 'female'], minArrests: '3' })).toBe('on DTOA or Female, at least 3 arrests in the window');
  });

  it('prefers the filter from the address over the tick boxes', () => {
    const fromRoute = FilterSchema.parse({ ...WINDOW, flags: { any: ['dv'] } });
    expect(populationInput('filter', { anyOf: ['dtoa'], minArrests: '' }, fromRoute, WINDOW)).toEqual({ kind: 'filter', filter: fromRoute });
    expect(populationInput('shortlist', { anyOf: ['dtoa'], minArrests: '' }, fromRoute, WINDOW)).toEqual({ kind: 'shortlist' });
  });
});
