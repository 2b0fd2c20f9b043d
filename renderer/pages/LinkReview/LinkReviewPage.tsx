import { useCallback, useEffect, useRef, useState } from 'react';
import { call, CallFailure } from '../../api/client';
import type { LinkReview } from '../../../shared/api/importCalls';
import { importKindLabel } from '../../../shared/domain/importKinds';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { levelLabel, linkFieldLabel } from './linkLabels';
import { formatCount } from '../../../shared/numberFormat';

const PAGE_SIZE = 50;

type Decision = 'link' | 'reject';

type Queue = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; reviews: LinkReview[]; total: number };

/** "99.99%", never a rounded "100%" or "0%" for a probability that is not certain. */
export function formatProbability(p: number): string {
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
export function formatWeight(weight: number): string {
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

/**
 * The queue of uncertain matches: each shows the field-by-field evidence of the linking score, and
 * the analyst decides whether the row is the same person as the one already in the workspace.
 */
export function LinkReviewPage() {
  const [queue, setQueue] = useState<Queue>({ status: 'loading' });
  const [pending, setPending] = useState<ReadonlySet<number>>(new Set());
  const [errors, setErrors] = useState<ReadonlyMap<number, string>>(new Map());
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState<string | null>(null);
  const headings = useRef(new Map<number, HTMLHeadingElement>());
  const emptyHeading = useRef<HTMLHeadingElement>(null);
  const focusAfter = useRef<number | 'empty' | null>(null);

  const load = useCallback(async () => {
    try {
      const result = await call('links.pending', { limit: PAGE_SIZE });
      setQueue({ status: 'ready', reviews: result.reviews, total: result.total });
    } catch (e) {
      setQueue({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

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
        await call('links.decide', { reviewId: review.id, decision });
        setConfirmation(
          decision === 'link'
            ? `Linked ${describeReview(review)} to ${review.personId !== null ? `person ${review.personId}` : 'the person'} in the workspace.`
            : `Kept ${describeReview(review)} apart from ${review.personId !== null ? `person ${review.personId}` : 'the person'}.`,
        );
      } catch (e) {
        const failure = e instanceof CallFailure ? e : null;
        if (failure && (failure.code === 'conflict' || failure.code === 'not_found')) {
          // Decided or removed elsewhere: it does not come back, and the analyst is told why.
          setNotice(`${describeReview(review)}: ${failure.message}`);
        } else {
          const message = e instanceof Error ? e.message : String(e);
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
    [queue, pending],
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
          Rows whose PNC was missing or did not match, but whose name and date of birth are close to someone already in the workspace. Compare the evidence and decide: nothing is linked until you say so.
        </p>
      </header>
      <div role="status" aria-live="polite">
        {confirmation ? (
          <div className="notice notice-ok" data-testid="review-confirmation">
            {confirmation}
          </div>
        ) : null}
      </div>
      {notice ? (
        <div className="notice notice-info" role="status">
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
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function ReviewCard({ review, busy, error, headingRef, onDecide }: { review: LinkReview; busy: boolean; error: string | null; headingRef(el: HTMLHeadingElement | null): void; onDecide(decision: Decision): void }) {
  const titleId = `review-${review.id}-title`;
  const scoreId = `review-${review.id}-score`;
  return (
    <article className="panel review-card" aria-labelledby={titleId} aria-describedby={scoreId} data-testid={`review-${review.id}`}>
      <header className="review-card-header">
        <div>
          <h2 id={titleId} ref={headingRef} tabIndex={-1}>
            Row {formatCount(review.rowNumber)} of <span className="file-name">{review.fileName}</span>
          </h2>
          <p className="muted review-source">
            {importKindLabel(review.importKind)}
            {review.personId !== null ? <> · compared with person {review.personId} in the workspace</> : null}
          </p>
        </div>
        <p id={scoreId} className="review-score">
          score <strong className="num">{formatScore(review.score)}</strong> · <strong>{formatProbability(review.probability)}</strong> likely the same person
        </p>
      </header>
      <div className="table-scroll">
        <table className="table compact evidence-table">
          <caption className="visually-hidden">Evidence for {describeReview(review)}, field by field</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">In the file</th>
              <th scope="col">In the workspace</th>
              <th scope="col">Comparison</th>
              <th scope="col" className="num">Weight</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {review.fields.map((f) => (
              <tr key={f.field}>
                <th scope="row">{linkFieldLabel(f.field)}</th>
                <td className="evidence-value">{f.left ?? <span className="muted">(none)</span>}</td>
                <td className="evidence-value">{f.right ?? <span className="muted">(none)</span>}</td>
                <td>{levelLabel(f.level)}</td>
                <td className={`num weight ${f.weight > 0.05 ? 'weight-for' : f.weight < -0.05 ? 'weight-against' : 'weight-none'}`}>{formatWeight(f.weight)}</td>
                <td className="evidence-why">{f.explanation || <span className="muted">Nothing to compare.</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorNotice message={error} title="The decision was not saved" />
      <div className="review-actions" role="group" aria-label={`Decision on ${describeReview(review)}`}>
        <button type="button" className="button primary" disabled={busy} onClick={() => onDecide('link')}>
          Same person — link
        </button>
        <button type="button" className="button secondary" disabled={busy} onClick={() => onDecide('reject')}>
          Different people
        </button>
      </div>
    </article>
  );
}
