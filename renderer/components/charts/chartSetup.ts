import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  SubTitle,
  Title,
  Tooltip,
  type ChartOptions,
  type TooltipItem,
  type Plugin,
} from 'chart.js';
import { formatNumber } from '../../../shared/domain/numberFormat';

/**
 * Chart.js is registered piece by piece (only what the charts use) and once, when a chart module
 * is first imported. Animation is off everywhere: the screens stay calm, a PNG saved straight
 * after a change shows the final picture, and reduced-motion users are respected without a check.
 */
Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, SubTitle, Title, Tooltip);
Chart.defaults.animation = false;
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
Chart.defaults.font.size = 12;
Chart.defaults.color = '#1c2430';
Chart.defaults.borderColor = '#d8dce3';

/**
 * Colours from the Okabe–Ito colour-blind-safe set, darkened where needed so each has at least
 * 3:1 contrast with white (WCAG non-text contrast): blue 5.2, vermillion 5.4, green 5.3, purple 6.2.
 * Lines also differ in dash pattern and point shape, so no reading depends on colour alone.
 */
export const CHART_COLOURS = {
  blue: '#0072B2',
  vermillion: '#B8460B',
  green: '#007A5E',
  purple: '#A23B72',
  grey: '#566173',
} as const;

export const SERIES_COLOURS: readonly string[] = [CHART_COLOURS.blue, CHART_COLOURS.vermillion, CHART_COLOURS.green, CHART_COLOURS.purple];

/** The lines of an indexed trend, cohort first then its comparison: colour, dash and point shape all differ. */
const TREND_LINE_STYLES = [
  { colour: CHART_COLOURS.blue, dash: [] as number[], point: 'circle' as const },
  { colour: CHART_COLOURS.vermillion, dash: [7, 4], point: 'triangle' as const },
];

/** How the trend's `index`th series looks; `thin` is its unsmoothed month-by-month line drawn behind it. */
export function trendLineStyle(index: number, thin = false) {
  const style = TREND_LINE_STYLES[index % TREND_LINE_STYLES.length]!;
  const common = { borderColor: style.colour, backgroundColor: style.colour, pointStyle: style.point };
  return thin ? { ...common, borderDash: [2, 3], borderWidth: 1, pointRadius: 2 } : { ...common, borderDash: style.dash, borderWidth: 2.5, pointRadius: 3, tension: 0.2 };
}

/**
 * The options of an indexed trend chart: a hover reads every line at that month, the legend shows
 * each line's point shape, and a month without a value says so instead of showing 0.
 */
export function trendChartOptions(indexTitle: string, monthsTitle?: string): ChartOptions<'line'> {
  return {
    maintainAspectRatio: false,
    interaction: { mode: 'index', intersect: false },
    plugins: {
      legend: { position: 'bottom', labels: { usePointStyle: true } },
      tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.parsed.y === null ? 'no value' : formatNumber(item.parsed.y)}` } },
    },
    scales: {
      y: { title: { display: true, text: indexTitle } },
      x: { ...(monthsTitle ? { title: { display: true, text: monthsTitle } } : {}), ticks: { maxRotation: 0, autoSkipPadding: 12 } },
    },
  };
}

/** What a horizontal bar chart's options may add to the defaults. */
export interface HorizontalBarStyle {
  tooltipLabel?: (item: TooltipItem<'bar'>) => string;
  /** Count-axis ticks at whole numbers only (people, not rates). */
  wholeNumbers?: boolean;
}

/**
 * The options of a horizontal bar chart, one named bar a row: no legend (the count's axis says what
 * the bars are), and every row's name shown however many there are.
 */
export function horizontalBarOptions(countTitle: string, { tooltipLabel, wholeNumbers = false }: HorizontalBarStyle = {}): ChartOptions<'bar'> {
  return {
    indexAxis: 'y',
    maintainAspectRatio: false,
    plugins: { legend: { display: false }, ...(tooltipLabel ? { tooltip: { callbacks: { label: tooltipLabel } } } : {}) },
    scales: { x: { beginAtZero: true, ...(wholeNumbers ? { ticks: { precision: 0 } } : {}), title: { display: true, text: countTitle } }, y: { ticks: { autoSkip: false } } },
  };
}

/** A lighter fill of a series colour for bar interiors (its border keeps the full colour). */
export function fillOf(hex: string, alpha = 0.75): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/**
 * Paints the canvas white before each draw. A canvas is transparent by default, so a saved PNG
 * would show black or checkered behind the chart in many viewers.
 */
export const whiteBackground: Plugin = {
  id: 'iomWhiteBackground',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

export { Chart };

type FillStyle = 'solid' | 'stripes' | 'dots';
export const SERIES_FILL_STYLES: readonly FillStyle[] = ['solid', 'stripes', 'dots'];

/**
 * A bar fill that differs by pattern as well as by colour (stripes, dots), so grouped bars stay
 * distinguishable in greyscale print and for colour-blind readers. Falls back to a flat colour
 * where a canvas pattern cannot be made.
 */
export function patternFill(hex: string, style: FillStyle): string | CanvasPattern {
  const flat = fillOf(hex, 0.75);
  if (style === 'solid' || typeof document === 'undefined') return flat;
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const ctx = tile.getContext('2d');
  if (!ctx) return flat;
  ctx.fillStyle = fillOf(hex, 0.25);
  ctx.fillRect(0, 0, 8, 8);
  ctx.fillStyle = hex;
  ctx.strokeStyle = hex;
  if (style === 'stripes') {
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(0, 8);
    ctx.lineTo(8, 0);
    ctx.moveTo(-2, 2);
    ctx.lineTo(2, -2);
    ctx.moveTo(6, 10);
    ctx.lineTo(10, 6);
    ctx.stroke();
  } else {
    ctx.beginPath();
    ctx.arc(4, 4, 1.8, 0, Math.PI * 2);
    ctx.fill();
  }
  return ctx.createPattern(tile, 'repeat') ?? flat;
}

/**
 * A long axis label as lines of about `width` characters (Chart.js draws an array as several
 * lines), so category names stay horizontal and readable instead of being rotated.
 */
export function wrapLabel(text: string, width = 14): string | string[] {
  if (text.length <= width) return text;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && `${line} ${word}`.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
