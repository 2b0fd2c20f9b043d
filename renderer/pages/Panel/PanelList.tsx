import { useState } from 'react';
import type { PanelPerson } from '../../../shared/panel/panelSchemas';
import { PANEL_DECISION_DONE, PANEL_REASON_LABELS, type PanelDecision } from '../../../shared/panel/panelDecisions';
import { FlagChips } from '../../components/FlagChips';
import { displayName } from '../Candidates/candidateLabels';
import { formatCount } from '../../../shared/domain/numberFormat';
import { DataTable } from '../../components/DataTable';

type Show = 'all' | 'undecided' | PanelDecision;

const SHOW_LABELS: Readonly<Record<Show, string>> = { all: 'Everyone', undecided: 'Not decided', accept: 'Accepted', reject: 'Rejected', defer: 'Deferred' };

function matches(person: PanelPerson, show: Show): boolean {
  if (show === 'all') return true;
  if (show === 'undecided') return person.current === null;
  return person.current?.decision === show;
}

/** The whole session as a table, to see where the panel stands and open anyone to decide. */
export function PanelList({ people, onOpen }: { people: readonly PanelPerson[]; onOpen(index: number): void }) {
  const [show, setShow] = useState<Show>('all');
  const shown = people.map((p, i) => ({ p, i })).filter(({ p }) => matches(p, show));
  return (
    <div className="pnl-list">
      <div className="segmented" role="group" aria-label="Show">
        {(Object.keys(SHOW_LABELS) as Show[]).map((s) => (
          <button key={s} type="button" className="segmented-option" aria-pressed={show === s} onClick={() => setShow(s)}>
            {SHOW_LABELS[s]} <span className="segmented-count">{formatCount(people.filter((p) => matches(p, s)).length)}</span>
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p className="muted">Nobody here.</p>
      ) : (
        <DataTable columns={[{ label: '#', numeric: true }, 'Name', 'PNC', 'Lists', { label: 'Arrests', numeric: true }, 'Why proposed', 'Decision', { label: 'Open', hiddenLabel: true }]} caption={<>People of this session: {SHOW_LABELS[show]}</>} className="pnl-list-table" scroll data-testid="pnl-list">
          {shown.map(({ p, i }) => (
            <tr key={p.personId} data-person-id={p.personId}>
              <td className="num">{p.place}</td>
              <td>
                {displayName(p.surname, p.forenames)}
                {p.role === 'reserve' ? <span className="pill pill-warn">Reserve</span> : null}
              </td>
              <td className="cand-pnc nowrap">{p.pnc ?? '—'}</td>
              <td>
                <FlagChips flags={p.flags} emptyLabel="—" />
              </td>
              <td className="num">{formatCount(p.arrestsInWindow)}</td>
              <td className="sl-reason">{p.selectionReason}</td>
              <td>
                {p.current ? (
                  <>
                    <span className={`pnl-pill pnl-pill-${p.current.decision}`}>{PANEL_DECISION_DONE[p.current.decision]}</span>
                    {p.current.reason ? <span className="muted"> {PANEL_REASON_LABELS[p.current.reason]}</span> : null}
                    {p.decisionCount > 1 ? <span className="muted"> (revised)</span> : null}
                  </>
                ) : (
                  <span className="muted">Not decided</span>
                )}
              </td>
              <td>
                <button type="button" className="button secondary small" onClick={() => onOpen(i)}>
                  {p.current ? 'Review' : 'Decide'}
                  <span className="visually-hidden"> {displayName(p.surname, p.forenames)}</span>
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
