import { useId } from 'react';
import type { ChartDataset } from 'chart.js';
import { monthRange, TREND_COHORTS, TREND_COMPARISONS, type MonthlyTrendResult } from '../../../shared/analysis/arrestTrend';
import { CRIME_TYPE_LABELS, type ProjectionCrimeTypeId } from '../../../shared/domain/crimeTypes';
import { PROJECTION_CRIME_TYPE_IDS } from '../../../shared/analysis/projection';
import { DescribedLine } from '../../components/charts/DescribedChart';
import { ChartPanel } from '../../components/charts/ChartPanel';
import { CHART_COLOURS, trendChartOptions, trendLineStyle } from '../../components/charts/chartSetup';
import { formatCount, formatNumber } from '../../../shared/domain/numberFormat';
import type { AsyncState } from '../../components/charts/useAsync';
import { InlineSelect } from '../../components/Options';

export interface TrendSettings {
  cohort: (typeof TREND_COHORTS)[number];
  comparison: (typeof TREND_COMPARISONS)[number];
  fromMonth: string;
  toMonth: string;
  baseMonth: string;
  alpha: number;
  crimeType: ProjectionCrimeTypeId;
  showMonthly: boolean;
}

const COHORT_LABELS: Record<TrendSettings['cohort'], string> = {
  shortlist: 'Latest shortlist',
  cohortStartDate: 'People with a cohort start date',
};

const COMPARISON_LABELS: Record<TrendSettings['comparison'], string> = {
  longList: 'Rest of the long list',
  all: 'Everyone else in the workspace',
};

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2012-06" → "Jun 12", as the seed's chart labels months. */
function shortMonth(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(2, 4)}`;
}

function longMonth(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;
}

/**
 * The seed's "cohort's arrest rate trend vs. non-cohort": monthly arrests per person, indexed to
 * 100 at a base month and exponentially smoothed (the smoothing is adjustable; 1 is none).
 */
export function TrendChart({ state, settings, onSettings, marking }: { state: AsyncState<MonthlyTrendResult>; settings: TrendSettings; onSettings(next: TrendSettings): void; marking: string }) {
  const ids = { from: useId(), to: useId(), alpha: useId(), monthly: useId() };
  const result = state.status === 'ready' ? state.value : null;
  const months = monthRange(settings.fromMonth, settings.toMonth);
  const set = (patch: Partial<TrendSettings>) => onSettings({ ...settings, ...patch });
  const problems = result?.series.filter((s) => s.problem).map((s) => `${s.name}: ${s.problem}`) ?? [];
  const afterData = result?.latestArrestDate ? result.months.filter((m) => m > result.latestArrestDate!.slice(0, 7)) : [];

  const datasets: Array<ChartDataset<'line', Array<number | null>>> = [];
  if (result) {
    result.series.forEach((series, i) => {
      datasets.push({
        label: `${series.name} (${formatCount(series.people)} people), trend`,
        data: series.points.map((p) => p.trendIndex),
        ...trendLineStyle(i),
        spanGaps: true,
      });
      if (settings.showMonthly) {
        datasets.push({
          label: `${series.name}, each month`,
          data: series.points.map((p) => p.index),
          ...trendLineStyle(i, true),
          spanGaps: true,
        });
      }
    });
    datasets.push({ label: `${shortMonth(result.baseMonth)} level (100)`, data: result.months.map(() => 100), borderColor: CHART_COLOURS.grey, borderDash: [2, 4], borderWidth: 1, pointRadius: 0 });
  }

  const first = result?.months[0];
  const last = result?.months[result.months.length - 1];
  return (
    <ChartPanel
      wide
      tall
      title="Arrest-rate trend: cohort vs not in cohort"
      description={
        result
          ? `Monthly arrests per person (${result.crimeType === 'all' ? 'all crime' : CRIME_TYPE_LABELS[result.crimeType]}), indexed at 100 = ${longMonth(result.baseMonth)} levels and exponentially smoothed (α = ${formatNumber(result.alpha, 2)}). Cohort: ${result.groupDescriptions[0]}; compared with ${result.groupDescriptions[1]}.`
          : 'Monthly arrests per person, indexed at 100 at the base month and exponentially smoothed.'
      }
      fileStem={`arrest rate trend ${settings.fromMonth} to ${settings.toMonth}`}
      marking={marking}
      state={state.status === 'ready' ? (problems.length === result!.series.length ? { status: 'empty', message: problems.join(' ') } : { status: 'ready' }) : state}
      testId="chart-trend"
      controls={
        <>
          <InlineSelect label="Cohort" value={settings.cohort} values={TREND_COHORTS} labels={COHORT_LABELS} onChange={(cohort) => set({ cohort })} />
          <InlineSelect label="Compared with" value={settings.comparison} values={TREND_COMPARISONS} labels={COMPARISON_LABELS} onChange={(comparison) => set({ comparison })} />
          <InlineSelect label="Crime type" value={settings.crimeType} values={PROJECTION_CRIME_TYPE_IDS} labels={CRIME_TYPE_LABELS} onChange={(crimeType) => set({ crimeType })} />
          <span className="inline-field">
            <label htmlFor={ids.from}>From</label>
            <input id={ids.from} type="month" value={settings.fromMonth} onChange={(e) => e.target.value && set({ fromMonth: e.target.value })} />
          </span>
          <span className="inline-field">
            <label htmlFor={ids.to}>To</label>
            <input id={ids.to} type="month" value={settings.toMonth} onChange={(e) => e.target.value && set({ toMonth: e.target.value })} />
          </span>
          <InlineSelect label="Index month (= 100)" value={settings.baseMonth} values={months} labels={longMonth} onChange={(baseMonth) => set({ baseMonth })} />
          <span className="inline-field alpha-field">
            <label htmlFor={ids.alpha}>Smoothing α</label>
            <input
              id={ids.alpha}
              type="range"
              min={0.05}
              max={1}
              step={0.05}
              value={settings.alpha}
              aria-valuetext={`${formatNumber(settings.alpha, 2)}${settings.alpha === 1 ? ', no smoothing' : ''}`}
              onChange={(e) => set({ alpha: Number(e.target.value) })}
            />
            <output htmlFor={ids.alpha} className="alpha-value">
              {formatNumber(settings.alpha, 2)}
            </output>
          </span>
          <label className="checkbox">
            <input id={ids.monthly} type="checkbox" checked={settings.showMonthly} onChange={(e) => set({ showMonthly: e.target.checked })} />
            Show each month’s own index
          </label>
        </>
      }
      csv={
        result
          ? {
              header: ['month', 'group', 'people', 'arrests', 'person-months', 'arrests per person-month', 'index', 'smoothed rate', 'trend index'],
              rows: result.series.flatMap((s) => s.points.map((p) => [p.month, s.name, s.people, p.arrests, p.personMonths, p.rate, p.index, p.smoothedRate, p.trendIndex])),
            }
          : null
      }
      summary={
        result && first && last ? (
          <>
            <p>{result.method}</p>
            <ul className="plain-list">
              {result.series.map((s) => {
                const start = s.points[0]?.trendIndex;
                const end = s.points[s.points.length - 1]?.trendIndex;
                return (
                  <li key={s.name}>
                    {s.name} ({formatCount(s.people)} people, {formatCount(s.arrests)} arrests, {formatNumber(s.baseRate ?? 0, 3)} arrests per person in {longMonth(result.baseMonth)}):{' '}
                    {s.problem ?? `trend ${formatNumber(start ?? 0)} in ${longMonth(first)}, 100 in ${longMonth(result.baseMonth)}, ${formatNumber(end ?? 0)} in ${longMonth(last)}.`}
                  </li>
                );
              })}
            </ul>
          </>
        ) : null
      }
      footer={
        <>
          {problems.length > 0 && problems.length < (result?.series.length ?? 0) ? <p className="notice notice-warn">{problems.join(' ')}</p> : null}
          {afterData.length > 0 ? (
            <p className="notice notice-warn">
              The latest arrest in the workspace is on {result?.latestArrestDate}: {afterData.map(longMonth).join(', ')} have no data yet and read as no arrests.
            </p>
          ) : null}
        </>
      }
    >
      {(summaryId) =>
        result ? (
          <DescribedLine
            label="Arrest-rate trend of the cohort and of everyone else, indexed to the base month"
            summaryId={summaryId}
            data={{ labels: result.months.map(shortMonth), datasets }}
            options={trendChartOptions(`Index (${shortMonth(result.baseMonth)} = 100)`)}
          />
        ) : null
      }
    </ChartPanel>
  );
}
