import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import type { AuditEntryView, AuditFilter, AuditPage as AuditPageData, AuditVerificationResult } from '../../../shared/audit/auditSchemas';
import { auditActionLabel, auditEntityLabel, describeAuditDetail } from '../../../shared/audit/auditTrail';
import { SETTING_LABELS } from '../../../shared/analysis/settingsSchemas';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { completeExport } from '../../components/saveFile';
import { AuditFilters, EMPTY_FILTER_DRAFT, isDraftEmpty, type AuditFilterDraft } from './AuditFilters';
import { AuditVerifyResult } from './AuditVerifyPanel';
import { endOfLocalDay, formatAuditTime, startOfLocalDay } from './auditFormat';
import { formatCount } from '../../../shared/domain/numberFormat';
import { DataTable } from '../../components/DataTable';

const PAGE_SIZE = 50;
/** Typing a record id waits this long before asking again, so each keystroke is not a query. */
const TYPING_PAUSE_MS = 300;

type ListState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; page: AuditPageData; refreshing: boolean };
type VerifyState = { status: 'idle' } | { status: 'running' } | { status: 'error'; message: string } | { status: 'done'; result: AuditVerificationResult };

/** The call's filter from the form; a date range that ends before it starts is an error, not a query. */
function filterOf(draft: AuditFilterDraft, entityId: string): { filter: AuditFilter; dateError: string | null } {
  const from = draft.fromDate ? startOfLocalDay(draft.fromDate) : null;
  const to = draft.toDate ? endOfLocalDay(draft.toDate) : null;
  const dateError = from && to && from >= to ? 'The "From" date is after the "To" date.' : null;
  const filter: AuditFilter = {
    ...(draft.action ? { action: draft.action } : {}),
    ...(draft.actor ? { actor: draft.actor } : {}),
    ...(draft.entity ? { entity: draft.entity } : {}),
    ...(entityId.trim() ? { entityId: entityId.trim() } : {}),
    ...(from && !dateError ? { from } : {}),
    ...(to && !dateError ? { to } : {}),
  };
  return { filter, dateError };
}

/**
 * The audit trail of the workspace: who did what and when, newest first, a page at a time (a trail
 * can hold tens of thousands of entries). "Verify chain" walks every hash; "Export CSV" gives the
 * information governance officer the trail with its verification and head hash.
 */
export function AuditPage({ onNavigate }: { onNavigate(route: string): void }) {
  const [facets, reloadFacets] = useCall('audit.facets', {});
  const [draft, setDraft] = useState<AuditFilterDraft>(EMPTY_FILTER_DRAFT);
  const [entityId, setEntityId] = useState('');
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const [verify, setVerify] = useState<VerifyState>({ status: 'idle' });
  const [exporting, setExporting] = useState(false);
  const [exportMessage, setExportMessage] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const summary = useRef<HTMLParagraphElement>(null);
  const focusSummary = useRef(false);

  useEffect(() => {
    const timer = setTimeout(() => setEntityId(draft.entityId), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [draft.entityId]);

  const { filter, dateError } = useMemo(() => filterOf(draft, entityId), [draft, entityId]);
  const filterKey = JSON.stringify(filter);

  // A new filter starts at its newest page.
  const [paging, setPaging] = useState({ key: filterKey, offset: 0 });
  const offset = paging.key === filterKey ? paging.offset : 0;

  useEffect(() => {
    let live = true;
    setList((previous) => (previous.status === 'ready' ? { ...previous, refreshing: true } : { status: 'loading' }));
    call('audit.list', { filter: JSON.parse(filterKey) as AuditFilter, offset, limit: PAGE_SIZE }).then(
      (page) => live && setList({ status: 'ready', page, refreshing: false }),
      (error: unknown) => live && setList({ status: 'error', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [filterKey, offset, tick]);

  // After a page change the summary ("Showing 51–100 of …") takes focus, so the keyboard is not left on a button that just became disabled.
  useEffect(() => {
    if (focusSummary.current && list.status === 'ready' && !list.refreshing) {
      focusSummary.current = false;
      summary.current?.focus();
    }
  }, [list]);

  const refresh = useCallback(() => {
    reloadFacets();
    setTick((t) => t + 1);
  }, [reloadFacets]);

  const goTo = (next: number) => {
    focusSummary.current = true;
    setPaging({ key: filterKey, offset: next });
  };

  const runVerify = async () => {
    setExportMessage(null);
    setVerify({ status: 'running' });
    try {
      setVerify({ status: 'done', result: await call('audit.verify', {}) });
    } catch (error) {
      setVerify({ status: 'error', message: errorMessage(error) });
    }
  };

  const runExport = async () => {
    setExporting(true);
    setExportMessage(null);
    setExportError(null);
    try {
      const message = completeExport(await call('audit.export', { filter }));
      setExportMessage(message ? `${message}. The export itself is now in the trail.` : null);
      refresh();
    } catch (error) {
      setExportError(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };

  const clear = () => {
    setDraft(EMPTY_FILTER_DRAFT);
    setEntityId('');
  };

  return (
    <div className="page audit-page">
      <header className="page-header">
        <h1>Audit trail</h1>
        <p className="muted">
          Every import, link decision, rule change, panel decision, export, unlock and lock in this workspace, newest first. Each entry holds the hash of the one before,
          so a changed or removed entry shows when the chain is verified. Entries record counts and internal ids only, never names or dates of birth.
        </p>
      </header>

      <section className="panel audit-integrity" aria-labelledby="audit-integrity-title">
        <div className="audit-integrity-bar">
          <h2 id="audit-integrity-title">Integrity and export</h2>
          <div className="audit-integrity-actions">
            <button type="button" className="button primary" onClick={() => void runVerify()} disabled={verify.status === 'running'}>
              {verify.status === 'running' ? 'Verifying…' : 'Verify chain'}
            </button>
            <button type="button" className="button secondary" onClick={() => void runExport()} disabled={exporting || dateError !== null}>
              {exporting ? 'Exporting…' : isDraftEmpty(draft) ? 'Export CSV' : 'Export filtered CSV'}
            </button>
          </div>
        </div>
        <p className="muted audit-integrity-hint">
          The CSV carries the protective marking, the result of a full verification and the newest entry&apos;s hash; keep that hash to check later that the trail
          still starts with exactly those entries (<code>iom-cohort audit --verify --expect-head</code>).
        </p>
        <div aria-live="polite">
          {verify.status === 'running' ? <LoadingState label="Checking every entry's hash…" /> : null}
          {verify.status === 'done' ? <AuditVerifyResult result={verify.result} /> : null}
          {exportMessage ? <div className="notice notice-ok">{exportMessage}</div> : null}
        </div>
        {verify.status === 'error' ? <ErrorNotice message={verify.message} title="Could not verify the chain" /> : null}
        <ErrorNotice message={exportError} title="The audit trail was not exported" />
      </section>

      <section className="panel audit-entries" aria-labelledby="audit-entries-title">
        <h2 id="audit-entries-title">Entries</h2>
        {facets.status === 'loading' ? <LoadingState label="Loading the filters…" /> : null}
        {facets.status === 'error' ? <ErrorNotice message={facets.message} title="Could not load the filters" /> : null}
        {facets.status === 'ready' ? <AuditFilters facets={facets.value} draft={draft} dateError={dateError} onChange={setDraft} onClear={clear} /> : null}

        {list.status === 'loading' ? <LoadingState label="Loading the audit trail…" /> : null}
        {list.status === 'error' ? <ErrorNotice message={list.message} title="Could not load the audit trail" /> : null}
        {list.status === 'ready' ? (
          <EntriesTable
            page={list.page}
            refreshing={list.refreshing}
            filtered={Object.keys(filter).length > 0}
            summaryRef={summary}
            onPage={goTo}
            onClear={clear}
            onRefresh={refresh}
            onOpenPerson={(id) => onNavigate(`person/${id}`)}
            brokenAtId={verify.status === 'done' && !verify.result.ok ? verify.result.brokenAtId : null}
          />
        ) : null}
      </section>
    </div>
  );
}

function EntriesTable({
  page,
  refreshing,
  filtered,
  summaryRef,
  onPage,
  onClear,
  onRefresh,
  onOpenPerson,
  brokenAtId,
}: {
  page: AuditPageData;
  refreshing: boolean;
  filtered: boolean;
  summaryRef: RefObject<HTMLParagraphElement | null>;
  onPage(offset: number): void;
  onClear(): void;
  onRefresh(): void;
  onOpenPerson(personId: string): void;
  brokenAtId: number | null;
}) {
  const { total, offset, entries } = page;
  if (total === 0) {
    return (
      <div className="empty-state audit-empty" data-testid="audit-empty">
        <h3>{filtered ? 'No entries match these filters' : 'The audit trail is empty'}</h3>
        <p className="muted">{filtered ? 'Widen the dates or choose another action or person.' : 'Entries appear as soon as anything is imported, decided, changed or exported.'}</p>
        {filtered ? (
          <button type="button" className="button secondary" onClick={onClear}>
            Clear filters
          </button>
        ) : null}
      </div>
    );
  }
  const pages = Math.ceil(total / PAGE_SIZE);
  const current = Math.floor(offset / PAGE_SIZE) + 1;
  const last = (pages - 1) * PAGE_SIZE;
  return (
    <>
      <div className="audit-summary-row">
        <p ref={summaryRef} tabIndex={-1} className="audit-summary" data-testid="audit-summary" aria-live="polite">
          Showing {formatCount(offset + 1)}–{formatCount(offset + entries.length)} of {formatCount(total)} {filtered ? 'matching ' : ''}
          {total === 1 ? 'entry' : 'entries'}
          {refreshing ? <span className="muted"> · updating…</span> : null}
        </p>
        <button type="button" className="button small secondary" onClick={onRefresh}>
          Refresh
        </button>
      </div>
      <DataTable columns={[{ label: 'Entry', numeric: true }, 'When', 'Who', 'Action', 'About', 'Detail']} caption="Audit entries, newest first" className="audit-table" scroll aria-busy={refreshing}>
        {entries.map((entry) => (
          <EntryRow key={entry.id} entry={entry} broken={entry.id === brokenAtId} onOpenPerson={onOpenPerson} />
        ))}
      </DataTable>
      {pages > 1 ? (
        <nav className="audit-pager" aria-label="Audit pages">
          <button type="button" className="button small secondary" disabled={offset === 0} onClick={() => onPage(0)}>
            Newest
          </button>
          <button type="button" className="button small secondary" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - PAGE_SIZE))}>
            Previous
          </button>
          <span className="audit-page-number">
            Page {formatCount(current)} of {formatCount(pages)}
          </span>
          <button type="button" className="button small secondary" disabled={offset >= last} onClick={() => onPage(offset + PAGE_SIZE)}>
            Next
          </button>
          <button type="button" className="button small secondary" disabled={offset >= last} onClick={() => onPage(last)}>
            Oldest
          </button>
        </nav>
      ) : null}
    </>
  );
}

function EntryRow({ entry, broken, onOpenPerson }: { entry: AuditEntryView; broken: boolean; onOpenPerson(personId: string): void }) {
  const detail = describeAuditDetail(entry.detail);
  const label = auditActionLabel(entry.action);
  return (
    <tr data-testid={`audit-entry-${entry.id}`} className={broken || entry.action === 'audit.gapDetected' ? 'audit-row-warn' : undefined}>
      <td className="num">
        {formatCount(entry.id)}
        {broken ? <span className="pill audit-broken-pill">broken</span> : null}
      </td>
      <td className="nowrap">
        <time dateTime={entry.at}>{formatAuditTime(entry.at)}</time>
      </td>
      <td className="audit-actor">{entry.actor}</td>
      <td>
        <span className="audit-action-label">{label}</span>
        {label !== entry.action ? <code className="audit-action-code">{entry.action}</code> : null}
      </td>
      <td>
        {entry.entity === null ? (
          <span className="muted">—</span>
        ) : entry.entity === 'person' && entry.entityId !== null && /^\d+$/.test(entry.entityId) ? (
          <a
            href={`#/person/${entry.entityId}`}
            onClick={(e) => {
              e.preventDefault();
              onOpenPerson(entry.entityId!);
            }}
          >
            Person {entry.entityId}
          </a>
        ) : (
          <>
            {auditEntityLabel(entry.entity)}
            {entry.entityId === null ? '' : entry.entity === 'setting' && entry.entityId in SETTING_LABELS ? `: ${SETTING_LABELS[entry.entityId as keyof typeof SETTING_LABELS]}` : ` ${entry.entityId}`}
          </>
        )}
      </td>
      <td>
        {detail.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <dl className="audit-detail">
            {detail.map((item) => (
              <div key={item.key || item.label}>
                <dt>{item.label}</dt>
                <dd className={item.key === 'sha256' || item.key === 'recordedHeadHash' ? 'audit-hash' : undefined}>{item.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </td>
    </tr>
  );
}
