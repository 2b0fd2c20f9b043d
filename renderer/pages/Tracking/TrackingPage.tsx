import { useCall } from '../../api/useCall';
import type { TrackingView } from '../../../shared/tracking/trackingSchemas';
import type { PeriodCounts } from '../../../shared/tracking/outcomeTracking';
import { formatCount, formatNumber, formatPercent } from '../../../shared/domain/numberFormat';
import { describeFall } from '../../../shared/tracking/trackingStatement';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { ExitRecording } from './ExitRecording';
import { MembersFollowed } from './MembersFollowed';
import { QuarterlyReturnPanel } from './QuarterlyReturnPanel';
import { TrackingChart } from './TrackingChart';
import { ArrestCells, OffenceRateCells } from './RateCells';
import { DataTable } from '../../components/DataTable';

/** Signed: + for a rise in arrests, − for a fall. */
const change = (value: number | null) => (value === null ? '–' : `${value > 0 ? '−' : value < 0 ? '+' : ''}${formatPercent(Math.abs(value))}`);

/** The columns of a before/after table, the same for the cohort, the comparison and each group. */
function PeriodHeader() {
  return (
    <thead>
      <tr>
        <th scope="col"></th>
        <th scope="col" className="num">People</th>
        <th scope="col" className="num">Arrests before</th>
        <th scope="col" className="num">A person-month</th>
        <th scope="col" className="num">Arrests after</th>
        <th scope="col" className="num">A person-month</th>
        <th scope="col" className="num">Change</th>
        <th scope="col" className="num">Est. offences a month, before</th>
        <th scope="col" className="num">after</th>
      </tr>
    </thead>
  );
}

function PeriodRow({ label, counts }: { label: string; counts: PeriodCounts }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">{formatCount(counts.people)}</td>
      <ArrestCells counts={counts} />
      <td className="num">{change(counts.change)}</td>
      <OffenceRateCells counts={counts} />
    </tr>
  );
}

function PeriodTable({ id, title, caption, rows }: { id: string; title: string; caption: string; rows: Array<{ label: string; counts: PeriodCounts }> }) {
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div className="table-scroll">
        <table className="table compact" data-testid={id}>
          <caption className="visually-hidden">{caption}</caption>
          <PeriodHeader />
          <tbody>
            {rows.map((r) => (
              <PeriodRow key={r.label} label={r.label} counts={r.counts} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function TrackingResultView({ view, onChanged }: { view: TrackingView; onChanged(): void }) {
  const r = view.result;
  const all = r.byCrimeType.find((c) => c.crimeType === 'all');
  const effect = r.effect;
  return (
    <>
      <section className="panel" aria-labelledby="tracking-summary-title" data-testid="tracking-summary">
        <h2 id="tracking-summary-title">Who is followed</h2>
        <p>
          {view.cohort.description}. Projection: “{view.scenario.name}” (<a href="#/projection">Projection</a>). Data to {view.dataTo}; a later arrests extract imported on the{' '}
          <a href="#/import">Import</a> screen extends it. New members start in their <a href="#/intake">intake plan</a> tranche.
        </p>
        <p>
          {formatCount(r.people.length)} followed, {formatCount(r.leftOut.length)} not yet (no start date, or starting after the data ends), {formatCount(r.exits)} recorded as having left.
        </p>
      </section>
      {effect && all ? (
        <section className="panel" aria-labelledby="tracking-effect-title" data-testid="tracking-effect">
          <h2 id="tracking-effect-title">Against a comparison group</h2>
          <p>
            The matched members’ own before/after change: <strong>{effect.naiveReduction === null ? '–' : describeFall(effect.naiveReduction)}</strong>. Attributable to joining, allowing for the comparison
            group’s own change: <strong>{effect.reduction === null ? '–' : describeFall(effect.reduction)}</strong>
            {effect.bootstrap?.reduction ? ` (95% interval from ${describeFall(effect.bootstrap.reduction.low)} to ${describeFall(effect.bootstrap.reduction.high)})` : ''}.
          </p>
          <p className="working">{effect.reductionWorking}</p>
          <div className="table-scroll">
            <table className="table compact" data-testid="tracking-comparison">
              <caption className="visually-hidden">Cohort and comparison group, arrests before and after</caption>
              <PeriodHeader />
              <tbody>
                <PeriodRow label="Cohort" counts={all.cohort} />
                <PeriodRow label="Comparison" counts={all.comparison} />
              </tbody>
            </table>
          </div>
          <p>
            Matching: {formatCount(r.matching.exact)} exact, {formatCount(r.matching.nearest)} nearest, {formatCount(r.matching.unmatched.length)} unmatched, from{' '}
            {formatCount(r.matching.candidates)} people on the long list not taken on.
          </p>
        </section>
      ) : null}
      <TrackingChart view={view} />
      <section className="panel" aria-labelledby="tracking-statement-title" data-testid="tracking-statement">
        <h2 id="tracking-statement-title">What this can and cannot show</h2>
        <ul>
          {r.statement.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <ExitRecording view={view} onChanged={onChanged} />
      <PeriodTable id="tracking-by-type" title="By crime type" caption="Cohort arrests and estimated offences before and after joining, by crime type" rows={r.byCrimeType.map((c) => ({ label: c.label, counts: c.cohort }))} />
      <PeriodTable id="tracking-by-group" title="By statutory group" caption="Cohort arrests before and after joining, by statutory group" rows={r.byGroup.map((g) => ({ label: g.label, counts: g.cohort }))} />
      <MembersFollowed view={view} />
      <section className="panel" aria-labelledby="tracking-projection-title">
        <h2 id="tracking-projection-title">Projected vs actual offences a year</h2>
        <DataTable columns={['Crime type', { label: 'Projected before', numeric: true }, { label: 'Projected after', numeric: true }, { label: 'Actual after', numeric: true }, { label: 'Difference', numeric: true }]} caption="The projection the panel was shown against the offences estimated since joining" scroll data-testid="tracking-projected">
          {r.projectedVsActual.map((p) => (
            <tr key={p.crimeType} title={p.working}>
              <th scope="row">{p.label}</th>
              <td className="num">{formatNumber(p.projectedBefore)}</td>
              <td className="num">{formatNumber(p.projectedAfter)}</td>
              <td className="num">{formatNumber(p.actualAfter)}</td>
              <td className="num">{formatNumber(p.difference)}</td>
            </tr>
          ))}
        </DataTable>
        <details data-testid="tracking-projected-working">
          <summary>The working, crime type by crime type</summary>
          <ul>
            {r.projectedVsActual.map((p) => (
              <li key={p.crimeType}>
                <strong>{p.label}:</strong> {p.working}
              </li>
            ))}
          </ul>
        </details>
      </section>
      <QuarterlyReturnPanel view={view} />
    </>
  );
}

/**
 * Outcome tracking (issue 20): is the cohort working? Arrests and estimated offences before and after
 * joining, against the projection and a matched comparison group, with what the figures cannot show.
 */
export function TrackingPage() {
  const [view, reload] = useCall('tracking.track', {});
  return (
    <div className="page tracking-page">
      <header className="page-header">
        <h1>Tracking</h1>
      </header>
      {view.status === 'loading' ? <LoadingState label="Following the cohort…" /> : view.status === 'error' ? <ErrorNotice message={view.message} /> : <TrackingResultView view={view.value} onChanged={reload} />}
    </div>
  );
}
