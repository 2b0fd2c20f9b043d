import { useId, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import type { TrackedPersonName, TrackingView } from '../../../shared/tracking/trackingSchemas';
import { EXIT_REASONS, exitReasonText, MAX_EXIT_REASON_LENGTH, type ExitReasonChoice } from '../../../shared/tracking/caseloadExits';
import { formatDisplayDate, formatDisplayMonth } from '../../../shared/domain/dateDisplay';
import { isIsoDate } from '../../../shared/domain/isoDate';
import { formatCount } from '../../../shared/domain/numberFormat';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DateField } from '../../components/DateField';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useSubmit } from '../../components/useSubmit';
import { DataTable } from '../../components/DataTable';
import { Options } from '../../components/Options';

interface Exit {
  personId: number;
  date: string;
  reason: string;
}

/** What the section last did, said once with the way back where there is one. */
type Outcome = { kind: 'recorded'; exit: Exit } | { kind: 'cleared'; exit: Exit } | { kind: 'restored'; exit: Exit };

function nameOf(n: TrackedPersonName | undefined, personId: number): string {
  if (!n) return `#${personId}`;
  const name = [n.surname, n.forenames].filter(Boolean).join(', ') || '(no name given)';
  return n.pnc ? `${name} (${n.pnc})` : name;
}

/**
 * Recording that a member left the cohort, and taking a mistaken exit back (issue 20, point 1):
 * through the same calls and contract as `iom-cohort track exit` / `clear-exit`, each audited.
 * A recorded exit frees the member's place on the caseload from the exit date (Home, Shortlist
 * places, Intake plan); the member is still followed after it.
 */
export function ExitRecording({ view, onChanged }: { view: TrackingView; onChanged(): void }) {
  const id = useId();
  const names = new Map(view.names.map((n) => [n.personId, n]));
  // Every member with a start, followed yet or not (a tranche after the data ends can still have left).
  const onCohort = view.names.filter((n) => n.startDate !== null && n.exit === null);
  const exited = view.names.filter((n) => n.exit !== null);
  const [personId, setPersonId] = useState('');
  const [exitDate, setExitDate] = useState('');
  const [choice, setChoice] = useState<ExitReasonChoice>(EXIT_REASONS[0]);
  const [note, setNote] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [clearing, setClearing] = useState<Exit | null>(null);
  const [clearBusy, setClearBusy] = useState(false);
  const [clearError, setClearError] = useState<string | null>(null);
  const [undoError, setUndoError] = useState<string | null>(null);

  const chosen = onCohort.find((n) => String(n.personId) === personId);
  const record = useSubmit(async () => {
    setFormError(null);
    setOutcome(null);
    const reason = exitReasonText(choice, note);
    if (!chosen) return setFormError('Choose the member who left.');
    if (!isIsoDate(exitDate)) return setFormError('Give the exit date as dd/mm/yyyy.');
    if (chosen.startDate !== null && exitDate < chosen.startDate) return setFormError(`The exit date cannot be before the member’s start on ${formatDisplayDate(chosen.startDate)}.`);
    if (reason === null) return setFormError('Say in a few words why the member left (the reason “Other” needs them).');
    if (reason.length > MAX_EXIT_REASON_LENGTH) return setFormError(`The reason is too long (at most ${MAX_EXIT_REASON_LENGTH} characters).`);
    await call('tracking.recordExit', { personId: chosen.personId, exitDate, reason });
    setOutcome({ kind: 'recorded', exit: { personId: chosen.personId, date: exitDate, reason } });
    setPersonId('');
    setExitDate('');
    setNote('');
    onChanged();
  });

  async function clearExit(exit: Exit) {
    setClearBusy(true);
    setClearError(null);
    try {
      await call('tracking.clearExit', { personId: exit.personId });
      setClearing(null);
      setOutcome({ kind: 'cleared', exit });
      onChanged();
    } catch (e) {
      setClearError(errorMessage(e));
    } finally {
      setClearBusy(false);
    }
  }

  async function undoClear(exit: Exit) {
    setUndoError(null);
    try {
      await call('tracking.recordExit', { personId: exit.personId, exitDate: exit.date, reason: exit.reason });
      setOutcome({ kind: 'restored', exit });
      onChanged();
    } catch (e) {
      setUndoError(errorMessage(e));
    }
  }

  const month = (date: string) => formatDisplayMonth(date.slice(0, 7));
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="tracking-exits">
      <h2 id={`${id}-title`}>Exits from the cohort</h2>
      <p>
        When a member leaves, record the date and why. From the exit date their place is free: the Home page’s caseload, the Shortlist’s places and the{' '}
        <a href="#/intake">intake plan</a> count them off the books from that month. They are still followed afterwards, so leaving early counts against the cohort rather
        than flattering it.
      </p>
      <form className="exit-form" onSubmit={record.onSubmit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-person`}>Member</label>
          <select id={`${id}-person`} value={personId} onChange={(e) => setPersonId(e.target.value)} disabled={record.busy}>
            <option value="">Choose a member…</option>
            {onCohort.map((p) => (
              <option key={p.personId} value={p.personId}>
                {nameOf(p, p.personId)} · started {formatDisplayDate(p.startDate)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>Exit date</label>
          <DateField id={`${id}-date`} value={exitDate} onChange={setExitDate} disabled={record.busy} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason</label>
          <select id={`${id}-reason`} value={choice} onChange={(e) => setChoice(e.target.value as ExitReasonChoice)} disabled={record.busy}>
            <Options values={EXIT_REASONS} />
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{choice === 'Other' ? 'Why (needed)' : 'Note (optional)'}</label>
          <input id={`${id}-note`} type="text" value={note} maxLength={MAX_EXIT_REASON_LENGTH} onChange={(e) => setNote(e.target.value)} disabled={record.busy} />
        </div>
        <div className="field exit-form-submit">
          <button type="submit" className="button" disabled={record.busy}>
            {record.busy ? 'Recording…' : 'Record exit'}
          </button>
        </div>
      </form>
      <ErrorNotice message={formError ?? record.error} title="Exit not recorded" />
      <p role="status" aria-live="polite" data-testid="exit-status">
        {outcome?.kind === 'recorded'
          ? `Recorded: ${nameOf(names.get(outcome.exit.personId), outcome.exit.personId)} left on ${formatDisplayDate(outcome.exit.date)} (${outcome.exit.reason}). Their place is free from ${month(outcome.exit.date)}.`
          : outcome?.kind === 'cleared'
            ? `Exit taken back: ${nameOf(names.get(outcome.exit.personId), outcome.exit.personId)} is on the cohort again and holds a place on the caseload.`
            : outcome?.kind === 'restored'
              ? `Exit recorded again: ${nameOf(names.get(outcome.exit.personId), outcome.exit.personId)} left on ${formatDisplayDate(outcome.exit.date)}.`
              : null}
        {outcome?.kind === 'cleared' ? (
          <>
            {' '}
            <button type="button" className="button secondary small" onClick={() => void undoClear(outcome.exit)} data-testid="exit-undo">
              Undo
            </button>
          </>
        ) : null}
      </p>
      <ErrorNotice message={undoError} title="Not undone" />
      <h3>Recorded exits ({formatCount(exited.length)})</h3>
      {exited.length === 0 ? (
        <p className="muted">No one has been recorded as leaving.</p>
      ) : (
        <DataTable columns={['Member', 'Started', 'Left', 'Reason', { label: 'Take back', hiddenLabel: true }]} caption="Members recorded as having left the cohort" scroll data-testid="exits-table">
          {exited.map((p) => (
            <tr key={p.personId}>
              <th scope="row">{nameOf(p, p.personId)}</th>
              <td className="nowrap">{formatDisplayDate(p.startDate)}</td>
              <td className="nowrap">{formatDisplayDate(p.exit!.date)}</td>
              <td>{p.exit!.reason}</td>
              <td>
                <button type="button" className="button secondary small" onClick={() => setClearing({ personId: p.personId, date: p.exit!.date, reason: p.exit!.reason })}>
                  Take back…
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <ConfirmDialog
        open={clearing !== null}
        title="Take back this exit?"
        confirmLabel="Take back the exit"
        busy={clearBusy}
        error={clearError}
        onConfirm={() => clearing && void clearExit(clearing)}
        onCancel={() => {
          setClearing(null);
          setClearError(null);
        }}
      >
        {clearing ? (
          <>
            <p>
              <strong>{nameOf(names.get(clearing.personId), clearing.personId)}</strong> goes back on the cohort: the exit of {formatDisplayDate(clearing.date)} (“{clearing.reason}”) is removed.
            </p>
            <ul>
              <li>The caseload counts them again from {month(clearing.date)}, so one place fewer is free for new entrants from then (Home, Shortlist places, Intake plan).</li>
              <li>The Tracking figures count one exit fewer; their arrests are followed as before.</li>
              <li>The audit log records the change. You can undo it straight after, which records the same exit again.</li>
            </ul>
          </>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
