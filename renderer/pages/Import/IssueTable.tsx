import { useId, useState } from 'react';
import { DISPOSITION_HINTS, DISPOSITION_LABELS, type Disposition } from './format';
import { formatCount } from '../../../shared/domain/numberFormat';

export interface IssueRow {
  rowNumber: number;
  disposition: Disposition;
  reason: string;
  raw?: string[];
}

const RAW_PREVIEW_CHARS = 90;

const DISPOSITIONS: readonly Disposition[] = ['rejected', 'unmatched', 'note', 'skipped'];

/** Buttons that filter issues by what happened to the row; counts come from the caller. */
export function DispositionFilter({ value, counts, onChange }: { value: Disposition | 'all'; counts: Record<Disposition, number>; onChange(value: Disposition | 'all'): void }) {
  const total = DISPOSITIONS.reduce((sum, d) => sum + counts[d], 0);
  const options: Array<{ id: Disposition | 'all'; label: string; count: number }> = [
    { id: 'all', label: 'All', count: total },
    ...DISPOSITIONS.map((d) => ({ id: d, label: DISPOSITION_LABELS[d], count: counts[d] })),
  ];
  return (
    <div className="segmented" role="group" aria-label="Show rows that were">
      {options.map((o) => (
        <button key={o.id} type="button" className="segmented-option" aria-pressed={value === o.id} onClick={() => onChange(o.id)} disabled={o.id !== 'all' && o.count === 0}>
          {o.label} <span className="segmented-count">{formatCount(o.count)}</span>
        </button>
      ))}
    </div>
  );
}

/** Rows of an import that were not imported as they stood, with the reason for each. */
export function IssueTable({ rows, caption, showRaw = false }: { rows: readonly IssueRow[]; caption: string; showRaw?: boolean }) {
  if (rows.length === 0) return <p className="muted">No rows to show.</p>;
  return (
    <div className="table-scroll">
      <table className="table compact issue-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">Row</th>
            <th scope="col">What happened</th>
            <th scope="col">Reason</th>
            {showRaw ? <th scope="col">Values in the row</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={`${row.rowNumber}-${index}`}>
              <td className="num">{formatCount(row.rowNumber)}</td>
              <td>
                <span className={`disposition disposition-${row.disposition}`} title={DISPOSITION_HINTS[row.disposition]}>
                  {DISPOSITION_LABELS[row.disposition]}
                </span>
              </td>
              <td>{row.reason}</td>
              {showRaw ? (
                <td>
                  <RawValues values={row.raw ?? []} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The row's cells as they were in the file, shortened until asked for in full. */
function RawValues({ values }: { values: readonly string[] }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const filled = values.map((v) => v.replace(/\s+/g, ' ').trim()).filter((v) => v !== '');
  if (filled.length === 0) return <span className="muted">(empty row)</span>;
  const text = filled.join(' · ');
  const short = text.length <= RAW_PREVIEW_CHARS;
  return (
    <span className="raw-values" id={id}>
      {short || open ? text : `${text.slice(0, RAW_PREVIEW_CHARS)}…`}
      {short ? null : (
        <>
          {' '}
          <button type="button" className="link-button" onClick={() => setOpen(!open)} aria-controls={id} aria-expanded={open}>
            {open ? 'Show less' : 'Show all'}
          </button>
        </>
      )}
    </span>
  );
}
