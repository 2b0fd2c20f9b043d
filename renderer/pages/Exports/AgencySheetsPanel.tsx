import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { call, errorMessage } from '../../api/client';
import { hasFile, NO_FILE, tokenFor, type FileChoice } from '../../api/chosenFiles';
import { ChosenFileField } from '../../components/ChosenFileField';
import { useCall } from '../../api/useCall';
import type { AgencyReturnReport, AgencySheetsOverview } from '../../../shared/exports/agencySheetSchemas';
import {
  AGENCY_SHEET_COLUMN_GROUP_LABELS,
  AGENCY_SHEET_COLUMNS,
  AgencySheetConfigSchema,
  DEFAULT_AGENCY_SHEET_CONFIG,
  orderedColumns,
  type AgencySheetColumnId,
  type AgencySheetConfig,
} from '../../../shared/exports/agencySheets';
import { markedExportFileName } from '../../../shared/domain/spreadsheetText';
import { completeExport } from '../../components/saveFile';
import { ErrorNotice, RetryNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { FileDropZone } from '../../components/FileDropZone';
import { TextField } from '../../components/TextField';
import { formatCount, plural } from '../../../shared/domain/numberFormat';
import { formatDisplayDate } from '../../../shared/domain/dateDisplay';
import type { PanelSession } from '../../../shared/panel/panelSchemas';
import { DataTable } from '../../components/DataTable';
import { SubmitForm } from '../../components/SubmitForm';

const SECTION_ID = 'exports-agency-sheets';

/** An id for a new agency from its name: the slug the comments and audit entries carry. */
function agencyIdFor(name: string, taken: readonly string[]): string {
  let base = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 20);
  if (base.length < 2) base = `agency${base}`;
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * Agency pre-review sheets: before the panel meets, each agency checks the proposed shortlist for
 * the people it knows (seed 004, "Next steps"). One marked, protected workbook per agency with only
 * the columns chosen for it; the returned sheets' comments reach the panel by each row's Ref.
 */
export function AgencySheetsPanel() {
  const [overview, reload] = useCall('exports.agencySheetsOverview', {});
  return (
    <section className="panel exports-section ags-section" aria-labelledby={`${SECTION_ID}-title`} id={SECTION_ID} data-testid="agency-sheets">
      <h2 id={`${SECTION_ID}-title`} tabIndex={-1}>
        Agency pre-review sheets
      </h2>
      <p className="muted">
        Before the panel meets, each agency checks the proposed shortlist for the people it knows: still living in the borough? In custody? Unsuitable? Any tactical concern
        such as DV? Each agency gets its own workbook with only the columns chosen for it, a Ref per row and a Comments column (the only cells it can edit). Import the returned
        sheets below and their comments appear in the panel.
      </p>
      {overview.status === 'loading' ? <LoadingState label="Reading the agency sheets…" /> : null}
      {overview.status === 'error' ? <RetryNotice message={overview.message} title="Could not read the agency sheets" onRetry={reload} /> : null}
      {overview.status === 'ready' ? <AgencySheetsBody overview={overview.value} onChanged={reload} /> : null}
    </section>
  );
}

function AgencySheetsBody({ overview, onChanged }: { overview: AgencySheetsOverview; onChanged(): void }) {
  return (
    <>
      {overview.shortlist ? (
        <p className="ags-shortlist" data-testid="agency-sheets-shortlist">
          From the proposed shortlist of <strong>{plural(overview.shortlist.included, 'person', 'people')}</strong> (“{overview.shortlist.ruleSetName}” version{' '}
          {overview.shortlist.ruleSetVersion}, made {formatDisplayDate(overview.shortlist.createdAt)}), marked <strong>{overview.marking}</strong>.
        </p>
      ) : (
        <div className="exports-empty ags-empty" data-testid="agency-sheets-empty">
          <p>
            <strong>No proposed shortlist yet.</strong> Run the selection rules on the Shortlist screen first; the sheets list the people it proposes. You can choose each
            agency&apos;s columns now.
          </p>
        </div>
      )}
      {overview.shortlist ? <PanelStartedWarning shortlistId={overview.shortlist.id} /> : null}
      <AgencyStatusTable overview={overview} onChanged={onChanged} />
      <ColumnChoice overview={overview} onSaved={onChanged} />
      <ReturnArea onImported={onChanged} />
    </>
  );
}

/**
 * Sheets are the agencies' check before the panel meets (seed 004): once a session on this shortlist
 * exists, comments sent back now reach only the people the walk has not passed yet, so say so before
 * anyone exports.
 */
function PanelStartedWarning({ shortlistId }: { shortlistId: number }) {
  const [sessions] = useCall('panel.list', {});
  if (sessions.status !== 'ready') return null;
  const started: PanelSession[] = sessions.value.filter((session) => session.shortlistId === shortlistId);
  const latest = started[0];
  if (!latest) return null;
  const { decided, agenda } = latest.progress;
  return (
    <div className="notice notice-warn ags-panel-started" role="note" data-testid="agency-sheets-panel-started">
      <strong>The panel has already started on this shortlist.</strong> Session “{latest.title}”, held {formatDisplayDate(latest.heldOn)}, is{' '}
      {latest.status === 'open' ? 'open' : 'closed'} with {formatCount(decided)} of {formatCount(agenda)} people decided
      {started.length > 1 ? ` (${plural(started.length - 1, 'earlier session')} too)` : ''}. Sheets sent now will not reach the panel&apos;s walk already under way:
      their comments may come back after the panel has decided the people they are about, and it sees them only if it revisits a person. <a href={`#/panel/${latest.id}`}>Open the session</a>
    </div>
  );
}

function AgencyStatusTable({ overview, onChanged }: { overview: AgencySheetsOverview; onChanged(): void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [results, setResults] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const canExport = overview.shortlist !== null && overview.shortlist.included > 0;
  const columnsOf = new Map(overview.config.agencies.map((a) => [a.id, a.columns.length]));

  async function exportAgencies(ids: readonly string[]) {
    setError(null);
    setResults([]);
    const done: string[] = [];
    try {
      for (const id of ids) {
        const name = overview.agencies.find((a) => a.id === id)?.name ?? id;
        setBusy(id);
        const result = await call('exports.agencySheet', { agency: id });
        const outcome = completeExport(result.delivery);
        done.push(outcome && result.sheet ? `${outcome} (${plural(result.sheet.rows, 'person', 'people')}).` : `${name}: not saved, the save was cancelled.`);
        setResults([...done]);
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
      onChanged();
    }
  }

  return (
    <>
      <DataTable columns={['Agency', { label: 'Columns', numeric: true }, 'Last sheet sent', 'Last return', { label: 'Comments for the panel', numeric: true }, { label: 'Export', hiddenLabel: true }]} caption="Agencies, their sheets and returns" className="ags-status" scroll data-testid="agency-sheets-status">
        {overview.agencies.map((a) => (
          <tr key={a.id} data-testid={`agency-row-${a.id}`}>
            <th scope="row">{a.name}</th>
            <td className="num">{columnsOf.get(a.id) ?? 0}</td>
            <td>
              {a.latestExport ? (
                <>
                  {formatDisplayDate(a.latestExport.exportedAt)}, {plural(a.latestExport.rows, 'person', 'people')}
                  {a.latestExport.forCurrentShortlist ? null : <span className="pill pill-warn ags-pill">earlier shortlist</span>}
                </>
              ) : (
                <span className="muted">not sent</span>
              )}
            </td>
            <td>
              {a.latestReturn ? (
                <>
                  {formatDisplayDate(a.latestReturn.importedAt)}
                  {a.latestReturn.rowsEdited || a.latestReturn.rowsMissing ? (
                    <span className="muted">
                      {' '}
                      ({[a.latestReturn.rowsEdited ? `${a.latestReturn.rowsEdited} edited` : '', a.latestReturn.rowsMissing ? `${a.latestReturn.rowsMissing} not returned` : '']
                        .filter(Boolean)
                        .join(', ')}
                      )
                    </span>
                  ) : null}
                </>
              ) : (
                <span className="muted">none yet</span>
              )}
            </td>
            <td className="num">{a.currentComments}</td>
            <td className="ags-actions">
              <button type="button" className="button secondary small" disabled={!canExport || busy !== null} onClick={() => void exportAgencies([a.id])}>
                {busy === a.id ? 'Exporting…' : `Export ${a.name} sheet`}
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
      <div className="form-actions">
        <button type="button" className="button primary" disabled={!canExport || busy !== null} onClick={() => void exportAgencies(overview.agencies.map((a) => a.id))}>
          {busy !== null ? 'Exporting…' : `Export all ${overview.agencies.length} sheets (one file per agency)`}
        </button>
        <span className="muted ags-file-hint">
          e.g. <span className="file-name">{markedExportFileName(overview.marking, `IOM pre-review ${overview.agencies[0]?.name ?? 'Police'}`, new Date().toISOString().slice(0, 10), 'xlsx')}</span>
        </span>
      </div>
      <ErrorNotice message={error} title="Not exported" />
      <div className="exports-status" role="status" aria-live="polite" data-testid="agency-sheets-export-result">
        {results.length ? (
          <ul className="plain-list">
            {results.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </>
  );
}

function ColumnChoice({ overview, onSaved }: { overview: AgencySheetsOverview; onSaved(): void }) {
  const [draft, setDraft] = useState<AgencySheetConfig>(overview.config);
  const [newName, setNewName] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(overview.config), [overview.config]);

  const dirty = JSON.stringify(draft) !== JSON.stringify(overview.config);
  const validation = useMemo(() => {
    const parsed = AgencySheetConfigSchema.safeParse(draft);
    if (parsed.success) return null;
    const issue = parsed.error.issues[0];
    const agency = typeof issue?.path[1] === 'number' ? draft.agencies[issue.path[1]]?.name : undefined;
    return `${agency ? `${agency}: ` : ''}${issue?.message ?? 'not valid'}`;
  }, [draft]);
  const groups = Object.keys(AGENCY_SHEET_COLUMN_GROUP_LABELS) as Array<keyof typeof AGENCY_SHEET_COLUMN_GROUP_LABELS>;

  function toggle(agencyIndex: number, column: AgencySheetColumnId, on: boolean) {
    setStatus(null);
    setDraft((d) => ({
      agencies: d.agencies.map((a, i) => (i === agencyIndex ? { ...a, columns: orderedColumns(on ? [...a.columns, column] : a.columns.filter((c) => c !== column)) } : a)),
    }));
  }

  function addAgency(event: FormEvent) {
    event.preventDefault();
    const name = newName.trim();
    if (!name) return;
    setStatus(null);
    setDraft((d) => ({ agencies: [...d.agencies, { id: agencyIdFor(name, d.agencies.map((a) => a.id)), name, columns: ['surname', 'forenames', 'dob'] }] }));
    setNewName('');
  }

  async function save(input: { config: AgencySheetConfig } | { reset: true }) {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      await call('exports.agencySheetsSaveConfig', input);
      setStatus('reset' in input ? 'The default columns are back.' : 'Saved. New sheets use these columns.');
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="ags-columns" open={dirty || undefined}>
      <summary>
        <span className="ags-summary-title">Columns per agency</span>{' '}
        <span className="muted">
          ({draft.agencies.map((a) => `${a.name} ${a.columns.length}`).join(' · ')}
          {overview.customised ? '; customised' : '; defaults'})
        </span>
      </summary>
      <p className="field-hint">Tick only what each agency needs to recognise the person and say what it knows; Ref and Comments are always added.</p>
      <div className="table-scroll">
        <table className="table compact ags-matrix" data-testid="agency-columns">
          <caption className="visually-hidden">Columns each agency receives</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              {draft.agencies.map((a, i) => (
                <th scope="col" key={a.id} className="ags-agency-head">
                  <span>{a.name}</span>
                  {draft.agencies.length > 1 ? (
                    <button
                      type="button"
                      className="link-button ags-remove"
                      aria-label={`Remove ${a.name}`}
                      onClick={() => {
                        setStatus(null);
                        setDraft((d) => ({ agencies: d.agencies.filter((_, j) => j !== i) }));
                      }}
                    >
                      remove
                    </button>
                  ) : null}
                </th>
              ))}
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group}>
              <tr className="ags-group">
                <th scope="colgroup" colSpan={draft.agencies.length + 1}>
                  {AGENCY_SHEET_COLUMN_GROUP_LABELS[group]}
                </th>
              </tr>
              {AGENCY_SHEET_COLUMNS.filter((c) => c.group === group).map((column) => (
                <tr key={column.id}>
                  <th scope="row" className="ags-column-name">
                    {column.label}
                  </th>
                  {draft.agencies.map((a, i) => (
                    <td key={a.id} className="ags-tick">
                      <input type="checkbox" aria-label={`${a.name}: ${column.label}`} checked={a.columns.includes(column.id)} onChange={(e) => toggle(i, column.id, e.target.checked)} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <form className="inline-form ags-add" onSubmit={addAgency}>
        <TextField label="Add an agency" value={newName} onValueChange={setNewName} placeholder="e.g. Housing" maxLength={40} hint="Starts with name and date of birth; tick what else it needs." />
        <button type="submit" className="button secondary" disabled={!newName.trim()}>
          Add agency
        </button>
      </form>
      {validation ? <p className="field-error">{validation}</p> : null}
      <div className="form-actions">
        <button type="button" className="button primary" disabled={busy || !dirty || validation !== null} onClick={() => void save({ config: draft })}>
          {busy ? 'Saving…' : 'Save columns'}
        </button>
        <button type="button" className="button secondary" disabled={busy || !dirty} onClick={() => setDraft(overview.config)}>
          Discard changes
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={busy || (!overview.customised && JSON.stringify(draft) === JSON.stringify(DEFAULT_AGENCY_SHEET_CONFIG))}
          onClick={() => void save({ reset: true })}
        >
          Default columns
        </button>
      </div>
      <ErrorNotice message={error} title="Not saved" />
      <p className="exports-status" role="status" aria-live="polite">
        {status ?? (dirty ? 'Unsaved changes.' : '')}
      </p>
    </details>
  );
}

const ISSUE_LABELS: Record<AgencyReturnReport['issues'][number]['kind'], string> = {
  edited: 'Edited',
  unknown_ref: 'Unknown Ref',
  no_ref: 'No Ref',
  repeated_ref: 'Repeated Ref',
  person_gone: 'Person merged',
  missing_column: 'Column missing',
  comment_truncated: 'Comment cut',
};

const chooseReturnedSheet = () => call('exports.agencySheetChooseReturn', {});

function ReturnArea({ onImported }: { onImported(): void }) {
  const [choice, setChoice] = useState<FileChoice>(NO_FILE);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<AgencyReturnReport | null>(null);
  /** While a replacement awaits confirmation: the token main issued to confirm it with the same file. */
  const [confirmWith, setConfirmWith] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function importReturn(file: FileChoice | null, replace = false) {
    if ((file && !hasFile(file)) || busy) return;
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const token = file ? await tokenFor(file, 'read') : confirmWith;
      if (!token) return;
      const result = await call('exports.agencySheetReturn', { file: token, ...(replace ? { replace: true } : {}) });
      setReport(result);
      setConfirmWith(result.file);
      if (result.status !== 'needs_confirmation') onImported();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function chosen(next: FileChoice) {
    setChoice(next);
    // A file from the dialog or a drop is read at once; a typed one (the preview) when the form is sent.
    if (next.kind === 'chosen') void importReturn(next);
  }

  return (
    <div className="ags-return" data-testid="agency-return">
      <h3>Returned sheets</h3>
      <p className="muted">
        Comments attach to the right people by each row&apos;s Ref. Edited rows, removed rows and files that are not one of this workspace&apos;s current sheets are reported;
        the same file twice changes nothing, and a newer return from an agency replaces its comments (the earlier ones are kept in the history).
      </p>
      <FileDropZone purpose="read" onFile={(file) => chosen({ kind: 'chosen', file })}>
        Drop a returned sheet here, or choose it below.
      </FileDropZone>
      <SubmitForm className="form ags-return-form" onSubmit={() => importReturn(choice)}>
        <ChosenFileField
          label="Returned sheet"
          choice={choice}
          onChoice={chosen}
          browse={chooseReturnedSheet}
          typedPlaceholder="/path/to/OFFICIAL-SENSITIVE IOM pre-review Police.xlsx"
          disabled={busy}
          hint="The .xlsx an agency sent back (a copy saved as CSV is recognised too)."
          typedHint="Type the full path of the returned file: the browser preview has no file dialog."
        />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy || !hasFile(choice)}>
            {busy ? 'Reading the sheet…' : 'Import returned sheet'}
          </button>
        </div>
      </SubmitForm>
      <ErrorNotice message={error} title="Not imported" />
      {report ? <ReturnReport report={report} busy={busy} onReplace={() => void importReturn(null, true)} onCancel={() => setReport(null)} /> : null}
    </div>
  );
}

const RETURN_HEADINGS: Record<AgencyReturnReport['status'], (agency: string) => string> = {
  imported: (agency) => `${agency} return imported.`,
  duplicate: (agency) => `Already imported: ${agency}.`,
  needs_confirmation: (agency) => `Replace ${agency}'s comments?`,
};

function ReturnReport({ report, busy, onReplace, onCancel }: { report: AgencyReturnReport; busy: boolean; onReplace(): void; onCancel(): void }) {
  const warn = report.status !== 'duplicate' && (report.status === 'needs_confirmation' || report.rowsEdited > 0 || report.rowsMissing > 0 || report.rowsUnknown > 0 || report.issues.length > 0);
  const tone = report.status === 'duplicate' ? 'notice-info' : warn ? 'notice-warn' : 'notice-ok';
  return (
    <div className={`notice ${tone} ags-report`} role="status" data-testid="agency-return-report">
      <strong>{RETURN_HEADINGS[report.status](report.agency.name)}</strong>
      <ul className="ags-messages">
        {report.messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
      {report.status === 'needs_confirmation' ? (
        <div className="form-actions">
          <button type="button" className="button danger" disabled={busy} onClick={onReplace}>
            Replace {report.agency.name}&apos;s {report.commentsReplaced === 1 ? 'comment' : `${report.commentsReplaced} comments`}
          </button>
          <button type="button" className="button secondary" disabled={busy} onClick={onCancel}>
            Keep the current comments
          </button>
        </div>
      ) : null}
      {report.issues.length ? (
        <DataTable columns={[{ label: 'Row', numeric: true }, 'Finding', 'Detail']} caption="Rows to check" className="ags-issues" scroll data-testid="agency-return-issues">
          {report.issues.slice(0, 200).map((issue, i) => (
            <tr key={`${issue.kind}-${issue.rowNumber ?? 'sheet'}-${i}`}>
              <td className="num">{issue.rowNumber ?? '—'}</td>
              <td>{ISSUE_LABELS[issue.kind]}</td>
              <td>{issue.message}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </div>
  );
}
