import { explainClassification, normaliseDescription, type ClassificationRule } from '../../shared/analysis/classification';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';

/*
 * One description at a time, as tests ask it. The app classifies in bulk through createClassifier
 * and reads its overrides already keyed from the workspace, so neither of these is product code.
 */

/** An analyst's override as a test writes it (the app stores them keyed already: electron/data/arrests.ts). */
interface ClassificationOverride {
  description: string;
  crimeType: CrimeTypeId;
}

/** Overrides keyed by normalised description, so "BURGLARY!" and "burglary" share one override. */
export function buildOverrideMap(overrides: readonly ClassificationOverride[]): Map<string, CrimeTypeId> {
  const map = new Map<string, CrimeTypeId>();
  for (const o of overrides) map.set(normaliseDescription(o.description), o.crimeType);
  return map;
}

export function classifyOffence(description: string, rules: readonly ClassificationRule[], overrides: ReadonlyMap<string, CrimeTypeId> = new Map()): CrimeTypeId {
  return explainClassification(description, rules, overrides).crimeType;
}
