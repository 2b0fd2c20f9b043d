import { closeWorkspace, type OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { appendAudit } from '../workspace/auditLog';
import { ChosenFiles } from '../security/chosenFiles';
import { setBusyTimeout } from '../data/maintenance';

type LockReason = 'never_opened' | 'user' | 'idle' | 'suspend';

/**
 * The one unlocked workspace of this process. The key lives only inside the SQLite connection held
 * here; locking closes the connection, which is the only way to forget it.
 */
export class AppSession {
  private current: OpenWorkspace | null = null;
  /** The passphrase, only so import workers can open their own connection; zeroed on lock. */
  private secret: Buffer | null = null;
  private lastActivity = Date.now();
  lastPath: string | null = null;
  lockReason: LockReason = 'never_opened';
  /** Who unlocked: the lock entry in the audit trail is theirs, whatever ended the session. */
  private actor = 'app';

  /** The files chosen in this window, by token: the renderer never names a path itself. */
  readonly files: ChosenFiles;

  constructor(private readonly clock: () => number = Date.now) {
    this.files = new ChosenFiles(clock);
  }

  get workspace(): OpenWorkspace | null {
    return this.current;
  }

  adopt(workspace: OpenWorkspace, passphrase: string, actor?: string): void {
    this.lock('user');
    this.current = workspace;
    this.actor = actor ?? 'app';
    this.secret = Buffer.from(passphrase, 'utf8');
    this.lastPath = workspace.path;
    this.touch();
  }

  requireWorkspace(): OpenWorkspace {
    if (!this.current) throw new WorkspaceError('workspace_locked', 'The workspace is locked. Unlock it to continue.');
    return this.current;
  }

  /** A copy of the passphrase bytes for a worker; the caller zeroes it when done. */
  copySecret(): Uint8Array {
    if (!this.secret) throw new WorkspaceError('workspace_locked', 'The workspace is locked. Unlock it to continue.');
    return new Uint8Array(this.secret);
  }

  /** After a rekey the workers must use the new passphrase. */
  replaceSecret(passphrase: string): void {
    this.secret?.fill(0);
    this.secret = Buffer.from(passphrase, 'utf8');
  }

  touch(): void {
    this.lastActivity = this.clock();
  }

  lock(reason: LockReason, actor: string = this.actor): void {
    this.secret?.fill(0);
    this.secret = null;
    if (this.current) {
      this.auditLock(this.current, reason, actor);
      closeWorkspace(this.current);
      this.current = null;
      this.files.forgetAll();
      this.lockReason = reason;
    }
  }

  /** The audit trail shows when each session ended and why (user, idle, suspend). */
  private auditLock(workspace: OpenWorkspace, reason: LockReason, actor: string): void {
    // Inside someone else's open transaction the entry would share its fate; better none.
    if (workspace.db.inTransaction) return;
    try {
      // An import worker holding the write lock must not hold up a lock for the full busy timeout.
      setBusyTimeout(workspace.db, 250);
      appendAudit(workspace.db, { actor, action: 'workspace.lock', detail: { reason } });
    } catch {
      // Locking never fails; a busy or damaged file costs only this entry.
    }
  }

  /** Locks when nothing has been asked of the workspace for `idleMinutes`; returns whether it locked. */
  lockIfIdle(idleMinutes: number): boolean {
    if (!this.current || idleMinutes <= 0) return false;
    if (this.clock() - this.lastActivity < idleMinutes * 60_000) return false;
    this.lock('idle');
    return true;
  }
}
