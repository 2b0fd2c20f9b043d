import { useEffect, useState, type RefObject } from 'react';
import { call, errorMessage } from '../../api/client';
import type { PanelDecisionRecord, PanelPerson } from '../../../shared/panel/panelSchemas';
import { CRIME_TYPE_LABELS } from '../../../shared/domain/crimeTypes';
import { PANEL_AGENCY_LABELS, PANEL_DECISION_DONE, PANEL_REASON_LABELS, PANEL_AGENCIES } from '../../../shared/panel/panelDecisions';
import { isOneOf } from '../../../shared/domain/closedSets';
import { FlagChips } from '../../components/FlagChips';
import { CRIME_TYPE_COLOURS } from '../../components/crimeTypeColours';
import { CUSTODY_LABELS, GENDER_LABELS, displayName, formatDateTime, formatIsoDate, whoAndWhen } from '../Candidates/candidateLabels';
import { formatCount } from '../../../shared/domain/numberFormat';
import { DataTable } from '../../components/DataTable';

function agencyLabel(agency: string, agencyName: string | null = null): string {
  const known = isOneOf(PANEL_AGENCIES, agency) ? PANEL_AGENCY_LABELS[agency] : agency;
  return agencyName && agencyName !== known ? `${known} (${agencyName})` : known;
}

function DecisionSummary({ record }: { record: PanelDecisionRecord }) {
  return (
    <>
      <span className={`pnl-pill pnl-pill-${record.decision}`}>{PANEL_DECISION_DONE[record.decision]}</span>
      {record.reason ? <> · {PANEL_REASON_LABELS[record.reason]}</> : null}
      {record.note ? <span className="pnl-note"> · “{record.note}”</span> : null}
      <span className="muted">
        {' '}
        · {whoAndWhen(record.decidedBy, record.decidedAt)}
      </span>
    </>
  );
}

/**
 * What the panel sees of one person, and no more: who they are, their lists, arrests in the
 * shortlist's window by crime type, why the rules proposed them, what agencies said before the
 * meeting, and the decision so far with its history when it was revised.
 */
export function PersonCard({
  sessionId,
  person,
  agenda,
  windowMonths,
  referenceDate,
  agencyCommentsAvailable,
  headingRef,
}: {
  sessionId: number;
  person: PanelPerson;
  agenda: number;
  windowMonths: number;
  referenceDate: string;
  agencyCommentsAvailable: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const name = displayName(person.surname, person.forenames);
  return (
    <article className="pnl-card" aria-labelledby="pnl-person-name" data-testid="pnl-card" data-person-id={person.personId}>
      <header className="pnl-card-header">
        <p className="pnl-place" data-testid="pnl-place">
          Person {formatCount(person.place)} of {formatCount(agenda)}
          {person.role === 'reserve' ? <span className="pill pill-warn">Reserve</span> : null}
        </p>
        <h2 id="pnl-person-name" ref={headingRef} tabIndex={-1} data-testid="pnl-person-name">
          {name}
        </h2>
        <p className="person-facts">
          <span>
            PNC <span className="cand-pnc">{person.pnc ?? 'not known'}</span>
          </span>
          <span>{person.age === null ? 'Age not known' : `${person.age} on ${formatIsoDate(referenceDate)}`}</span>
          <span>{person.gender && person.gender in GENDER_LABELS ? GENDER_LABELS[person.gender as keyof typeof GENDER_LABELS] : 'Gender not recorded'}</span>
          <span>{person.borough ?? 'Borough not recorded'}</span>
          <span className={`custody custody-${person.custody}`}>{person.custody === 'unknown' ? 'Custody not known' : CUSTODY_LABELS[person.custody]}</span>
        </p>
        <FlagChips flags={person.flags} emptyLabel="On no agency list" className="person-flags" />
      </header>
      <div className="pnl-card-body">
        <section aria-labelledby="pnl-arrests-title" className="pnl-card-section">
          <h3 id="pnl-arrests-title">
            Arrests in the {windowMonths} months to {formatIsoDate(referenceDate)}: <span data-testid="pnl-arrests">{formatCount(person.arrestsInWindow)}</span>
          </h3>
          {person.arrestsByType.length === 0 ? (
            <p className="muted">None in the window.</p>
          ) : (
            <DataTable columns={['Crime type', { label: 'Arrests', numeric: true }]} caption="Arrests in the window by crime type" className="pnl-types">
              {person.arrestsByType.map((t) => (
                <tr key={t.crimeType}>
                  <th scope="row">
                    <span className="swatch" style={{ background: CRIME_TYPE_COLOURS[t.crimeType] }} aria-hidden="true" /> {CRIME_TYPE_LABELS[t.crimeType]}
                  </th>
                  <td className="num">{formatCount(t.count)}</td>
                </tr>
              ))}
            </DataTable>
          )}
          <p className="muted small-print">Arrests, not convictions.</p>
        </section>
        <section aria-labelledby="pnl-why-title" className="pnl-card-section">
          <h3 id="pnl-why-title">Why proposed</h3>
          <p className="selection-reason" data-testid="pnl-reason">
            {person.selectionReason}
          </p>
          <h3 id="pnl-comments-title">Agency comments</h3>
          {!agencyCommentsAvailable ? (
            <p className="muted">No pre-review sheets have come back yet.</p>
          ) : person.agencyComments.length === 0 ? (
            <p className="muted">No agency commented on this person.</p>
          ) : (
            <ul className="pnl-comments" aria-labelledby="pnl-comments-title" data-testid="pnl-comments">
              {person.agencyComments.map((c, i) => (
                <li key={i}>
                  <strong>{agencyLabel(c.agency, c.agencyName)}:</strong> <span className="note-text">{c.comment}</span>
                  {c.rowEdited ? <span className="pill pill-warn">row edited: check the match</span> : null}
                  {c.receivedAt ? <span className="muted"> · {formatDateTime(c.receivedAt)}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <DecisionHistory sessionId={sessionId} person={person} />
    </article>
  );
}

/** The decision so far; when it was revised, every earlier one too (oldest first). */
function DecisionHistory({ sessionId, person }: { sessionId: number; person: PanelPerson }) {
  const [history, setHistory] = useState<PanelDecisionRecord[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const revised = person.decisionCount > 1;
  const currentId = person.current?.id ?? null;
  useEffect(() => {
    setHistory(null);
    setProblem(null);
    if (!revised) return undefined;
    let live = true;
    call('panel.history', { sessionId, personId: person.personId }).then(
      (records) => live && setHistory(records),
      (e: unknown) => live && setProblem(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [sessionId, person.personId, revised, currentId]);

  return (
    <section className="pnl-current" aria-labelledby="pnl-current-title" data-testid="pnl-current">
      <h3 id="pnl-current-title">Decision so far</h3>
      {person.current ? (
        <p>
          <DecisionSummary record={person.current} />
        </p>
      ) : (
        <p className="muted">Not decided yet.</p>
      )}
      {revised ? (
        <div className="pnl-history" data-testid="pnl-history">
          <h4>Revised: earlier decisions</h4>
          {problem ? <p className="field-error">{problem}</p> : null}
          {history ? (
            <ol>
              {history
                .filter((h) => h.id !== currentId)
                .map((h) => (
                  <li key={h.id}>
                    <DecisionSummary record={h} />
                  </li>
                ))}
            </ol>
          ) : problem ? null : (
            <p className="muted">Reading the history…</p>
          )}
        </div>
      ) : null}
    </section>
  );
}
