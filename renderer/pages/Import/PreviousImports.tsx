import { Fragment, useCallback, useEffect, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import type { ImportRecord, ImportRemoval } from '../../../shared/import/importSchemas';
import { importKindLabel } from '../../../shared/domain/importKinds';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { IssueTable, type IssueRow } from './IssueTable';
import { formatDateTime } from './format';
import { saveTextFile } from '../../components/saveFile';
import { formatCount } from '../../../shared/domain/numberFormat';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ImportRemovalSummary } from './ImportRemovalSummary';
import { DataTable } from '../../components/DataTable';

const ISSUES_PAGE = 100;
/** Cells in a row of the table, for the issues row that spans it. */
const COLUMNS = 11;

/**
 * Every import in the workspace, newest first; a row opens to show the rows it did not take, and
 * "Undo…" shows exactly what undoing it would remove before anything is changed.
 */
export function PreviousImports({ refreshKey, onChanged }: { refreshKey: number; onChanged(): void }) {
  const [imports] = useCall('import.list', {}, [refreshKey]);
  const [open, setOpen] = useState<number | null>(null);
  const [undo, setUndo] = useState<{ record: ImportRecord; removal: ImportRemoval | null; error: string | null; busy: boolean } | null>(null);
  const [undone, setUndone] = useState<ImportRemoval | null>(null);

  async function askUndo(record: ImportRecord) {
    setUndone(null);
    setUndo({ record, removal: null, error: null, busy: true });
    try {
      const removal = await call('import.undoPreview', { importId: record.id });
      setUndo({ record, removal, error: null, busy: false });
    } catch (e) {
      setUndo({ record, removal: null, error: errorMessage(e), busy: false });
    }
  }

  async function confirmUndo() {
    if (!undo?.removal) return;
    const { record, removal } = undo;
    setUndo({ ...undo, busy: true, error: null });
    try {
      const done = await call('import.undo', { importId: record.id, expectPeopleRemoved: removal.peopleRemoved, expectArrestsRemoved: removal.arrestsRemoved, expectFlagsRemoved: removal.flagsRemoved });
      setUndo(null);
      setUndone(done);
      onChanged();
    } catch (e) {
      setUndo({ ...undo, busy: false, error: errorMessage(e) });
    }
  }

  return (
    <section className="panel" aria-labelledby="previous-imports-title">
      <h2 id="previous-imports-title">Previous imports</h2>
      {imports.status === 'loading' ? <LoadingState label="Loading the imports…" /> : null}
      {imports.status === 'error' ? <ErrorNotice message={imports.message} title="Could not list the imports" /> : null}
      {imports.status === 'ready' && imports.value.length === 0 ? <p className="muted">No files imported yet.</p> : null}
      {undone ? (
        <p className="notice notice-ok" role="status" data-testid="undo-done">
          Import {undone.importId} ({undone.fileName}) was undone: {formatCount(undone.peopleRemoved)} {undone.peopleRemoved === 1 ? 'person' : 'people'}, {formatCount(undone.arrestsRemoved)} arrests and {formatCount(undone.flagsRemoved)} flags removed. The same file can be imported again.
        </p>
      ) : null}
      {imports.status === 'ready' && imports.value.length > 0 ? (
        <DataTable columns={['Imported', 'Kind', 'File', { label: 'Read', numeric: true }, { label: 'Imported', numeric: true }, { label: 'Rejected', numeric: true }, { label: 'Skipped', numeric: true }, { label: 'No match', numeric: true }, 'By', { label: 'Details', hiddenLabel: true }, { label: 'Undo', hiddenLabel: true }]} caption="Previous imports, newest first" className="previous-imports" scroll data-testid="previous-imports">
          {imports.value.map((record) => (
            <Fragment key={record.id}>
              <ImportRow record={record} expanded={open === record.id} onToggle={() => setOpen(open === record.id ? null : record.id)} onUndo={() => void askUndo(record)} />
              {open === record.id ? (
                <tr className="expanded-row">
                  <td colSpan={COLUMNS} id={`import-issues-${record.id}`}>
                    <ImportIssues record={record} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </DataTable>
      ) : null}
      <ConfirmDialog
        open={undo !== null}
        title={undo ? `Undo import ${undo.record.id}?` : 'Undo import'}
        confirmLabel="Undo this import"
        busy={undo?.busy ?? false}
        error={undo?.error ?? null}
        onConfirm={() => void confirmUndo()}
        onCancel={() => setUndo(null)}
      >
        {undo ? (
          <>
            <p>
              <span className="file-name">{undo.record.fileName}</span> as {importKindLabel(undo.record.kind)}, imported {formatDateTime(undo.record.importedAt)} by {undo.record.importedBy}. Undoing it removes, in one audited step:
            </p>
            {undo.removal ? <ImportRemovalSummary removal={undo.removal} /> : undo.busy ? <LoadingState label="Working out what would go…" /> : null}
          </>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}

function ImportRow({ record, expanded, onToggle, onUndo }: { record: ImportRecord; expanded: boolean; onToggle(): void; onUndo(): void }) {
  return (
    <tr className={[expanded ? 'expanded' : '', record.undoneAt ? 'row-undone' : ''].filter(Boolean).join(' ') || undefined}>
      <td className="nowrap">{formatDateTime(record.importedAt)}</td>
      <td>{importKindLabel(record.kind)}</td>
      <td>
        <span className="file-name">{record.fileName}</span>
        {record.sheet ? <span className="muted"> · sheet “{record.sheet}”</span> : null}
        {record.supersedesImportId !== null ? <span className="muted"> · replaces import {record.supersedesImportId}</span> : null}
        {record.undoneAt ? <span className="muted"> · undone {formatDateTime(record.undoneAt)}{record.undoneBy ? ` by ${record.undoneBy}` : ''}</span> : null}
      </td>
      <td className="num">{formatCount(record.rowsRead)}</td>
      <td className="num">{formatCount(record.rowsImported)}</td>
      <td className="num">{formatCount(record.rowsRejected)}</td>
      <td className="num">{formatCount(record.rowsSkipped)}</td>
      <td className="num">{formatCount(record.rowsUnmatched)}</td>
      <td className="nowrap">{record.importedBy}</td>
      <td className="nowrap">
        <button type="button" className="link-button" aria-expanded={expanded} aria-controls={expanded ? `import-issues-${record.id}` : undefined} onClick={onToggle}>
          {expanded ? 'Hide rows' : 'Show rows'}
          <span className="visually-hidden"> not imported from {record.fileName}</span>
        </button>
      </td>
      <td className="nowrap">
        {record.undoneAt ? null : (
          <button type="button" className="link-button" onClick={onUndo}>
            Undo…<span className="visually-hidden"> import {record.id}, {record.fileName}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

/** Loads an import's rejected, skipped and unmatched rows a page at a time, with their raw values. */
function ImportIssues({ record }: { record: ImportRecord }) {
  const [rows, setRows] = useState<IssueRow[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (offset: number) => {
      setLoading(true);
      setError(null);
      try {
        const page = await call('import.issues', { importId: record.id, offset, limit: ISSUES_PAGE });
        setTotal(page.total);
        setRows((previous) => (offset === 0 ? page.rows : [...previous, ...page.rows]));
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setLoading(false);
      }
    },
    [record.id],
  );

  useEffect(() => {
    void load(0);
  }, [load]);

  async function download() {
    try {
      const { fileName, csv } = await call('import.rejectedRowsCsv', { importId: record.id });
      saveTextFile(fileName, csv, 'text/csv;charset=utf-8');
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <div className="import-issues">
      {total ? (
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={() => void download()}>
            Download these rows (CSV) for the sender
          </button>
        </div>
      ) : null}
      {rows.length > 0 ? <IssueTable rows={rows} caption={`Rows not imported from ${record.fileName}`} showRaw /> : null}
      {total === 0 ? <p className="muted">Every row of this file was imported as it stood.</p> : null}
      {loading ? <LoadingState label="Loading the rows…" /> : null}
      <ErrorNotice message={error} title="Could not load the rows" />
      {!loading && total !== null && rows.length < total ? (
        <div className="form-actions">
          <span className="muted">
            Showing {formatCount(rows.length)} of {formatCount(total)}
          </span>
          <button type="button" className="button secondary" onClick={() => void load(rows.length)}>
            Show {formatCount(Math.min(ISSUES_PAGE, total - rows.length))} more
          </button>
        </div>
      ) : null}
    </div>
  );
}
