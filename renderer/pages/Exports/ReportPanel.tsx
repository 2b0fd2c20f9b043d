import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import type { ReportPreview } from '../../../shared/report/reportSchemas';
import { completeExport } from '../../components/saveFile';
import { ErrorNotice, RetryNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { AnalysisGate } from '../../components/AnalysisGate';
import { useIntakeTranches } from '../../components/useIntakeTranches';
import { isReportPopulation, type ReportPopulation } from '../../../shared/report/cohortReportData';

const SECTION_ID = 'exports-report';

type PreviewState = { status: 'loading'; previous: ReportPreview | null } | { status: 'error'; message: string } | { status: 'ready'; value: ReportPreview };

/**
 * The cohort report section: choose the scenario, read the report as it will print, save it as PDF (desktop
 * app) or as the self-contained HTML it is printed from. The report holds aggregate figures only.
 */
export function ReportPanel() {
  return (
    <section className="panel exports-section report-panel" aria-labelledby={`${SECTION_ID}-title`} id={SECTION_ID}>
      <h2 id={`${SECTION_ID}-title`} tabIndex={-1}>
        Cohort report
      </h2>
      <p className="muted">
        The projection with its working and ranges, the cost of crime avoided, the concentration of arrests, the equality composition and the caveats, on A4 pages
        marked at the top and bottom. Aggregate figures only: no names, PNCs or dates of birth.
      </p>
      {/* The report is built from the analysis model, which a large workspace takes a while to load. */}
      <AnalysisGate>
        <ReportBody />
      </AnalysisGate>
    </section>
  );
}

function ReportBody() {
  const [scenarios, reloadScenarios] = useCall('scenarios.list', {});
  const [scenarioId, setScenarioId] = useState<number | null>(null);
  const [preview, setPreview] = useState<PreviewState>({ status: 'loading', previous: null });
  const [attempt, setAttempt] = useState(0);
  const seq = useRef(0);
  const selectId = useId();
  const populationId = useId();
  const [population, setPopulation] = useState<ReportPopulation>('auto');
  const tranches = useIntakeTranches();

  useEffect(() => {
    const mine = ++seq.current;
    setPreview((current) => ({ status: 'loading', previous: current.status === 'ready' ? current.value : current.status === 'loading' ? current.previous : null }));
    call('report.html', { scenarioId, population }).then(
      (value) => mine === seq.current && setPreview({ status: 'ready', value }),
      (e: unknown) => mine === seq.current && setPreview({ status: 'error', message: errorMessage(e) }),
    );
  }, [scenarioId, population, attempt]);

  const shown = preview.status === 'ready' ? preview.value : preview.status === 'loading' ? preview.previous : null;
  const chosen = scenarioId ?? shown?.scenarioId ?? null;

  return (
    <>
      <div className="report-controls">
        <label htmlFor={selectId}>Scenario</label>
        {scenarios.status === 'ready' ? (
          <select id={selectId} value={chosen ?? ''} onChange={(e) => setScenarioId(Number(e.target.value) > 0 ? Number(e.target.value) : null)} disabled={scenarios.value.scenarios.length === 0}>
            {chosen === null ? <option value="">(most recently changed)</option> : null}
            {scenarios.value.scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        ) : (
          <select id={selectId} disabled value="">
            <option value="">{scenarios.status === 'loading' ? 'Reading the scenarios…' : 'Scenarios could not be read'}</option>
          </select>
        )}
        <span className="field-hint">Edit scenarios on the Projection screen.</span>
        <label htmlFor={populationId}>People</label>
        <select id={populationId} value={population} onChange={(e) => isReportPopulation(e.target.value) && setPopulation(e.target.value)}>
          <option value="auto">Best available (accepted, else shortlist, else long list)</option>
          <option value="accepted">Panel’s accepted cohort</option>
          <option value="shortlist">Proposed shortlist</option>
          <option value="longList">Long list</option>
          {tranches.map((t) => (
            <option key={t.month} value={`tranche:${t.month}`}>
              Intake tranche starting {t.label} ({t.starts})
            </option>
          ))}
        </select>
      </div>
      {scenarios.status === 'error' ? <RetryNotice message={scenarios.message} title="Could not read the saved scenarios" onRetry={reloadScenarios} small /> : null}

      {preview.status === 'loading' ? <LoadingState label={preview.previous ? 'Updating the report…' : 'Preparing the report…'} /> : null}
      {preview.status === 'error' ? <RetryNotice message={preview.message} title="Could not prepare the report" onRetry={() => setAttempt((a) => a + 1)} small /> : null}
      {shown ? <ReportReady report={shown} scenarioId={chosen} population={population} busy={preview.status === 'loading'} /> : null}
    </>
  );
}

function ReportReady({ report, scenarioId, population, busy }: { report: ReportPreview; scenarioId: number | null; population: ReportPopulation; busy: boolean }) {
  const [saving, setSaving] = useState<'pdf' | 'html' | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const save = async (format: 'pdf' | 'html') => {
    setSaving(format);
    setError(null);
    setResult(null);
    try {
      const delivery = await call(format === 'pdf' ? 'report.pdf' : 'report.saveHtml', { scenarioId, population });
      const message = completeExport(delivery);
      setResult(message ? `${message}, marked ${report.marking}. Recorded in the audit trail.` : 'Not saved: the save was cancelled.');
    } catch (e: unknown) {
      setError(errorMessage(e));
    } finally {
      setSaving(null);
    }
  };

  return (
    <>
      <dl className="exports-facts" data-testid="report-facts">
        <dt>Cohort</dt>
        <dd>
          {report.cohortDescription}: <strong>{report.people.toLocaleString('en-GB')}</strong> {report.people === 1 ? 'person' : 'people'}
        </dd>
        <dt>Scenario</dt>
        <dd>{report.scenarioName}</dd>
        <dt>Protective marking</dt>
        <dd>
          <strong data-testid="report-marking">{report.marking}</strong> <span className="muted">(top and bottom of every page and start of the file name; change it in Settings)</span>
        </dd>
        <dt>File name</dt>
        <dd className="file-name">{report.pdfFileName}</dd>
      </dl>
      {population === 'auto' && (report.cohortSource === 'shortlist' || report.cohortSource === 'longList') ? (
        <p className="notice notice-warn" data-testid="report-cohort-note">
          {report.cohortSource === 'shortlist'
            ? 'No panel decision has been recorded, so the report describes the proposed shortlist; it says so on its cover.'
            : 'No shortlist has been made, so the report describes the whole long list; it says so on its cover.'}
        </p>
      ) : null}
      {report.people === 0 ? <p className="notice notice-info">The cohort is empty, so the report has no projection to show yet.</p> : null}

      <div className="form-actions report-actions">
        {report.pdfAvailable ? (
          <button type="button" className="button primary" disabled={busy || saving !== null} onClick={() => void save('pdf')}>
            {saving === 'pdf' ? 'Printing…' : 'Save PDF'}
          </button>
        ) : null}
        <button type="button" className={`button ${report.pdfAvailable ? 'secondary' : 'primary'}`} disabled={busy || saving !== null} onClick={() => void save('html')}>
          {saving === 'html' ? 'Saving…' : 'Save HTML'}
        </button>
      </div>
      {!report.pdfAvailable ? (
        <p className="field-hint" data-testid="report-pdf-unavailable">
          PDF printing needs the desktop app. In this browser preview, save the report as HTML and print it to PDF from the browser (Print, then Save as PDF): it prints the
          same marked A4 pages.
        </p>
      ) : null}
      <ErrorNotice message={error} title="Not saved" />
      <p className="exports-status" role="status" aria-live="polite" data-testid="report-result">
        {result}
      </p>

      <ReportPreviewFrame report={report} />
    </>
  );
}

/**
 * The report as printed, in a frame that runs no script (sandbox without allow-scripts). The app's
 * CSP refuses inline styles, so the frame gets the HTML without its <style> and the same stylesheet
 * is applied here as a constructed sheet, which the CSP allows from the app's own script.
 */
function ReportPreviewFrame({ report }: { report: ReportPreview }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const applyStyles = useCallback(() => {
    const doc = frame.current?.contentDocument;
    const view = frame.current?.contentWindow as (Window & typeof globalThis) | null | undefined;
    if (!doc || !view) return;
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(report.css);
    doc.adoptedStyleSheets = [sheet];
  }, [report.css]);
  return (
    <div className="report-preview">
      <h3 className="report-preview-title">Preview</h3>
      <iframe ref={frame} className="report-preview-frame" title={`Preview of the report: ${report.title}`} sandbox="allow-same-origin" srcDoc={report.previewHtml} onLoad={applyStyles} data-testid="report-preview" />
    </div>
  );
}
