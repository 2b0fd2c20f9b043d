import type { ErrorCode } from '../../shared/api/defineCall';

/** An error a user can act on; its message is shown as is, so it never carries personal data. */
export class WorkspaceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkspaceError';
  }
}
