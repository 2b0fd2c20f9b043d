import type { IntakePerson, IntakePlanReport } from '../../../shared/intake/intakeSchemas';
import type { IntakeMonth } from '../../../shared/intake/intakePlan';
import { FlagChips } from '../../components/FlagChips';
import { formatCount } from '../../../shared/domain/numberFormat';
import { displayName } from '../Candidates/candidateLabels';
import { DataTable } from '../../components/DataTable';

const LIMIT_WORDS: Record<NonNullable<IntakeMonth['limitedBy']>, string> = {
  capacity: 'capacity',
  maxStarts: 'most starts a month',
  pace: 'even pace',
};

/** The month table: starts, their statutory split, the caseload and the capacity it is held against. */
export function IntakeMonthTable({ report }: { report: IntakePlanReport }) {
  const { plan } = report;
  return (
    <section className="panel" aria-labelledby="intake-months-title">
      <h2 id="intake-months-title">Month by month</h2>
      <div className="table-scroll">
        <table className="table compact intake-months" data-testid="intake-months">
          <caption className="visually-hidden">New starts, statutory status, caseload and capacity per month</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="num">Starts</th>
              <th scope="col" className="num">Statutory</th>
              <th scope="col" className="num">Non-statutory</th>
              <th scope="col" className="num">Unknown</th>
              <th scope="col" className="num">Priority groups</th>
              <th scope="col" className="num" title="Clients on the books expected or recorded to have left, and new starters recorded as having left, by the month's starts">
                Left by then
              </th>
              <th scope="col" className="num">Caseload at end</th>
              <th scope="col" className="num">Capacity</th>
              <th scope="col">Capacity limited by</th>
              <th scope="col">Starts held by</th>
            </tr>
          </thead>
          <tbody>
            {plan.months.map((m) => (
              <tr key={m.month} data-testid={`intake-month-${m.month}`}>
                <th scope="row" className="nowrap">
                  {m.label}
                </th>
                <td className="num" data-testid={`starts-${m.month}`}>{formatCount(m.starts)}</td>
                <td className="num">{formatCount(m.statutory)}</td>
                <td className="num">{formatCount(m.nonStatutory)}</td>
                <td className="num">{formatCount(m.unknownStatutory)}</td>
                <td className="num">{formatCount(m.priority)}</td>
                <td className="num nowrap" data-testid={`left-${m.month}`}>
                  {formatCount(m.exitsSoFar + m.startersLeftSoFar)}
                  {m.recordedExitsSoFar + m.startersLeftSoFar > 0 ? <span className="muted"> ({formatCount(m.recordedExitsSoFar + m.startersLeftSoFar)} recorded)</span> : null}
                </td>
                <td className="num" data-testid={`caseload-${m.month}`}>{formatCount(m.caseloadAtEnd)}</td>
                <td className="num" data-testid={`capacity-${m.month}`}>{formatCount(m.capacity)}</td>
                <td>
                  {m.constrainedBy ? (m.tiedWith ? `${m.constrainedBy} and ${m.tiedWith}` : m.constrainedBy) : '—'}
                  {m.spare <= 0 && m.capacity > 0 ? <span className="pill pill-warn intake-pill">full</span> : null}
                </td>
                <td>{m.limitedBy ? LIMIT_WORDS[m.limitedBy] : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="num" data-testid="starts-total">{formatCount(plan.totals.planned)}</td>
              <td className="num">{formatCount(plan.statutoryShare.statutory)}</td>
              <td className="num">{formatCount(plan.statutoryShare.nonStatutory)}</td>
              <td className="num">{formatCount(plan.statutoryShare.unknown)}</td>
              <td className="num">{formatCount(plan.months.reduce((n, m) => n + m.priority, 0))}</td>
              <td colSpan={5} />
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="intake-binding" data-testid="intake-binding">{plan.binding.text}</p>
    </section>
  );
}

function StatutoryCell({ value }: { value: boolean | null }) {
  if (value === null) return <span className="muted">Unknown</span>;
  return <>{value ? 'Statutory' : 'Non-statutory'}</>;
}

function PeopleTable({ people, caption }: { people: Array<{ order: number; person: IntakePerson }>; caption: string }) {
  return (
    <DataTable columns={[{ label: 'Order', numeric: true }, 'Name', 'PNC', 'Status', 'Priority groups', { label: 'Shortlist place', numeric: true }]} caption={caption} className="intake-people">
      {people.map(({ order, person }) => (
        <tr key={person.personId}>
          <td className="num">{order}</td>
          <td>
            <a href={`#/person/${person.personId}`}>{displayName(person.surname, person.forenames)}</a>
          </td>
          <td className="nowrap">{person.pnc ?? '—'}</td>
          <td>
            <StatutoryCell value={person.statutory} />
          </td>
          <td>
            <FlagChips flags={person.priorityGroups} emptyLabel="—" />
          </td>
          <td className="num">{person.shortlistPosition ?? '—'}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Who starts each month (one expandable group per month), and who does not fit, with why. */
export function IntakePeople({ report }: { report: IntakePlanReport }) {
  const { plan } = report;
  const byId = new Map(report.people.map((p) => [p.personId, p]));
  return (
    <>
      <section className="panel" aria-labelledby="intake-people-title">
        <h2 id="intake-people-title">Who starts when</h2>
        <p className="muted">Priority groups first ({report.priorityGroups.length ? report.priorityGroups.length : 'none'} in this shortlist’s rules), then shortlist order. Open a month to see its starters.</p>
        {plan.months.map((m) => {
          const starters = plan.starters.filter((s) => s.month === m.month);
          return (
            <details key={m.month} className="intake-month-group" data-testid={`intake-people-${m.month}`}>
              <summary>
                <strong>{m.label}</strong>: {formatCount(m.starts)} {m.starts === 1 ? 'starts' : 'start'}
                {m.starts ? ` (${m.statutory} statutory, ${m.nonStatutory} non-statutory${m.unknownStatutory ? `, ${m.unknownStatutory} unknown` : ''}${m.priority ? `; ${m.priority} in a priority group` : ''})` : ''}
              </summary>
              {starters.length ? (
                <div className="table-scroll">
                  <PeopleTable caption={`Starting in ${m.label}`} people={starters.map((s) => ({ order: s.order, person: byId.get(s.personId)! }))} />
                </div>
              ) : (
                <p className="muted">No one starts this month.</p>
              )}
            </details>
          );
        })}
      </section>
      <section className="panel" aria-labelledby="intake-not-fitting-title" data-testid="intake-not-fitting">
        <h2 id="intake-not-fitting-title">Not fitting within the period ({formatCount(plan.notFitting.length)})</h2>
        {plan.notFitting.length && plan.notFittingReason ? (
          <>
            <p className="notice notice-warn" data-testid="intake-not-fitting-reason">{plan.notFittingReason.text}</p>
            <div className="table-scroll">
              <PeopleTable caption="People who do not fit within the period" people={plan.notFitting.map((n) => ({ order: n.order, person: byId.get(n.personId)! }))} />
            </div>
          </>
        ) : (
          <p className="muted">Everyone accepted starts within the period.</p>
        )}
      </section>
    </>
  );
}
