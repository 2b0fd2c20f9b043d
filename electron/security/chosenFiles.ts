import { randomBytes } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { FILE_PURPOSE_LABELS, type ChosenFile, type FilePurpose } from '../../shared/api/chosenFile';
import { WorkspaceError } from '../workspace/workspaceErrors';

/** Long enough to pick a file and fill in a form; short enough that a leaked token soon goes stale. */
export const FILE_TOKEN_LIFETIME_MS = 60 * 60_000;
/** A page that asks for tokens in a loop cannot grow this without bound: the oldest go first. */
const MAX_LIVE_TOKENS = 64;

interface Grant {
  readonly path: string;
  readonly purpose: FilePurpose;
  readonly expiresAt: number;
  /** A call is using it now: a second call with the same token must not race it. */
  busy: boolean;
}

/**
 * The files the user chose in this window, by opaque token (issue 17.4). Only main fills it: from its
 * own dialogs, from a file the preload reports as dropped, from the preview's picker, and for the
 * last workspace opened. A token is spent by the call that succeeds with it; a call that fails for
 * another reason (a wrong passphrase, a sheet that cannot be read) leaves it for another try.
 */
export class ChosenFiles {
  private readonly grants = new Map<string, Grant>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** A new token for a path main obtained itself. */
  grant(path: string, purpose: FilePurpose): ChosenFile {
    this.forgetExpired();
    while (this.grants.size >= MAX_LIVE_TOKENS) {
      const oldest = this.grants.keys().next().value;
      if (oldest === undefined) break;
      this.grants.delete(oldest);
    }
    const absolute = resolve(path);
    const token = randomBytes(32).toString('base64url');
    this.grants.set(token, { path: absolute, purpose, expiresAt: this.clock() + FILE_TOKEN_LIFETIME_MS, busy: false });
    return { token, name: basename(absolute), location: absolute };
  }

  /** The live token for this path and purpose if there is one, else a new one: asking twice gives the same answer. */
  grantOnce(path: string, purpose: FilePurpose): ChosenFile {
    const absolute = resolve(path);
    const now = this.clock();
    for (const [token, grant] of this.grants) {
      if (grant.path === absolute && grant.purpose === purpose && !grant.busy && grant.expiresAt > now) return { token, name: basename(absolute), location: absolute };
    }
    return this.grant(absolute, purpose);
  }

  /**
   * Runs `use` with the path behind the token, which is spent if `use` succeeds. Refused, before
   * anything is read or written, for a token main never issued, one already spent or expired, one
   * in use by another call, or one chosen for another purpose.
   */
  async use<T>(token: string, purpose: FilePurpose, use: (path: string) => T | Promise<T>): Promise<T> {
    const grant = this.grants.get(token);
    if (!grant) throw new WorkspaceError('file_not_chosen', 'That file choice was used already or never chosen in this window. Choose the file again.');
    if (grant.expiresAt <= this.clock()) {
      this.grants.delete(token);
      throw new WorkspaceError('file_not_chosen', 'That file was chosen more than an hour ago. Choose the file again.');
    }
    if (grant.purpose !== purpose) {
      throw new WorkspaceError('file_not_chosen', `That file was chosen for ${FILE_PURPOSE_LABELS[grant.purpose]}, not for ${FILE_PURPOSE_LABELS[purpose]}. Choose the file again here.`);
    }
    if (grant.busy) throw new WorkspaceError('file_not_chosen', 'That file is being used by another request. Wait for it to finish and try again.');
    grant.busy = true;
    try {
      const result = await use(grant.path);
      this.grants.delete(token);
      return result;
    } finally {
      grant.busy = false;
    }
  }

  /** Locking forgets every choice: the next session starts from the dialogs again. */
  forgetAll(): void {
    this.grants.clear();
  }

  private forgetExpired(): void {
    const now = this.clock();
    for (const [token, grant] of this.grants) if (grant.expiresAt <= now && !grant.busy) this.grants.delete(token);
  }
}
