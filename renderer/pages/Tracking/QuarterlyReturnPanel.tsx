import { useId, useMemo, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import type { TrackingView } from '../../../shared/tracking/trackingSchemas';
import { formatDisplayDate } from '../../../shared/domain/dateDisplay';
import { returnQuarterOptions } from '../../../shared/tracking/returnQuarter';
import { completeExport } from '../../components/saveFile';
import { ErrorNotice } from '../../components/ErrorNotice';

/**
 * The quarterly return (issue 20, point 5): a marked .xlsx of the counts a police and crime
 * commissioner's office asks of the scheme, for a quarter the arrest data cover to its end, of the
 * cohort and projection this screen follows. The main process builds, saves and audits it.
 */
export function QuarterlyReturnPanel({ view }: { view: TrackingView }) {
  const selectId = useId();
  const firstStart = useMemo(() => view.result.people.reduce<string | null>((first, p) => (first === null || p.startDate < first ? p.startDate : first), null), [view]);
  const quarters = useMemo(() => returnQuarterOptions(firstStart, view.dataTo), [firstStart, view.dataTo]);
  const [chosen, setChosen] = useState<string | null>(null);
  const quarter = quarters.find((q) => q.code === chosen) ?? quarters[0] ?? null;
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function save() {
    if (!quarter) return;
    setBusy(true);
    setStatus('');
    setError(null);
    try {
      const delivery = await call('tracking.quarterlyReturn', { quarter: quarter.code, cohort: view.cohort.source, scenarioId: view.scenario.id });
      const outcome = completeExport(delivery);
      setStatus(outcome ? `${outcome}. Recorded in the audit trail.` : 'Not saved: the save was cancelled.');
    } catch (e: unknown) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="quarterly-return-title" data-testid="quarterly-return">
      <h2 id="quarterly-return-title">Quarterly return</h2>
      <p>
        For the police and crime commissioner’s office: cohort size, starts and exits by group; arrests and estimated offences before and after joining; cost of crime avoided; and the comparison
        group, with the definitions and caveats. Calendar quarters, counted to the quarter’s last day, marked and recorded in the audit trail.
      </p>
      {quarter ? (
        <div className="report-controls">
          <label htmlFor={selectId}>Quarter</label>
          <select id={selectId} value={quarter.code} onChange={(e) => setChosen(e.target.value)} disabled={busy}>
            {quarters.map((q) => (
              <option key={q.code} value={q.code}>
                {q.label}
              </option>
            ))}
          </select>
          <button type="button" className="button primary" disabled={busy} onClick={() => void save()} data-testid="quarterly-return-save">
            {busy ? 'Preparing the return…' : 'Save the quarterly return (.xlsx)'}
          </button>
        </div>
      ) : (
        <p className="notice notice-info" data-testid="quarterly-return-none">
          No quarter can be returned yet: {firstStart === null ? 'no one in the cohort has started within the data' : `the arrest data run to ${formatDisplayDate(view.dataTo)}, and no quarter since the first start has ended by then`}.
          Import the later arrests extract on the <a href="#/import">Import</a> screen.
        </p>
      )}
      <p className="muted" role="status" aria-live="polite" data-testid="quarterly-return-status">
        {status}
      </p>
      {error ? <ErrorNotice message={error} title="Could not make the return" /> : null}
    </section>
  );
}
