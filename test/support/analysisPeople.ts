import type { AnalysisArrest, AnalysisPerson } from '../../shared/domain/analysisModel';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';
import type { IsoDate } from '../../shared/domain/isoDate';

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

/** An arrest as the analysis modules see it; the offence's wording matters only where a test says so. */
export function analysisArrest(personId: number, date: IsoDate, crimeType: CrimeTypeId, offence = ''): AnalysisArrest {
  return { personId, date, offence, crimeType };
}
