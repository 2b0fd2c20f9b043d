import type { CrimeTypeId } from '../../shared/domain/crimeTypes';

/**
 * One colour per crime type for charts and swatches. Each has at least 3:1 contrast with white
 * (WCAG non-text contrast) and stacked segments are separated by a white border, but no reading
 * depends on colour alone: legends, tooltips and the chart's table name every type.
 */
export const CRIME_TYPE_COLOURS: Readonly<Record<CrimeTypeId, string>> = {
  residential_burglary: '#B8460B',
  non_residential_burglary: '#8A6A00',
  robbery: '#A23B72',
  business_robbery: '#6A3D9A',
  theft_from_person: '#0072B2',
  vehicle_crime: '#007A5E',
  violence: '#9E1B32',
  drugs: '#00798C',
  shoplifting: '#5D4037',
  criminal_damage: '#3F51B5',
  other: '#6B7280',
};
