import { useCallback, useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import type { PanelMember, PanelSession, PanelSessionView } from '../../../shared/panel/panelSchemas';
import { capacityStanding, PANEL_AGENCIES, PANEL_AGENCY_LABELS } from '../../../shared/panel/panelDecisions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { ProgressBar } from '../../components/ProgressBar';
import { formatDateTime, formatIsoDate, whoAndWhen } from '../Candidates/candidateLabels';
import { CohortSummary } from './CohortSummary';
import { PanelList } from './PanelList';
import { PanelWalk, type DecideResult } from './PanelWalk';
import { formatCount } from '../../../shared/domain/numberFormat';
import { Stat } from '../../components/Stat';
import { BackLink } from '../../components/BackLink';

type Mode = 'walk' | 'list' | 'cohort';
const MODE_LABELS: Readonly<Record<Mode, string>> = { walk: 'One at a time', list: 'As a list', cohort: 'Final cohort' };

function membersByAgency(members: readonly PanelMember[]): Array<{ agency: string; names: string[] }> {
  return PANEL_AGENCIES.map((agency) => ({ agency: PANEL_AGENCY_LABELS[agency], names: members.filter((m) => m.agency === agency).map((m) => m.name) })).filter((g) => g.names.length > 0);
}

/** One panel session: who sat, how far it has got, the walk or the list, and the final cohort. */
export function PanelSessionPage({ sessionId, onNavigate }: { sessionId: number; onNavigate(route: string): void }) {
  const [view, setView] = useState<PanelSessionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('walk');
  const [index, setIndex] = useState(0);
  const [statusBusy, setStatusBusy] = useState(false);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [decisions, setDecisions] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    call('panel.get', { sessionId }).then(
      (value) => {
        if (!live) return;
        setView(value);
        // Start at the first person still to decide, so a resumed meeting picks up where it stopped.
        const first = value.people.findIndex((p) => p.current === null);
        setIndex(first < 0 ? 0 : first);
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [sessionId]);

  // The title takes the focus once loaded, so a screen reader starts at the session's name.
  const loaded = view !== null;
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);

  const onDecided = useCallback((personId: number, result: DecideResult) => {
    setView((v) =>
      v
        ? {
            ...v,
            session: { ...v.session, progress: result.progress },
            people: v.people.map((p) => (p.personId === personId ? { ...p, current: result.decision, decisionCount: result.decisionCount } : p)),
          }
        : v,
    );
    setDecisions((n) => n + 1);
  }, []);

  if (!Number.isInteger(sessionId) || sessionId <= 0) return <ErrorNotice message="That address does not name a panel session." title="No such session" />;
  if (error) {
    return (
      <div className="page">
        <BackLink route="panel" label="← All panel sessions" onNavigate={onNavigate} />
        <ErrorNotice message={error} title="Could not open the panel session" />
      </div>
    );
  }
  if (!view) return <LoadingState label="Opening the panel session…" />;
  const { session } = view;
  const progress = session.progress;

  async function setStatus(next: 'close' | 'reopen') {
    setStatusBusy(true);
    setStatusError(null);
    try {
      const updated: PanelSession = await call(next === 'close' ? 'panel.close' : 'panel.reopen', { sessionId });
      setView((v) => (v ? { ...v, session: updated } : v));
      setDecisions((n) => n + 1);
    } catch (e) {
      setStatusError(errorMessage(e));
    } finally {
      setStatusBusy(false);
    }
  }

  const undecided = progress.agenda - progress.decided;
  return (
    <div className="page pnl-page">
      <BackLink route="panel" label="← All panel sessions" onNavigate={onNavigate} />
      <header className="page-header pnl-header">
        <div className="pnl-title-row">
          <h1 ref={headingRef} tabIndex={-1} data-testid="pnl-title">
            {session.title}
          </h1>
          <span className={session.status === 'open' ? 'pill pill-info' : 'pill'} data-testid="pnl-status">
            {session.status === 'open' ? 'Open' : 'Closed'}
          </span>
          <span className="muted pnl-started">
            started by {whoAndWhen(session.createdBy, session.createdAt)}
            {session.closedAt ? `; closed ${formatDateTime(session.closedAt)}` : ''}
          </span>
          <div className="pnl-header-actions">
            {session.status === 'open' ? (
              <button type="button" className="button secondary" onClick={() => void setStatus('close')} disabled={statusBusy}>
                Close the session
              </button>
            ) : (
              <button type="button" className="button secondary" onClick={() => void setStatus('reopen')} disabled={statusBusy}>
                Reopen the session
              </button>
            )}
          </div>
        </div>
        <p className="person-facts">
          <span>Held on {formatIsoDate(session.heldOn)}</span>
          <span>
            Rules “{view.ruleSetName}” v{view.ruleSetVersion}, arrests over {view.window.windowMonths} months to {formatIsoDate(view.window.referenceDate)}
          </span>
        </p>
        <dl className="pnl-members" data-testid="pnl-members">
          {membersByAgency(session.members).map((g) => (
            <div key={g.agency}>
              <dt>{g.agency}</dt>
              <dd>{g.names.join(', ')}</dd>
            </div>
          ))}
        </dl>
      </header>
      {!session.onLatestShortlist ? <p className="notice notice-warn">A newer shortlist has been made since this session started; this session keeps reviewing the shortlist it was started on.</p> : null}
      <ErrorNotice message={statusError} title="The session was not changed" />

      <section className="panel pnl-progress" aria-label="Progress" data-testid="pnl-progress">
        <div className="pnl-progress-bar">
          <ProgressBar label="Decided" fraction={progress.agenda === 0 ? 1 : progress.decided / progress.agenda} />
          <p className="pnl-progress-line">
            <strong data-testid="pnl-decided">
              {formatCount(progress.decided)} / {formatCount(progress.agenda)}
            </strong>{' '}
            decided{progress.reserves > 0 ? ` (${formatCount(progress.proposed)} proposed + ${formatCount(progress.reserves)} reserves)` : ''} · {formatCount(undecided)} still to decide
          </p>
        </div>
        <div className="stat-grid pnl-stats">
          <Stat value={`${formatCount(progress.accepted)} / ${formatCount(progress.capacity)}`} label={capacityStanding(progress)} testId="pnl-accepted-count" labelTestId="pnl-capacity-standing" warn={progress.accepted > progress.capacity} />
          <Stat value={formatCount(progress.rejected)} label="rejected" testId="pnl-rejected-count" />
          <Stat value={formatCount(progress.deferred)} label="deferred" testId="pnl-deferred-count" />
        </div>
      </section>

      <div className="segmented" role="group" aria-label="View">
        {(Object.keys(MODE_LABELS) as Mode[]).map((m) => (
          <button key={m} type="button" className="segmented-option" aria-pressed={mode === m} onClick={() => setMode(m)}>
            {MODE_LABELS[m]}
          </button>
        ))}
      </div>
      <section className="panel" aria-label={MODE_LABELS[mode]}>
        {mode === 'walk' ? <PanelWalk view={view} index={index} onIndex={setIndex} onDecided={onDecided} /> : null}
        {mode === 'list' ? (
          <PanelList
            people={view.people}
            onOpen={(i) => {
              setIndex(i);
              setMode('walk');
            }}
          />
        ) : null}
        {mode === 'cohort' ? <CohortSummary sessionId={sessionId} version={decisions} /> : null}
      </section>
    </div>
  );
}

