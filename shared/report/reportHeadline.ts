/**
 * The headline of a projection as the printed report states it (its opening sentence and its cost
 * figure): fewer offences a year in whole numbers with their range, the share of borough crime to
 * one decimal, the cost of crime avoided in whole pounds. Home shows the same words, so the figure
 * a panel reads on the screen is the figure in the report.
 */
import type { FigureRange, ProjectionResult, ProjectionRow } from '../analysis/projection';
import { formatMoney, formatNumber, formatPercent, formatRange } from './reportFormat';

interface HeadlineFigures {
  reduction: string;
  /** "730–1,046", or '' without a spread. */
  reductionRange: string;
  share: string | null;
  cost: string | null;
  costRange: string;
}

/** Low–high when the range spreads at all; '' otherwise. */
export function rangeText(range: FigureRange | undefined, format: (v: number) => string = formatNumber): string {
  return range && range.high > range.low ? formatRange(range.low, range.high, format) : '';
}

export function headlineFigures(row: ProjectionRow, cost: ProjectionResult['totalCostSavingPerYear']): HeadlineFigures {
  return {
    reduction: formatNumber(row.reductionPerYear, 0),
    reductionRange: rangeText(row.ranges.reductionPerYear, (v) => formatNumber(v, 0)),
    share: row.shareOfBorough === null ? null : formatPercent(row.shareOfBorough),
    cost: cost ? formatMoney(cost.value) : null,
    costRange: cost && cost.low !== undefined && cost.high !== undefined && cost.high > cost.low ? formatRange(cost.low, cost.high, formatMoney) : '',
  };
}
