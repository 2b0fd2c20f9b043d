import { calibrateCore, type CalibrationOptions, type CalibrationResult } from '../../shared/analysis/calibration';
import { tryDayNumber, type AnalysisArrest, type AnalysisPerson } from '../../shared/domain/analysisModel';

/*
 * Calibration from people and a plain arrest list, with no index: tests write arrests as objects.
 * The app always calibrates over its arrest index (calibrateReductionFromIndex), so this lives here.
 */
export function calibrateReduction(
  people: readonly AnalysisPerson[],
  arrests: readonly AnalysisArrest[],
  options: CalibrationOptions,
): CalibrationResult {
  const byPerson = new Map<number, number[]>();
  for (const arrest of arrests) {
    const day = tryDayNumber(arrest.date);
    if (day === null) continue;
    let list = byPerson.get(arrest.personId);
    if (!list) byPerson.set(arrest.personId, (list = []));
    list.push(day);
  }
  return calibrateCore(people, (id) => byPerson.get(id) ?? [], options);
}
