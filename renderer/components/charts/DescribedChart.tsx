import { Bar, Line } from 'react-chartjs-2';
import type { ChartData, ChartOptions, DefaultDataPoint } from 'chart.js';
import { fillOf, horizontalBarOptions, whiteBackground, type HorizontalBarStyle } from './chartSetup';

interface DescribedChartProps<TType extends 'line' | 'bar', TData> {
  /** What the chart shows, read out for its canvas. */
  label: string;
  /** The id of the chart's summary in words (ChartPanel hands it over). */
  summaryId: string;
  data: ChartData<TType, TData>;
  options?: ChartOptions<TType>;
}

/**
 * A chart canvas as every ChartPanel draws one: an image to screen readers, described by the
 * panel's summary in words, and painted white so a saved PNG is not transparent.
 */
export function DescribedLine<TData = DefaultDataPoint<'line'>>({ label, summaryId, data, options }: DescribedChartProps<'line', TData>) {
  return <Line role="img" aria-label={label} aria-describedby={summaryId} plugins={[whiteBackground]} data={data} options={options} />;
}

/** The bar chart of a ChartPanel: see DescribedLine. */
export function DescribedBar<TData = DefaultDataPoint<'bar'>>({ label, summaryId, data, options }: DescribedChartProps<'bar', TData>) {
  return <Bar role="img" aria-label={label} aria-describedby={summaryId} plugins={[whiteBackground]} data={data} options={options} />;
}

/** One row of a `HorizontalBars` chart: its name down the side, its count, and its colour. */
interface NamedBar {
  name: string;
  value: number;
  colour: string;
}

/**
 * A ChartPanel's bar chart of one series, one named bar a row (see `horizontalBarOptions`), each
 * bar filled in a lighter tint of its own colour and edged in the full colour.
 */
export function HorizontalBars({ label, summaryId, series, bars, countTitle, tooltipLabel, wholeNumbers }: { label: string; summaryId: string; series: string; bars: readonly NamedBar[]; countTitle: string } & HorizontalBarStyle) {
  return (
    <DescribedBar
      label={label}
      summaryId={summaryId}
      data={{
        labels: bars.map((b) => b.name),
        datasets: [{ label: series, data: bars.map((b) => b.value), backgroundColor: bars.map((b) => fillOf(b.colour)), borderColor: bars.map((b) => b.colour), borderWidth: 1.5 }],
      }}
      options={horizontalBarOptions(countTitle, { tooltipLabel, wholeNumbers })}
    />
  );
}
