import { closeWorkspace, type OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';

export type LockReason = 'never_opened' | 'user' | 'idle' | 'suspend';

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

  constructor(private readonly clock: () => number = Date.now) {}

  get workspace(): OpenWorkspace | null {
    return this.current;
  }

  adopt(workspace: OpenWorkspace, passphrase: string): void {
    this.lock('user');
    this.current = workspace;
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

  lock(reason: LockReason): void {
    this.secret?.fill(0);
    this.secret = null;
    if (this.current) {
      closeWorkspace(this.current);
      this.current = null;
      this.lockReason = reason;
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
