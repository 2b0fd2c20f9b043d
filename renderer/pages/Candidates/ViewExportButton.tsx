import { useState } from 'react';
import { call, errorMessage } from '../../api/client';
import type { CandidateColumn, CandidateSort } from '../../../shared/shortlist/candidateSchemas';
import type { Filter } from '../../../shared/shortlist/filterModel';
import { completeExport } from '../../components/saveFile';
import { plural } from '../../../shared/domain/numberFormat';

/**
 * Exports the view as it stands (filter, sort, visible columns; every matching person, not only the
 * rows on screen) as a marked .xlsx; the main process audits it.
 */
export function ViewExportButton({ filter, sort, columns, total }: { filter: Filter; sort: CandidateSort; columns: readonly CandidateColumn[]; total: number | null }) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');

  async function exportView() {
    setBusy(true);
    setStatus('');
    try {
      const delivery = await call('exports.candidatesView', { filter, sort, columns: [...columns], format: 'xlsx' });
      const outcome = completeExport(delivery);
      setStatus(outcome ? `${outcome}${total !== null ? ` (${plural(total, 'person', 'people')})` : ''}.` : 'Not saved: the save was cancelled.');
    } catch (e) {
      setStatus(`Not exported: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="button secondary small" disabled={busy || total === 0} onClick={() => void exportView()} data-testid="candidates-export-view">
        {busy ? 'Exporting…' : 'Export this view (.xlsx)'}
      </button>
      <span className="muted cand-export-status" role="status" aria-live="polite" data-testid="candidates-export-status">
        {status}
      </span>
    </>
  );
}
