import type { ConcentrationResult } from '../../../shared/analysis/concentration';
import { DescribedBar, DescribedLine } from '../../components/charts/DescribedChart';
import { ChartPanel } from '../../components/charts/ChartPanel';
import { CHART_COLOURS, fillOf } from '../../components/charts/chartSetup';
import { formatCount, formatNumber, formatPercent } from '../../../shared/domain/numberFormat';
import { WorkingFigure } from '../../components/charts/WorkingFigure';
import { chartStateOf, type AsyncState } from '../../components/charts/useAsync';
import { DataTable } from '../../components/DataTable';

interface ConcentrationContext {
  marking: string;
  windowText: string;
  fileDate: string;
  peopleLabel: string;
}

function noArrests(result: ConcentrationResult): string | null {
  return result.totalArrests === 0 ? 'No arrests in this window for these people.' : null;
}

/** The share of arrests held by the most-arrested `share` of people, read off the Lorenz points. */
function lorenzAt(result: ConcentrationResult, share: number): number | null {
  const points = result.lorenz;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (b.peopleShare >= share) {
      const t = b.peopleShare === a.peopleShare ? 1 : (share - a.peopleShare) / (b.peopleShare - a.peopleShare);
      return a.arrestShare + t * (b.arrestShare - a.arrestShare);
    }
  }
  return null;
}

/**
 * The seed's concentration evidence (004, "Top repeat arrested suspects"): a Lorenz curve of
 * arrests over the people arrested, and the top-N bars with the seed's table under them.
 */
export function ConcentrationCharts({ state, context }: { state: AsyncState<ConcentrationResult>; context: ConcentrationContext }) {
  const chartState = chartStateOf(state, noArrests);
  const result = state.status === 'ready' ? state.value : null;
  const top10 = result ? lorenzAt(result, 0.1) : null;
  const top20 = result ? lorenzAt(result, 0.2) : null;

  return (
    <>
      <ChartPanel
        title="Concentration of arrests (Lorenz curve)"
        description={`How arrests are spread over ${context.peopleLabel} arrested in ${context.windowText}: the further the curve bows above the diagonal, the more a few people account for.`}
        fileStem={`concentration lorenz ${context.fileDate}`}
        marking={context.marking}
        state={chartState}
        testId="chart-lorenz"
        csv={result ? { header: ['share of arrested people', 'share of arrests'], rows: result.lorenz.map((p) => [p.peopleShare, p.arrestShare]) } : null}
        summary={
          result ? (
            <p>
              {formatCount(result.arrestedPeople)} people were arrested {formatCount(result.totalArrests)} times.
              {top10 !== null ? ` The most-arrested 10% of them account for ${formatPercent(top10)} of the arrests` : ''}
              {top20 !== null ? `, the most-arrested 20% for ${formatPercent(top20)}.` : '.'} Gini coefficient {formatNumber(result.gini, 2)} (0 would be every
              person arrested equally often).
            </p>
          ) : null
        }
      >
        {(summaryId) =>
          result ? (
            <DescribedLine
              label="Lorenz curve of arrests over people arrested"
              summaryId={summaryId}
              data={{
                datasets: [
                  {
                    label: 'Share of arrests',
                    data: result.lorenz.map((p) => ({ x: p.peopleShare * 100, y: p.arrestShare * 100 })),
                    borderColor: CHART_COLOURS.blue,
                    backgroundColor: fillOf(CHART_COLOURS.blue, 0.12),
                    fill: 'origin',
                    pointRadius: 0,
                    borderWidth: 2.5,
                  },
                  {
                    label: 'Equal shares',
                    data: [
                      { x: 0, y: 0 },
                      { x: 100, y: 100 },
                    ],
                    borderColor: CHART_COLOURS.grey,
                    borderDash: [6, 4],
                    borderWidth: 1.5,
                    pointRadius: 0,
                  },
                ],
              }}
              options={{
                maintainAspectRatio: false,
                parsing: false,
                plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatNumber(item.parsed.y ?? 0)}% of arrests at ${formatNumber(item.parsed.x ?? 0)}% of people` } } },
                scales: {
                  x: { type: 'linear', min: 0, max: 100, title: { display: true, text: '% of people arrested (most-arrested first)' }, ticks: { callback: (v) => `${v}%` } },
                  y: { min: 0, max: 100, title: { display: true, text: '% of arrests' }, ticks: { callback: (v) => `${v}%` } },
                },
              }}
            />
          ) : null
        }
      </ChartPanel>

      <ChartPanel
        title="Top repeat arrested people"
        description={`Arrests of the most-arrested 10, 20, 100 and 200 of ${context.peopleLabel}, in ${context.windowText} (the seed’s table).`}
        fileStem={`concentration top N ${context.fileDate}`}
        marking={context.marking}
        state={chartState}
        testId="chart-topn"
        csv={
          result
            ? {
                header: ['top N', 'people', 'share of people arrested', 'arrests', 'share of arrests', 'estimated offences', 'share of borough offences', 'people tied at the cut-off left out'],
                rows: result.rows.map((r) => [r.n, r.people, r.shareOfArrestedPeople, r.arrests, r.shareOfArrests, r.estimatedOffences, r.shareOfBoroughOffences, r.tiesAtCutoff]),
              }
            : null
        }
        summary={
          result ? (
            <ul className="plain-list">
              {result.rows.map((r) => (
                <li key={r.n}>
                  Top {formatCount(r.n)} ({formatPercent(r.shareOfArrestedPeople, 2)} of people arrested): {formatCount(r.arrests)} arrests, {formatPercent(r.shareOfArrests)} of all
                  {r.shareOfBoroughOffences !== null ? `, about ${formatPercent(r.shareOfBoroughOffences)} of borough offences` : ''}.
                </li>
              ))}
            </ul>
          ) : null
        }
      >
        {(summaryId) =>
          result ? (
            <DescribedBar
              label="Arrests of the top repeat arrested people"
              summaryId={summaryId}
              data={{
                labels: result.rows.map((r) => `Top ${formatCount(r.n)} (${formatPercent(r.shareOfArrestedPeople, 2)})`),
                datasets: [{ label: 'Arrests in window', data: result.rows.map((r) => r.arrests), backgroundColor: fillOf(CHART_COLOURS.blue), borderColor: CHART_COLOURS.blue, borderWidth: 1.5 }],
              }}
              options={{
                maintainAspectRatio: false,
                plugins: { legend: { display: false } },
                scales: { y: { beginAtZero: true, title: { display: true, text: 'Arrests' } }, x: { title: { display: true, text: 'Most-arrested people (share of all arrested)' } } },
              }}
            />
          ) : null
        }
      </ChartPanel>
      {result && result.totalArrests > 0 ? (
        <section className="panel chart-panel-wide" aria-labelledby="topn-table-title">
          <h2 id="topn-table-title">Top repeat arrested people: the seed’s table</h2>
          <p className="muted chart-description">
            {context.peopleLabel.charAt(0).toUpperCase() + context.peopleLabel.slice(1)}, {context.windowText}. Estimated offences use the offences per arrest above; tab to a figure for its working.
          </p>
          <TopNTable result={result} />
        </section>
      ) : null}
    </>
  );
}

function TopNTable({ result }: { result: ConcentrationResult }) {
  return (
    <DataTable columns={['Repeat arrested people', { label: 'Share of all arrested', numeric: true }, { label: 'Arrests', numeric: true }, { label: 'Share of arrests', numeric: true }, { label: 'Estimated offences', numeric: true }, { label: 'Share of borough offences', numeric: true }, { label: 'Tied at the cut-off, left out', numeric: true }]} caption="Top repeat arrested people, as in the seed report" className="topn-table" scroll="chart-table">
      {result.rows.map((r) => (
        <tr key={r.n}>
          <th scope="row">
            Top {formatCount(r.n)}
            {r.people < r.n ? <span className="muted"> (only {formatCount(r.people)} arrested)</span> : null}
          </th>
          <td className="num">
            <WorkingFigure working={r.working.shareOfArrestedPeople}>{formatPercent(r.shareOfArrestedPeople, 2)}</WorkingFigure>
          </td>
          <td className="num">{formatCount(r.arrests)}</td>
          <td className="num">
            <WorkingFigure working={r.working.shareOfArrests}>{formatPercent(r.shareOfArrests)}</WorkingFigure>
          </td>
          <td className="num">
            <WorkingFigure working={r.working.estimatedOffences}>{formatNumber(r.estimatedOffences)}</WorkingFigure>
          </td>
          <td className="num">
            {r.shareOfBoroughOffences === null ? <span className="muted">—</span> : <WorkingFigure working={r.working.shareOfBoroughOffences}>{formatPercent(r.shareOfBoroughOffences)}</WorkingFigure>}
          </td>
          <td className="num">{r.tiesAtCutoff > 0 ? formatCount(r.tiesAtCutoff) : <span className="muted">none</span>}</td>
        </tr>
      ))}
    </DataTable>
  );
}
