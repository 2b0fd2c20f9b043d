import { useMemo } from 'react';
import { Bar } from 'react-chartjs-2';
import type { ChartData, ChartOptions, Plugin } from 'chart.js';
import '../../components/charts/chartSetup';
import { whiteBackground } from '../../components/charts/chartSetup';
import { ChartPanel } from '../../components/charts/ChartPanel';
import type { PersonProfile } from '../../../shared/shortlist/personSchemas';
import { CRIME_TYPE_LABELS } from '../../../shared/domain/crimeTypes';
import { CRIME_TYPE_COLOURS } from '../../components/crimeTypeColours';
import { formatIsoDate, formatMonth } from '../Candidates/candidateLabels';
import { plural } from '../../../shared/domain/numberFormat';

/** Shades the counting window behind the bars, so "in the window" is visible without reading dates. */
function windowShade(firstIndex: number, lastIndex: number): Plugin<'bar'> {
  return {
    id: 'iomCountingWindow',
    beforeDatasetsDraw(chart) {
      const x = chart.scales.x;
      if (!x || firstIndex < 0 || lastIndex < firstIndex) return;
      const step = x.getPixelForValue(1) - x.getPixelForValue(0) || x.width;
      const left = x.getPixelForValue(firstIndex) - step / 2;
      const right = x.getPixelForValue(lastIndex) + step / 2;
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.fillStyle = 'rgba(29, 95, 168, 0.08)';
      ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top);
      ctx.fillStyle = '#154a85';
      ctx.font = '12px system-ui, sans-serif';
      ctx.textAlign = 'left';
      ctx.fillText('Counting window', Math.max(left + 4, chartArea.left + 4), chartArea.top + 12);
      ctx.restore();
    },
  };
}

/**
 * Arrests by month, stacked by crime type as the analysis model classifies them, with the counting
 * window shaded. The chart has a words version (busiest months, totals per type) and its data can be
 * saved as CSV, like every chart in the app.
 */
export function ArrestTimeline({ profile, marking }: { profile: PersonProfile; marking: string }) {
  const { timeline, window } = profile;
  const firstWindowMonth = window.firstDay.slice(0, 7);
  const lastWindowMonth = window.referenceDate.slice(0, 7);
  const inWindowFrom = timeline.months.indexOf(firstWindowMonth);
  const inWindowTo = timeline.months.indexOf(lastWindowMonth);

  const data = useMemo<ChartData<'bar'>>(
    () => ({
      labels: timeline.months.map(formatMonth),
      datasets: timeline.series.map((s) => ({
        label: CRIME_TYPE_LABELS[s.crimeType],
        data: s.counts,
        backgroundColor: CRIME_TYPE_COLOURS[s.crimeType],
        borderColor: '#ffffff',
        borderWidth: 1,
        stack: 'arrests',
      })),
    }),
    [timeline],
  );

  const options = useMemo<ChartOptions<'bar'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0, autoSkipPadding: 12 } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Arrests' } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: { filter: (item) => Number(item.raw) > 0 },
      },
    }),
    [],
  );

  const plugins = useMemo(() => [whiteBackground as Plugin<'bar'>, windowShade(inWindowFrom, inWindowTo)], [inWindowFrom, inWindowTo]);

  const monthTotals = timeline.months.map((_, i) => timeline.series.reduce((n, s) => n + (s.counts[i] ?? 0), 0));
  const busiest = monthTotals.reduce((best, n, i) => (n > (monthTotals[best] ?? 0) ? i : best), 0);
  const csv = {
    header: ['Month', ...timeline.series.map((s) => CRIME_TYPE_LABELS[s.crimeType]), 'All arrests'],
    rows: timeline.months.map((m, i) => [m, ...timeline.series.map((s) => s.counts[i] ?? 0), monthTotals[i] ?? 0]),
  };
  const summary = (
    <>
      <p>
        {plural(profile.arrests.length, 'arrest')} from {formatMonth(timeline.months[0] ?? '')} to {formatMonth(timeline.months[timeline.months.length - 1] ?? '')};{' '}
        {plural(profile.arrestCounts.inWindow, 'arrest')} in the counting window ({formatIsoDate(window.firstDay)} – {formatIsoDate(window.referenceDate)}). The busiest month was{' '}
        {formatMonth(timeline.months[busiest] ?? '')} with {plural(monthTotals[busiest] ?? 0, 'arrest')}.
      </p>
      <ul className="plain-list">
        {timeline.series.map((s) => (
          <li key={s.crimeType}>
            {CRIME_TYPE_LABELS[s.crimeType]}: {plural(s.counts.reduce((a, b) => a + b, 0), 'arrest')}
          </li>
        ))}
      </ul>
    </>
  );

  return (
    <ChartPanel
      title="Arrest timeline"
      description={`Arrests per month, by crime type; the shaded months are the ${window.windowMonths}-month counting window.`}
      fileStem={`arrest timeline person ${profile.person.id}`}
      marking={marking}
      state={timeline.months.length === 0 ? { status: 'empty', message: 'No arrests are recorded for this person.' } : { status: 'ready' }}
      summary={summary}
      csv={timeline.months.length ? csv : null}
      testId="person-timeline"
      wide
    >
      {(summaryId) => (
        <Bar
          data={data}
          options={options}
          plugins={plugins}
          role="img"
          aria-label={`Arrest timeline: ${plural(profile.arrests.length, 'arrest')} by month and crime type.`}
          aria-describedby={summaryId}
        />
      )}
    </ChartPanel>
  );
}
