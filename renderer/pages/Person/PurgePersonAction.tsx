import { useId, useState } from 'react';
import { call } from '../../api/client';
import { PURGE_CONFIRMATION, PURGE_REASONS, PURGE_REASON_LABELS, type PurgeReason } from '../../../shared/maintenance/maintenanceSchemas';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useConfirmedAction } from '../../components/useConfirmedAction';
import { plural } from '../../../shared/domain/numberFormat';
import { Options } from '../../components/Options';

/**
 * "Purge this person": erasure on a data subject request, or of someone recorded in error. The
 * dialog says what goes and that older backups keep it; main removes everything derived from the
 * person and rewrites the file, and the page then returns to the candidates.
 */
export function PurgePersonAction({ personId, arrests, notes, onPurged }: { personId: number; arrests: number; notes: number; onPurged(): void }) {
  const id = useId();
  const [reason, setReason] = useState<PurgeReason>('data_subject_request');
  const purge = useConfirmedAction(async () => {
    await call('maintenance.purgePerson', { personId, reason, confirmation: PURGE_CONFIRMATION });
    onPurged();
  });

  return (
    <section className="panel maint-purge-person" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Data protection</h2>
      <p className="muted">On a data subject request for erasure, or if this person should never have been in the workspace, purge them: they and everything derived from them leave the workspace and its file.</p>
      <button type="button" className="button danger" onClick={purge.ask}>
        Purge this person…
      </button>
      <ConfirmDialog {...purge.dialog} title="Purge this person?" confirmLabel="Purge person" typedConfirmation={PURGE_CONFIRMATION}>
        <p>
          Removed: the person, {plural(arrests, 'arrest')}, their list flags, {plural(notes, 'note')}, shortlist places, panel decisions, and the import rows that name them. The file is then rewritten so none of it stays in it. The audit trail records the purge by internal id ({personId}) and reason only.
        </p>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason</label>
          <select id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value as PurgeReason)} disabled={purge.busy}>
            <Options values={PURGE_REASONS} label={PURGE_REASON_LABELS} />
          </select>
        </div>
        <p className="notice notice-warn">This cannot be undone. Backups made before now still hold this person: delete or replace them. The lists they came from are outside the app.</p>
      </ConfirmDialog>
    </section>
  );
}
