import { SEED_REDUCTION_RATES, type Scenario } from '../../shared/analysis/projection';

/** The seed's table (004): 5 / 11.6 / 3.0 offences per arrest, the borough's yearly offences and the unit costs. */
const SEED_TABLE_CRIME_TYPES: Scenario['crimeTypes'] = [
  { id: 'all', label: 'All crime', allegationsPerArrest: 5, boroughOffencesPerYear: 23300, unitCost: null },
  { id: 'residential_burglary', label: 'Residential burglary', allegationsPerArrest: 11.6, boroughOffencesPerYear: 3000, unitCost: 5930 },
  { id: 'robbery', label: 'Robbery', allegationsPerArrest: 3, boroughOffencesPerYear: 885, unitCost: 11320 },
];

/** The seed's own table: 36.34% (884 / 2432.5). */
export const SEED_TABLE_SCENARIO: Scenario = {
  name: 'Seed table',
  referenceDate: '2013-10-31',
  windowMonths: 24,
  reductionRate: 884 / 2432.5,
  crimeTypes: SEED_TABLE_CRIME_TYPES,
};

/** The same table with the seed's low / central / high reduction rates. */
export const SEED_RANGE_SCENARIO: Scenario = { ...SEED_TABLE_SCENARIO, name: 'Seed with a range', reductionRate: { ...SEED_REDUCTION_RATES } };
