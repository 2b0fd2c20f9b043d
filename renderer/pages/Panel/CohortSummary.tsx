import { useCall } from '../../api/useCall';
import { capacityStanding, PANEL_REASON_LABELS, PANEL_REASONS } from '../../../shared/panel/panelDecisions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { displayName, whoAndWhen } from '../Candidates/candidateLabels';
import { formatCount, plural } from '../../../shared/domain/numberFormat';
import { DataTable } from '../../components/DataTable';

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`;
}

/**
 * The panel's outcome: the accepted people (the final cohort the exports, intake plan and report
 * take), set against the capacity the shortlist was sized for, with why others were turned down.
 */
export function CohortSummary({ sessionId, version }: { sessionId: number; version: number }) {
  const [cohort] = useCall('panel.cohort', { sessionId }, [sessionId, version]);
  if (cohort.status === 'loading') return <LoadingState label="Counting the final cohort…" />;
  if (cohort.status === 'error') return <ErrorNotice message={cohort.message} title="Could not count the final cohort" />;
  const c = cohort.value;
  const over = c.placesLeft < 0;
  const rejectRows = PANEL_REASONS.filter((r) => c.reasons.reject[r] > 0 || c.reasons.defer[r] > 0);
  return (
    <div className="pnl-cohort" data-testid="pnl-cohort">
      <div className="capacity">
        <p className="headline" data-testid="pnl-cohort-standing">
          <strong className="capacity-figure">{formatCount(c.counts.accepted)}</strong> in the final cohort against a capacity of <strong>{formatCount(c.capacity)}</strong>:{' '}
          {over ? <strong className="pnl-over">{formatCount(-c.placesLeft)} over capacity</strong> : c.placesLeft === 0 ? 'capacity exactly filled' : `${plural(c.placesLeft, 'place')} left`}.
        </p>
        <div className="meter" role="img" aria-label={capacityStanding({ accepted: c.counts.accepted, capacity: c.capacity })}>
          <div className={over ? 'meter-fill pnl-meter-over' : 'meter-fill'} style={{ width: `${Math.min(100, (c.counts.accepted / Math.max(1, c.capacity)) * 100)}%` }} />
        </div>
        {c.caseload && c.caseload.counted !== c.caseload.now ? (
          <p className="notice notice-info" data-testid="pnl-caseload-changed">
            The caseload on the books has changed since the shortlist counted it ({formatCount(c.caseload.counted)} then, {formatCount(c.caseload.now)} now, with exits recorded on the{' '}
            <a href="#/tracking">Tracking</a> screen): {c.caseload.now < c.caseload.counted ? `${plural(c.caseload.counted - c.caseload.now, 'place')} more may be free` : `${plural(c.caseload.now - c.caseload.counted, 'place')} fewer may be free`}.
            The capacity above is the shortlist’s; the <a href="#/intake">intake plan</a> frees a place from the month of each exit.
          </p>
        ) : null}
        <p className="muted">
          {formatCount(c.counts.rejected)} rejected · {formatCount(c.counts.deferred)} deferred · {formatCount(c.counts.undecided)} of the proposed not decided yet
          {c.status === 'open' ? ' · the session is still open' : ' · the session is closed'}.
        </p>
      </div>
      <div className="pnl-cohort-grid">
        <section aria-labelledby="pnl-statutory-title">
          <h3 id="pnl-statutory-title">Statutory and non-statutory</h3>
          <table className="table compact">
            <tbody>
              <tr>
                <th scope="row">Statutory (licence or order)</th>
                <td className="num">{formatCount(c.statutory.statutory)}</td>
                <td className="num muted">{percent(c.statutory.statutory, c.counts.accepted)}</td>
              </tr>
              <tr>
                <th scope="row">Non-statutory</th>
                <td className="num">{formatCount(c.statutory.nonStatutory)}</td>
                <td className="num muted">{percent(c.statutory.nonStatutory, c.counts.accepted)}</td>
              </tr>
              <tr>
                <th scope="row">Not known</th>
                <td className="num">{formatCount(c.statutory.unknown)}</td>
                <td className="num muted">{percent(c.statutory.unknown, c.counts.accepted)}</td>
              </tr>
            </tbody>
          </table>
          <p className="muted small-print">The seed’s cohort was about 55–60% statutory.</p>
        </section>
        <section aria-labelledby="pnl-reasons-title">
          <h3 id="pnl-reasons-title">Why others were not taken</h3>
          {rejectRows.length === 0 ? (
            <p className="muted">Nobody has been rejected or deferred.</p>
          ) : (
            <DataTable columns={['Reason', { label: 'Rejected', numeric: true }, { label: 'Deferred', numeric: true }]} data-testid="pnl-reasons">
              {rejectRows.map((r) => (
                <tr key={r}>
                  <th scope="row">{PANEL_REASON_LABELS[r]}</th>
                  <td className="num">{formatCount(c.reasons.reject[r])}</td>
                  <td className="num">{formatCount(c.reasons.defer[r])}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
      </div>
      <section aria-labelledby="pnl-accepted-title">
        <h3 id="pnl-accepted-title">Accepted people</h3>
        {c.accepted.length === 0 ? (
          <p className="muted">Nobody has been accepted yet.</p>
        ) : (
          <DataTable columns={[{ label: '#', numeric: true }, 'Name', 'PNC', 'Statutory', 'Accepted']} scroll data-testid="pnl-accepted">
            {c.accepted.map((m) => (
              <tr key={m.personId}>
                <td className="num">{m.place ?? '—'}</td>
                <td>
                  {displayName(m.surname, m.forenames)}
                  {m.role === 'reserve' ? <span className="pill pill-warn">Reserve</span> : null}
                </td>
                <td className="cand-pnc nowrap">{m.pnc ?? '—'}</td>
                <td>{m.statutory === null ? <span className="muted">Not known</span> : m.statutory ? 'Yes' : 'No'}</td>
                <td className="muted">{whoAndWhen(m.decidedBy, m.decidedAt)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
