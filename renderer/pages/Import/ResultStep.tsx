import { useMemo, useState, type Ref } from 'react';
import type { ImportReport } from '../../../shared/import/importSchemas';
import { importKindLabel } from '../../../shared/domain/importKinds';
import { DispositionFilter, IssueTable } from './IssueTable';
import { type Disposition } from './format';
import { formatCount, plural } from '../../../shared/domain/numberFormat';
import { rowAccount, rowAccountText, type RowOutcome } from '../../../shared/import/importRowAccount';
import { ImportRemovalSummary } from './ImportRemovalSummary';
import { DataTable } from '../../components/DataTable';

interface ResultStepProps {
  report: ImportReport;
  headingRef: Ref<HTMLHeadingElement>;
  onImportAnother(): void;
  /** For a replacement's preview (a dry run): do it. */
  onConfirmReplace?(): void;
}

interface Headline {
  key: keyof ImportReport;
  label: string;
  tone?: 'warn';
}

/** What else the import did, beside where its rows went. */
const HEADLINES: readonly Headline[] = [
  { key: 'rowsLinked', label: 'Linked to people already here' },
  { key: 'peopleCreated', label: 'People added' },
  { key: 'arrestsAdded', label: 'Arrests added' },
  { key: 'flagsSet', label: 'Flags set' },
  { key: 'reviewsQueued', label: 'Matches to review', tone: 'warn' },
];

const WARN_OUTCOMES: ReadonlySet<RowOutcome> = new Set(['rowsRejected', 'rowsUnmatched']);

/** Read = imported + rejected + skipped + unmatched, each outcome with what its rows are. */
function RowAccountTable({ report }: { report: ImportReport }) {
  const account = rowAccount(report);
  return (
    <div className="row-account" data-testid="row-account">
      <p className="row-account-sum">
        <span data-testid="result-rowsRead">{formatCount(account.read)}</span> rows read ={' '}
        {account.lines.map((line, i) => (
          <span key={line.key}>
            {i > 0 ? ' + ' : ''}
            {formatCount(line.count)} {line.label.toLowerCase()}
          </span>
        ))}
        {account.balanced ? null : <strong> (these do not add up: the import record is damaged)</strong>}
      </p>
      <DataTable columns={['Rows', { label: 'Count', numeric: true }, 'What they are']} caption="Where every row read went" className="row-account-table">
        {account.lines.map((line) => (
          <tr key={line.key} className={WARN_OUTCOMES.has(line.key) && line.count > 0 ? 'row-warn' : undefined}>
            <th scope="row">{line.label}</th>
            <td className="num" data-testid={`result-${line.key}`}>
              {formatCount(line.count)}
            </td>
            <td className="muted">{line.explanation}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

/** Step 4: what the import did, in numbers and sentences, and every row it could not take as it stood. */
export function ResultStep({ report, headingRef, onImportAnother, onConfirmReplace }: ResultStepProps) {
  const [filter, setFilter] = useState<Disposition | 'all'>('all');
  const counts = useMemo(() => ({ rejected: report.rowsRejected, skipped: report.rowsSkipped, unmatched: report.rowsUnmatched, note: report.issues.filter((i) => i.disposition === 'note').length }), [report]);
  const shown = useMemo(() => (filter === 'all' ? report.issues : report.issues.filter((i) => i.disposition === filter)), [report, filter]);
  // The row account is shown as its own table: the other sentences below it, warnings apart.
  const { notes, warnings } = useMemo(() => {
    const accountLines = new Set(rowAccountText(report));
    const rest = report.messages.filter((m) => !accountLines.has(m));
    return { notes: rest.filter((m) => !m.startsWith('Warning: ')), warnings: rest.filter((m) => m.startsWith('Warning: ')) };
  }, [report]);

  if (report.status === 'duplicate') {
    return (
      <section className="panel wizard-panel" aria-labelledby="import-step-title">
        <h2 id="import-step-title" ref={headingRef} tabIndex={-1}>
          Already imported
        </h2>
        <div className="notice notice-info" role="status" data-testid="import-messages">
          {report.messages.length > 0 ? report.messages.join(' ') : `${report.fileName} was imported before; nothing was changed.`}
        </div>
        <div className="form-actions">
          <button type="button" className="button primary" onClick={onImportAnother}>
            Import another file
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="panel wizard-panel" aria-labelledby="import-step-title">
      <div className="wizard-panel-header">
        <h2 id="import-step-title" ref={headingRef} tabIndex={-1}>
          {report.dryRun ? 'Preview of the replacement: nothing changed yet' : 'Imported'}
        </h2>
        <button type="button" className={report.dryRun ? 'button secondary' : 'button primary'} onClick={onImportAnother}>
          {report.dryRun ? 'Cancel' : 'Import another file'}
        </button>
      </div>
      <p className="muted">
        <span className="file-name">{report.fileName}</span>
        {report.sheet ? <> · sheet “{report.sheet}”</> : null} · imported as {importKindLabel(report.kind)}.
        {report.supersededImportId !== null ? <> It {report.dryRun ? 'would replace' : 'replaces'} import {report.supersededImportId} of the same list.</> : null}
      </p>
      {report.replaced ? (
        <div className={report.dryRun ? 'notice notice-warn' : 'notice notice-info'} data-testid="replaced-summary">
          <p>
            <strong>{report.dryRun ? `Replacing import ${report.replaced.importId} would take away:` : `Replacing import ${report.replaced.importId} took away:`}</strong>
          </p>
          <ImportRemovalSummary removal={report.replaced} />
          {report.dryRun && onConfirmReplace ? (
            <div className="form-actions">
              <button type="button" className="button danger" onClick={onConfirmReplace}>
                Replace import {report.replaced.importId} with this file
              </button>
            </div>
          ) : null}
        </div>
      ) : null}

      <RowAccountTable report={report} />

      <div className="stat-grid result-stats" role="group" aria-label="What the import did">
        {HEADLINES.map((h) => {
          const value = report[h.key] as number;
          return (
            <div key={h.key} className={h.tone && value > 0 ? 'stat stat-warn' : 'stat'}>
              <div className="stat-value" data-testid={`result-${h.key}`}>
                {formatCount(value)}
              </div>
              <div className="stat-label">{h.label}</div>
            </div>
          );
        })}
      </div>

      {notes.length > 0 ? (
        <div className="notice notice-info" role="status">
          <ul className="plain-list" data-testid="import-messages" aria-label="Import summary">
            {notes.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <div className="notice notice-warn">
          <ul className="plain-list" data-testid="import-warnings" aria-label="Import warnings">
            {warnings.map((m, i) => (
              <li key={i}>{m.replace(/^Warning: /, '')}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {report.reviewsQueued > 0 ? (
        <div className="notice notice-warn review-callout">
          <span>
            {report.reviewsQueued === 1 ? 'One row is' : `${formatCount(report.reviewsQueued)} rows are`} close to someone already in the workspace but not certain: they are linked only when you decide.
          </span>
          <a className="button secondary" href="#/links">
            Review {plural(report.reviewsQueued, 'uncertain match', 'uncertain matches')}
          </a>
        </div>
      ) : null}

      <h3 id="result-issues-title">Rows not imported as they stood</h3>
      {report.issues.length === 0 ? (
        <p className="muted">No row was rejected, skipped or left unmatched.</p>
      ) : (
        <>
          <DispositionFilter value={filter} counts={counts} onChange={setFilter} />
          {report.issuesTruncated ? (
            <p className="muted">
              Showing the first {formatCount(report.issues.length)} of {formatCount(report.rowsRejected + report.rowsSkipped + report.rowsUnmatched)}; every row is listed under Previous imports below.
            </p>
          ) : null}
          <IssueTable rows={shown} caption="Rows not imported as they stood" />
        </>
      )}
    </section>
  );
}
