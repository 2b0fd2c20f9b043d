import { useEffect, useRef, useState, type RefObject } from 'react';
import { call } from '../../api/client';
import { useCall } from '../../api/useCall';
import type { ShortlistView } from '../../../shared/shortlist/shortlistSchemas';
import type { Staffing } from '../../../shared/shortlist/selectionRules';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useActions } from '../../components/useSubmit';
import { LoadingState } from '../../components/LoadingState';
import { formatCount, plural } from '../../../shared/domain/numberFormat';
import { formatDateTime, formatIsoDate } from '../Candidates/candidateLabels';
import { draftFromRuleSet, ruleSetFromDraft, type RuleSetDraft, type RuleSetDraftErrors } from './ruleSetDraft';
import { RuleSetForm } from './RuleSetForm';
import { ShortlistMembers } from './ShortlistMembers';
import { StartPanelForm } from './StartPanelForm';

/**
 * The shortlist the selection rules propose to the panel: set the rules (priority groups, capacity
 * from the team, exclusions, ranking), run them, see who is included, over capacity, excluded or not
 * eligible with each reason, and start the panel session that reviews them.
 */
export function ShortlistPage({ onNavigate }: { onNavigate(route: string): void }) {
  const [latest, reloadLatest] = useCall('shortlist.latest', {});
  const [settings] = useCall('settings.get', {});
  const [overview] = useCall('candidates.overview', {});
  const [draft, setDraft] = useState<RuleSetDraft | null>(null);
  const [errors, setErrors] = useState<RuleSetDraftErrors>({});
  const { busy: running, error: runError, run: runRules } = useActions();
  const [status, setStatus] = useState<string | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  // The form starts once from the latest rules (or the seed's over the default window).
  const ready = latest.status === 'ready' && overview.status === 'ready';
  useEffect(() => {
    if (!ready || draft) return;
    setDraft(draftFromRuleSet(latest.value.shortlist?.ruleSet ?? null, overview.value.defaultWindow));
  }, [ready, draft, latest, overview]);

  if (latest.status === 'error') return <ErrorNotice message={latest.message} title="Could not read the shortlist" />;
  if (settings.status === 'error') return <ErrorNotice message={settings.message} title="Could not read the settings" />;
  if (overview.status === 'error') return <ErrorNotice message={overview.message} title="Could not read the long list" />;
  if (latest.status === 'loading' || settings.status === 'loading' || overview.status === 'loading' || !draft) return <LoadingState label="Reading the shortlist…" />;

  const staffing: Staffing = settings.value.values.staffing;
  const shortlist = latest.value.shortlist;

  async function run() {
    if (!draft) return;
    const { ruleSet, errors: problems } = ruleSetFromDraft(draft, staffing);
    setErrors(problems);
    if (!ruleSet) return;
    setStatus(null);
    await runRules(async () => {
      const result = await call('shortlist.run', { ruleSet });
      setStatus(`Shortlist made: ${plural(result.shortlist.summary.counts.included, 'person', 'people')} included of a capacity of ${formatCount(result.shortlist.summary.capacity)} (rules “${ruleSet.name}” version ${result.ruleSetVersion}).`);
      reloadLatest();
      resultHeading.current?.focus();
    });
  }

  return (
    <div className="page sl-page">
      <header className="page-header">
        <h1>Shortlist</h1>
        <p className="muted">
          The rules propose; the panel decides. Priority groups come first (seed: all DTOA, gang nominals, repeat women, mandatory OGRS), then the remaining places go by arrest frequency and type, after the exclusions.
          {overview.value.hasLongList ? ` Applied to the Potential Candidate List (${formatCount(overview.value.longListSize)} people).` : ` No candidate list is imported, so everyone in the workspace (${formatCount(overview.value.longListSize)}) is considered.`}
        </p>
      </header>
      <section className="panel" aria-labelledby="sl-rules-title">
        <h2 id="sl-rules-title">Selection rules</h2>
        <RuleSetForm draft={draft} errors={errors} staffing={staffing} currentClients={overview.value.currentClients} busy={running} onChange={setDraft} onRun={() => void run()} />
        <ErrorNotice message={runError} title="The rules did not run" />
        <p className="settings-status" role="status" aria-live="polite" data-testid="sl-status">
          {status}
        </p>
      </section>
      {shortlist ? (
        <>
          <div className="sl-columns">
            <ShortlistSummary shortlist={shortlist} headingRef={resultHeading} />
            <StartPanelForm key={shortlist.id} shortlist={shortlist} onStarted={(id) => onNavigate(`panel/${id}`)} onNavigate={onNavigate} />
          </div>
          <ShortlistMembers shortlist={shortlist} onNavigate={onNavigate} />
        </>
      ) : (
        <section className="panel empty-state" aria-labelledby="sl-empty-title">
          <h2 id="sl-empty-title">No shortlist yet</h2>
          <p>Run the selection rules above to propose a shortlist for the panel.</p>
        </section>
      )}
    </div>
  );
}

function ShortlistSummary({ shortlist, headingRef }: { shortlist: ShortlistView; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const { counts, capacity } = shortlist;
  return (
    <section className="panel" aria-labelledby="sl-summary-title" data-testid="sl-summary">
      <h2 id="sl-summary-title" ref={headingRef} tabIndex={-1}>
        Latest shortlist
      </h2>
      <div className="capacity">
        <p>
          <strong className="capacity-figure" data-testid="sl-included">
            {formatCount(counts.included)}
          </strong>{' '}
          of <strong data-testid="sl-capacity">{formatCount(capacity)}</strong> places for new entrants proposed
          {counts.over_capacity > 0 ? <>; {plural(counts.over_capacity, 'more person', 'more people')} qualified beyond it</> : null}; {formatCount(counts.excluded)} excluded, {formatCount(counts.not_eligible)} not eligible.
        </p>
        <div className="meter" role="img" aria-label={`${counts.included} of ${capacity} places proposed`}>
          <div className="meter-fill" style={{ width: `${Math.min(100, (counts.included / Math.max(1, capacity)) * 100)}%` }} />
        </div>
      </div>
      {shortlist.priorityExceedsCapacity ? (
        <p className="notice notice-warn">The priority groups alone ({formatCount(shortlist.priorityCandidates ?? 0)} people) exceed the capacity: nobody is taken by rank.</p>
      ) : null}
      <dl className="sl-facts">
        <div>
          <dt>Places</dt>
          <dd>
            <code>{shortlist.capacityWorking ?? `${capacity} clients`}</code>
          </dd>
        </div>
        {shortlist.priorityCandidates !== null ? (
          <div>
            <dt>Priority groups</dt>
            <dd>{plural(shortlist.priorityCandidates, 'person', 'people')} not excluded</dd>
          </div>
        ) : null}
        {shortlist.rankingFormula ? (
          <div>
            <dt>Ranking</dt>
            <dd>
              <code>{shortlist.rankingFormula}</code>
            </dd>
          </div>
        ) : null}
        {shortlist.window ? (
          <div>
            <dt>Arrests counted</dt>
            <dd>
              {shortlist.window.windowMonths} months to {formatIsoDate(shortlist.window.referenceDate)}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Rules</dt>
          <dd>
            “{shortlist.ruleSetName}” version {shortlist.ruleSetVersion} · made {formatDateTime(shortlist.createdAt)} by {shortlist.createdBy}
          </dd>
        </div>
      </dl>
    </section>
  );
}
