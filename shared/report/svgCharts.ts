import { escapeHtml, formatCount, formatNumber, formatPercent, formatRange } from './reportFormat';

/**
 * The printed report's charts, drawn as inline SVG by pure code: the report must print the same in
 * Electron, in headless Chromium and from a saved file, with no scripts and nothing fetched, so a
 * charting library that draws on a canvas at run time cannot be used. Each chart is an accessible
 * image (role="img", a <title> and a <desc> giving its figures) and uses presentation attributes
 * only, never style attributes, so the app's CSP lets its preview render it. The report always
 * prints each chart's figures in a table beside it too.
 */

export const CHART_FONT = "'Segoe UI', 'Liberation Sans', Arial, sans-serif";

/** Light to dark, each at least 3:1 against white; series are also told apart by position and legend. */
const SERIES_COLOURS = ['#7b8794', '#4f81bd', '#1f4e79'] as const;
const MAIN = SERIES_COLOURS[2];

/** The last series (the cohort itself) always gets the darkest colour, the ones before it lighter ones. */
function seriesColour(index: number, count: number): string {
  return SERIES_COLOURS[Math.max(0, SERIES_COLOURS.length - count + index)] ?? MAIN;
}
const ACCENT = '#b45309';
const GRID = '#d5dbe3';
const AXIS = '#5b6675';
const TEXT = '#1f2933';

interface ChartLabel {
  /** Unique within the document; the <title>/<desc> ids derive from it. */
  id: string;
  title: string;
  description: string;
}

/** Coordinates to one decimal place keep the markup short and stable across runs. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${n(x)}" y="${n(y)}"${attributes ? ` ${attributes}` : ''}>${escapeHtml(content)}</text>`;
}

function svg(label: ChartLabel, width: number, height: number, body: string): string {
  const id = escapeHtml(label.id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
    `role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${escapeHtml(CHART_FONT)}" font-size="11" fill="${TEXT}">` +
    `<title id="${id}-title">${escapeHtml(label.title)}</title><desc id="${id}-desc">${escapeHtml(label.description)}</desc>${body}</svg>`
  );
}

function emptyChart(label: ChartLabel, width: number, message: string): string {
  return svg(label, width, 60, text(width / 2, 34, message, `text-anchor="middle" fill="${AXIS}"`));
}

/**
 * Where a chart of one row per item draws: labels in the `left` margin, bars up to `barW` long,
 * rows `row` high below a `top` margin, and `bottom` more under the last row.
 */
interface RowLayout {
  width: number;
  left: number;
  barW: number;
  row: number;
  top: number;
  bottom: number;
}

/** A chart of one row per item laid out by `layout`, or the empty chart's message when there are none. */
function rowChart(label: ChartLabel, layout: RowLayout, rowCount: number, emptyMessage: string, draw: (parts: string[]) => void): string {
  if (rowCount === 0) return emptyChart(label, layout.width, emptyMessage);
  const parts: string[] = [];
  draw(parts);
  return svg(label, layout.width, layout.top + rowCount * layout.row + layout.bottom, parts.join(''));
}

/** Spreads label positions at least `gap` apart, keeping their order (labels of close points do not overlap). */
function spread(positions: readonly number[], gap: number, min: number, max: number): number[] {
  const out = [...positions];
  for (let i = 1; i < out.length; i++) if (out[i]! - out[i - 1]! < gap) out[i] = out[i - 1]! + gap;
  const overflow = (out[out.length - 1] ?? min) - max;
  if (overflow > 0) for (let i = 0; i < out.length; i++) out[i] = out[i]! - overflow;
  for (let i = out.length - 2; i >= 0; i--) if (out[i + 1]! - out[i]! < gap) out[i] = out[i + 1]! - gap;
  return out.map((p) => Math.max(min, p));
}

// ---------------------------------------------------------------------------------------------
// Lorenz curve
// ---------------------------------------------------------------------------------------------

interface LorenzMark {
  label: string;
  peopleShare: number;
  arrestShare: number;
}

/**
 * Cumulative share of arrests against cumulative share of the people arrested, most-arrested
 * first, above the line of equal shares; the top-N points are marked and labelled.
 */
export function lorenzCurveSvg(points: ReadonlyArray<{ peopleShare: number; arrestShare: number }>, marks: readonly LorenzMark[], label: ChartLabel): string {
  const width = 340;
  const height = 270;
  if (points.length < 2) return emptyChart(label, width, 'No arrests in the window');
  const left = 46;
  const top = 12;
  const plotW = 200;
  const plotH = 210;
  const x = (share: number) => left + share * plotW;
  const y = (share: number) => top + (1 - share) * plotH;
  const parts: string[] = [];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<line x1="${n(x(tick))}" y1="${n(top)}" x2="${n(x(tick))}" y2="${n(top + plotH)}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(`<line x1="${n(left)}" y1="${n(y(tick))}" x2="${n(left + plotW)}" y2="${n(y(tick))}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(text(x(tick), top + plotH + 14, formatPercent(tick, 0), `text-anchor="middle" fill="${AXIS}" font-size="10"`));
    parts.push(text(left - 6, y(tick) + 3.5, formatPercent(tick, 0), `text-anchor="end" fill="${AXIS}" font-size="10"`));
  }
  parts.push(`<line x1="${n(x(0))}" y1="${n(y(0))}" x2="${n(x(1))}" y2="${n(y(1))}" stroke="${AXIS}" stroke-width="1" stroke-dasharray="4 3"/>`);
  // Below the diagonal, where the curve (which bows above it) never runs.
  const eqX = x(0.64);
  const eqY = y(0.36);
  parts.push(text(eqX, eqY, 'equal shares', `fill="${AXIS}" font-size="10" transform="rotate(-46 ${n(eqX)} ${n(eqY)})"`));
  parts.push(`<polyline points="${points.map((p) => `${n(x(p.peopleShare))},${n(y(p.arrestShare))}`).join(' ')}" fill="none" stroke="${MAIN}" stroke-width="2.2" stroke-linejoin="round"/>`);
  // Marks sit on the curve; their labels go in a column right of the plot, spread so none overlap.
  const sorted = [...marks].sort((a, b) => b.arrestShare - a.arrestShare);
  const labelYs = spread(sorted.map((m) => y(m.arrestShare) + 3.5), 13, top + 8, top + plotH);
  sorted.forEach((mark, i) => {
    const mx = x(mark.peopleShare);
    const my = y(mark.arrestShare);
    const ly = labelYs[i]!;
    parts.push(`<circle cx="${n(mx)}" cy="${n(my)}" r="3" fill="${ACCENT}"/>`);
    parts.push(`<line x1="${n(mx)}" y1="${n(my)}" x2="${n(left + plotW + 6)}" y2="${n(ly - 3.5)}" stroke="${ACCENT}" stroke-width="0.7"/>`);
    parts.push(text(left + plotW + 9, ly, `${mark.label}: ${formatPercent(mark.arrestShare)}`, 'font-size="10"'));
  });
  parts.push(text(left + plotW / 2, height - 6, 'Share of people arrested (most-arrested first)', `text-anchor="middle" fill="${AXIS}" font-size="10"`));
  parts.push(text(12, top + plotH / 2, 'Share of arrests', `text-anchor="middle" fill="${AXIS}" font-size="10" transform="rotate(-90 12 ${n(top + plotH / 2)})"`));
  return svg(label, width, height, parts.join(''));
}

// ---------------------------------------------------------------------------------------------
// Horizontal share bars (top-N concentration)
// ---------------------------------------------------------------------------------------------

interface ShareBar {
  label: string;
  share: number;
  /** Shown after the percentage, e.g. "735 arrests". */
  detail: string;
}

const SHARE_BARS: RowLayout = { width: 340, left: 62, barW: 150, row: 30, top: 8, bottom: 22 };

export function shareBarsSvg(bars: readonly ShareBar[], label: ChartLabel): string {
  const { left, barW, row, top } = SHARE_BARS;
  return rowChart(label, SHARE_BARS, bars.length, 'No arrests in the window', (parts) => {
    for (const tick of [0, 0.5, 1]) {
      const tx = left + tick * barW;
      parts.push(`<line x1="${n(tx)}" y1="${n(top)}" x2="${n(tx)}" y2="${n(top + bars.length * row)}" stroke="${GRID}" stroke-width="1"/>`);
      parts.push(text(tx, top + bars.length * row + 14, formatPercent(tick, 0), `text-anchor="middle" fill="${AXIS}" font-size="10"`));
    }
    bars.forEach((bar, i) => {
      const y = top + i * row + 6;
      const share = Math.max(0, Math.min(1, bar.share));
      parts.push(text(left - 6, y + 12, bar.label, 'text-anchor="end"'));
      parts.push(`<rect x="${n(left)}" y="${n(y)}" width="${n(barW)}" height="16" fill="#eef1f5"/>`);
      parts.push(`<rect x="${n(left)}" y="${n(y)}" width="${n(share * barW)}" height="16" fill="${MAIN}"/>`);
      parts.push(text(left + barW + 6, y + 12, `${formatPercent(bar.share)} · ${bar.detail}`, 'font-size="10"'));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Grouped bars (composition of populations)
// ---------------------------------------------------------------------------------------------

interface BarSeries {
  name: string;
  /** One value per category: a share of the population (0–1), null when the population is empty. */
  shares: ReadonlyArray<number | null>;
  counts: readonly number[];
  /** Printed instead of "share (count)" where given (a suppressed small count). */
  labels?: ReadonlyArray<string | null>;
}

/** Roughly how wide a label is at 11px in the chart font (no text metrics without a DOM). */
function labelWidth(label: string): number {
  return label.length * 5.7;
}

/** A tick step of 5, 10, 20 or 25 points giving at most five intervals up to `max`. */
function shareTicks(max: number): { scaleMax: number; ticks: number[] } {
  const step = [0.05, 0.1, 0.2, 0.25].find((s) => Math.ceil(max / s - 1e-9) <= 5) ?? 0.25;
  const scaleMax = Math.min(1, Math.max(step, Math.ceil(max / step - 1e-9) * step));
  const ticks: number[] = [];
  for (let t = 0; t <= scaleMax + 1e-9; t += step) ticks.push(Math.round(t * 100) / 100);
  return { scaleMax, ticks };
}

/** Shares of each population by category, one bar per population, scaled to the largest share. */
export function groupedShareBarsSvg(categories: readonly string[], series: readonly BarSeries[], label: ChartLabel): string {
  const width = 640;
  if (categories.length === 0 || series.length === 0) return emptyChart(label, width, 'No people to show');
  const left = Math.round(Math.min(260, Math.max(90, ...categories.map(labelWidth)) + 14));
  const barW = width - left - 80;
  const barH = 9;
  const gap = 2;
  const group = series.length * (barH + gap) + 10;
  const top = 28;
  const height = top + categories.length * group + 24;
  const { scaleMax, ticks } = shareTicks(Math.max(0.05, ...series.flatMap((s) => s.shares.map((v) => v ?? 0))));
  const parts: string[] = [];
  let lx = left;
  series.forEach((s, i) => {
    parts.push(`<rect x="${n(lx)}" y="6" width="12" height="10" fill="${seriesColour(i, series.length)}"/>`);
    parts.push(text(lx + 16, 15, s.name, 'font-size="10"'));
    lx += 28 + labelWidth(s.name);
  });
  for (const tick of ticks) {
    const tx = left + (tick / scaleMax) * barW;
    parts.push(`<line x1="${n(tx)}" y1="${n(top - 4)}" x2="${n(tx)}" y2="${n(top + categories.length * group - 6)}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(text(tx, top + categories.length * group + 8, formatPercent(tick, 0), `text-anchor="middle" fill="${AXIS}" font-size="10"`));
  }
  categories.forEach((category, c) => {
    const gy = top + c * group;
    parts.push(text(left - 8, gy + (series.length * (barH + gap)) / 2 + 3, category, 'text-anchor="end"'));
    series.forEach((s, i) => {
      const share = s.shares[c] ?? null;
      const y = gy + i * (barH + gap);
      const w = share === null ? 0 : (Math.min(share, scaleMax) / scaleMax) * barW;
      parts.push(`<rect x="${n(left)}" y="${n(y)}" width="${n(w)}" height="${barH}" fill="${seriesColour(i, series.length)}"/>`);
      const value = s.labels?.[c] ?? (share === null ? '–' : `${formatPercent(share)} (${formatCount(s.counts[c] ?? 0)})`);
      parts.push(text(left + w + 4, y + barH - 1, value, 'font-size="9"'));
    });
  });
  return svg(label, width, height, parts.join(''));
}

// ---------------------------------------------------------------------------------------------
// Projection ranges per crime type
// ---------------------------------------------------------------------------------------------

interface ProjectionRangeRow {
  label: string;
  /** Estimated offences a year now. */
  now: number;
  /** Estimated offences a year after IOM (central), with its low–high range when the scenario has one. */
  after: number;
  afterLow: number | null;
  afterHigh: number | null;
}

const PROJECTION_RANGES: RowLayout = { width: 640, left: 170, barW: 250, row: 46, top: 28, bottom: 6 };

/**
 * For each crime type, offences a year now against after IOM, with the range of the "after" figure.
 * Crime types differ by orders of magnitude (all crime against robbery), so each row has its own
 * scale, from zero to its "now" figure; the numbers are printed beside every bar.
 */
export function projectionRangesSvg(rows: readonly ProjectionRangeRow[], label: ChartLabel): string {
  const { left, barW, row, top } = PROJECTION_RANGES;
  return rowChart(label, PROJECTION_RANGES, rows.length, 'No crime types in the scenario', (parts) => {
    parts.push(`<rect x="${left}" y="6" width="12" height="10" fill="#c9d3de"/>`);
    parts.push(text(left + 16, 15, 'Offences a year now', 'font-size="10"'));
    parts.push(`<rect x="${left + 130}" y="6" width="12" height="10" fill="${MAIN}"/>`);
    parts.push(text(left + 146, 15, 'After IOM (central)', 'font-size="10"'));
    parts.push(`<line x1="${left + 258}" y1="11" x2="${left + 278}" y2="11" stroke="${ACCENT}" stroke-width="2"/>`);
    parts.push(text(left + 282, 15, 'low–high range', 'font-size="10"'));
    rows.forEach((r, i) => {
      const y = top + i * row;
      const scale = r.now > 0 ? barW / r.now : 0;
      const clamp = (v: number) => Math.max(0, Math.min(barW, v * scale));
      parts.push(text(left - 8, y + 17, r.label, 'text-anchor="end"'));
      parts.push(`<rect x="${left}" y="${n(y + 4)}" width="${n(clamp(r.now))}" height="11" fill="#c9d3de"/>`);
      parts.push(`<rect x="${left}" y="${n(y + 18)}" width="${n(clamp(r.after))}" height="11" fill="${MAIN}"/>`);
      if (r.afterLow !== null && r.afterHigh !== null && r.afterHigh > r.afterLow) {
        const x1 = left + clamp(r.afterLow);
        const x2 = left + clamp(r.afterHigh);
        const cy = y + 23.5;
        parts.push(`<line x1="${n(x1)}" y1="${n(cy)}" x2="${n(x2)}" y2="${n(cy)}" stroke="${ACCENT}" stroke-width="2"/>`);
        parts.push(`<line x1="${n(x1)}" y1="${n(cy - 5)}" x2="${n(x1)}" y2="${n(cy + 5)}" stroke="${ACCENT}" stroke-width="2"/>`);
        parts.push(`<line x1="${n(x2)}" y1="${n(cy - 5)}" x2="${n(x2)}" y2="${n(cy + 5)}" stroke="${ACCENT}" stroke-width="2"/>`);
      }
      parts.push(text(left + barW + 10, y + 13, `now ${formatNumber(r.now)}`, 'font-size="10"'));
      const range = r.afterLow !== null && r.afterHigh !== null && r.afterHigh > r.afterLow ? ` (${formatRange(r.afterLow, r.afterHigh)})` : '';
      parts.push(text(left + barW + 10, y + 27, `after ${formatNumber(r.after)}${range}`, 'font-size="10"'));
    });
  });
}
