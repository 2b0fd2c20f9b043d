import { useEffect, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { hasFile, NO_FILE, tokenFor, type FileChoice } from '../../api/chosenFiles';
import { ChosenFileField } from '../../components/ChosenFileField';
import type { ChosenFile } from '../../../shared/api/chosenFile';
import { useJob } from '../../api/useJob';
import { ProgressBar } from '../../components/ProgressBar';
import type { WorkspaceInfo } from '../../../shared/workspace/workspaceSchemas';
import { TextField } from '../../components/TextField';
import { ErrorNotice } from '../../components/ErrorNotice';
import { RestoreBackupForm } from '../../components/RestoreBackupForm';
import { useSubmit } from '../../components/useSubmit';
import { formatCount } from '../../../shared/domain/numberFormat';

type Mode = 'demo' | 'unlock' | 'create' | 'restore';
type DemoStatus = { available: boolean; exists: boolean };

const LOCK_REASONS: Record<string, string> = {
  idle: 'The workspace was locked because it was left idle.',
  suspend: 'The workspace was locked when the computer was suspended or its screen locked.',
  user: 'The workspace is locked.',
};

export function UnlockPage({ lastWorkspace, lockReason, onUnlocked }: { lastWorkspace: ChosenFile | null; lockReason: string | null; onUnlocked(info: WorkspaceInfo): void }) {
  const [chosenMode, setMode] = useState<Mode | null>(lastWorkspace ? 'unlock' : null);
  // A restored backup is offered for unlocking, with the token main issued for it; else the last workspace.
  const [restoredFile, setRestoredFile] = useState<ChosenFile | null>(null);
  const unlockFile = restoredFile ?? lastWorkspace;
  const [restored, setRestored] = useState<string | null>(null);
  const [demo, setDemo] = useState<DemoStatus | null>(null);
  useEffect(() => {
    call('workspace.demoStatus', {}).then(setDemo, () => setDemo({ available: false, exists: false }));
  }, []);
  // A first start (nothing opened or locked yet) begins on the demo, where the host can keep one;
  // after a workspace was deleted, on creating a new one.
  const mode: Mode = chosenMode ?? (demo?.available && !lockReason ? 'demo' : 'create');
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
          {demo?.available ? tab('demo', 'Open the demo workspace') : null}
          {tab('unlock', 'Unlock a workspace')}
          {tab('create', 'Create a new workspace')}
          {tab('restore', 'Restore a backup')}
        </div>
        {restored && mode === 'unlock' ? <div className="notice notice-ok" role="status">{restored}</div> : null}
        {mode === 'demo' && demo ? <DemoForm exists={demo.exists} onUnlocked={onUnlocked} /> : null}
        {mode === 'unlock' ? <UnlockForm key={unlockFile?.location ?? ''} initialFile={unlockFile} onUnlocked={onUnlocked} /> : null}
        {mode === 'create' ? <CreateForm onUnlocked={onUnlocked} /> : null}
        {mode === 'restore' ? (
          <RestoreBackupForm
            intro="For a workspace that is lost or will not open. You choose the backup, then where to restore it; the backup is checked before anything is written."
            replaceLabel="I may choose an existing workspace file to replace"
            onRestored={(result) => {
              setRestoredFile(result.file);
              setRestored(`Restored ${formatCount(result.people)} people to ${result.path}. Unlock it with the backup’s passphrase.`);
              setMode('unlock');
            }}
          />
        ) : null}
      </section>
    </main>
  );
}

const chooseToOpen = () => call('workspace.chooseFile', { mode: 'open' });
const chooseToCreate = () => call('workspace.chooseFile', { mode: 'create' });

function UnlockForm({ initialFile, onUnlocked }: { initialFile: ChosenFile | null; onUnlocked(info: WorkspaceInfo): void }) {
  // Until another file is chosen, the one main offered (the last workspace, a restored backup); its token follows the status.
  const [picked, setPicked] = useState<FileChoice | null>(null);
  const choice: FileChoice = picked ?? (initialFile ? { kind: 'chosen', file: initialFile } : NO_FILE);
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, onSubmit: submit } = useSubmit(async () => {
    const info = await call('workspace.unlock', { file: await tokenFor(choice, 'workspace-open'), passphrase });
    setPassphrase('');
    onUnlocked(info);
  });
  return (
    <form onSubmit={submit} className="form" aria-label="Unlock a workspace">
      <ChosenFileField label="Workspace file" choice={choice} onChoice={setPicked} browse={chooseToOpen} typedPlaceholder="/path/to/cohort.iomdb" required />
      <TextField label="Passphrase" type="password" value={passphrase} onValueChange={setPassphrase} required autoComplete="current-password" autoFocus={Boolean(initialFile)} />
      <ErrorNotice message={error} title="Could not unlock" />
      <div className="form-actions">
        <button className="button primary" type="submit" disabled={busy || !hasFile(choice) || !passphrase}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </div>
    </form>
  );
}

type PassphrasePolicy = typeof import('../../../shared/workspace/passphrasePolicy');

/**
 * The strength estimator, loaded only when a passphrase is being chosen: its dictionaries are
 * larger than the rest of the UI, and every other screen (and every unlock) does without them.
 */
function usePassphrasePolicy(): PassphrasePolicy | null {
  const [policy, setPolicy] = useState<PassphrasePolicy | null>(null);
  useEffect(() => {
    let live = true;
    void import('../../../shared/workspace/passphrasePolicy').then((loaded) => {
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
  const [choice, setChoice] = useState<FileChoice>(NO_FILE);
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const policy = usePassphrasePolicy();
  const strength = passphrase && policy ? policy.checkPassphraseStrength(passphrase, [name]) : null;
  const mismatch = confirmation && confirmation !== passphrase ? 'The two passphrases do not match.' : null;
  const { busy, error, onSubmit: submit } = useSubmit(async () => {
    const info = await call('workspace.create', { name, file: await tokenFor(choice, 'workspace-create'), passphrase, confirmation });
    setPassphrase('');
    setConfirmation('');
    onUnlocked(info);
  });
  return (
    <form onSubmit={submit} className="form" aria-label="Create a new workspace">
      <TextField label="Workspace name" value={name} onValueChange={setName} placeholder="Barnet IOM expansion 2013" required autoComplete="off" />
      <ChosenFileField label="Save as" choice={choice} onChoice={setChoice} browse={chooseToCreate} typedPlaceholder="/path/to/cohort.iomdb" required hint="A new file; it is encrypted from the first byte." />
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
        <button className="button primary" type="submit" disabled={busy || !name || !hasFile(choice) || !strength?.ok || !!mismatch || !confirmation}>
          {busy ? 'Creating…' : 'Create workspace'}
        </button>
      </div>
    </form>
  );
}

/**
 * The synthetic, seed-shaped demo in the app's own data folder: made on first use with a passphrase
 * the user chooses (there is no built-in one), opened with it afterwards.
 */
function DemoForm({ exists, onUnlocked }: { exists: boolean; onUnlocked(info: WorkspaceInfo): void }) {
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [finishError, setFinishError] = useState<string | null>(null);
  const job = useJob(jobId);
  const policy = usePassphrasePolicy();
  const strength = !exists && passphrase && policy ? policy.checkPassphraseStrength(passphrase) : null;
  const mismatch = !exists && confirmation && confirmation !== passphrase ? 'The two passphrases do not match.' : null;
  const { busy, error, onSubmit: submit } = useSubmit(async () => {
    setFinishError(null);
    const started = await call('workspace.openDemo', exists ? { passphrase } : { passphrase, confirmation });
    setJobId(started.jobId);
  });
  const state = job.job?.state;
  useEffect(() => {
    if (state !== 'done') return;
    setPassphrase('');
    setConfirmation('');
    call('workspace.status', {}).then(
      (status) => {
        if (status.state !== 'unlocked') return setFinishError('The demo workspace was made but is not open: unlock it from the first tab.');
        window.location.hash = '#/home';
        onUnlocked(status.workspace);
      },
      (e: unknown) => setFinishError(errorMessage(e)),
    );
  }, [state, onUnlocked]);
  const running = jobId !== null && job.running;
  const failure = error ?? job.job?.error?.message ?? job.pollError ?? finishError;
  return (
    <form onSubmit={submit} className="form" aria-label="Open the demo workspace">
      <p className="muted">
        {exists
          ? 'The demo workspace is in this app’s data folder. Enter the passphrase you chose when it was made.'
          : 'A synthetic list of 170 people shaped like the seed’s (no real person in it), with its agency lists and existing cohort, in an encrypted workspace in this app’s data folder. Choose its passphrase: you will need it to open the demo again.'}
      </p>
      <TextField
        label={exists ? 'Passphrase' : 'Choose a passphrase'}
        type="password"
        value={passphrase}
        onValueChange={setPassphrase}
        required
        autoComplete={exists ? 'current-password' : 'new-password'}
        hint={exists ? undefined : 'At least 12 characters. A short phrase of words works well.'}
        error={strength && !strength.ok ? strength.message : null}
      />
      {exists ? null : <TextField label="Repeat passphrase" type="password" value={confirmation} onValueChange={setConfirmation} required autoComplete="new-password" error={mismatch} />}
      {running ? <ProgressBar label={exists ? 'Opening the demo workspace' : 'Making the demo workspace'} fraction={job.job?.fraction ?? null} detail={job.job?.phase ?? 'Starting'} /> : null}
      <ErrorNotice message={running ? null : failure} title={exists ? 'Could not open the demo' : 'Could not make the demo'} />
      <div className="form-actions">
        <button className="button primary" type="submit" disabled={busy || running || !passphrase || (!exists && (!strength?.ok || !!mismatch || !confirmation))}>
          {running ? (exists ? 'Opening…' : 'Making the demo…') : 'Open the demo workspace'}
        </button>
      </div>
    </form>
  );
}
