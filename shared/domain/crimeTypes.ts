import { isOneOf } from './closedSets';

/**
 * Crime type ids that offence descriptions classify into (DESIGN.md, "Crime types").
 * `all` is not a classification target: it stands for every arrest in the window.
 */
export const CRIME_TYPE_IDS = [
  'residential_burglary',
  'non_residential_burglary',
  'robbery',
  'business_robbery',
  'theft_from_person',
  'vehicle_crime',
  'violence',
  'drugs',
  'shoplifting',
  'criminal_damage',
  'other',
] as const;

export type CrimeTypeId = (typeof CRIME_TYPE_IDS)[number];
export type ProjectionCrimeTypeId = CrimeTypeId | 'all';

export const CRIME_TYPE_LABELS: Record<ProjectionCrimeTypeId, string> = {
  all: 'All crime',
  residential_burglary: 'Residential burglary',
  non_residential_burglary: 'Non-residential burglary',
  robbery: 'Robbery (personal property)',
  business_robbery: 'Business robbery',
  theft_from_person: 'Theft from the person',
  vehicle_crime: 'Vehicle crime',
  violence: 'Violence',
  drugs: 'Drugs',
  shoplifting: 'Shoplifting',
  criminal_damage: 'Criminal damage',
  other: 'Other',
};

export function isCrimeTypeId(value: string): value is CrimeTypeId {
  return isOneOf(CRIME_TYPE_IDS, value);
}
