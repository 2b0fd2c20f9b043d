import { useId, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { PURGE_CONFIRMATION, PURGE_REASONS, PURGE_REASON_LABELS, type PurgeReason } from '../../../shared/api/maintenanceCalls';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { plural } from '../../../shared/numberFormat';

/**
 * "Purge this person": erasure on a data subject request, or of someone recorded in error. The
 * dialog says what goes and that older backups keep it; main removes everything derived from the
 * person and rewrites the file, and the page then returns to the candidates.
 */
export function PurgePersonAction({ personId, arrests, notes, onPurged }: { personId: number; arrests: number; notes: number; onPurged(): void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<PurgeReason>('data_subject_request');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function purge() {
    setBusy(true);
    setError(null);
    try {
      await call('maintenance.purgePerson', { personId, reason, confirmation: PURGE_CONFIRMATION });
      setOpen(false);
      onPurged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel maint-purge-person" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Data protection</h2>
      <p className="muted">On a data subject request for erasure, or if this person should never have been in the workspace, purge them: they and everything derived from them leave the workspace and its file.</p>
      <button type="button" className="button danger" onClick={() => setOpen(true)}>
        Purge this person…
      </button>
      <ConfirmDialog
        open={open}
        title="Purge this person?"
        confirmLabel="Purge person"
        typedConfirmation={PURGE_CONFIRMATION}
        busy={busy}
        error={error}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
        onConfirm={() => void purge()}
      >
        <p>
          Removed: the person, {plural(arrests, 'arrest')}, their list flags, {plural(notes, 'note')}, shortlist places, panel decisions, and the import rows that name them. The file is then rewritten so none of it stays in it. The audit trail records the purge by internal id ({personId}) and reason only.
        </p>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason</label>
          <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value as PurgeReason)} disabled={busy}>
            {PURGE_REASONS.map((r) => (
              <option key={r} value={r}>
                {PURGE_REASON_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <p className="notice notice-warn">This cannot be undone. Backups made before now still hold this person: delete or replace them. The lists they came from are outside the app.</p>
      </ConfirmDialog>
    </section>
  );
}
