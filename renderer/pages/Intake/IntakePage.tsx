import { useEffect, useId, useMemo, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import type { IntakePlanView } from '../../../shared/intake/intakeSchemas';
import { SETTING_DEFAULTS } from '../../../shared/analysis/settingsSchemas';
import type { IntakeParams } from '../../../shared/intake/intakePlan';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { completeExport } from '../../components/saveFile';
import { formatCount, formatPercent, plural } from '../../../shared/domain/numberFormat';
import { useAsync } from '../../components/charts/useAsync';
import { draftFromParams, paramsFromDraft, type IntakeDraft } from './intakeDraft';
import { IntakeParamsForm } from './IntakeParamsForm';
import { IntakeChart } from './IntakeChart';
import { IntakeMonthTable, IntakePeople } from './IntakeTables';
import { Stat } from '../../components/Stat';

/** Typing pauses this long before the plan is recomputed, so each keystroke does not cost a call. */
const PLAN_DELAY_MS = 250;

function EmptyState({ title, children }: { title: string; children: string }) {
  return (
    <div className="page intake-page">
      <header className="page-header">
        <h1>Intake plan</h1>
      </header>
      <section className="panel empty-state" aria-labelledby="intake-empty-title" data-testid="intake-empty">
        <h2 id="intake-empty-title">{title}</h2>
        <p>{children}</p>
        <a className="button primary" href="#/panel">
          Go to the selection panel
        </a>
      </section>
    </div>
  );
}

/**
 * The staged intake of the panel's accepted cohort: monthly tranches within the team's capacity,
 * statutory and non-statutory marked, priority groups first. The plan is recomputed as the
 * parameters are typed; saving keeps them in the workspace for the shortlist export.
 */
export function IntakePage() {
  const [initial] = useCall('intake.plan', {});
  const [settings] = useCall('settings.get', {});
  const marking = settings.status === 'ready' ? settings.value.values.protectiveMarking : SETTING_DEFAULTS.protectiveMarking;

  if (initial.status === 'loading') return <LoadingState label="Reading the panel’s decisions…" />;
  if (initial.status === 'error') return <ErrorNotice message={initial.message} title="Could not make the intake plan" />;
  const view = initial.value;
  if (!view.report) return <EmptyState title="No panel has sat yet">The intake plan is made from the people the selection panel accepts. Hold a panel session on the proposed shortlist first.</EmptyState>;
  if (view.report.plan.totals.cohort === 0) {
    return <EmptyState title="The panel has not accepted anyone yet">{`Session “${view.report.session.title}” (${view.report.session.heldOn}) has no accepted decisions. Record the panel’s decisions, then come back to plan the intake.`}</EmptyState>;
  }
  return <IntakePlanner initial={view} marking={marking} />;
}

function IntakePlanner({ initial, marking }: { initial: IntakePlanView; marking: string }) {
  const sessionSelect = useId();
  const [sessionId, setSessionId] = useState<number>(initial.report!.session.id);
  const [draft, setDraft] = useState<IntakeDraft>(() => draftFromParams(initial.report!.params));
  const [saved, setSaved] = useState<IntakeParams | null>(initial.saved);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [exportStatus, setExportStatus] = useState('');
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const { params, problems } = useMemo(() => paramsFromDraft(draft), [draft]);

  const planKey = params ? JSON.stringify({ sessionId, params }) : null;
  const [debouncedKey, setDebouncedKey] = useState<string | null>(planKey);
  useEffect(() => {
    const timer = setTimeout(() => setDebouncedKey(planKey), PLAN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [planKey]);
  const planState = useAsync(debouncedKey, () => call('intake.plan', JSON.parse(debouncedKey!) as { sessionId: number; params: IntakeParams }));
  const view = planState.status === 'ready' ? planState.value : initial;
  const report = view.report;

  const unsaved = params !== null && JSON.stringify(params) !== JSON.stringify(saved);

  async function save() {
    if (!params) return;
    setSaving(true);
    setSaveError(null);
    try {
      const result = await call('intake.saveParams', { params });
      setSaved(result.saved);
      setStatus('Saved for this workspace.');
    } catch (error) {
      setSaveError(errorMessage(error));
      setStatus('');
    } finally {
      setSaving(false);
    }
  }

  async function exportCsv() {
    setExporting(true);
    setExportError(null);
    setExportStatus('');
    try {
      const result = await call('intake.exportCsv', { sessionId, params });
      setExportStatus(completeExport(result) ?? 'Export cancelled.');
    } catch (error) {
      setExportError(errorMessage(error));
    } finally {
      setExporting(false);
    }
  }

  if (!report) return <ErrorNotice message="The panel session is no longer there." title="Could not make the intake plan" />;
  const { plan } = report;
  const share = plan.statutoryShare;
  const stale = debouncedKey !== planKey || planState.status === 'loading';
  return (
    <div className="page intake-page">
      <header className="page-header">
        <h1>Intake plan</h1>
        <p className="muted">
          The panel’s accepted cohort cannot all start at once: it joins month by month within what the offender managers and police leads can hold (seed 004: a “stepped expansion” over Jan–May 2014,
          “a mixture of statutory and non-statutory offenders”).
        </p>
      </header>

      <div className="intake-toolbar">
        {view.sessions.length > 1 ? (
          <span className="inline-field">
            <label htmlFor={sessionSelect}>Panel session</label>
            <select id={sessionSelect} value={sessionId} onChange={(e) => setSessionId(Number(e.target.value))}>
              {view.sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title} ({s.heldOn}), {s.accepted} accepted
                </option>
              ))}
            </select>
          </span>
        ) : (
          <p className="muted intake-session">
            Panel session “{report.session.title}”, {report.session.heldOn} ({report.session.status}): {formatCount(report.session.accepted)} accepted against the shortlist’s {plural(report.shortlistCapacity, 'place')} for new entrants.
          </p>
        )}
        <button type="button" className="button secondary" onClick={() => void exportCsv()} disabled={exporting || !params}>
          Export plan (CSV)
        </button>
        <span role="status" aria-live="polite" className="intake-status" data-testid="intake-export-status">
          {exportStatus}
        </span>
      </div>
      <ErrorNotice message={exportError} title="Not exported" />
      {planState.status === 'error' ? <ErrorNotice message={planState.message} title="Could not recompute the plan" /> : null}

      <div className="intake-layout">
        <div className="intake-side">
          <IntakeParamsForm
            draft={draft}
            problems={problems}
            onChange={(next) => {
              setDraft(next);
              setStatus('');
            }}
            onSave={() => void save()}
            onDefaults={() => setDraft(draftFromParams(view.defaults))}
            canSave={params !== null && unsaved}
            saving={saving}
            status={status || (unsaved ? 'Not saved yet.' : saved ? 'As saved.' : '')}
          />
          <ErrorNotice message={saveError} title="Not saved" />
        </div>
        <div className="intake-main" aria-busy={stale}>
          <section aria-label="Plan in figures" className="stat-grid intake-stats">
            <Stat value={formatCount(plan.totals.cohort)} label="Accepted by the panel" testId="intake-accepted" />
            <Stat value={formatCount(plan.totals.planned)} label="Start in the period" testId="intake-planned" />
            <Stat value={formatCount(plan.totals.notFitting)} label="Do not fit" testId="intake-not-fitting-count" warn={plan.totals.notFitting > 0} />
            <Stat value={share.share === null ? '—' : formatPercent(share.share)} label={`Statutory${share.inBand === null ? '' : share.inBand ? ' (in the 55–60% band)' : ' (outside 55–60%)'}`} testId="intake-share" />
          </section>
          <p className="working-line" data-testid="intake-places">
            <strong>{plural(plan.newEntrants.places, 'place')} for new entrants</strong> over the period: <code>{plan.newEntrants.working}</code>
          </p>
          <p className="intake-share-text" data-testid="intake-share-text">{share.text}</p>
          <IntakeChart plan={plan} marking={marking} state={{ status: 'ready' }} />
        </div>
      </div>
      <IntakeMonthTable report={report} />
      <IntakePeople report={report} />
      <details className="panel intake-working" data-testid="intake-working">
        <summary>Show the working</summary>
        <ol className="working-list">
          {plan.working.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ol>
      </details>
    </div>
  );
}
