import { Fragment, useId, useState } from 'react';
import type { FigureRange, ProjectionResult, ProjectionRow } from '../../../shared/analysis/projection';
import { formatCount, formatMoney, formatNumber, formatPercent, formatRange } from '../../../shared/domain/numberFormat';
import { WorkingFigure } from '../../components/charts/WorkingFigure';
import { AgencySplitTable, GroupSplitTable } from './GroupSplitTables';
import { formatDisplayDate } from '../../../shared/domain/dateDisplay';

export type ProjectionView = ProjectionResult & { population: string };

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Offences a year after IOM" → "offences a year after IOM": only the first letter, so IOM stays IOM. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function rangeWorking(range: FigureRange): string {
  return `low ${range.lowWorking}; high ${range.highWorking}`;
}

function RangeLine({ range, format, testId }: { range: FigureRange | undefined; format(value: number): string; testId: string }) {
  if (!range) return null;
  return (
    <div className="figure-range">
      <span className="visually-hidden">range </span>
      <WorkingFigure working={rangeWorking(range)} testId={testId}>
        {formatRange(range.low, range.high, format)}
      </WorkingFigure>
    </div>
  );
}

/**
 * A figure with its working, and under it the low–high range the scenario's ranges reach (where
 * they reach it).
 */
function RangedFigure({ row, field, value, format }: { row: ProjectionRow; field: keyof ProjectionRow['ranges']; value: number; format(value: number): string }) {
  return (
    <>
      <WorkingFigure working={row.working[field]} testId={`cell-${row.crimeType}-${field}`}>{format(value)}</WorkingFigure>
      <RangeLine range={row.ranges[field]} format={format} testId={`range-${row.crimeType}-${field}`} />
    </>
  );
}

const WORKING_LINES: ReadonlyArray<{ key: keyof ProjectionRow['working']; label: string }> = [
  { key: 'arrests', label: 'Arrests in the window' },
  { key: 'arrestsPerYear', label: 'Arrests a year' },
  { key: 'offencesPerYear', label: 'Offences a year now' },
  { key: 'reductionPerYear', label: 'Fewer offences a year' },
  { key: 'offencesPerYearAfter', label: 'Offences a year after IOM' },
  { key: 'shareOfBorough', label: 'Share of borough crime' },
  { key: 'costSavingPerYear', label: 'Cost of crime avoided a year' },
];

/**
 * The seed's projection table, a row per crime type, every figure with its working (hover, focus
 * or "Show working"), and the low–high range under each figure the scenario's ranges reach.
 */
export function ProjectionTable({ result }: { result: ProjectionView }) {
  const [showWorking, setShowWorking] = useState(false);
  const tableId = useId();
  const rate = result.reductionRate;
  const rateSpread = rate.low !== rate.central || rate.central !== rate.high;
  const total = result.totalCostSavingPerYear;
  return (
    <div className="projection-results">
      <div className="results-header">
        <p className="results-facts" data-testid="projection-facts">
          <strong>{sentenceCase(result.population)}</strong>: {result.people === null ? '' : `${formatCount(result.people)} people, `}
          {formatCount(result.arrestedPeople)} arrested from {formatDisplayDate(result.windowFirstDay)} to {formatDisplayDate(result.referenceDate)} ({result.windowMonths} months). Offending falls by{' '}
          <strong>{formatPercent(rate.central, 2)}</strong>
          {rateSpread ? ` (range ${formatRange(rate.low, rate.high, (v) => formatPercent(v, 2))})` : ''}.
        </p>
        <p className="muted rate-used" data-testid="rate-used">
          Rate used: {result.reductionRateUsed}
        </p>
        <button type="button" className="button secondary small" aria-expanded={showWorking} aria-controls={tableId} onClick={() => setShowWorking(!showWorking)}>
          {showWorking ? 'Hide working' : 'Show working'}
        </button>
      </div>
      <div className="table-scroll">
        <table className="table projection-table" id={tableId}>
          <caption className="visually-hidden">
            Projected crime reduction per year for {result.population}, scenario {result.scenarioName}. Tab to a figure to hear its working.
          </caption>
          <thead>
            <tr>
              <th scope="col">Crime type</th>
              <th scope="col" className="num">Arrests in window</th>
              <th scope="col" className="num">Arrests a year</th>
              <th scope="col" className="num">Offences per arrest</th>
              <th scope="col" className="num">Offences a year now</th>
              <th scope="col" className="num">Offences a year after IOM</th>
              <th scope="col" className="num">Fewer offences a year</th>
              <th scope="col" className="num">Share of borough crime</th>
              <th scope="col" className="num">Cost of crime avoided a year</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => {
              const id = row.crimeType;
              return (
                <Fragment key={id}>
                  <tr data-testid={`projection-row-${id}`}>
                    <th scope="row">{row.label}</th>
                    <td className="num">
                      <WorkingFigure working={row.working.arrests} testId={`cell-${id}-arrests`}>{formatCount(row.arrests)}</WorkingFigure>
                    </td>
                    <td className="num">
                      <WorkingFigure working={row.working.arrestsPerYear} testId={`cell-${id}-arrestsPerYear`}>{formatNumber(row.arrestsPerYear)}</WorkingFigure>
                    </td>
                    <td className="num">
                      <span data-testid={`cell-${id}-allegations`}>{formatNumber(row.allegationsPerArrest, 2)}</span>
                    </td>
                    <td className="num">
                      <RangedFigure row={row} field="offencesPerYear" value={row.offencesPerYear} format={formatNumber} />
                    </td>
                    <td className="num">
                      <RangedFigure row={row} field="offencesPerYearAfter" value={row.offencesPerYearAfter} format={formatNumber} />
                    </td>
                    <td className="num emphasis">
                      <RangedFigure row={row} field="reductionPerYear" value={row.reductionPerYear} format={formatNumber} />
                    </td>
                    <td className="num">
                      {row.shareOfBorough === null ? (
                        <span className="muted" title="No borough offences figure for this crime type">—</span>
                      ) : (
                        <RangedFigure row={row} field="shareOfBorough" value={row.shareOfBorough} format={(v) => formatPercent(v)} />
                      )}
                    </td>
                    <td className="num">
                      {row.costSavingPerYear === null ? (
                        <span className="muted" title="No unit cost for this crime type">—</span>
                      ) : (
                        <RangedFigure row={row} field="costSavingPerYear" value={row.costSavingPerYear} format={formatMoney} />
                      )}
                    </td>
                  </tr>
                  {showWorking ? (
                    <tr className="working-row" data-testid={`working-${id}`}>
                      <td colSpan={9}>
                        <ul className="working-list">
                          {WORKING_LINES.map(({ key, label }) =>
                            row.working[key] ? (
                              <li key={key}>
                                <span className="working-label">{label}:</span> <code>{row.working[key]}</code>
                              </li>
                            ) : null,
                          )}
                          {Object.entries(row.ranges).map(([key, range]) => (
                            <li key={`range-${key}`}>
                              <span className="working-label">Range of {lowerFirst(WORKING_LINES.find((l) => l.key === key)?.label ?? key)}:</span> <code>{rangeWorking(range)}</code>
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={8}>
                Cost of crime avoided a year, all costed crime types (the all-crime row overlaps them and is left out)
              </th>
              <td className="num emphasis">
                {total === null ? (
                  <span className="muted">No unit costs</span>
                ) : (
                  <>
                    <WorkingFigure working={total.working} testId="total-cost-saving">{formatMoney(total.value)}</WorkingFigure>
                    {total.low !== undefined && total.high !== undefined ? (
                      <div className="figure-range" data-testid="total-cost-saving-range">
                        <span className="visually-hidden">range </span>
                        {formatRange(total.low, total.high, formatMoney)}
                      </div>
                    ) : null}
                  </>
                )}
              </td>
            </tr>
            {showWorking && total ? (
              <tr className="working-row" data-testid="working-total">
                <td colSpan={9}>
                  <span className="working-label">Cost of crime avoided a year, in all:</span> <code>{total.working}</code>
                </td>
              </tr>
            ) : null}
          </tfoot>
        </table>
      </div>
      {result.boroughCounting ? (
        <p className="notice notice-info" data-testid="borough-counting">
          Counted only in {result.boroughCounting.borough}: {result.boroughCounting.working}
          {result.boroughCounting.elsewhere.length ? ` (elsewhere: ${result.boroughCounting.elsewhere.map((e) => `${e.borough} ${e.arrests}`).join(', ')})` : ''}.
        </p>
      ) : null}
      {result.byGroup ? <GroupSplitTable split={result.byGroup} /> : null}
      {result.agencySplit ? <AgencySplitTable split={result.agencySplit} /> : null}
      <p className="muted small-print">
        {sentenceCase(result.allegationsNote)}. Arrests count when {result.windowDescription}. Figures are rounded for display; tab to a figure or press “Show working” for the arithmetic behind it, to two decimals.
      </p>
    </div>
  );
}
