import { useEffect, useState } from 'react';
import { call, transportKind } from '../../api/client';
import type { WorkspaceInfo } from '../../../shared/api/workspaceCalls';
import { TextField } from '../../components/TextField';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RestoreBackupForm } from '../../components/RestoreBackupForm';
import { useSubmit } from '../../components/useSubmit';
import { formatCount } from '../../../shared/numberFormat';

type Mode = 'unlock' | 'create' | 'restore';

const LOCK_REASONS: Record<string, string> = {
  idle: 'The workspace was locked because it was left idle.',
  suspend: 'The workspace was locked when the computer was suspended or its screen locked.',
  user: 'The workspace is locked.',
};

export function UnlockPage({ lastPath, lockReason, onUnlocked }: { lastPath: string | null; lockReason: string | null; onUnlocked(info: WorkspaceInfo): void }) {
  const [mode, setMode] = useState<Mode>(lastPath ? 'unlock' : 'create');
  const [unlockPath, setUnlockPath] = useState(lastPath ?? '');
  const [restored, setRestored] = useState<string | null>(null);
  const tab = (id: Mode, label: string) => (
    <button role="tab" type="button" aria-selected={mode === id} className={mode === id ? 'tab active' : 'tab'} onClick={() => setMode(id)}>
      {label}
    </button>
  );
  return (
    <main className="unlock-page">
      <section className="unlock-card" aria-labelledby="unlock-title">
        <h1 id="unlock-title">IOM Cohort Expansion Workbench</h1>
        <p className="muted">Restricted data stays in one encrypted workspace file on this computer. The passphrase is never stored.</p>
        {lockReason && LOCK_REASONS[lockReason] ? <div className="notice notice-info" role="status">{LOCK_REASONS[lockReason]}</div> : null}
        <div className="tabs" role="tablist" aria-label="Workspace">
          {tab('unlock', 'Unlock a workspace')}
          {tab('create', 'Create a new workspace')}
          {tab('restore', 'Restore a backup')}
        </div>
        {restored && mode === 'unlock' ? <div className="notice notice-ok" role="status">{restored}</div> : null}
        {mode === 'unlock' ? <UnlockForm key={unlockPath} initialPath={unlockPath} onUnlocked={onUnlocked} /> : null}
        {mode === 'create' ? <CreateForm onUnlocked={onUnlocked} /> : null}
        {mode === 'restore' ? (
          <RestoreBackupForm
            intro="For a workspace that is lost or will not open. You choose the backup, then where to restore it; the backup is checked before anything is written."
            replaceLabel="I may choose an existing workspace file to replace"
            onRestored={(result) => {
              setUnlockPath(result.path);
              setRestored(`Restored ${formatCount(result.people)} people to ${result.path}. Unlock it with the backup’s passphrase.`);
              setMode('unlock');
            }}
          />
        ) : null}
      </section>
    </main>
  );
}

function BrowseButton({ mode, onPath }: { mode: 'open' | 'create'; onPath(path: string): void }) {
  // The browser preview has no native dialog; the path is typed instead.
  const [unsupported, setUnsupported] = useState(() => transportKind() === 'bridge');
  if (unsupported) return null;
  return (
    <button
      type="button"
      className="button secondary"
      onClick={async () => {
        const result = await call('workspace.chooseFile', { mode });
        if (!result.supported) setUnsupported(true);
        else if (result.path) onPath(result.path);
      }}
    >
      Browse…
    </button>
  );
}

function UnlockForm({ initialPath, onUnlocked }: { initialPath: string; onUnlocked(info: WorkspaceInfo): void }) {
  const [path, setPath] = useState(initialPath);
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, onSubmit: submit } = useSubmit(async () => {
    const info = await call('workspace.unlock', { path, passphrase });
    setPassphrase('');
    onUnlocked(info);
  });
  return (
    <form onSubmit={submit} className="form" aria-label="Unlock a workspace">
      <TextField label="Workspace file" value={path} onValueChange={setPath} placeholder="/path/to/cohort.iomdb" required autoComplete="off" spellCheck={false} trailing={<BrowseButton mode="open" onPath={setPath} />} />
      <TextField label="Passphrase" type="password" value={passphrase} onValueChange={setPassphrase} required autoComplete="current-password" autoFocus={Boolean(initialPath)} />
      <ErrorNotice message={error} title="Could not unlock" />
      <div className="form-actions">
        <button className="button primary" type="submit" disabled={busy || !path || !passphrase}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </div>
    </form>
  );
}

type PassphrasePolicy = typeof import('../../../shared/passphrasePolicy');

/**
 * The strength estimator, loaded only when a passphrase is being chosen: its dictionaries are
 * larger than the rest of the UI, and every other screen (and every unlock) does without them.
 */
function usePassphrasePolicy(): PassphrasePolicy | null {
  const [policy, setPolicy] = useState<PassphrasePolicy | null>(null);
  useEffect(() => {
    let live = true;
    void import('../../../shared/passphrasePolicy').then((loaded) => {
      if (live) setPolicy(loaded);
    });
    return () => {
      live = false;
    };
  }, []);
  return policy;
}

function CreateForm({ onUnlocked }: { onUnlocked(info: WorkspaceInfo): void }) {
  const [name, setName] = useState('');
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const policy = usePassphrasePolicy();
  const strength = passphrase && policy ? policy.checkPassphraseStrength(passphrase, [name]) : null;
  const mismatch = confirmation && confirmation !== passphrase ? 'The two passphrases do not match.' : null;
  const { busy, error, onSubmit: submit } = useSubmit(async () => {
    const info = await call('workspace.create', { name, path, passphrase, confirmation });
    setPassphrase('');
    setConfirmation('');
    onUnlocked(info);
  });
  return (
    <form onSubmit={submit} className="form" aria-label="Create a new workspace">
      <TextField label="Workspace name" value={name} onValueChange={setName} placeholder="Barnet IOM expansion 2013" required autoComplete="off" />
      <TextField label="Save as" value={path} onValueChange={setPath} placeholder="/path/to/cohort.iomdb" required autoComplete="off" spellCheck={false} hint="A new file; it is encrypted from the first byte." trailing={<BrowseButton mode="create" onPath={setPath} />} />
      <TextField
        label="Passphrase"
        type="password"
        value={passphrase}
        onValueChange={setPassphrase}
        required
        autoComplete="new-password"
        hint={
          strength?.ok ? (
            <span data-testid="passphrase-strength">{strength.strength.summary} It cannot be recovered if lost.</span>
          ) : (
            'At least 12 characters, hard to guess: a phrase of three or four uncommon words works well. It cannot be recovered if lost.'
          )
        }
        error={strength && !strength.ok ? strength.message : null}
      />
      <TextField label="Repeat passphrase" type="password" value={confirmation} onValueChange={setConfirmation} required autoComplete="new-password" error={mismatch} />
      <ErrorNotice message={error} title="Could not create the workspace" />
      <div className="form-actions">
        <button className="button primary" type="submit" disabled={busy || !name || !path || !strength?.ok || !!mismatch || !confirmation}>
          {busy ? 'Creating…' : 'Create workspace'}
        </button>
      </div>
    </form>
  );
}
