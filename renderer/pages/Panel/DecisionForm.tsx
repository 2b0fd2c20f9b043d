import { useId, type FormEvent, type RefObject } from 'react';
import { decisionProblem, PANEL_DECISION_LABELS, PANEL_DECISIONS, PANEL_NOTE_MAX_LENGTH, PANEL_REASON_LABELS, PANEL_REASONS, type PanelDecision, type PanelReason } from '../../../shared/panel/panelDecisions';

export interface DecisionDraft {
  decision: PanelDecision | null;
  reason: PanelReason | null;
  note: string;
}

export const EMPTY_DECISION: DecisionDraft = { decision: null, reason: null, note: '' };

/**
 * Accept, reject or defer, with a reason from the list (needed to reject or defer) and a note
 * ("other" must say why). Controlled by the walk, so its keyboard shortcuts can fill it in.
 */
export function DecisionForm({
  draft,
  onChange,
  onSubmit,
  busy,
  closed,
  current,
  problem,
  reasonRef,
  submitRef,
  formRef,
  noteRef,
}: {
  draft: DecisionDraft;
  onChange(next: DecisionDraft): void;
  onSubmit(): void;
  busy: boolean;
  closed: boolean;
  /** The decision already recorded, if any: the form then revises it. */
  current: DecisionDraft | null;
  problem: string | null;
  reasonRef: RefObject<HTMLSelectElement | null>;
  submitRef: RefObject<HTMLButtonElement | null>;
  formRef: RefObject<HTMLFormElement | null>;
  noteRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const id = useId();
  const revising = current !== null;
  // Recording the same decision again would only add a duplicate to the history.
  const unchanged = current !== null && current.decision === draft.decision && current.reason === draft.reason && current.note.trim() === draft.note.trim();
  const needsReason = draft.decision === 'reject' || draft.decision === 'defer';
  const check = draft.decision === null ? null : decisionProblem({ decision: draft.decision, reason: draft.reason, note: draft.note });

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }

  return (
    <form ref={formRef} className="pnl-decision" onSubmit={submit} aria-label={revising ? 'Revise the decision' : 'Record the decision'}>
      <fieldset className="pnl-choices" disabled={closed}>
        <legend>{revising ? 'Revise the decision' : 'Decision'}</legend>
        {PANEL_DECISIONS.map((d) => (
          <label key={d} className={`pnl-choice pnl-choice-${d}`}>
            <input
              type="radio"
              name={`${id}-decision`}
              value={d}
              checked={draft.decision === d}
              onChange={() => onChange({ ...draft, decision: d, reason: d === 'accept' ? null : draft.reason })}
            />
            {PANEL_DECISION_LABELS[d]}
            <kbd aria-hidden="true">{d[0]!.toUpperCase()}</kbd>
          </label>
        ))}
      </fieldset>
      <div className="pnl-decision-fields">
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason{needsReason ? '' : ' (to reject or defer)'}</label>
          <select
            id={`${id}-reason`}
            ref={reasonRef}
            value={draft.reason ?? ''}
            disabled={closed || !needsReason}
            onChange={(e) => onChange({ ...draft, reason: e.target.value === '' ? null : (e.target.value as PanelReason) })}
            aria-invalid={needsReason && draft.reason === null && problem !== null ? true : undefined}
          >
            <option value="">{needsReason ? 'Choose a reason…' : '—'}</option>
            {PANEL_REASONS.map((r, i) => (
              <option key={r} value={r}>
                {i + 1}. {r === 'other' ? 'Other (say why in the note)' : PANEL_REASON_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <div className="field pnl-note-field">
          <label htmlFor={`${id}-note`}>Note{draft.reason === 'other' ? ' (say why)' : ''}</label>
          <textarea
            id={`${id}-note`}
            rows={2}
            value={draft.note}
            maxLength={PANEL_NOTE_MAX_LENGTH}
            disabled={closed}
            onChange={(e) => onChange({ ...draft, note: e.target.value })}
            ref={noteRef}
            aria-describedby={`${id}-note-hint`}
          />
          <span id={`${id}-note-hint`} className="field-hint">
            Kept in the encrypted workspace with your name and the time, never in the audit trail. Enter records, Shift+Enter starts a line, Alt+A/R/D decide.
          </span>
        </div>
      </div>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="form-actions start">
        <button type="submit" ref={submitRef} className="button primary" disabled={closed || busy || draft.decision === null || unchanged}>
          {busy ? 'Recording…' : revising ? 'Record the revised decision' : 'Record the decision'}
        </button>
        {unchanged ? <span className="muted">This is the decision already recorded; change it to revise.</span> : check && draft.decision !== null ? <span className="muted">{check}</span> : null}
      </div>
    </form>
  );
}
