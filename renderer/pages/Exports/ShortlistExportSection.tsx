import { useEffect, useId, useState } from 'react';
import { call, CallFailure, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import type { ExportFormat, ShortlistExportOverview, ShortlistSource } from '../../../shared/exports/exportSchemas';
import { DEFAULT_SHORTLIST_COLUMNS, SHORTLIST_COLUMN_IDS, SHORTLIST_COLUMNS, orderShortlistColumns, type ShortlistColumnId } from '../../../shared/exports/shortlistExport';
import { markedExportFileName } from '../../../shared/domain/spreadsheetText';
import { capacityStanding } from '../../../shared/panel/panelDecisions';
import { completeExport } from '../../components/saveFile';
import { ErrorNotice, RetryNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { formatDateTime, formatIsoDate } from '../Candidates/candidateLabels';
import { plural } from '../../../shared/domain/numberFormat';
import { useBackgroundStop } from '../../api/useBackgroundStop';
import { SubmitForm } from '../../components/SubmitForm';
import { ColumnCheckbox } from '../../components/ColumnCheckbox';

const SECTION_ID = 'exports-shortlist';

const FORMATS: ReadonlyArray<{ id: ExportFormat; label: string; hint: string }> = [
  { id: 'xlsx', label: 'Excel workbook (.xlsx)', hint: 'with a Metadata sheet' },
  { id: 'csv', label: 'CSV', hint: 'one table, marking on the first line' },
];

/** The columns that only mean something once a panel has decided. */
const PANEL_COLUMNS: ReadonlySet<ShortlistColumnId> = new Set(['panelDecision', 'panelReason', 'panelNote', 'panelDecidedBy', 'panelDecidedAt']);

/** The shortlist export: the panel's decided cohort (or, before a panel, the proposed shortlist). */
export function ShortlistExportSection() {
  const [overview, reload] = useCall('exports.shortlistOverview', {});
  return (
    <section className="panel exports-section" aria-labelledby={`${SECTION_ID}-title`} id={SECTION_ID}>
      <h2 id={`${SECTION_ID}-title`} tabIndex={-1}>
        Shortlist
      </h2>
      <p className="muted">The cohort with the columns you choose, for the IOM team. The workbook adds a Metadata sheet: workspace, rule set, scenario, counts, who exported it and when.</p>
      {overview.status === 'loading' ? <LoadingState label="Reading the shortlist…" /> : null}
      {overview.status === 'error' ? <RetryNotice message={overview.message} title="Could not read the shortlist" onRetry={reload} /> : null}
      {overview.status === 'ready' ? overview.value.defaultSource === null ? <NothingToExport /> : <ShortlistExportForm overview={overview.value} onExported={reload} /> : null}
    </section>
  );
}

function NothingToExport() {
  return (
    <div className="exports-empty" data-testid="shortlist-export-empty">
      <p>
        <strong>No shortlist yet.</strong> Run the selection rules to propose one; once the panel has decided, the accepted cohort is exported here.
      </p>
    </div>
  );
}

function ShortlistExportForm({ overview, onExported }: { overview: ShortlistExportOverview; onExported(): void }) {
  const baseId = useId();
  const [source, setSource] = useState<ShortlistSource>(overview.defaultSource ?? 'proposed');
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [columns, setColumns] = useState<ShortlistColumnId[]>([...DEFAULT_SHORTLIST_COLUMNS]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stop = useBackgroundStop('background.shortlistExport', busy);
  useEffect(() => setSource(overview.defaultSource ?? 'proposed'), [overview.defaultSource]);

  const { decided, proposed } = overview;
  const people = source === 'decided' ? (decided?.accepted ?? 0) : (proposed?.included ?? 0);
  const today = new Date().toISOString().slice(0, 10);
  const fileName = markedExportFileName(overview.marking, source === 'decided' ? 'IOM decided cohort' : 'IOM proposed shortlist', today, format);
  const panelColumnsWithoutPanel = source === 'proposed' && columns.some((c) => PANEL_COLUMNS.has(c));

  const toggle = (column: ShortlistColumnId, on: boolean) => {
    setColumns((current) => orderShortlistColumns(on ? [...current, column] : current.filter((c) => c !== column)));
    setResult(null);
  };

  const exportNow = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const delivery = await call('exports.shortlist', { source, format, columns });
      const message = completeExport(delivery);
      setResult(message ? `${message}: ${plural(people, 'person', 'people')}, marked ${overview.marking}. Recorded in the audit trail.` : 'Not saved: the save was cancelled.');
      onExported();
    } catch (e: unknown) {
      const message = errorMessage(e);
      if (e instanceof CallFailure && e.code === 'cancelled') setResult('Not saved: the export was stopped before it finished. No file was written and nothing was recorded.');
      else setError(message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <SubmitForm
      className="exports-form"
      onSubmit={() => {
        if (!busy && columns.length > 0 && people > 0) void exportNow();
      }}
    >
      <dl className="exports-facts">
        <dt>Protective marking</dt>
        <dd>
          <strong data-testid="shortlist-export-marking">{overview.marking}</strong> <span className="muted">(first line of every sheet and start of the file name; change it in Settings)</span>
        </dd>
        <dt>File name</dt>
        <dd className="file-name">{fileName}</dd>
        {format === 'xlsx' ? (
          <>
            <dt>Intake plan</dt>
            <dd>{overview.intakePlan ? 'included as an “Intake plan” sheet' : 'not planned yet, so not included'}</dd>
          </>
        ) : null}
      </dl>

      <fieldset className="exports-fieldset">
        <legend>What to export</legend>
        {decided ? (
          <label className="radio exports-choice">
            <input type="radio" name={`${baseId}-source`} value="decided" checked={source === 'decided'} onChange={() => setSource('decided')} />
            <span>
              <strong>Decided cohort</strong>: {plural(decided.accepted, 'person', 'people')} accepted by the panel of {formatIsoDate(decided.heldOn)}
              <span className="muted"> ({decided.rejected} rejected, {decided.deferred} deferred, {decided.undecided} undecided; {capacityStanding({ accepted: decided.accepted, capacity: decided.capacity })})</span>
            </span>
          </label>
        ) : null}
        {proposed ? (
          <label className="radio exports-choice">
            <input type="radio" name={`${baseId}-source`} value="proposed" checked={source === 'proposed'} onChange={() => setSource('proposed')} />
            <span>
              <strong>Proposed shortlist</strong>: {plural(proposed.included, 'person', 'people')} proposed by “{proposed.ruleSetName}” version {proposed.ruleSetVersion}
              <span className="muted"> (capacity {proposed.capacity}; made {formatDateTime(proposed.createdAt)})</span>
            </span>
          </label>
        ) : null}
      </fieldset>
      {!decided ? (
        <p className="notice notice-warn" data-testid="shortlist-export-proposed-only">
          No panel has sat yet, so this is the <strong>proposed</strong> shortlist: the selection rules’ proposal, not a decided cohort. The file and its Metadata sheet say so.
        </p>
      ) : null}
      {decided && source === 'decided' && decided.status === 'open' ? (
        <p className="notice notice-warn">The panel session is still open{decided.undecided > 0 ? ` and ${plural(decided.undecided, 'proposed person is', 'proposed people are')} undecided` : ''}: the file holds the people accepted so far.</p>
      ) : null}
      {people === 0 ? <p className="notice notice-info">Nobody to export: {source === 'decided' ? 'the panel has accepted nobody yet.' : 'the shortlist includes nobody.'}</p> : null}

      <fieldset className="exports-fieldset">
        <legend>Format</legend>
        <div className="radio-row">
          {FORMATS.map((f) => (
            <label key={f.id} className="radio">
              <input type="radio" name={`${baseId}-format`} value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} />
              <span>
                {f.label} <span className="muted">({f.hint})</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="exports-fieldset">
        <legend>
          Columns <span className="muted">({columns.length} of {SHORTLIST_COLUMN_IDS.length}; take only what the recipients need)</span>
        </legend>
        <div className="exports-columns">
          {SHORTLIST_COLUMN_IDS.map((column) => (
            <ColumnCheckbox key={column} label={SHORTLIST_COLUMNS[column].label} description={SHORTLIST_COLUMNS[column].description} checked={columns.includes(column)} onToggle={(on) => toggle(column, on)} />
          ))}
        </div>
        <div className="exports-column-actions">
          <button type="button" className="button secondary small" onClick={() => setColumns([...DEFAULT_SHORTLIST_COLUMNS])}>
            Default columns
          </button>
          <button type="button" className="button secondary small" onClick={() => setColumns([...SHORTLIST_COLUMN_IDS])}>
            All columns
          </button>
        </div>
        {columns.length === 0 ? <p className="field-error">Choose at least one column.</p> : null}
        {panelColumnsWithoutPanel ? <p className="field-hint">Panel columns stay empty in the proposed shortlist: nobody has decided yet.</p> : null}
      </fieldset>


      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy || columns.length === 0 || people === 0}>
          {busy ? 'Exporting…' : `Export ${source === 'decided' ? 'decided cohort' : 'proposed shortlist'}`}
        </button>
        {stop.offered ? (
          <button type="button" className="button secondary" data-testid="shortlist-export-stop" disabled={stop.cancelling} onClick={() => void stop.cancel()}>
            {stop.cancelling ? 'Stopping…' : 'Stop export'}
          </button>
        ) : null}
      </div>
      {stop.offered && !stop.cancelling ? (
        <p className="field-hint" data-testid="shortlist-export-working">
          Building the file for {plural(people, 'person', 'people')}: a large cohort takes a while. The other screens stay usable meanwhile.
        </p>
      ) : null}
      <ErrorNotice message={error} title="Not exported" />
      <div className="exports-status" role="status" aria-live="polite">
        {result ? (
          <p className={`notice ${result.startsWith('Not saved') ? 'notice-info' : 'notice-ok'}`} data-testid="shortlist-export-result">
            {result}
          </p>
        ) : null}
      </div>
    </SubmitForm>
  );
}
