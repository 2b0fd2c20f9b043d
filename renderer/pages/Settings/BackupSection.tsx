import { useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { tokenFor } from '../../api/chosenFiles';
import { useCall } from '../../api/useCall';
import type { MaintenanceOverview } from '../../../shared/maintenance/maintenanceSchemas';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { TextField } from '../../components/TextField';
import { RestoreBackupForm, type RestoredBackup } from '../../components/RestoreBackupForm';
import { formatDateTime } from '../Candidates/candidateLabels';
import { SettingsSection } from './SettingsSection';
import { formatBytes, formatCount } from '../../../shared/domain/numberFormat';
import { SubmitForm } from '../../components/SubmitForm';

/**
 * Encrypted backup and restore. A backup opens with this workspace's passphrase and nothing else,
 * and is checked by reopening it before it is saved. Restore checks the backup before anything is
 * replaced; it needs the desktop app's dialogs (the preview points to the command line instead).
 */
export function BackupSection() {
  const [overview, reload] = useCall('maintenance.overview', {});
  const title = 'Backup and restore';
  if (overview.status === 'loading') return <LoadingState label="Reading the backup status…" />;
  if (overview.status === 'error') {
    return (
      <SettingsSection id="settings-backup" title={title} intro="">
        <ErrorNotice message={overview.message} title="Could not read the backup status" />
      </SettingsSection>
    );
  }
  return <BackupForms overview={overview.value} reload={reload} title={title} />;
}

function BackupForms({ overview, reload, title }: { overview: MaintenanceOverview; reload(): void; title: string }) {
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function backup() {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      // Without a save dialog (the preview) the typed path goes through the preview's picker for a token.
      const result = await call('maintenance.backup', overview.hostHasDialogs ? {} : { file: await tokenFor({ kind: 'typed', path }, 'write') });
      if (result.state === 'saved') {
        setStatus(`Backed up to ${result.fileName} (${formatBytes(result.bytes)}, ${formatCount(result.people)} people). It opens with this workspace’s passphrase.`);
        reload();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  function restored(result: RestoredBackup) {
    setStatus(`Restored to ${result.path} (${formatCount(result.people)} people). Unlock it to use it.`);
    // The open workspace was replaced and locked: the next call finds it locked, and the app
    // drops this screen's data and shows the unlock screen.
    if (result.replacedOpenWorkspace) reload();
  }

  return (
    <SettingsSection
      id="settings-backup"
      title={title}
      intro={
        <>
          A backup is an encrypted copy of this workspace ({formatBytes(overview.fileBytes)}) that opens with the same passphrase and nothing else. It is checked by reopening it before it is saved. {overview.lastBackupAt ? `Last backup: ${formatDateTime(overview.lastBackupAt)}.` : 'No backup has been made from this workspace yet.'}
        </>
      }
      status={status}
      error={error}
    >
      <SubmitForm className="inline-form" onSubmit={backup}>
        {overview.hostHasDialogs ? null : (
          <TextField
            label="Save the backup as"
            value={path}
            onValueChange={setPath}
            placeholder="/full/path/workspace-backup.iomdb"
            hint="The preview has no save dialog: type the full path of a new file."
            className="maint-path"
          />
        )}
        <div className="inline-form-actions">
          <button type="submit" className="button primary" disabled={busy || (!overview.hostHasDialogs && path.trim() === '')}>
            {overview.hostHasDialogs ? 'Back up now…' : 'Back up now'}
          </button>
        </div>
      </SubmitForm>

      <h3 className="maint-subheading">Restore a backup</h3>
      <RestoreBackupForm
        intro="You choose the backup, then where to restore it. It is checked before anything is replaced."
        replaceLabel="I may choose an existing workspace file to replace (this one included: it is locked first)"
        onRestored={restored}
      />
    </SettingsSection>
  );
}
