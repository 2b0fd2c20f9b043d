import { useCall } from '../../api/useCall';
import { capacityStanding } from '../../../shared/panel/panelDecisions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { formatIsoDate, whoAndWhen } from '../Candidates/candidateLabels';
import { PanelSessionPage } from './PanelSessionPage';
import { formatCount } from '../../../shared/domain/numberFormat';
import { DataTable } from '../../components/DataTable';

/** `panel` lists the sessions; `panel/<id>` opens one. */
export function PanelPage({ route, onNavigate }: { route: string; onNavigate(route: string): void }) {
  const id = route.split('/')[1];
  if (id !== undefined && id !== '') return <PanelSessionPage sessionId={Number(id)} onNavigate={onNavigate} />;
  return <PanelSessionList onNavigate={onNavigate} />;
}

function PanelSessionList({ onNavigate }: { onNavigate(route: string): void }) {
  const [sessions] = useCall('panel.list', {});
  if (sessions.status === 'loading') return <LoadingState label="Reading the panel sessions…" />;
  if (sessions.status === 'error') return <ErrorNotice message={sessions.message} title="Could not read the panel sessions" />;
  const list = sessions.value;
  return (
    <div className="page pnl-page">
      <header className="page-header">
        <h1>Panel</h1>
        <p className="muted">The cross-agency selection panel takes each proposed person in turn and records accept, reject or defer, with the reason. The accepted people are the final cohort.</p>
      </header>
      {list.length === 0 ? (
        <section className="panel empty-state" aria-labelledby="pnl-none-title">
          <h2 id="pnl-none-title">No panel sessions yet</h2>
          <p>Run the selection rules on the Shortlist screen, then start a panel session there.</p>
          <a
            className="button primary"
            href="#/shortlist"
            onClick={(e) => {
              e.preventDefault();
              onNavigate('shortlist');
            }}
          >
            Go to the shortlist
          </a>
        </section>
      ) : (
        <section className="panel" aria-labelledby="pnl-sessions-title">
          <h2 id="pnl-sessions-title">Sessions, newest first</h2>
          <DataTable columns={['Session', 'Held on', 'Status', { label: 'Decided', numeric: true }, 'Accepted against capacity', 'Started']} scroll data-testid="pnl-sessions">
            {list.map((s) => (
              <tr key={s.id}>
                <td>
                  <a
                    href={`#/panel/${s.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      onNavigate(`panel/${s.id}`);
                    }}
                  >
                    {s.title}
                  </a>
                  {s.onLatestShortlist ? null : <span className="muted"> (an earlier shortlist)</span>}
                </td>
                <td className="nowrap">{formatIsoDate(s.heldOn)}</td>
                <td>{s.status === 'open' ? <span className="pill pill-info">Open</span> : <span className="pill">Closed</span>}</td>
                <td className="num">
                  {formatCount(s.progress.decided)} of {formatCount(s.progress.agenda)}
                </td>
                <td>{capacityStanding(s.progress)}</td>
                <td className="muted">{whoAndWhen(s.createdBy, s.createdAt)}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      )}
    </div>
  );
}
