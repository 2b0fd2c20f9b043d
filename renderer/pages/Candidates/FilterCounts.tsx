import { useRef } from 'react';
import { useDismissableDetails } from '../../components/useDismissableDetails';
import type { FilterCountsView } from '../../../shared/shortlist/candidateSchemas';
import { FLAG_LABELS, FLAG_NAMES, FLAG_SHORT_LABELS, type FlagName } from '../../../shared/domain/flags';
import { formatCount } from '../../../shared/domain/numberFormat';
import { DataTable } from '../../components/DataTable';

interface FilterCountsProps {
  counts: FilterCountsView | null;
  longListSize: number | null;
  /** Flags in the filter's "any of" list, shown pressed. */
  anyFlags: readonly FlagName[];
  onToggleFlag(flag: FlagName): void;
  refreshing: boolean;
  queryMs: number | null;
}

/**
 * The counts that move as the filter changes: how many match, how many of them are on each agency
 * list (each a button that adds or removes that list from "any of"), and how the priority groups
 * overlap. The total is a polite live region, so a screen reader hears "6 of 170 people" once the
 * table has caught up.
 */
export function FilterCounts({ counts, longListSize, anyFlags, onToggleFlag, refreshing, queryMs }: FilterCountsProps) {
  const overlapsRef = useRef<HTMLDetailsElement>(null);
  const dismiss = useDismissableDetails(overlapsRef);
  return (
    <div className="cand-counts" data-query-ms={queryMs ?? undefined}>
      <p className="cand-total" role="status" aria-live="polite" data-testid="candidate-total">
        {counts === null ? (
          'Counting…'
        ) : (
          <>
            <strong>{formatCount(counts.total)}</strong> of {formatCount(longListSize ?? counts.total)} {(longListSize ?? counts.total) === 1 ? 'person' : 'people'}
            {refreshing ? <span className="muted"> · updating…</span> : null}
          </>
        )}
      </p>
      <div className="cand-flag-counts" role="group" aria-label="People on each agency list; press to filter by the list">
        {FLAG_NAMES.map((flag) => (
          <button
            key={flag}
            type="button"
            className={`flag-count flag-chip-${flag}`}
            aria-pressed={anyFlags.includes(flag)}
            onClick={() => onToggleFlag(flag)}
            title={FLAG_LABELS[flag]}
            data-testid={`candidate-flag-count-${flag}`}
          >
            <span aria-hidden="true">{FLAG_SHORT_LABELS[flag]}</span>
            <span className="visually-hidden">{FLAG_LABELS[flag]}</span> <span className="flag-count-n">{counts ? formatCount(counts.perFlag[flag]) : '–'}</span>
          </button>
        ))}
      </div>
      {counts && counts.total > 0 ? (
        <details className="cand-overlaps" ref={overlapsRef} onKeyDown={dismiss.onKeyDown}>
          <summary>Priority groups</summary>
          <DataTable columns={['Lists', { label: 'People', numeric: true }]} caption="How the matching people fall into the priority groups">
            {counts.overlaps.map((o) => (
              <tr key={o.flags.join('+')}>
                <td>{o.flags.map((f) => FLAG_LABELS[f]).join(' + ')}{o.flags.length === 1 ? ' only' : ''}</td>
                <td className="num">{formatCount(o.count)}</td>
              </tr>
            ))}
            <tr>
              <td>In no priority group</td>
              <td className="num">{formatCount(counts.inNoPriorityGroup)}</td>
            </tr>
          </DataTable>
        </details>
      ) : null}
    </div>
  );
}
