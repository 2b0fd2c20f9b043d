import { useState } from 'react';
import { call, transportKind } from '../../api/client';
import { TextField } from '../../components/TextField';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatCount } from '../Candidates/candidateLabels';
import { useSubmit } from './useSubmit';

/**
 * Restore from the unlock screen: the time a backup is needed most is when the workspace is lost
 * or will not open, so this must not need an unlocked one. The backup is checked with its own
 * passphrase before anything is written; then the restored file is offered for unlocking.
 */
export function RestoreForm({ onRestored }: { onRestored(path: string, message: string): void }) {
  const [passphrase, setPassphrase] = useState('');
  const [replace, setReplace] = useState(false);
  // 'preview' before asking (the browser preview has no dialogs); the app's own words after.
  const [unsupported, setUnsupported] = useState<string | null>(() => (transportKind() === 'bridge' ? 'preview' : null));

  const { busy, error, onSubmit: submit } = useSubmit(async () => {
    const result = await call('maintenance.restore', { passphrase, replace });
    setPassphrase('');
    if (result.state === 'unsupported') setUnsupported(result.message);
    if (result.state === 'restored') onRestored(result.path, `Restored ${formatCount(result.people)} people to ${result.path}. Unlock it with the backup’s passphrase.`);
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
      <p className="muted">For a workspace that is lost or will not open. You choose the backup, then where to restore it; the backup is checked before anything is written.</p>
      <TextField label="The backup’s passphrase" type="password" value={passphrase} onValueChange={setPassphrase} required autoComplete="off" hint="A backup opens with the passphrase its workspace had when it was made." />
      <label className="checkbox">
        <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
        I may choose an existing workspace file to replace
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
