import { useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import { DELETION_GUARANTEE } from '../../../shared/api/maintenanceCalls';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SettingsSection } from './SettingsSection';

/**
 * Deleting the whole workspace, at the end of the exercise. The name must be typed; main locks the
 * workspace, deletes the file and its journals, and the app returns to the unlock screen.
 */
export function DeleteWorkspaceSection() {
  const [overview, reload] = useCall('maintenance.overview', {});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = overview.status === 'ready' ? overview.value.workspaceName : null;

  async function remove() {
    if (name === null) return;
    setBusy(true);
    setError(null);
    try {
      await call('maintenance.deleteWorkspace', { confirmation: name });
      setConfirming(false);
      // The workspace is gone and locked: the next call is refused as locked, which takes the
      // whole app back to the unlock screen with this screen's data dropped.
      reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <SettingsSection id="settings-delete" title="Delete this workspace" intro={`When the exercise is over and nothing more is needed from it. ${DELETION_GUARANTEE}`}>
      <button type="button" className="button danger" disabled={name === null} onClick={() => setConfirming(true)}>
        Delete workspace…
      </button>
      {name === null ? null : (
        <ConfirmDialog
          open={confirming}
          title="Delete this workspace?"
          confirmLabel="Delete workspace"
          typedConfirmation={name}
          busy={busy}
          error={error}
          onCancel={() => {
            setConfirming(false);
            setError(null);
          }}
          onConfirm={() => void remove()}
        >
          <p>Every person, import, decision and the audit trail in this workspace will be deleted with the file. The app keeps a line in its log that a workspace file was deleted, without anything from inside it.</p>
          <p className="notice notice-warn">This cannot be undone. Backups are separate files and stay where they are.</p>
        </ConfirmDialog>
      )}
    </SettingsSection>
  );
}
