import { useCallback, useEffect, useRef, useState } from 'react';
import { call, CallFailure, errorMessage } from '../../api/client';
import type { LinkReview } from '../../../shared/links/linkSchemas';
import { importKindLabel } from '../../../shared/domain/importKinds';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { levelLabel, linkFieldLabel } from './linkLabels';
import { formatCount } from '../../../shared/domain/numberFormat';
import { formatDisplayDate } from '../../../shared/domain/dateDisplay';
import { STRENGTH_LABELS } from '../../../shared/links/linkEvidence';
import { DataTable } from '../../components/DataTable';

const PAGE_SIZE = 50;
const RECENT_SIZE = 5;

type Decision = 'link' | 'reject';

type Queue = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; reviews: LinkReview[]; total: number };

/** "99.99%", never a rounded "100%" or "0%" for a probability that is not certain. */
function formatProbability(p: number): string {
  if (p >= 1) return '100%';
  if (p <= 0) return '0%';
  // Only where two decimals would round to certainty does the text say "over"/"under".
  if (p >= 0.99995) return 'over 99.99%';
  if (p < 0.00005) return 'under 0.01%';
  const percent = p * 100;
  const digits = percent >= 99 || percent < 1 ? 2 : percent >= 10 ? 0 : 1;
  return `${percent.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })}%`;
}

/** Match weights as the reviewer reads them: "+6.6 bits", "−3.2 bits", "0 bits". */
function formatWeight(weight: number): string {
  const rounded = Math.round(weight * 10) / 10;
  if (rounded === 0) return '0 bits';
  const magnitude = Math.abs(rounded).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${rounded > 0 ? '+' : '−'}${magnitude} bits`;
}

function formatScore(score: number): string {
  return score.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

function describeReview(review: LinkReview): string {
  return `row ${formatCount(review.rowNumber)} of ${review.fileName}`;
}

function describePerson(review: LinkReview): string {
  if (review.personId === null) return 'the person';
  return review.personName ? `${review.personName} (person ${review.personId})` : `person ${review.personId}`;
}

/** Dates of birth as every screen shows dates; names and PNCs as the lists gave them. */
function shownValue(field: string, value: string): string {
  return field === 'dob' ? formatDisplayDate(value) : value;
}

const TONE_MARKS: Readonly<Record<LinkReview['fields'][number]['tone'], string>> = { for: '✓', against: '✗', none: '–' };
const TONE_WORDS: Readonly<Record<LinkReview['fields'][number]['tone'], string>> = { for: 'for the match', against: 'against the match', none: 'no evidence' };

interface Confirmation {
  text: string;
  /** The decided review, while its decision can be taken back from the notice. */
  undoReviewId: number | null;
}

/**
 * The queue of uncertain matches: each says how strong the evidence is and what each field shows,
 * in words (the weights behind "Details"), and the analyst decides whether the row is the same
 * person as the one already in the workspace, leaves it for later, or takes a decision back.
 */
export function LinkReviewPage() {
  const [queue, setQueue] = useState<Queue>({ status: 'loading' });
  const [recent, setRecent] = useState<LinkReview[]>([]);
  const [pending, setPending] = useState<ReadonlySet<number>>(new Set());
  const [errors, setErrors] = useState<ReadonlyMap<number, string>>(new Map());
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [undoing, setUndoing] = useState<number | null>(null);
  const headings = useRef(new Map<number, HTMLHeadingElement>());
  const emptyHeading = useRef<HTMLHeadingElement>(null);
  const focusAfter = useRef<number | 'empty' | null>(null);

  const loadRecent = useCallback(async () => {
    try {
      setRecent(await call('links.recent', { limit: RECENT_SIZE }));
    } catch {
      // The recent decisions are a convenience; the queue itself reports its own failures.
      setRecent([]);
    }
  }, []);

  const load = useCallback(async () => {
    try {
      const result = await call('links.pending', { limit: PAGE_SIZE });
      setQueue({ status: 'ready', reviews: result.reviews, total: result.total });
    } catch (e) {
      setQueue({ status: 'error', message: errorMessage(e) });
    }
  }, []);

  useEffect(() => {
    void load();
    void loadRecent();
  }, [load, loadRecent]);

  // After a decision the focus moves to the next match (or the empty state), so the keyboard keeps its place.
  useEffect(() => {
    const target = focusAfter.current;
    if (target === null) return;
    focusAfter.current = null;
    if (target === 'empty') emptyHeading.current?.focus();
    else headings.current.get(target)?.focus();
  });

  const decide = useCallback(
    async (review: LinkReview, decision: Decision) => {
      if (queue.status !== 'ready' || pending.has(review.id)) return;
      const index = queue.reviews.findIndex((r) => r.id === review.id);
      const next = queue.reviews[index + 1] ?? queue.reviews[index - 1];
      // Optimistic: the match leaves the list at once and comes back if the decision is refused.
      setQueue({ status: 'ready', reviews: queue.reviews.filter((r) => r.id !== review.id), total: Math.max(0, queue.total - 1) });
      setPending((p) => new Set(p).add(review.id));
      setErrors((m) => {
        const copy = new Map(m);
        copy.delete(review.id);
        return copy;
      });
      setNotice(null);
      setConfirmation(null);
      focusAfter.current = next ? next.id : 'empty';
      try {
        const decided = await call('links.decide', { reviewId: review.id, decision });
        setConfirmation({
          text:
            decision === 'link'
              ? `Linked ${describeReview(review)} to ${describePerson(review)}.`
              : `Kept ${describeReview(review)} apart from ${describePerson(review)}.`,
          undoReviewId: decided.undoable ? review.id : null,
        });
        void loadRecent();
      } catch (e) {
        const failure = e instanceof CallFailure ? e : null;
        if (failure && (failure.code === 'conflict' || failure.code === 'not_found')) {
          // Decided or removed elsewhere: it does not come back, and the analyst is told why.
          setNotice(`${describeReview(review)}: ${failure.message}`);
        } else {
          const message = errorMessage(e);
          setQueue((current) => {
            if (current.status !== 'ready') return current;
            const reviews = [...current.reviews];
            reviews.splice(Math.min(index, reviews.length), 0, review);
            return { status: 'ready', reviews, total: current.total + 1 };
          });
          setErrors((m) => new Map(m).set(review.id, message));
          focusAfter.current = review.id;
        }
      } finally {
        setPending((p) => {
          const copy = new Set(p);
          copy.delete(review.id);
          return copy;
        });
      }
    },
    [queue, pending, loadRecent],
  );

  /** Leaves the match pending and moves on: it goes to the end of the queue shown. */
  const decideLater = useCallback(
    (review: LinkReview) => {
      if (queue.status !== 'ready') return;
      const others = queue.reviews.filter((r) => r.id !== review.id);
      const index = queue.reviews.findIndex((r) => r.id === review.id);
      const next = others[index] ?? others[0];
      setQueue({ ...queue, reviews: [...others, review] });
      setConfirmation(null);
      setNotice(
        others.length === 0
          ? `${describeReview(review)} still waits: it is the only match left.`
          : `${describeReview(review)} still waits for review; it is now last in the list.`,
      );
      focusAfter.current = next ? next.id : review.id;
    },
    [queue],
  );

  const undo = useCallback(
    async (reviewId: number) => {
      if (undoing !== null) return;
      setUndoing(reviewId);
      setNotice(null);
      try {
        const restored = await call('links.undo', { reviewId });
        await Promise.all([load(), loadRecent()]);
        setConfirmation({ text: `Undid the decision on ${describeReview(restored)}: it waits for review again, and both records are as they were.`, undoReviewId: null });
        focusAfter.current = restored.id;
      } catch (e) {
        setNotice(`The decision was not undone: ${errorMessage(e)}`);
      } finally {
        setUndoing(null);
      }
    },
    [undoing, load, loadRecent],
  );

  // When the shown matches are all decided but more wait, fetch the next ones.
  const needsMore = queue.status === 'ready' && queue.reviews.length === 0 && queue.total > 0 && pending.size === 0;
  useEffect(() => {
    if (needsMore) void load();
  }, [needsMore, load]);

  return (
    <div className="page link-review-page">
      <header className="page-header">
        <h1>Link reviews</h1>
        <p className="muted">
          Rows whose PNC was missing or did not match, but whose name and date of birth are close to someone already in the workspace. Compare the evidence and decide: nothing is linked until you say so, and a decision can be undone.
        </p>
      </header>
      <div role="status" aria-live="polite">
        {confirmation ? (
          <div className="notice notice-ok review-confirmation" data-testid="review-confirmation">
            <span>{confirmation.text}</span>
            {confirmation.undoReviewId !== null ? (
              <button type="button" className="button secondary small" disabled={undoing !== null} onClick={() => void undo(confirmation.undoReviewId ?? 0)}>
                Undo
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {notice ? (
        <div className="notice notice-info" role="status" data-testid="review-notice">
          {notice}
        </div>
      ) : null}
      {queue.status === 'loading' ? <LoadingState label="Loading the matches…" /> : null}
      {queue.status === 'error' ? <ErrorNotice message={queue.message} title="Could not load the matches" /> : null}
      {queue.status === 'ready' && queue.reviews.length === 0 && !needsMore ? (
        <section className="panel empty-state" aria-labelledby="links-empty-title">
          <h2 id="links-empty-title" ref={emptyHeading} tabIndex={-1}>
            No matches wait for review
          </h2>
          <p className="muted">Uncertain matches appear here after an import. Certain ones are linked automatically and shown in each import&apos;s result.</p>
        </section>
      ) : null}
      {queue.status === 'ready' && queue.reviews.length > 0 ? (
        <>
          <p className="review-count" data-testid="reviews-pending">
            {queue.total === 1 ? '1 match waits for review.' : `${formatCount(queue.total)} matches wait for review.`}
            {queue.total > queue.reviews.length ? <span className="muted"> Showing the first {formatCount(queue.reviews.length)}.</span> : null}
          </p>
          <ul className="review-list" aria-label="Matches waiting for review">
            {queue.reviews.map((review) => (
              <li key={review.id}>
                <ReviewCard
                  review={review}
                  busy={pending.has(review.id)}
                  error={errors.get(review.id) ?? null}
                  headingRef={(el) => {
                    if (el) headings.current.set(review.id, el);
                    else headings.current.delete(review.id);
                  }}
                  onDecide={(decision) => void decide(review, decision)}
                  onLater={() => decideLater(review)}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {recent.length > 0 ? <RecentDecisions decisions={recent} undoing={undoing} onUndo={(id) => void undo(id)} /> : null}
    </div>
  );
}

function PersonLink({ review }: { review: LinkReview }) {
  if (review.personId === null) return <>a person since removed</>;
  return <a href={`#/person/${review.personId}`}>{review.personName ?? `person ${review.personId}`}</a>;
}

function RecentDecisions({ decisions, undoing, onUndo }: { decisions: LinkReview[]; undoing: number | null; onUndo(reviewId: number): void }) {
  return (
    <section className="panel recent-decisions" aria-labelledby="recent-decisions-title" data-testid="recent-decisions">
      <h2 id="recent-decisions-title">Recent decisions</h2>
      <ul className="recent-decision-list">
        {decisions.map((d) => (
          <li key={d.id}>
            <span>
              <strong>{d.status === 'linked' ? 'Linked' : 'Kept apart'}</strong>: {describeReview(d)} {d.status === 'linked' ? 'with' : 'and'} <PersonLink review={d} />
              {d.decidedAt ? <span className="muted"> · {formatDisplayDate(d.decidedAt)}</span> : null}
            </span>
            {d.undoable ? (
              <button type="button" className="button secondary small" disabled={undoing !== null} onClick={() => onUndo(d.id)} aria-label={`Undo the decision on ${describeReview(d)}`}>
                {undoing === d.id ? 'Undoing…' : 'Undo'}
              </button>
            ) : (
              <span className="muted">made before undo existed: undo its import instead</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReviewCard({ review, busy, error, headingRef, onDecide, onLater }: { review: LinkReview; busy: boolean; error: string | null; headingRef(el: HTMLHeadingElement | null): void; onDecide(decision: Decision): void; onLater(): void }) {
  const titleId = `review-${review.id}-title`;
  const strengthId = `review-${review.id}-strength`;
  return (
    <article className="panel review-card" aria-labelledby={titleId} aria-describedby={strengthId} data-testid={`review-${review.id}`}>
      <header className="review-card-header">
        <div>
          <h2 id={titleId} ref={headingRef} tabIndex={-1}>
            Row {formatCount(review.rowNumber)} of <span className="file-name">{review.fileName}</span>
          </h2>
          <p className="muted review-source">
            {importKindLabel(review.importKind)} · compared with <PersonLink review={review} />
          </p>
        </div>
        <p id={strengthId} className={`strength-badge strength-${review.strength}`} data-testid="review-strength">
          {STRENGTH_LABELS[review.strength]}
        </p>
      </header>
      <ul className="evidence-reasons" aria-label="What each field shows" data-testid="evidence-reasons">
        {review.fields.map((f) => (
          <li key={f.field} className={`reason reason-${f.tone}`}>
            <span className="reason-mark" aria-hidden="true">
              {TONE_MARKS[f.tone]}
            </span>
            <span className="visually-hidden">{TONE_WORDS[f.tone]}: </span>
            {f.reason}
          </li>
        ))}
      </ul>
      <details className="review-details">
        <summary>Details</summary>
        <p className="review-score">
          score <strong className="num">{formatScore(review.score)}</strong> · <strong>{formatProbability(review.probability)}</strong> likely the same person
        </p>
        <DataTable columns={['Field', 'In the file', 'In the workspace', 'Comparison', { label: 'Weight', numeric: true }, 'Why']} caption={<>Evidence for {describeReview(review)}, field by field</>} className="evidence-table" scroll>
          {review.fields.map((f) => (
            <tr key={f.field}>
              <th scope="row">{linkFieldLabel(f.field)}</th>
              <td className="evidence-value">{f.left === null ? <span className="muted">(none)</span> : shownValue(f.field, f.left)}</td>
              <td className="evidence-value">{f.right === null ? <span className="muted">(none)</span> : shownValue(f.field, f.right)}</td>
              <td>{levelLabel(f.level)}</td>
              <td className={`num weight ${f.weight > 0.05 ? 'weight-for' : f.weight < -0.05 ? 'weight-against' : 'weight-none'}`}>{formatWeight(f.weight)}</td>
              <td className="evidence-why">{f.explanation || <span className="muted">Nothing to compare.</span>}</td>
            </tr>
          ))}
        </DataTable>
      </details>
      <ErrorNotice message={error} title="The decision was not saved" />
      <div className="review-actions" role="group" aria-label={`Decision on ${describeReview(review)}`}>
        <button type="button" className="button primary" disabled={busy} onClick={() => onDecide('link')}>
          Same person — link
        </button>
        <button type="button" className="button secondary" disabled={busy} onClick={() => onDecide('reject')}>
          Different people
        </button>
        <button type="button" className="button secondary review-later" disabled={busy} onClick={onLater}>
          Decide later
        </button>
      </div>
    </article>
  );
}
