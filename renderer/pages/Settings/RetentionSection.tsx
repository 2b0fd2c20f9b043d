import { useEffect, useId, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import { PURGE_CONFIRMATION, RETENTION_DAYS_MAX, RetentionPolicySchema, type RetentionPolicy, type RetentionPreview } from '../../../shared/maintenance/maintenanceSchemas';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useConfirmedAction } from '../../components/useConfirmedAction';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { formatDateTime, formatIsoDate } from '../Candidates/candidateLabels';
import { SettingsSection } from './SettingsSection';
import { formatBytes, formatCount, plural } from '../../../shared/domain/numberFormat';
import { SubmitForm } from '../../components/SubmitForm';

interface RuleDraft {
  on: boolean;
  days: string;
}

function draftOf(days: number | null, fallback: number): RuleDraft {
  return { on: days !== null, days: String(days ?? fallback) };
}

function policyOf(panel: RuleDraft, shortlist: RuleDraft): RetentionPolicy | null {
  const parsed = RetentionPolicySchema.safeParse({
    notAcceptedAfterPanelDays: panel.on ? Number(panel.days) : null,
    neverShortlistedAfterImportDays: shortlist.on ? Number(shortlist.days) : null,
  });
  return parsed.success ? parsed.data : null;
}

function RuleField({ label, after, draft, onChange }: { label: string; after: string; draft: RuleDraft; onChange(next: RuleDraft): void }) {
  const id = useId();
  const days = Number(draft.days);
  const invalid = draft.on && !(Number.isInteger(days) && days >= 1 && days <= RETENTION_DAYS_MAX);
  return (
    <div className="maint-rule">
      <input id={`${id}-on`} type="checkbox" checked={draft.on} onChange={(e) => onChange({ ...draft, on: e.target.checked })} />
      <label htmlFor={`${id}-on`}>{label}</label>
      <input
        id={`${id}-days`}
        type="number"
        className="input-number"
        min={1}
        max={RETENTION_DAYS_MAX}
        step={1}
        value={draft.days}
        disabled={!draft.on}
        aria-label={`${label}: days`}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={`${id}-after`}
        onChange={(e) => onChange({ ...draft, days: e.target.value })}
      />
      <span id={`${id}-after`}>{after}</span>
      {invalid ? <span className="field-error maint-rule-error">A whole number of days from 1 to {formatCount(RETENTION_DAYS_MAX)}.</span> : null}
    </div>
  );
}

/**
 * Retention: how long people the cohort work no longer needs are kept. The rules only count who
 * is due; nobody is purged until the analyst confirms, and the count confirmed is the count purged.
 */
export function RetentionSection() {
  const [loadedPreview, reload] = useCall('maintenance.retentionPreview', {});
  const [preview, setPreview] = useState<RetentionPreview | null>(null);
  const [panelRule, setPanelRule] = useState<RuleDraft>(draftOf(null, 90));
  const [shortlistRule, setShortlistRule] = useState<RuleDraft>(draftOf(null, 365));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const purge = useConfirmedAction(async () => {
    if (!preview) return;
    const result = await call('maintenance.applyRetention', { expectedPeople: preview.due.total, confirmation: PURGE_CONFIRMATION });
    setPreview(result.preview);
    const compaction = result.compaction;
    setStatus(
      `${plural(result.purged, 'person', 'people')} purged under the retention rules.` +
        (compaction ? (compaction.compacted ? ` The file was rewritten (${formatBytes(compaction.bytesBefore)} → ${formatBytes(compaction.bytesAfter)}).` : ' The file could not be rewritten yet: use “Compact the file now” when no import is running.') : ''),
    );
    reload();
  });
  // Saving the rules and purging take turns: each waits for the other.
  const anyBusy = busy || purge.busy;

  const loaded = loadedPreview.status === 'ready' ? loadedPreview.value : null;
  useEffect(() => {
    if (!loaded) return;
    setPreview(loaded);
    setPanelRule(draftOf(loaded.policy.notAcceptedAfterPanelDays, 90));
    setShortlistRule(draftOf(loaded.policy.neverShortlistedAfterImportDays, 365));
  }, [loaded]);

  const title = 'Data retention';
  if (loadedPreview.status === 'loading' && !preview) return <LoadingState label="Counting who the retention rules cover…" />;
  if (loadedPreview.status === 'error' && !preview) {
    return (
      <SettingsSection id="settings-retention" title={title} intro="">
        <ErrorNotice message={loadedPreview.message} title="Could not read the retention rules" />
      </SettingsSection>
    );
  }
  if (!preview) return null;

  const draft = policyOf(panelRule, shortlistRule);
  const unsaved = draft !== null && JSON.stringify(draft) !== JSON.stringify(preview.policy);
  const { due } = preview;

  async function save() {
    if (!draft) return;
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      setPreview(await call('maintenance.setRetentionPolicy', { policy: draft }));
      setStatus('Retention rules saved.');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <SettingsSection
      id="settings-retention"
      title={title}
      intro="People are kept only while the cohort work needs them. Each rule is off or a number of days. The rules only count who is due: nobody is purged until you confirm, and a purge is written to the audit trail with counts and internal ids, never names."
      customised={preview.policy.notAcceptedAfterPanelDays !== null || preview.policy.neverShortlistedAfterImportDays !== null}
      status={status}
      error={error}
    >
      <SubmitForm className="maint-rules" onSubmit={save}>
        <fieldset>
          <legend>Purge people…</legend>
          <RuleField label="not accepted by the panel," after="days after the last panel that considered them" draft={panelRule} onChange={setPanelRule} />
          <RuleField label="never shortlisted," after="days after the last list that named them" draft={shortlistRule} onChange={setShortlistRule} />
        </fieldset>
        <p className="field-hint">Never purged by a rule: people a panel accepted, the existing IOM cohort, and anyone on the shortlist of a panel still open.</p>
        <button type="submit" className="button primary" disabled={anyBusy || !draft || !unsaved}>
          Save rules
        </button>
      </SubmitForm>

      <div className="maint-due" data-testid="retention-due" aria-live="polite">
        {unsaved ? (
          <p className="muted">Save the rules to see who they cover.</p>
        ) : (
          <>
            <p>
              <strong>
                {formatCount(due.total)} of {plural(preview.people, 'person', 'people')}
              </strong>{' '}
              due on {formatIsoDate(preview.asOf)}: {formatCount(due.notAcceptedAfterPanel)} not accepted by a panel, {formatCount(due.neverShortlisted)} never shortlisted. {plural(preview.protectedPeople, 'person is', 'people are')} protected.
            </p>
            <p className="muted">
              Panels: {formatCount(preview.panelSessions.closed)} closed, {formatCount(preview.panelSessions.open)} open.{' '}
              {preview.lastApplied ? `Last applied ${formatDateTime(preview.lastApplied.at)} (${plural(preview.lastApplied.purged, 'person', 'people')} purged).` : 'The rules have not been applied yet.'}
            </p>
          </>
        )}
        <div className="maint-actions">
          <button type="button" className="button danger" disabled={anyBusy || unsaved || due.total === 0} onClick={purge.ask}>
            {due.total === 0 ? 'Nobody to purge' : `Purge ${plural(due.total, 'person', 'people')} now…`}
          </button>
          <CompactButton disabled={anyBusy} onDone={setStatus} onError={setError} />
        </div>
      </div>

      <ConfirmDialog
        {...purge.dialog}
        title={`Purge ${plural(due.total, 'person', 'people')}?`}
        confirmLabel={`Purge ${plural(due.total, 'person', 'people')}`}
        typedConfirmation={PURGE_CONFIRMATION}
      >
        <p>
          Everyone the rules find due today is removed with everything derived from them: arrests, list flags, notes, shortlist places, panel decisions and the import rows that name them. The file is then rewritten so the data is gone from it.
        </p>
        <p className="notice notice-warn">This cannot be undone. Backups made before now still hold these people: delete or replace them.</p>
      </ConfirmDialog>
    </SettingsSection>
  );
}

function CompactButton({ disabled, onDone, onError }: { disabled: boolean; onDone(status: string): void; onError(message: string | null): void }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button secondary"
      disabled={disabled || busy}
      onClick={() => {
        setBusy(true);
        onError(null);
        call('maintenance.compact', {}).then(
          (c) => onDone(c.compacted ? `File compacted: ${formatBytes(c.bytesBefore)} → ${formatBytes(c.bytesAfter)}.` : 'The file is in use by another task (an import); try again when it has finished.'),
          (e: unknown) => onError(errorMessage(e)),
        ).finally(() => setBusy(false));
      }}
    >
      {busy ? 'Compacting…' : 'Compact the file now'}
    </button>
  );
}
