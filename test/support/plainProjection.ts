import {
  assertValidWindow,
  emptyTypeCounts,
  windowStartExclusive,
  type AnalysisArrest,
  type AnalysisWindow,
} from '../../shared/domain/analysisModel';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';
import { projectFromCounts, type ProjectionResult, type Scenario } from '../../shared/analysis/projection';

/*
 * A plain projection from a list of arrest objects, with no index: the reference the tests hold the
 * app's indexed counting to. The app always counts over its index, so this lives with the tests.
 */

/** Counts arrests of a plain list (no index) in a window. */
export function countArrestsInWindow(arrests: readonly AnalysisArrest[], window: AnalysisWindow): {
  all: number;
  byType: Record<CrimeTypeId, number>;
  arrestedPeople: number;
} {
  assertValidWindow(window);
  const start = windowStartExclusive(window);
  const byType = emptyTypeCounts();
  const people = new Set<number>();
  let all = 0;
  for (const arrest of arrests) {
    if (arrest.date > start && arrest.date <= window.referenceDate) {
      all++;
      byType[arrest.crimeType] = (byType[arrest.crimeType] ?? 0) + 1;
      people.add(arrest.personId);
    }
  }
  return { all, byType, arrestedPeople: people.size };
}

/** Projects a cohort from its arrests (every arrest given is the population's). */
export function projectCohort(scenario: Scenario, arrestsForPopulation: readonly AnalysisArrest[]): ProjectionResult {
  const counts = countArrestsInWindow(arrestsForPopulation, {
    referenceDate: scenario.referenceDate,
    windowMonths: scenario.windowMonths,
  });
  return projectFromCounts(scenario, { ...counts, people: null });
}
