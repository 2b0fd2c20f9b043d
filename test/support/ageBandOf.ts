import { ageBandFromYmd, DEFAULT_AGE_BANDS, type AgeBand } from '../../shared/analysis/equalities';
import { isIsoDate, ymdOfIso, type IsoDate } from '../../shared/domain/isoDate';

/**
 * One person's age band on an ISO reference date, as tests ask it. The app bands a whole table at
 * once from the reference date's yyyymmdd number (equalitiesComparison), so this lives with the tests.
 */
export function ageBandOf(dob: IsoDate | null, referenceDate: IsoDate, bands: readonly AgeBand[] = DEFAULT_AGE_BANDS): string {
  if (!isIsoDate(referenceDate)) throw new Error(`not an ISO date: ${referenceDate}`);
  return ageBandFromYmd(dob, ymdOfIso(referenceDate), bands);
}
