import {
  arrestDayOf,
  buildArrestIndexFromColumns,
  crimeCodeOf,
  type AnalysisArrest,
  type AnalysisPerson,
  type ArrestColumns,
  type ArrestIndex,
} from '../../shared/domain/analysisModel';

/**
 * An arrest index built from arrest objects, as tests and benchmarks write them. The app builds its
 * index from the stored columns (or a snapshot), never from objects, so this lives with the tests.
 */
export function arrestColumnsOf(arrests: readonly AnalysisArrest[]): ArrestColumns {
  const count = arrests.length;
  const personIds = new Float64Array(count);
  const days = new Int32Array(count);
  const crimeCodes = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const arrest = arrests[i]!;
    personIds[i] = arrest.personId;
    days[i] = arrestDayOf(arrest.date);
    crimeCodes[i] = crimeCodeOf(arrest.crimeType);
  }
  return { count, personIds, days, crimeCodes };
}

export function buildArrestIndex(people: readonly AnalysisPerson[], arrests: readonly AnalysisArrest[]): ArrestIndex {
  return buildArrestIndexFromColumns(people, arrestColumnsOf(arrests));
}
