import { useEffect, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { SHORTLIST_STATUSES, type ShortlistMemberRow, type ShortlistView } from '../../../shared/shortlist/shortlistSchemas';
import type { SelectionStatus } from '../../../shared/shortlist/selectionRules';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FlagChips } from '../../components/FlagChips';
import { LoadingState } from '../../components/LoadingState';
import { SHORTLIST_LABELS, displayName } from '../Candidates/candidateLabels';
import { formatCount } from '../../../shared/domain/numberFormat';

const PAGE_SIZE = 100;

const STATUS_HINTS: Readonly<Record<SelectionStatus, string>> = {
  included: 'Proposed to the panel, in selection order: priority groups first, then by rank.',
  over_capacity: 'Qualified, but beyond the capacity: the panel can take them as reserves.',
  excluded: 'Left out by an exclusion (in custody, not living in the borough, too few arrests).',
  not_eligible: 'In no priority group and nothing to rank them by in the window.',
};

type Rows = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; rows: ShortlistMemberRow[]; total: number; more: boolean };

/** The shortlist's people one status at a time, each with the reason the rules gave. */
export function ShortlistMembers({ shortlist, onNavigate }: { shortlist: ShortlistView; onNavigate(route: string): void }) {
  const [status, setStatus] = useState<SelectionStatus>('included');
  const [rows, setRows] = useState<Rows>({ status: 'loading' });
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    let live = true;
    setRows({ status: 'loading' });
    call('shortlist.members', { shortlistId: shortlist.id, status, offset: 0, limit: PAGE_SIZE }).then(
      (page) => live && setRows({ status: 'ready', rows: page.rows, total: page.total, more: page.rows.length < page.total }),
      (e: unknown) => live && setRows({ status: 'error', message: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [shortlist.id, status]);

  async function showMore() {
    if (rows.status !== 'ready') return;
    setLoadingMore(true);
    try {
      const page = await call('shortlist.members', { shortlistId: shortlist.id, status, offset: rows.rows.length, limit: PAGE_SIZE });
      const all = [...rows.rows, ...page.rows];
      setRows({ status: 'ready', rows: all, total: page.total, more: all.length < page.total });
    } catch (e) {
      setRows({ status: 'error', message: errorMessage(e) });
    } finally {
      setLoadingMore(false);
    }
  }

  const referenceDate = shortlist.window?.referenceDate ?? null;
  return (
    <section className="panel" aria-labelledby="sl-members-title">
      <h2 id="sl-members-title">Who the rules chose, and why</h2>
      <div className="segmented" role="group" aria-label="Show people who are">
        {SHORTLIST_STATUSES.map((s) => (
          <button key={s} type="button" className="segmented-option" aria-pressed={status === s} onClick={() => setStatus(s)} data-testid={`sl-tab-${s}`}>
            {SHORTLIST_LABELS[s]} <span className="segmented-count">{formatCount(shortlist.counts[s])}</span>
          </button>
        ))}
      </div>
      <p className="muted">{STATUS_HINTS[status]}</p>
      {rows.status === 'loading' ? <LoadingState label="Reading the people…" /> : null}
      {rows.status === 'error' ? <ErrorNotice message={rows.message} title="Could not read the people" /> : null}
      {rows.status === 'ready' && rows.rows.length === 0 ? <p className="muted">Nobody is {SHORTLIST_LABELS[status].toLowerCase()} on this shortlist.</p> : null}
      {rows.status === 'ready' && rows.rows.length > 0 ? (
        <>
          <div className="table-scroll">
            <table className="table compact sl-table" data-testid="sl-members">
              <caption className="visually-hidden">
                {SHORTLIST_LABELS[status]} people: {formatCount(rows.total)}, showing {formatCount(rows.rows.length)}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {status === 'included' ? 'Place' : 'Rank'}
                  </th>
                  <th scope="col">Name</th>
                  <th scope="col" className="num">
                    Age{referenceDate ? <span className="visually-hidden"> on {referenceDate}</span> : null}
                  </th>
                  <th scope="col">PNC</th>
                  <th scope="col">Borough</th>
                  <th scope="col">Lists</th>
                  <th scope="col" className="num">
                    Arrests
                  </th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {rows.rows.map((r) => (
                  <tr key={r.personId} data-person-id={r.personId}>
                    <td className="num">{(status === 'included' ? r.position : r.rank) ?? '—'}</td>
                    <td>
                      <a
                        href={`#/person/${r.personId}`}
                        onClick={(e) => {
                          e.preventDefault();
                          onNavigate(`person/${r.personId}`);
                        }}
                      >
                        {displayName(r.surname, r.forenames)}
                      </a>
                    </td>
                    <td className="num">{r.age ?? '—'}</td>
                    <td className="cand-pnc nowrap">{r.pnc ?? '—'}</td>
                    <td>{r.borough ?? '—'}</td>
                    <td>
                      <FlagChips flags={r.flags} emptyLabel="—" />
                    </td>
                    <td className="num">{formatCount(r.arrestsInWindow)}</td>
                    <td className="sl-reason">{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted sl-shown">
            Showing {formatCount(rows.rows.length)} of {formatCount(rows.total)}.{' '}
            {rows.more ? (
              <button type="button" className="button secondary small" onClick={() => void showMore()} disabled={loadingMore}>
                {loadingMore ? 'Loading…' : `Show ${formatCount(Math.min(PAGE_SIZE, rows.total - rows.rows.length))} more`}
              </button>
            ) : null}
          </p>
        </>
      ) : null}
    </section>
  );
}
