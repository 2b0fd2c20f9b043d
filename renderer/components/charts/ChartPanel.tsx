import { useId, useRef, useState, type ReactNode } from 'react';
import { downloadDataUrl, downloadText, markedFileName, toCsv, type CsvTable } from './chartFiles';
import { Chart } from './chartSetup';

export type ChartState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'empty'; message: string } | { status: 'ready' };

/**
 * The canvas as a PNG data URL with the chart's title and the protective marking drawn in: the
 * screen shows both as page text, but a picture pasted into a report must carry them itself.
 */
function pictureWithTitle(canvas: HTMLCanvasElement, title: string, marking: string): string {
  const chart = Chart.getChart(canvas);
  const titleOptions = chart?.options.plugins?.title;
  const subtitleOptions = chart?.options.plugins?.subtitle;
  if (!chart || !titleOptions || !subtitleOptions) return canvas.toDataURL('image/png');
  // Chart.js options are proxies: their fields are set and put back one by one, never spread.
  const before = {
    title: [titleOptions.display, titleOptions.text, titleOptions.align, titleOptions.padding] as const,
    subtitle: [subtitleOptions.display, subtitleOptions.text, subtitleOptions.align, subtitleOptions.padding] as const,
    ratio: chart.options.devicePixelRatio,
  };
  titleOptions.display = true;
  titleOptions.text = title;
  titleOptions.align = 'start';
  titleOptions.padding = { top: 4, bottom: 2 };
  subtitleOptions.display = true;
  subtitleOptions.text = marking;
  subtitleOptions.align = 'start';
  subtitleOptions.padding = { top: 0, bottom: 12 };
  // Twice the screen's pixels, so the picture stays sharp when a report scales it up.
  chart.options.devicePixelRatio = Math.max(2, window.devicePixelRatio || 1);
  chart.resize();
  chart.update('none');
  const url = canvas.toDataURL('image/png');
  [titleOptions.display, titleOptions.text, titleOptions.align, titleOptions.padding] = before.title;
  [subtitleOptions.display, subtitleOptions.text, subtitleOptions.align, subtitleOptions.padding] = before.subtitle;
  chart.options.devicePixelRatio = before.ratio;
  chart.resize();
  chart.update('none');
  return url;
}

interface ChartPanelProps {
  title: string;
  /** One line under the title: what is plotted, over which people and window. */
  description?: ReactNode;
  /** The file name after the protective marking, e.g. "concentration lorenz 2013-10-31". */
  fileStem: string;
  marking: string;
  state: ChartState;
  /** The key numbers in words, for screen readers and for anyone who prefers text. */
  summary: ReactNode;
  csv: CsvTable | null;
  /** Controls that belong to this chart only (a smoothing slider, a base month). */
  controls?: ReactNode;
  /** Anything shown under the chart (the seed's table, a note). */
  footer?: ReactNode;
  testId?: string;
  wide?: boolean;
  tall?: boolean;
  /** The chart itself; it receives the id of the summary to describe its canvas with. */
  children(summaryId: string): ReactNode;
}

/**
 * One chart with what every chart in the app has: a title, its own controls, a text summary of the
 * key numbers (open it, or read it with a screen reader through the canvas's description), and
 * "Save as PNG" / "Download data (CSV)" with the protective marking in the file name.
 */
export function ChartPanel({ title, description, fileStem, marking, state, summary, csv, controls, footer, testId, wide = false, tall = false, children }: ChartPanelProps) {
  const headingId = useId();
  const summaryId = useId();
  const canvasBox = useRef<HTMLDivElement>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const ready = state.status === 'ready';

  function savePng() {
    const canvas = canvasBox.current?.querySelector('canvas');
    if (!canvas) {
      setExportError('The chart is not drawn yet.');
      return;
    }
    setExportError(null);
    downloadDataUrl(markedFileName(marking, fileStem, 'png'), pictureWithTitle(canvas, title, marking));
  }

  function saveCsv() {
    if (!csv) return;
    downloadText(markedFileName(marking, fileStem, 'csv'), toCsv(csv, marking), 'text/csv;charset=utf-8');
  }

  return (
    <section className={`panel chart-panel${wide ? ' chart-panel-wide' : ''}`} aria-labelledby={headingId} data-testid={testId}>
      <div className="chart-panel-header">
        <h2 id={headingId}>{title}</h2>
        <div className="chart-actions">
          <button type="button" className="button secondary small" onClick={savePng} disabled={!ready}>
            Save as PNG
          </button>
          <button type="button" className="button secondary small" onClick={saveCsv} disabled={!ready || !csv}>
            Download data (CSV)
          </button>
        </div>
      </div>
      {description ? <p className="muted chart-description">{description}</p> : null}
      {controls ? <div className="chart-controls">{controls}</div> : null}
      {exportError ? <p className="field-error" role="alert">{exportError}</p> : null}
      <div className={`chart-canvas${tall ? ' chart-canvas-tall' : ''}`} ref={canvasBox}>
        {state.status === 'ready' ? (
          children(summaryId)
        ) : state.status === 'loading' ? (
          <p className="chart-placeholder muted" role="status">Loading…</p>
        ) : (
          <p className={`chart-placeholder${state.status === 'error' ? ' chart-placeholder-error' : ' muted'}`} role={state.status === 'error' ? 'alert' : 'status'}>
            {state.message}
          </p>
        )}
      </div>
      {ready ? (
        <details className="chart-summary">
          <summary>Chart in words</summary>
          <div id={summaryId} data-testid={testId ? `${testId}-summary` : undefined}>
            {summary}
          </div>
        </details>
      ) : null}
      {footer}
    </section>
  );
}
