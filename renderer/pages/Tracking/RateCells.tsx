import type { PeriodCounts } from '../../../shared/tracking/outcomeTracking';
import { formatCount, formatNumber } from '../../../shared/domain/numberFormat';

/** Arrests or offences a person-month: small numbers, so three decimals on every tracking table. */
const rate = (value: number) => formatNumber(value, 3);

/** The arrests before and after the start with their rates a person-month: the same four cells for a period and for one member. */
export function ArrestCells({ counts }: { counts: Pick<PeriodCounts, 'beforeArrests' | 'beforeRate' | 'afterArrests' | 'afterRate'> }) {
  return (
    <>
      <td className="num">{formatCount(counts.beforeArrests)}</td>
      <td className="num">{rate(counts.beforeRate)}</td>
      <td className="num">{formatCount(counts.afterArrests)}</td>
      <td className="num">{rate(counts.afterRate)}</td>
    </>
  );
}

/** The estimated offences a person-month before and after the start. */
export function OffenceRateCells({ counts }: { counts: Pick<PeriodCounts, 'beforeOffencesPerMonth' | 'afterOffencesPerMonth'> }) {
  return (
    <>
      <td className="num">{rate(counts.beforeOffencesPerMonth)}</td>
      <td className="num">{rate(counts.afterOffencesPerMonth)}</td>
    </>
  );
}
