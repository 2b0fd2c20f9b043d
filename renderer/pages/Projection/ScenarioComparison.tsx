import { Fragment, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import type { SavedScenario } from '../../../shared/analysis/scenarioSchemas';
import { compareScenarios, type ScenarioComparison as Comparison, type ScenarioComparisonCell } from '../../../shared/analysis/projection';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount, formatMoney, formatNumber, formatPercent } from '../../../shared/domain/numberFormat';
import type { PopulationInput } from './population';

const MAX_COMPARED = 3;

const METRICS: ReadonlyArray<{ key: keyof ScenarioComparisonCell; label: string; format(value: number): string }> = [
  { key: 'arrests', label: 'Arrests in window', format: formatCount },
  { key: 'offencesPerYear', label: 'Offences a year now', format: (v) => formatNumber(v) },
  { key: 'reductionPerYear', label: 'Fewer offences a year', format: (v) => formatNumber(v) },
  { key: 'offencesPerYearAfter', label: 'Offences a year after IOM', format: (v) => formatNumber(v) },
  { key: 'shareOfBorough', label: 'Share of borough crime', format: (v) => formatPercent(v) },
  { key: 'costSavingPerYear', label: 'Cost of crime avoided a year', format: formatMoney },
];

function signed(value: number): string {
  const text = formatNumber(Math.abs(value));
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : '±0';
}

/** Up to three saved scenarios projected for the same people, side by side (central figures). */
export function ScenarioComparison({ saved, population, populationLabel }: { saved: readonly SavedScenario[]; population: PopulationInput; populationLabel: string }) {
  const [chosen, setChosen] = useState<number[]>([]);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [comparedFor, setComparedFor] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const live = chosen.filter((id) => saved.some((s) => s.id === id));

  function toggle(id: number, on: boolean) {
    setChosen((previous) => (on ? [...previous.filter((x) => x !== id), id].slice(0, MAX_COMPARED) : previous.filter((x) => x !== id)));
  }

  async function compare() {
    setBusy(true);
    setError(null);
    try {
      const scenarios = live.map((id) => saved.find((s) => s.id === id)!).filter(Boolean);
      const results = await Promise.all(scenarios.map((s) => call('analysis.project', { scenario: s.scenario, population })));
      setComparison(compareScenarios(results));
      setComparedFor(populationLabel);
    } catch (e) {
      setComparison(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="compare-title" data-testid="scenario-comparison">
      <h2 id="compare-title">Compare saved scenarios</h2>
      <fieldset className="compare-choices">
        <legend>
          Choose up to {MAX_COMPARED} ({live.length} chosen); each is projected for the people chosen above, the first is the baseline.
        </legend>
        {saved.map((s) => {
          const on = live.includes(s.id);
          return (
            <label key={s.id} className="checkbox">
              <input type="checkbox" checked={on} disabled={!on && live.length >= MAX_COMPARED} onChange={(e) => toggle(s.id, e.target.checked)} />
              {s.name}
            </label>
          );
        })}
      </fieldset>
      <div className="form-actions start">
        <button type="button" className="button primary" onClick={() => void compare()} disabled={busy || live.length < 2}>
          {busy ? 'Comparing…' : 'Compare'}
        </button>
        {live.length < 2 ? <span className="muted">Choose at least two.</span> : null}
      </div>
      <ErrorNotice message={error} title="Could not compare" />
      {comparison ? (
        <div className="table-scroll">
          <table className="table compact comparison-table" data-testid="comparison-table">
            <caption>Central figures for {comparedFor}; differences are from the first scenario.</caption>
            <thead>
              <tr>
                <th scope="col">Crime type</th>
                <th scope="col">Figure</th>
                {comparison.scenarios.map((name, i) => (
                  <th scope="col" className="num" key={`${name}-${i}`}>
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {comparison.rows.map((row) => (
                <Fragment key={row.crimeType}>
                  {METRICS.map((metric, m) => (
                    <tr key={metric.key} className={m === 0 ? 'group-start' : undefined}>
                      {m === 0 ? (
                        <th scope="rowgroup" rowSpan={METRICS.length}>
                          {row.label}
                        </th>
                      ) : null}
                      <th scope="row" className="metric">
                        {metric.label}
                      </th>
                      {row.cells.map((cell, i) => {
                        const value = cell ? (cell[metric.key] as number | null) : null;
                        return (
                          <td className="num" key={i}>
                            {cell === null ? <span className="muted">not in scenario</span> : value === null ? <span className="muted">—</span> : metric.format(value)}
                            {metric.key === 'reductionPerYear' && i > 0 && cell?.reductionDifferenceFromFirst != null ? (
                              <span className="difference"> ({signed(cell.reductionDifferenceFromFirst)})</span>
                            ) : null}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </Fragment>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  Cost of crime avoided a year (costed types)
                </th>
                {comparison.totalCostSavingPerYear.map((value, i) => (
                  <td className="num" key={i}>
                    {value === null ? <span className="muted">—</span> : formatMoney(value)}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </section>
  );
}
