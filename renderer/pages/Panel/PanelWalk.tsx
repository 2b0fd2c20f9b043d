import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import type { PanelPerson, PanelSessionView } from '../../../shared/api/panelCalls';
import { decisionProblem, PANEL_DECISION_DONE, PANEL_REASON_LABELS, type PanelDecision } from '../../../shared/panelDecisions';
import type { CallOutput } from '../../../shared/api/contract';
import { displayName } from '../Candidates/candidateLabels';
import { DecisionForm, EMPTY_DECISION, type DecisionDraft } from './DecisionForm';
import { PersonCard } from './PersonCard';
import { formatCount } from '../../../shared/numberFormat';

export type DecideResult = CallOutput<'panel.decide'>;

function draftOf(person: PanelPerson | undefined): DecisionDraft {
  const current = person?.current;
  return current ? { decision: current.decision, reason: current.reason, note: current.note } : EMPTY_DECISION;
}

/** Text inputs keep their letters; the shortcuts work anywhere else on the page. */
function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['radio', 'checkbox', 'button', 'submit'].includes(target.type);
}

/**
 * One person at a time, as the seed's panel took them ("case by case"): previous / next (← →),
 * the next undecided, and A / R / D to choose a decision. After recording, the walk moves on unless
 * the analyst turns that off.
 */
export function PanelWalk({
  view,
  index,
  onIndex,
  onDecided,
}: {
  view: PanelSessionView;
  index: number;
  onIndex(index: number): void;
  onDecided(personId: number, result: DecideResult): void;
}) {
  const people = view.people;
  const person = people[index];
  const closed = view.session.status === 'closed';
  const [draft, setDraft] = useState<DecisionDraft>(() => draftOf(person));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [advance, setAdvance] = useState(true);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const reasonRef = useRef<HTMLSelectElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const arrived = useRef(false);
  const focusNext = useRef<'submit' | 'reason' | null>(null);
  const [shortcutUsed, setShortcutUsed] = useState(0);

  const personId = person?.personId;
  // Before the new person is painted: as a passive effect, this reset could run after a shortcut
  // pressed the moment the name appeared, and wipe the decision the key had just chosen.
  useLayoutEffect(() => {
    setDraft(draftOf(people[index]));
    setProblem(null);
    // The name takes the focus when the walk moves (not on first showing), so a screen reader reads it.
    if (arrived.current) headingRef.current?.focus();
    arrived.current = true;
    // Keyed by id only: a move to another person resets the form, a refreshed copy of the same person does not.
  }, [personId]);

  const go = useCallback((next: number) => onIndex(Math.max(0, Math.min(people.length - 1, next))), [onIndex, people.length]);
  const nextUndecided = useCallback(() => {
    for (let step = 1; step <= people.length; step++) {
      const i = (index + step) % people.length;
      if (people[i]!.current === null) return i;
    }
    return null;
  }, [index, people]);

  const choose = useCallback(
    (decision: PanelDecision) => {
      if (closed) return;
      setDraft((d) => ({ ...d, decision, reason: decision === 'accept' ? null : d.reason }));
      setProblem(null);
      // Accept needs nothing more (Enter records it); reject and defer need a reason next.
      focusNext.current = decision === 'accept' ? 'submit' : 'reason';
      setShortcutUsed((n) => n + 1);
    },
    [closed],
  );

  // After the render that enabled them, so the reason list is no longer disabled when it takes the focus.
  useEffect(() => {
    const target = focusNext.current === 'submit' ? submitRef.current : focusNext.current === 'reason' ? reasonRef.current : null;
    focusNext.current = null;
    target?.focus();
  }, [shortcutUsed]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const target = e.target;
      const inControl = target instanceof HTMLElement && target.closest('input, select, textarea, [contenteditable="true"]') !== null;
      if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && !inControl) {
        e.preventDefault();
        go(index + (e.key === 'ArrowRight' ? 1 : -1));
        return;
      }
      if (typingInto(target)) return;
      const key = e.key.toLowerCase();
      if (key === 'a' || key === 'r' || key === 'd') {
        e.preventDefault();
        choose(key === 'a' ? 'accept' : key === 'r' ? 'reject' : 'defer');
      } else if (key === 'u') {
        const next = nextUndecided();
        if (next !== null) {
          e.preventDefault();
          go(next);
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [go, index, choose, nextUndecided]);

  if (!person) return <p className="muted">This session has nobody to review.</p>;

  async function record() {
    if (!person || draft.decision === null) return;
    const check = decisionProblem({ decision: draft.decision, reason: draft.reason, note: draft.note });
    if (check) {
      setProblem(check);
      if (draft.decision !== 'accept' && draft.reason === null) reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const result = await call('panel.decide', { sessionId: view.session.id, personId: person.personId, decision: draft.decision, reason: draft.reason, note: draft.note });
      onDecided(person.personId, result);
      const said = `${PANEL_DECISION_DONE[result.decision.decision]}${result.decision.reason ? ` (${PANEL_REASON_LABELS[result.decision.reason]})` : ''}`;
      const progress = `${formatCount(result.progress.decided)} of ${formatCount(result.progress.agenda)} decided`;
      setAnnouncement(`Recorded for ${displayName(person.surname, person.forenames)}: ${said}. ${progress}.`);
      if (advance && index < people.length - 1) go(index + 1);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const undecided = nextUndecided();
  return (
    <div className="pnl-walk">
      <nav className="pnl-walk-nav" aria-label="Move through the people">
        <button type="button" className="button secondary" onClick={() => go(index - 1)} disabled={index === 0}>
          ← Previous
        </button>
        <label className="pnl-jump">
          <span>Go to</span>
          <select value={index} onChange={(e) => go(Number(e.target.value))} aria-label="Go to person">
            {people.map((p, i) => (
              <option key={p.personId} value={i}>
                {p.place}. {displayName(p.surname, p.forenames)}
                {p.current ? ` — ${PANEL_DECISION_DONE[p.current.decision]}` : ''}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button secondary" onClick={() => go(index + 1)} disabled={index === people.length - 1}>
          Next →
        </button>
        <button type="button" className="button secondary" onClick={() => undecided !== null && go(undecided)} disabled={undecided === null}>
          Next undecided
        </button>
        <p className="cand-keys muted pnl-keys">
          <kbd>←</kbd> <kbd>→</kbd> move · <kbd>U</kbd> next undecided · <kbd>A</kbd> accept · <kbd>R</kbd> reject · <kbd>D</kbd> defer
        </p>
      </nav>
      <div className="pnl-walk-body">
        <PersonCard
          sessionId={view.session.id}
          person={person}
          agenda={people.length}
          windowMonths={view.window.windowMonths}
          referenceDate={view.window.referenceDate}
          agencyCommentsAvailable={view.agencyCommentsAvailable}
          headingRef={headingRef}
        />
        <div className="pnl-walk-side">
          {closed ? <p className="notice notice-info">This session is closed: reopen it to change a decision.</p> : null}
          <DecisionForm
            draft={draft}
            onChange={(d) => {
              setDraft(d);
              setProblem(null);
            }}
            onSubmit={() => void record()}
            busy={busy}
            closed={closed}
            current={person.current ? { decision: person.current.decision, reason: person.current.reason, note: person.current.note } : null}
            problem={problem}
            reasonRef={reasonRef}
            submitRef={submitRef}
          />
          <label className="checkbox pnl-advance">
            <input type="checkbox" checked={advance} onChange={(e) => setAdvance(e.target.checked)} /> Go to the next person after recording
          </label>
        </div>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="pnl-announcement">
        {announcement}
      </p>
    </div>
  );
}
