import { useRef } from 'react';
import { useDismissableDetails } from '../../components/useDismissableDetails';
import { CANDIDATE_COLUMNS, type CandidateColumn } from '../../../shared/shortlist/candidateSchemas';
import type { ColumnSpec } from './candidateLabels';
import { ColumnCheckbox } from '../../components/ColumnCheckbox';

/**
 * Show or hide table columns. A disclosure (details/summary) so it opens with Enter or Space and
 * needs no script to be reachable; Escape closes it and returns to the button. The name column
 * always stays: without it a row cannot be told apart or opened.
 */
export function ColumnPicker({ columns, specs, onChange }: { columns: readonly CandidateColumn[]; specs: Readonly<Record<CandidateColumn, ColumnSpec>>; onChange(columns: CandidateColumn[]): void }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const dismiss = useDismissableDetails(ref);

  return (
    <details className="column-picker" ref={ref} onKeyDown={dismiss.onKeyDown}>
      <summary className="button secondary small">
        Columns <span className="muted">({columns.length} of {CANDIDATE_COLUMNS.length})</span>
      </summary>
      <fieldset className="column-picker-panel">
        <legend className="visually-hidden">Columns to show</legend>
        {CANDIDATE_COLUMNS.map((column) => (
          <ColumnCheckbox
            key={column}
            label={specs[column].label}
            description={specs[column].description}
            checked={columns.includes(column)}
            disabled={column === 'name'}
            onToggle={(on) => onChange(CANDIDATE_COLUMNS.filter((c) => (c === column ? on : columns.includes(c))))}
          />
        ))}
      </fieldset>
    </details>
  );
}
