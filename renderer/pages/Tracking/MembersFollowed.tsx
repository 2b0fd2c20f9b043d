import { useMemo, useState } from 'react';
import type { TrackingView } from '../../../shared/tracking/trackingSchemas';
import type { TrackedPersonRow } from '../../../shared/tracking/outcomeTracking';
import { formatDisplayDate } from '../../../shared/domain/dateDisplay';
import { formatCount } from '../../../shared/domain/numberFormat';
import { STATUTORY_GROUP_LABELS } from '../../../shared/analysis/statutoryGroups';
import { displayName } from '../Candidates/candidateLabels';
import { ArrestCells, OffenceRateCells } from './RateCells';
import { DataTable } from '../../components/DataTable';
import { Options } from '../../components/Options';

const PAGE_SIZE = 50;

type Order = 'name' | 'rise' | 'fall';
const ORDER_LABELS: Record<Order, string> = { name: 'Name', rise: 'Largest rise in arrests a month first', fall: 'Largest fall in arrests a month first' };

interface MemberLine {
  row: TrackedPersonRow;
  name: string;
  pnc: string | null;
}

function compareLines(order: Order): (a: MemberLine, b: MemberLine) => number {
  const byName = (a: MemberLine, b: MemberLine) => a.name.localeCompare(b.name) || a.row.personId - b.row.personId;
  if (order === 'name') return byName;
  const sign = order === 'rise' ? -1 : 1;
  return (a, b) => sign * (a.row.afterRate - a.row.beforeRate - (b.row.afterRate - b.row.beforeRate)) || byName(a, b);
}

/**
 * Each followed member's arrests and estimated offences a month before and after their start: the
 * per-person half of issue 20's point 2, so the panel can see who the cohort figures are made of.
 * A cohort can be thousands, so it is shown a page at a time.
 */
export function MembersFollowed({ view }: { view: TrackingView }) {
  const [order, setOrder] = useState<Order>('name');
  const [page, setPage] = useState(0);
  const lines = useMemo(() => {
    const names = new Map(view.names.map((n) => [n.personId, n]));
    const all = view.result.people.map((row): MemberLine => {
      const n = names.get(row.personId);
      return { row, name: n ? displayName(n.surname, n.forenames) : `Person ${row.personId}`, pnc: n?.pnc ?? null };
    });
    return all.sort(compareLines(order));
  }, [view, order]);
  const pages = Math.max(1, Math.ceil(lines.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = lines.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);

  return (
    <section className="panel" aria-labelledby="tracking-members-title">
      <h2 id="tracking-members-title">Each member followed</h2>
      <p className="muted">
        Arrests a month in the {formatCount(view.result.beforeMonths)} months before each member&apos;s start and since it (up to {formatCount(view.result.afterMonths)} months, to{' '}
        {formatDisplayDate(view.dataTo)}); estimated offences are arrests × the scenario&apos;s allegations per arrest. One person&apos;s figures rest on a handful of arrests: read them as
        who the cohort&apos;s totals are made of, not as a verdict on anyone.
      </p>
      {lines.length === 0 ? (
        <p>No member is followed yet.</p>
      ) : (
        <>
          <div className="members-toolbar">
            <label>
              Order{' '}
              <select
                value={order}
                onChange={(e) => {
                  setOrder(e.target.value as Order);
                  setPage(0);
                }}
              >
                <Options values={Object.keys(ORDER_LABELS) as Order[]} label={ORDER_LABELS} />
              </select>
            </label>
            <span aria-live="polite">
              {formatCount(current * PAGE_SIZE + 1)}–{formatCount(current * PAGE_SIZE + shown.length)} of {formatCount(lines.length)}
            </span>
            <button type="button" className="button secondary" disabled={current === 0} onClick={() => setPage(current - 1)}>
              Previous {PAGE_SIZE}
            </button>
            <button type="button" className="button secondary" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
              Next {PAGE_SIZE}
            </button>
          </div>
          <DataTable columns={['Member', 'Group', 'Started', 'Left', { label: 'Arrests before', numeric: true }, { label: 'A month', numeric: true }, { label: 'Arrests after', numeric: true }, { label: 'A month', numeric: true }, { label: 'Est. offences a month, before', numeric: true }, { label: 'after', numeric: true }, 'Comparison']} caption="Each followed member's arrests and estimated offences a month before and after joining" scroll data-testid="tracking-members">
            {shown.map(({ row, name, pnc }) => (
              <tr key={row.personId}>
                <th scope="row">
                  {name}
                  {pnc ? <span className="muted"> ({pnc})</span> : null}
                </th>
                <td>{STATUTORY_GROUP_LABELS[row.group]}</td>
                <td className="nowrap">{formatDisplayDate(row.startDate)}</td>
                <td className="nowrap">{row.exit ? formatDisplayDate(row.exit.date) : ''}</td>
                <ArrestCells counts={row} />
                <OffenceRateCells counts={row} />
                <td>{row.comparison ? (row.comparison.quality === 'exact' ? 'Exact match' : 'Nearest match') : 'None found'}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
