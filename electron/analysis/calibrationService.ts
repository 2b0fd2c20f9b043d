import { calibrateReductionFromIndex, type CalibrationResult } from '../../shared/analysis/calibration';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { loadAnalysisModel } from './analysisModelLoader';

export interface CalibrationRequest {
  referenceDate: string;
  beforeMonths: number;
  afterMonths: number;
  bootstrapIterations: number;
}

/** A fixed seed, so the same workspace always gives the same bootstrap interval (screen and CLI alike). */
const CALIBRATION_BOOTSTRAP_SEED = 2012;

/**
 * The existing IOM cohort's (everyone with an IOM start date) monthly arrest rates before and after
 * joining, as the seed calibrated its 36% (004: 12 months before vs 6 after).
 */
export function calibrateExistingCohort(workspace: OpenWorkspace, request: CalibrationRequest): CalibrationResult {
  const model = loadAnalysisModel(workspace);
  const cohort = model.people.filter((p) => p.cohortStartDate !== null);
  return calibrateReductionFromIndex(cohort, model.index, {
    referenceDate: request.referenceDate,
    beforeMonths: request.beforeMonths,
    afterMonths: request.afterMonths,
    bootstrap: request.bootstrapIterations > 0 ? { iterations: request.bootstrapIterations, seed: CALIBRATION_BOOTSTRAP_SEED } : null,
  });
}
