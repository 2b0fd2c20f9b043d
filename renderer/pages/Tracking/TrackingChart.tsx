import { useId, useMemo, useState } from 'react';
import type { ChartDataset } from 'chart.js';
import type { TrackingView } from '../../../shared/tracking/trackingSchemas';
import { formatCount, formatNumber } from '../../../shared/domain/numberFormat';
import { SETTING_DEFAULTS } from '../../../shared/analysis/settingsSchemas';
import { relativeMonthLabel, TRACKING_TREND_ALPHA, trackingTrend, trackingTrendCsv } from '../../../shared/tracking/trackingTrend';
import { useCall } from '../../api/useCall';
import { DescribedLine } from '../../components/charts/DescribedChart';
import { ChartPanel, type ChartState } from '../../components/charts/ChartPanel';
import { CHART_COLOURS, trendChartOptions, trendLineStyle } from '../../components/charts/chartSetup';

/**
 * The seed's arrest-rate trend for the tracked cohort (issue 20, point 4): the matched members
 * against their comparison people, by month from each start, smoothed and indexed to 100 at the
 * start month (shared/tracking/trackingTrend.ts), with the PNG and CSV every chart has.
 */
export function TrackingChart({ view }: { view: TrackingView }) {
  const alphaId = useId();
  const [alpha, setAlpha] = useState(TRACKING_TREND_ALPHA);
  const [settings] = useCall('settings.get', {});
  const marking = settings.status === 'ready' ? settings.value.values.protectiveMarking : SETTING_DEFAULTS.protectiveMarking;
  const trend = useMemo(() => trackingTrend(view.result.monthly, { alpha }), [view.result.monthly, alpha]);
  const onLines = trend.months.filter((m) => m.onLines);
  const drawable = trend.series.filter((s) => s.baseSmoothedRate !== null && s.baseSmoothedRate > 0);
  // Without pairs the first line of the note says why; without any base, the lines that name the groups do.
  const state: ChartState =
    trend.pairs === 0 ? { status: 'empty', message: trend.note[0]! } : drawable.length === 0 ? { status: 'empty', message: trend.note.filter((line) => line.includes('no base to index to')).join(' ') } : { status: 'ready' };

  const datasets: Array<ChartDataset<'line', Array<number | null>>> = trend.series.map((s, i) => ({
    label: `${s.name} (${formatCount(s.people)} ${i === 0 ? 'matched members' : 'comparison people'})`,
    data: s.points.map((p) => p.trendIndex),
    ...trendLineStyle(i),
  }));
  datasets.push({ label: 'Start-month level (100)', data: onLines.map(() => 100), borderColor: CHART_COLOURS.grey, borderDash: [2, 4], borderWidth: 1, pointRadius: 0 });

  const first = onLines[0];
  const last = onLines[onLines.length - 1];
  return (
    <ChartPanel
      wide
      tall
      title="Arrest-rate trend: cohort vs comparison group"
      description={`Arrests per person-month by month from each member’s start, ${alpha === 1 ? 'not smoothed (α = 1)' : `exponentially smoothed (α = ${formatNumber(alpha, 2)})`} and indexed to 100 at the start month, as the seed’s chart was at its June 2012 level. Data to ${view.dataTo}.`}
      fileStem={`tracking arrest rate trend to ${view.dataTo}`}
      marking={marking}
      state={state}
      testId="tracking-trend"
      csv={trend.pairs > 0 ? trackingTrendCsv(trend) : null}
      controls={
        <span className="inline-field alpha-field">
          <label htmlFor={alphaId}>Smoothing α</label>
          <input
            id={alphaId}
            type="range"
            min={0.05}
            max={1}
            step={0.05}
            value={alpha}
            aria-valuetext={`${formatNumber(alpha, 2)}${alpha === 1 ? ', no smoothing' : ''}`}
            onChange={(e) => setAlpha(Number(e.target.value))}
          />
          <output htmlFor={alphaId} className="alpha-value">
            {formatNumber(alpha, 2)}
          </output>
        </span>
      }
      summary={
        first && last ? (
          <>
            <p>{trend.method}</p>
            <ul className="plain-list">
              {trend.series.map((s) => {
                const from = s.points[0]?.trendIndex ?? null;
                const to = s.points[s.points.length - 1]?.trendIndex ?? null;
                return (
                  <li key={s.name}>
                    {s.name} ({formatCount(s.people)} people, {formatCount(s.arrests)} arrests on the chart):{' '}
                    {from === null || to === null ? 'no line (no base to index to).' : `${formatNumber(from)} at month ${relativeMonthLabel(first.relativeMonth)}, 100 at the start, ${formatNumber(to)} at month ${relativeMonthLabel(last.relativeMonth)}.`}
                  </li>
                );
              })}
            </ul>
          </>
        ) : null
      }
      footer={
        trend.pairs === 0 ? null : (
        <div className="chart-note" data-testid="tracking-trend-note">
          <h3 className="muted">How it is drawn and what to read into it</h3>
          <ul className="plain-list muted">
            {trend.note.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
        )
      }
    >
      {(summaryId) => (
        <DescribedLine
          label="Arrest-rate trend of the cohort and of its comparison group, indexed to 100 at the start month"
          summaryId={summaryId}
          data={{ labels: onLines.map((m) => m.label), datasets }}
          options={trendChartOptions('Index (start month = 100)', 'Months from each member’s start')}
        />
      )}
    </ChartPanel>
  );
}
