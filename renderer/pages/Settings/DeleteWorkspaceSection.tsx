import { call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { DELETION_GUARANTEE } from '../../../shared/maintenance/maintenanceSchemas';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useConfirmedAction } from '../../components/useConfirmedAction';
import { SettingsSection } from './SettingsSection';

/**
 * Deleting the whole workspace, at the end of the exercise. The name must be typed; main locks the
 * workspace, deletes the file and its journals, and the app returns to the unlock screen.
 */
export function DeleteWorkspaceSection() {
  const [overview, reload] = useCall('maintenance.overview', {});
  const name = overview.status === 'ready' ? overview.value.workspaceName : null;
  const remove = useConfirmedAction(async () => {
    if (name === null) return;
    await call('maintenance.deleteWorkspace', { confirmation: name });
    // The workspace is gone and locked: the next call is refused as locked, which takes the
    // whole app back to the unlock screen with this screen's data dropped.
    reload();
  });

  return (
    <SettingsSection id="settings-delete" title="Delete this workspace" intro={`When the exercise is over and nothing more is needed from it. ${DELETION_GUARANTEE}`}>
      <button type="button" className="button danger" disabled={name === null} onClick={remove.ask}>
        Delete workspace…
      </button>
      {name === null ? null : (
        <ConfirmDialog {...remove.dialog} title="Delete this workspace?" confirmLabel="Delete workspace" typedConfirmation={name}>
          <p>Every person, import, decision and the audit trail in this workspace will be deleted with the file. The app keeps a line in its log that a workspace file was deleted, without anything from inside it.</p>
          <p className="notice notice-warn">This cannot be undone. Backups are separate files and stay where they are.</p>
        </ConfirmDialog>
      )}
    </SettingsSection>
  );
}
