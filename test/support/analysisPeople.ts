import type { AnalysisPerson } from '../../shared/domain/analysisModel';

/** A person as the analysis modules see them, with everything unknown unless the test says otherwise. */
export function analysisPerson(id: number, patch: Partial<AnalysisPerson> = {}): AnalysisPerson {
  return {
    id,
    surname: null,
    forenames: null,
    pnc: null,
    dob: null,
    gender: null,
    ethnicity: null,
    borough: null,
    livesInBorough: null,
    custody: 'unknown',
    ogrsScore: null,
    flags: [],
    lists: [],
    statutory: null,
    cohortStartDate: null,
    ...patch,
  };
}
