import type { CompositionTable, EqualityDimension } from '../../../shared/analysis/equalities';
import { DescribedBar } from '../../components/charts/DescribedChart';
import { ChartPanel } from '../../components/charts/ChartPanel';
import { SERIES_COLOURS, SERIES_FILL_STYLES, patternFill, wrapLabel } from '../../components/charts/chartSetup';
import { formatCount, formatPercent } from '../../../shared/domain/numberFormat';
import { chartStateOf, type AsyncState } from '../../components/charts/useAsync';

const TITLES: Record<Exclude<EqualityDimension, 'ethnicity'>, string> = {
  gender: 'Gender: long list, filtered and shortlist',
  ageBand: 'Age band: long list, filtered and shortlist',
};

/**
 * The equality duty's question (who is on the long list, who survives the filter, who is shortlisted)
 * as shares of each population, side by side, for one dimension.
 */
function CompositionChart({ dimension, state, marking, filterText, filterActive, fileDate }: { dimension: 'gender' | 'ageBand'; state: AsyncState<CompositionTable>; marking: string; filterText: string; filterActive: boolean; fileDate: string }) {
  const table = state.status === 'ready' ? state.value : null;
  const rows = table?.rows.filter((r) => r.dimension === dimension) ?? [];
  // A population with nobody in it (no shortlist yet) would only draw empty bars; it is named in the text instead.
  // Without a filter the "Filtered" column repeats the long list, so it is left out of the picture.
  const shown = table ? table.populations.map((p, i) => ({ ...p, index: i })).filter((p) => p.total > 0 && (filterActive || p.name !== 'Filtered')) : [];
  const missing = table ? table.populations.filter((p) => p.total === 0).map((p) => p.name) : [];
  return (
    <ChartPanel
      title={TITLES[dimension]}
      description={`Share of each population${filterActive ? ` (filtered: ${filterText})` : ' (no filter set, so no filtered bars)'}, age on ${table?.referenceDate ?? 'the reference date'}.${missing.length ? ` No one in: ${missing.join(', ')}.` : ''}`}
      fileStem={`composition ${dimension === 'gender' ? 'gender' : 'age band'} ${fileDate}`}
      marking={marking}
      state={chartStateOf(state, (t) => (t.populations[0]?.total ? null : 'No one on the long list yet.'))}
      testId={`chart-${dimension}`}
      csv={
        table
          ? {
              header: ['category', ...table.populations.flatMap((p) => [`${p.name} people`, `${p.name} share`])],
              rows: rows.map((r) => [r.category, ...r.cells.flatMap((c) => [c.count, c.share])]),
            }
          : null
      }
      summary={
        table ? (
          <ul className="plain-list">
            {shown.map((p) => (
              <li key={p.name}>
                {p.name} ({formatCount(p.total)} people):{' '}
                {rows
                  .filter((r) => r.cells[p.index]!.count > 0)
                  .map((r) => `${r.category} ${formatCount(r.cells[p.index]!.count)} (${formatPercent(r.cells[p.index]!.share ?? 0)})`)
                  .join(', ')}
                .
              </li>
            ))}
            {missing.length ? <li>No one in: {missing.join(', ')}.</li> : null}
          </ul>
        ) : null
      }
    >
      {(summaryId) => (
        <DescribedBar
          label={TITLES[dimension]}
          summaryId={summaryId}
          data={{
            labels: rows.map((r) => wrapLabel(r.category)),
            datasets: shown.map((p) => ({
              label: `${p.name} (${formatCount(p.total)})`,
              data: rows.map((r) => (r.cells[p.index]!.share ?? 0) * 100),
              // Each population has its own colour and fill pattern (solid, stripes, dots).
              backgroundColor: patternFill(SERIES_COLOURS[p.index % SERIES_COLOURS.length]!, SERIES_FILL_STYLES[p.index % SERIES_FILL_STYLES.length]!),
              borderColor: SERIES_COLOURS[p.index % SERIES_COLOURS.length]!,
              borderWidth: 2,
            })),
          }}
          options={{
            maintainAspectRatio: false,
            plugins: {
              legend: { position: 'bottom' },
              tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatPercent((item.parsed.y ?? 0) / 100)}` } },
            },
            scales: { x: { ticks: { maxRotation: 0, autoSkip: false } }, y: { beginAtZero: true, suggestedMax: 50, title: { display: true, text: '% of population' }, ticks: { callback: (v) => `${v}%` } } },
          }}
        />
      )}
    </ChartPanel>
  );
}

export function CompositionCharts(props: { state: AsyncState<CompositionTable>; marking: string; filterText: string; filterActive: boolean; fileDate: string }) {
  return (
    <>
      <CompositionChart dimension="gender" {...props} />
      <CompositionChart dimension="ageBand" {...props} />
    </>
  );
}
