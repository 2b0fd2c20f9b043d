import type { ReactNode } from 'react';
import { useCall, type Loadable } from '../../api/useCall';
import type { ImportRecord } from '../../../shared/import/importSchemas';
import type { CandidateOverview } from '../../../shared/shortlist/candidateSchemas';
import type { WorkspaceSummary } from '../../../shared/workspace/workspaceSchemas';
import { FLAG_LABELS, FLAG_NAMES } from '../../../shared/domain/flags';
import { importKindLabel } from '../../../shared/domain/importKinds';
import type { Scenario } from '../../../shared/analysis/projection';
import { LoadingState } from '../../components/LoadingState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FlagChip } from '../../components/FlagChips';
import { formatDateTime, formatIsoDate } from '../Candidates/candidateLabels';
import { formatCount, formatNumber, formatPercent, plural } from '../../../shared/domain/numberFormat';
import { headlineFigures } from '../../../shared/report/reportHeadline';
import { formatDisplayMonth } from '../../../shared/domain/dateDisplay';
import type { IntakePlanView } from '../../../shared/intake/intakeSchemas';
import { DataTable } from '../../components/DataTable';
import { Stat } from '../../components/Stat';

const LATEST_IMPORTS = 5;

/**
 * The dashboard: the state of the workspace at a glance and what needs the analyst next. Each part
 * loads on its own, so a slow projection never holds back the counts.
 */
export function HomePage() {
  const [summary] = useCall('workspace.summary', {});
  const [overview] = useCall('candidates.overview', {});
  const [imports] = useCall('import.list', {});
  if (summary.status === 'loading') return <LoadingState label="Reading the workspace…" />;
  if (summary.status === 'error') return <ErrorNotice message={summary.message} title="Could not read the workspace" />;
  const s = summary.value;
  const empty = s.people === 0 && s.imports === 0;
  // Nothing is listed with a count of zero: the lists no one is on yet are named in one line.
  const listedFlags = FLAG_NAMES.filter((flag) => s.flags[flag] > 0);
  const emptyFlags = FLAG_NAMES.filter((flag) => s.flags[flag] === 0);
  return (
    <div className="page home-page">
      <header className="page-header">
        <h1>{s.name}</h1>
        <p className="muted">
          <span className="lock-badge">Encrypted workspace</span> · schema version <span data-testid="schema-version">{s.schemaVersion}</span> · <span className="path">{s.path}</span>
        </p>
      </header>
      <section aria-label="Workspace counts" className="stat-grid">
        <Stat
          label={
            <>
              People{overview.status === 'ready' ? (
                <>
                  , <span data-testid="count-long-list">{formatCount(overview.value.longListSize)}</span> on the long list
                </>
              ) : null}
            </>
          }
          value={formatCount(s.people)}
          testId="count-people"
        />
        <Stat label="Arrests" value={formatCount(s.arrests)} testId="count-arrests" />
        <Stat label="Imports" value={formatCount(s.imports)} testId="count-imports" />
      </section>
      {empty ? (
        <section className="panel empty-state" aria-label="Getting started">
          <h2>Nothing imported yet</h2>
          <p>Import the Potential Candidate List first, then the agency lists (DTOA, gangs matrix, repeat DV, repeat female, ASB, YOS, OGRS) and the PINS custody results.</p>
          <a className="button primary" href="#/import">
            Import a list
          </a>
        </section>
      ) : null}
      <div className="home-grid">
        <div className="home-column">
          <NeedsAttention summary={s} imports={imports.status === 'ready' ? imports.value : null} />
          {overview.status === 'error' ? <ErrorNotice message={overview.message} title="Could not read the long list" /> : null}
          {overview.status === 'ready' && !empty ? <ShortlistPanel overview={overview.value} /> : null}
          {!empty ? <IntakePanel /> : null}
          {overview.status === 'ready' && !empty ? <ProjectionHeadline /> : null}
        </div>
        <div className="home-column">
          <section className="panel" aria-labelledby="flags-title">
            <h2 id="flags-title">People on each agency list</h2>
            <DataTable columns={['List', { label: 'People', numeric: true }]}>
              {listedFlags.map((flag) => (
                <tr key={flag}>
                  <td>
                    <FlagChip flag={flag} />{' '}
                    <a href={`#/candidates/flag/${flag}`}>
                      {FLAG_LABELS[flag]}
                      <span className="visually-hidden"> (show these people)</span>
                    </a>
                  </td>
                  <td className="num" data-testid={`flag-${flag}`}>
                    {formatCount(s.flags[flag])}
                  </td>
                </tr>
              ))}
            </DataTable>
            {emptyFlags.length > 0 ? (
              <p className="muted small-print" data-testid="flags-empty">
                No one yet on: {emptyFlags.map((flag) => FLAG_LABELS[flag]).join(', ')}.
              </p>
            ) : null}
          </section>
          <LatestImports imports={imports} />
        </div>
      </div>
    </div>
  );
}

/** One thing to do, with its count; nothing is listed with a count of zero. */
function AttentionItem({ count, children, href, action, testId }: { count: number; children: ReactNode; href: string; action: string; testId: string }) {
  if (count === 0) return null;
  return (
    <li className="attention-item attention-open" data-testid={testId}>
      <span className="attention-count">{formatCount(count)}</span>
      <span className="attention-text">{children}</span>
      <a href={href}>{action}</a>
    </li>
  );
}

/** What blocks a trustworthy shortlist: unlinked rows, rows not imported, offences with no crime type. */
function NeedsAttention({ summary, imports }: { summary: WorkspaceSummary; imports: readonly ImportRecord[] | null }) {
  const rejected = imports ? imports.reduce((n, r) => n + r.rowsRejected, 0) : 0;
  const unmatched = imports ? imports.reduce((n, r) => n + r.rowsUnmatched, 0) : 0;
  const [offences] = useCall('classification.offences', {});
  const unclassified = offences.status === 'ready' ? offences.value.filter((o) => o.crimeType === 'other' && o.matchedBy === 'none') : [];
  const unclassifiedArrests = unclassified.reduce((n, o) => n + o.count, 0);
  const [sessions] = useCall('panel.list', {});
  const openSession = sessions.status === 'ready' ? sessions.value.find((session) => session.status === 'open') : undefined;
  const undecided = openSession ? openSession.progress.agenda - openSession.progress.decided : 0;
  const nothing = summary.pendingLinkReviews === 0 && rejected === 0 && unmatched === 0 && offences.status === 'ready' && unclassified.length === 0 && undecided === 0;
  return (
    <section className="panel" aria-labelledby="attention-title" data-testid="needs-attention">
      <h2 id="attention-title">Needs attention</h2>
      {nothing ? <p className="muted" data-testid="attention-none">Nothing needs attention.</p> : null}
      <ul className="attention-list">
        {openSession ? (
          <AttentionItem count={undecided} href={`#/panel/${openSession.id}`} action="Open the session" testId="attention-panel">
            {undecided === 1 ? 'person is' : 'people are'} still to decide in the open panel session “{openSession.title}” ({formatCount(openSession.progress.decided)} of {formatCount(openSession.progress.agenda)} decided).
          </AttentionItem>
        ) : null}
        <AttentionItem count={summary.pendingLinkReviews} href="#/links" action="Review matches" testId="attention-links">
          {summary.pendingLinkReviews === 1 ? 'uncertain match waits' : 'uncertain matches wait'} for your decision: is the row the same person as one already in the workspace?
        </AttentionItem>
        <AttentionItem count={rejected} href="#/import" action="See the rows" testId="attention-rejected">
          {rejected === 1 ? 'row was' : 'rows were'} rejected by the imports (a value could not be read, or the row names no one).
          {unmatched > 0 ? <span className="muted"> Also {plural(unmatched, 'list row')} matched no candidate.</span> : null}
        </AttentionItem>
        {rejected === 0 ? (
          <AttentionItem count={unmatched} href="#/import" action="See the rows" testId="attention-unmatched">
            {unmatched === 1 ? 'list row' : 'list rows'} matched no candidate.
          </AttentionItem>
        ) : null}
        {offences.status === 'error' ? <li className="attention-item">Offence descriptions could not be checked: {offences.message}</li> : null}
        <AttentionItem count={unclassified.length} href="#/candidates/crime/other" action="Who has them" testId="attention-unclassified">
          offence {unclassified.length === 1 ? 'description matches' : 'descriptions match'} no classification rule ({plural(unclassifiedArrests, 'arrest')}, counted as “Other”).
        </AttentionItem>
      </ul>
    </section>
  );
}

function ShortlistPanel({ overview }: { overview: CandidateOverview }) {
  const shortlist = overview.shortlist;
  return (
    <section className="panel" aria-labelledby="shortlist-title" data-testid="home-shortlist">
      <h2 id="shortlist-title">Current shortlist</h2>
      {shortlist ? (
        <>
          <div className="capacity">
            <p>
              <strong className="capacity-figure">{formatCount(shortlist.counts.included)}</strong> of <strong data-testid="home-places">{formatCount(shortlist.capacity)}</strong> places for new entrants filled
              {shortlist.counts.over_capacity > 0 ? <>; {plural(shortlist.counts.over_capacity, 'more person', 'more people')} qualified beyond it</> : null}.
            </p>
            <div className="meter" role="img" aria-label={`${shortlist.counts.included} of ${shortlist.capacity} places filled`}>
              <div className="meter-fill" style={{ width: `${Math.min(100, (shortlist.counts.included / Math.max(1, shortlist.capacity)) * 100)}%` }} />
            </div>
          </div>
          <p className="muted">
            {[
              shortlist.counts.excluded > 0 ? `${plural(shortlist.counts.excluded, 'person', 'people')} excluded` : null,
              shortlist.counts.not_eligible > 0 ? `${formatCount(shortlist.counts.not_eligible)} not eligible` : null,
            ]
              .filter((part) => part !== null)
              .map((part) => `${part} · `)
              .join('')}
            rules “{shortlist.ruleSetName}” v{shortlist.ruleSetVersion} · made {formatDateTime(shortlist.createdAt)} by {shortlist.createdBy}
          </p>
          {shortlist.capacityWorking ? <p className="muted small-print">Places: {shortlist.capacityWorking}</p> : null}
          {shortlist.caseloadCounted !== null && shortlist.caseloadCounted !== overview.currentClients ? (
            <p className="notice notice-info" data-testid="home-caseload-changed">
              The caseload has changed since this shortlist was made ({formatCount(shortlist.caseloadCounted)} then, {formatCount(overview.currentClients)} now): <a href="#/shortlist">run the shortlist again</a> for
              the places as they stand.
            </p>
          ) : null}
        </>
      ) : (
        <p className="muted">No shortlist yet. The selection rules put the priority groups first, then fill the caseload by arrest frequency.</p>
      )}
      <p className="muted small-print" data-testid="home-current-clients">
        {plural(overview.currentClients, 'current IOM client')} in the workspace (people with an IOM start date
        {overview.clientsLeft > 0 ? <>, less {formatCount(overview.clientsLeft)} recorded as having left on the <a href="#/tracking">Tracking</a> screen</> : null}).
      </p>
    </section>
  );
}

/**
 * The scenario the Projection screen opens (the most recently saved; the seed's when none is),
 * applied to the long list, so Home and Projection never show two different answers.
 */
function ProjectionHeadline() {
  const [list] = useCall('scenarios.list', {});
  const chosen = list.status === 'ready' ? list.value.scenarios[0] : undefined;
  return (
    <section className="panel" aria-labelledby="projection-title" data-testid="home-projection">
      <h2 id="projection-title">If the whole long list joined IOM</h2>
      {list.status === 'loading' ? <LoadingState label="Reading the scenarios…" /> : null}
      {list.status === 'error' ? <ErrorNotice message={list.message} title="Could not read the scenarios" /> : null}
      {chosen ? <ScenarioHeadline key={`${chosen.id}:${chosen.updatedAt}`} name={chosen.name} scenario={chosen.scenario} /> : null}
    </section>
  );
}

function ScenarioHeadline({ name, scenario }: { name: string; scenario: Scenario }) {
  const [projection] = useCall('analysis.project', { scenario, population: { kind: 'longList' } });
  const all = projection.status === 'ready' ? projection.value.rows.find((r) => r.crimeType === 'all') : undefined;
  const figures = projection.status === 'ready' && all ? headlineFigures(all, projection.value.totalCostSavingPerYear) : null;
  return (
    <>
      {projection.status === 'loading' ? <LoadingState label="Projecting…" /> : null}
      {projection.status === 'error' ? <ErrorNotice message={projection.message} title="Could not project" /> : null}
      {projection.status === 'ready' && !all ? <p className="muted">Scenario “{name}” has no all-crime row; open it in Projection for its figures.</p> : null}
      {projection.status === 'ready' && all ? (
        <>
          <p className="headline">
            About <strong data-testid="projection-reduction">{figures?.reduction}</strong> fewer offences a year
            {figures?.reductionRange ? <span className="muted"> (range {figures.reductionRange})</span> : null}
            {figures?.share ? <>, about {figures.share} of the borough’s recorded crime a year</> : null}.
          </p>
          <p className="muted">
            {formatCount(all.arrests)} arrests {formatIsoDate(projection.value.windowFirstDay)} – {formatIsoDate(projection.value.referenceDate)} → {formatNumber(all.offencesPerYear)} offences a year at {formatNumber(all.allegationsPerArrest, 2)} per arrest ×{' '}
            {formatPercent(all.reductionRate, 2)} reduction. Scenario “<span data-testid="home-scenario-name">{name}</span>”, as Projection shows it.
          </p>
          {figures?.cost ? (
            <p className="muted" data-testid="home-cost">
              Cost of crime avoided (the costed crime types): {figures.cost} a year{figures.costRange ? ` (range ${figures.costRange})` : ''}, as the report prints it.
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** The accepted cohort's intake, as the Intake plan screen works it out: none, or its tranches and the next one. */
function IntakePanel() {
  const [intake] = useCall('intake.plan', {});
  return (
    <section className="panel" aria-labelledby="intake-title" data-testid="home-intake">
      <h2 id="intake-title">Intake plan</h2>
      {intake.status === 'loading' ? <LoadingState label="Reading the intake plan…" /> : null}
      {intake.status === 'error' ? <ErrorNotice message={intake.message} title="Could not read the intake plan" /> : null}
      {intake.status === 'ready' ? <IntakeState view={intake.value} /> : null}
    </section>
  );
}

function IntakeState({ view }: { view: IntakePlanView }) {
  const report = view.report;
  if (!report) {
    return (
      <p className="muted" data-testid="intake-state">
        None yet: the intake is planned from the panel&apos;s accepted cohort, once a panel session has decisions. <a href="#/intake">Intake plan</a>
      </p>
    );
  }
  const tranches = report.plan.months.filter((m) => m.starts > 0);
  if (tranches.length === 0) {
    return (
      <p className="muted" data-testid="intake-state">
        No one to start yet: the panel session “{report.session.title}” has accepted no one. <a href="#/intake">Open the intake plan</a>
      </p>
    );
  }
  const thisMonth = new Date().toISOString().slice(0, 7);
  const next = tranches.find((m) => m.month >= thisMonth);
  const shown = next ?? tranches[0];
  const first = tranches[0];
  const last = tranches[tranches.length - 1];
  const notFitting = report.plan.totals.notFitting;
  return (
    <>
      <p data-testid="intake-state">
        Planned: <strong>{plural(tranches.length, 'monthly tranche')}</strong>
        {first && last && first !== last ? <> from {formatDisplayMonth(first.month)} to {formatDisplayMonth(last.month)}</> : null}, {plural(report.plan.totals.planned, 'person', 'people')} in all
        {notFitting > 0 ? <>; {plural(notFitting, 'person does', 'people do')} not fit</> : null}.
      </p>
      {shown ? (
        <p data-testid="intake-next">
          {next ? 'Next tranche' : 'First tranche (its month has passed)'}: <strong>{formatDisplayMonth(shown.month)}</strong>, {plural(shown.starts, 'person', 'people')} starting.
        </p>
      ) : null}
      <a href="#/intake">Open the intake plan</a>
    </>
  );
}

function LatestImports({ imports }: { imports: Loadable<ImportRecord[]> }) {
  return (
    <section className="panel" aria-labelledby="latest-imports-title" data-testid="home-imports">
      <h2 id="latest-imports-title">Latest imports</h2>
      {imports.status === 'loading' ? <LoadingState label="Loading the imports…" /> : null}
      {imports.status === 'error' ? <ErrorNotice message={imports.message} title="Could not list the imports" /> : null}
      {imports.status === 'ready' && imports.value.length === 0 ? <p className="muted">No files imported yet.</p> : null}
      {imports.status === 'ready' && imports.value.length > 0 ? (
        <>
          <ul className="import-summary-list">
            {imports.value.slice(0, LATEST_IMPORTS).map((record) => (
              <li key={record.id}>
                <span className="file-name">{record.fileName}</span>
                <span className="muted">
                  {' '}
                  · {importKindLabel(record.kind)} · {formatDateTime(record.importedAt)} · {plural(record.rowsImported, 'row')} imported
                  {record.rowsRejected > 0 ? `, ${formatCount(record.rowsRejected)} rejected` : ''}
                </span>
              </li>
            ))}
          </ul>
          <a href="#/import">{imports.value.length > LATEST_IMPORTS ? `All ${formatCount(imports.value.length)} imports` : 'Import another list'}</a>
        </>
      ) : null}
    </section>
  );
}
