import { useState } from 'react';
import { call, transportKind } from '../api/client';
import type { RestoreResult } from '../../shared/maintenance/maintenanceSchemas';
import { TextField } from './TextField';
import { ErrorNotice } from './ErrorNotice';
import { useSubmit } from './useSubmit';

export type RestoredBackup = Extract<RestoreResult, { state: 'restored' }>;

/**
 * Restoring a backup, on the unlock screen (for a workspace that is lost or will not open) and in
 * Settings. The desktop app's dialogs choose the backup, then where to restore it; the backup is
 * checked with its own passphrase before anything is written. The browser preview has no dialogs
 * and points to the command line instead.
 */
export function RestoreBackupForm({ intro, replaceLabel, onRestored }: { intro: string; replaceLabel: string; onRestored(result: RestoredBackup): void }) {
  const [passphrase, setPassphrase] = useState('');
  const [replace, setReplace] = useState(false);
  // 'preview' before asking (the browser preview has no dialogs); the app's own words after.
  const [unsupported, setUnsupported] = useState<string | null>(() => (transportKind() === 'bridge' ? 'preview' : null));

  const { busy, error, onSubmit: submit } = useSubmit(async () => {
    const result = await call('maintenance.restore', { passphrase, replace });
    setPassphrase('');
    if (result.state === 'unsupported') setUnsupported(result.message);
    if (result.state === 'restored') onRestored(result);
  });

  if (unsupported) {
    return (
      <div className="form" data-testid="restore-unsupported">
        {unsupported === 'preview' ? (
          <p className="notice notice-info">
            Restoring needs the desktop app’s file dialogs. From a terminal: <code>iom-cohort restore backup.iomdb workspace.iomdb</code>. It checks the backup with its passphrase first and never replaces a file unless given <code>--force</code>.
          </p>
        ) : (
          <p className="notice notice-info">{unsupported}</p>
        )}
      </div>
    );
  }
  return (
    <form onSubmit={submit} className="form" aria-label="Restore a backup">
      <p className="muted">{intro}</p>
      <TextField label="The backup’s passphrase" type="password" value={passphrase} onValueChange={setPassphrase} required autoComplete="off" hint="A backup opens with the passphrase its workspace had when it was made." />
      <label className="checkbox">
        <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
        {replaceLabel}
      </label>
      <ErrorNotice message={error} title="Could not restore" />
      <div className="form-actions">
        <button className="button primary" type="submit" disabled={busy || !passphrase}>
          {busy ? 'Checking the backup…' : 'Choose the backup…'}
        </button>
      </div>
    </form>
  );
}
