import { useId } from 'react';
import { Chart as ChartComponent } from 'react-chartjs-2';
import type { ChartData } from 'chart.js';
import type { FigureRange, ProjectionResult, ProjectionRow } from '../../../shared/analysis/projection';
import type { SavedScenario } from '../../../shared/analysis/scenarioSchemas';
import { ChartPanel } from '../../components/charts/ChartPanel';
import { CHART_COLOURS, fillOf, whiteBackground, wrapLabel } from '../../components/charts/chartSetup';
import { formatMoney, formatNumber, formatPercent, formatRange } from '../../../shared/domain/numberFormat';
import { chartStateOf, type AsyncState } from '../../components/charts/useAsync';
import { InlineSelect } from '../../components/Options';

export type RangeFigure = 'reductionPerYear' | 'shareOfBorough' | 'costSavingPerYear';

const FIGURES: Record<RangeFigure, { label: string; axis: string; format(value: number): string; scale: number }> = {
  reductionPerYear: { label: 'Fewer offences a year', axis: 'Offences a year', format: (v) => formatNumber(v), scale: 1 },
  shareOfBorough: { label: 'Share of borough crime avoided', axis: '% of borough offences a year', format: (v) => formatPercent(v), scale: 100 },
  costSavingPerYear: { label: 'Cost of crime avoided a year', axis: '£ a year', format: formatMoney, scale: 1 },
};

interface Bar {
  label: string;
  central: number;
  low: number;
  high: number;
}

function barOf(row: ProjectionRow, figure: RangeFigure): Bar | null {
  const central = row[figure];
  if (central === null) return null;
  const range: FigureRange | undefined = row.ranges[figure];
  return { label: row.label, central, low: range?.low ?? central, high: range?.high ?? central };
}

/**
 * The scenario's low–central–high per crime type: a floating bar from low to high with the central
 * figure marked, for one figure at a time (offences, share of borough crime or £), so types of very
 * different size can each be read on a scale that suits them.
 */
export function ProjectionRangeChart({
  state,
  marking,
  scenarios,
  scenarioId,
  onScenario,
  figure,
  onFigure,
  peopleLabel,
  fileDate,
}: {
  state: AsyncState<ProjectionResult>;
  marking: string;
  scenarios: readonly SavedScenario[];
  scenarioId: number | null;
  onScenario(id: number): void;
  figure: RangeFigure;
  onFigure(figure: RangeFigure): void;
  peopleLabel: string;
  fileDate: string;
}) {
  const scenarioSelect = useId();
  const result = state.status === 'ready' ? state.value : null;
  const spec = FIGURES[figure];
  const bars = result ? result.rows.map((r) => barOf(r, figure)).filter((b): b is Bar => b !== null) : [];
  const data: ChartData<'bar' | 'line', Array<number | [number, number]>, string | string[]> = {
    labels: bars.map((b) => wrapLabel(b.label)),
    datasets: [
      {
        type: 'bar',
        label: 'Low to high',
        data: bars.map((b) => [b.low * spec.scale, b.high * spec.scale] as [number, number]),
        backgroundColor: fillOf(CHART_COLOURS.blue, 0.35),
        borderColor: CHART_COLOURS.blue,
        borderWidth: 1.5,
        borderSkipped: false,
        pointStyle: 'rect',
      },
      {
        type: 'line',
        label: 'Central',
        data: bars.map((b) => b.central * spec.scale),
        showLine: false,
        pointStyle: 'rectRot',
        pointRadius: 7,
        pointHoverRadius: 8,
        pointBackgroundColor: CHART_COLOURS.vermillion,
        pointBorderColor: '#ffffff',
        borderColor: CHART_COLOURS.vermillion,
      },
    ],
  };
  return (
    <ChartPanel
      title="Projection ranges by crime type"
      description={`${spec.label} for ${peopleLabel}, from the scenario’s low to high assumptions, central marked.`}
      fileStem={`projection ranges ${figure} ${fileDate}`}
      marking={marking}
      state={chartStateOf(state, () => (bars.length === 0 ? `No crime type in this scenario has a figure for “${spec.label.toLowerCase()}” (add borough offences or unit costs).` : null))}
      testId="chart-ranges"
      controls={
        <>
          <span className="inline-field">
            <label htmlFor={scenarioSelect}>Scenario</label>
            <select id={scenarioSelect} value={scenarioId ?? ''} onChange={(e) => onScenario(Number(e.target.value))}>
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </span>
          <InlineSelect label="Figure" value={figure} values={Object.keys(FIGURES) as RangeFigure[]} labels={(key) => FIGURES[key].label} onChange={onFigure} />
        </>
      }
      csv={result ? { header: ['crime type', `${spec.label} low`, 'central', 'high'], rows: bars.map((b) => [b.label, b.low, b.central, b.high]) } : null}
      summary={
        <p>
          {result ? `Scenario “${result.scenarioName}”, reduction ${formatPercent(result.reductionRate.central, 2)}${result.reductionRate.low !== result.reductionRate.high ? ` (range ${formatRange(result.reductionRate.low, result.reductionRate.high, (v) => formatPercent(v, 2))})` : ''}. ` : ''}
          {bars.map((b) => `${b.label}: ${spec.format(b.central)}${b.low !== b.high ? ` (${formatRange(b.low, b.high, spec.format)})` : ''}`).join('; ')}.
        </p>
      }
    >
      {(summaryId) => (
        <ChartComponent
          type="bar"
          role="img"
          aria-label={`${spec.label} by crime type, low to high`}
          aria-describedby={summaryId}
          plugins={[whiteBackground]}
          data={data}
          options={{
            maintainAspectRatio: false,
            plugins: {
              legend: { position: 'bottom', labels: { usePointStyle: true } },
              tooltip: {
                callbacks: {
                  label: (item) => {
                    const bar = bars[item.dataIndex];
                    if (!bar) return '';
                    return item.datasetIndex === 0 ? `Low to high: ${formatRange(bar.low, bar.high, spec.format)}` : `Central: ${spec.format(bar.central)}`;
                  },
                },
              },
            },
            scales: { x: { ticks: { maxRotation: 0, autoSkip: false } }, y: { beginAtZero: true, title: { display: true, text: spec.axis } } },
          }}
        />
      )}
    </ChartPanel>
  );
}
