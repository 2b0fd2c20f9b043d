import { Fragment, useCallback, useEffect, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import type { ImportRecord } from '../../../shared/api/importCalls';
import { importKindLabel } from '../../../shared/domain/importKinds';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { IssueTable, type IssueRow } from './IssueTable';
import { formatDateTime } from './format';
import { saveTextFile } from '../../components/saveFile';
import { formatCount } from '../../../shared/numberFormat';

const ISSUES_PAGE = 100;
/** Cells in a row of the table, for the issues row that spans it. */
const COLUMNS = 10;

/** Every import in the workspace, newest first; a row opens to show the rows it did not take. */
export function PreviousImports({ refreshKey }: { refreshKey: number }) {
  const [imports] = useCall('import.list', {}, [refreshKey]);
  const [open, setOpen] = useState<number | null>(null);

  return (
    <section className="panel" aria-labelledby="previous-imports-title">
      <h2 id="previous-imports-title">Previous imports</h2>
      {imports.status === 'loading' ? <LoadingState label="Loading the imports…" /> : null}
      {imports.status === 'error' ? <ErrorNotice message={imports.message} title="Could not list the imports" /> : null}
      {imports.status === 'ready' && imports.value.length === 0 ? <p className="muted">No files imported yet.</p> : null}
      {imports.status === 'ready' && imports.value.length > 0 ? (
        <div className="table-scroll">
          <table className="table compact previous-imports" data-testid="previous-imports">
            <caption className="visually-hidden">Previous imports, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Imported</th>
                <th scope="col">Kind</th>
                <th scope="col">File</th>
                <th scope="col" className="num">Read</th>
                <th scope="col" className="num">Imported</th>
                <th scope="col" className="num">Rejected</th>
                <th scope="col" className="num">Skipped</th>
                <th scope="col" className="num">No match</th>
                <th scope="col">By</th>
                <th scope="col"><span className="visually-hidden">Details</span></th>
              </tr>
            </thead>
            <tbody>
              {imports.value.map((record) => (
                <Fragment key={record.id}>
                  <ImportRow record={record} expanded={open === record.id} onToggle={() => setOpen(open === record.id ? null : record.id)} />
                  {open === record.id ? (
                    <tr className="expanded-row">
                      <td colSpan={COLUMNS} id={`import-issues-${record.id}`}>
                        <ImportIssues record={record} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function ImportRow({ record, expanded, onToggle }: { record: ImportRecord; expanded: boolean; onToggle(): void }) {
  return (
    <tr className={expanded ? 'expanded' : undefined}>
      <td className="nowrap">{formatDateTime(record.importedAt)}</td>
      <td>{importKindLabel(record.kind)}</td>
      <td>
        <span className="file-name">{record.fileName}</span>
        {record.sheet ? <span className="muted"> · sheet “{record.sheet}”</span> : null}
        {record.supersedesImportId !== null ? <span className="muted"> · replaces import {record.supersedesImportId}</span> : null}
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
