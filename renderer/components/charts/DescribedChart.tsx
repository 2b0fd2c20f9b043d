import { Bar, Line } from 'react-chartjs-2';
import type { ChartData, ChartOptions, DefaultDataPoint } from 'chart.js';
import { whiteBackground } from './chartSetup';

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
