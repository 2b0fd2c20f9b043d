import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import type { PanelPerson, PanelSessionView } from '../../../shared/panel/panelSchemas';
import { decisionProblem, PANEL_DECISION_DONE, PANEL_REASON_LABELS, PANEL_REASONS, type PanelDecision, type PanelReason } from '../../../shared/panel/panelDecisions';
import type { CallOutput } from '../../../shared/api/contract';
import { displayName } from '../Candidates/candidateLabels';
import { DecisionForm, EMPTY_DECISION, type DecisionDraft } from './DecisionForm';
import { PersonCard } from './PersonCard';
import { formatCount } from '../../../shared/domain/numberFormat';

export type DecideResult = CallOutput<'panel.decide'>;

function draftOf(person: PanelPerson | undefined): DecisionDraft {
  const current = person?.current;
  return current ? { decision: current.decision, reason: current.reason, note: current.note } : EMPTY_DECISION;
}

/** Text inputs keep their letters (the decision keys take Alt there); the shortcuts work anywhere else. */
function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['radio', 'checkbox', 'button', 'submit'].includes(target.type);
}

/** Controls whose own Enter is kept (a button, a link, the "Go to" list) when they are outside the decision form. */
function ownsEnter(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a[href], select, summary, input[type="checkbox"]') !== null;
}

const DECISION_KEYS: Readonly<Record<string, PanelDecision>> = { a: 'accept', r: 'reject', d: 'defer' };

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
  // What is on screen, read by the keyboard handler and by record(): a key pressed before React has
  // painted the last change still acts on that change, so the decision recorded is the one shown.
  const draftRef = useRef(draft);
  draftRef.current = draft;

  const personId = person?.personId;
  // The person shown, read when the walk moves on: a refreshed copy of the same person is no move.
  const shownPerson = useRef(person);
  shownPerson.current = person;
  // Before the new person is painted: as a passive effect, this reset could run after a shortcut
  // pressed the moment the name appeared, and wipe the decision the key had just chosen.
  useLayoutEffect(() => {
    draftRef.current = draftOf(shownPerson.current);
    setDraft(draftRef.current);
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

  const busyRef = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const updateDraft = useCallback((next: DecisionDraft) => {
    draftRef.current = next;
    setDraft(next);
    setProblem(null);
  }, []);

  const choose = useCallback(
    (decision: PanelDecision, moveFocus: boolean) => {
      if (closed) return;
      const d = draftRef.current;
      updateDraft({ ...d, decision, reason: decision === 'accept' ? null : d.reason });
      // From outside the form the focus goes to Record, never into the reason list (whose type-ahead
      // would take the next letter); from a field of the form it stays where the analyst is.
      if (moveFocus) {
        focusNext.current = 'submit';
        setShortcutUsed((n) => n + 1);
      }
    },
    [closed, updateDraft],
  );

  const chooseReason = useCallback(
    (reason: PanelReason) => {
      const d = draftRef.current;
      if (closed || (d.decision !== 'reject' && d.decision !== 'defer')) return;
      updateDraft({ ...d, reason });
    },
    [closed, updateDraft],
  );

  // After the render that enabled it, so Record is no longer disabled when it takes the focus.
  useEffect(() => {
    const target = focusNext.current === 'submit' ? submitRef.current : focusNext.current === 'reason' ? reasonRef.current : null;
    focusNext.current = null;
    target?.focus();
  }, [shortcutUsed]);

  const recordRef = useRef<() => Promise<void>>(async () => undefined);

  useEffect(() => {
    // Capture phase: the keys are taken before a focused control (the reason list above all) acts on them.
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.defaultPrevented || e.isComposing) return;
      const target = e.target;
      const inForm = target instanceof Node && formRef.current?.contains(target) === true;
      if (e.key === 'Enter' && !e.shiftKey && !e.altKey) {
        // Enter records from any field of the form and from the page; Ctrl+Enter from anywhere.
        // Shift+Enter is a new line in the note.
        if (e.ctrlKey || inForm || !ownsEnter(target)) {
          e.preventDefault();
          void recordRef.current();
        }
        return;
      }
      if (e.ctrlKey) return;
      const key = e.key.toLowerCase();
      const decision = DECISION_KEYS[key];
      if (typingInto(target)) {
        if (e.altKey && decision) {
          e.preventDefault();
          choose(decision, false);
        }
        return;
      }
      if (e.altKey) return;
      const inControl = target instanceof HTMLElement && target.closest('input, select, textarea, [contenteditable="true"]') !== null;
      if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && !inControl) {
        e.preventDefault();
        go(index + (e.key === 'ArrowRight' ? 1 : -1));
        return;
      }
      if (decision) {
        e.preventDefault();
        choose(decision, !inForm);
        return;
      }
      const reason = /^[1-9]$/.test(e.key) ? PANEL_REASONS[Number(e.key) - 1] : undefined;
      if (reason && (inForm || !inControl)) {
        e.preventDefault();
        chooseReason(reason);
      } else if (key === 'n' && !closed) {
        e.preventDefault();
        noteRef.current?.focus();
      } else if (key === 'u' && !inControl) {
        const next = nextUndecided();
        if (next !== null) {
          e.preventDefault();
          go(next);
        }
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [go, index, choose, chooseReason, nextUndecided, closed]);

  if (!person) return <p className="muted">This session has nobody to review.</p>;

  const current = person.current ? { decision: person.current.decision, reason: person.current.reason, note: person.current.note } : null;

  async function record() {
    const shown = draftRef.current;
    if (!person || closed || busyRef.current) return;
    if (shown.decision === null) {
      setProblem('Choose a decision first: A accept, R reject, D defer.');
      return;
    }
    if (current && current.decision === shown.decision && current.reason === shown.reason && current.note.trim() === shown.note.trim()) {
      setProblem('This is the decision already recorded; change it to revise.');
      return;
    }
    const check = decisionProblem({ decision: shown.decision, reason: shown.reason, note: shown.note });
    if (check) {
      setProblem(check);
      return;
    }
    busyRef.current = true;
    setBusy(true);
    setProblem(null);
    try {
      const result = await call('panel.decide', { sessionId: view.session.id, personId: person.personId, decision: shown.decision, reason: shown.reason, note: shown.note });
      onDecided(person.personId, result);
      const said = `${PANEL_DECISION_DONE[result.decision.decision]}${result.decision.reason ? ` (${PANEL_REASON_LABELS[result.decision.reason]})` : ''}`;
      const progress = `${formatCount(result.progress.decided)} of ${formatCount(result.progress.agenda)} decided`;
      setAnnouncement(`Recorded for ${displayName(person.surname, person.forenames)}: ${said}. ${progress}.`);
      if (advance && index < people.length - 1) go(index + 1);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }
  recordRef.current = record;

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
          <kbd>←</kbd> <kbd>→</kbd> move · <kbd>U</kbd> next undecided · <kbd>A</kbd> accept · <kbd>R</kbd> reject · <kbd>D</kbd> defer · <kbd>1</kbd>–<kbd>{PANEL_REASONS.length}</kbd> reason · <kbd>N</kbd> note · <kbd>Enter</kbd> record
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
            onChange={updateDraft}
            onSubmit={() => void record()}
            busy={busy}
            closed={closed}
            current={current}
            problem={problem}
            reasonRef={reasonRef}
            submitRef={submitRef}
            formRef={formRef}
            noteRef={noteRef}
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
