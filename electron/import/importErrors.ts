import { WorkspaceError } from '../workspace/workspaceErrors';
import { isImportFileError } from './readers/errors';

/** Reader errors become the one error type handlers report; their messages are already written for the analyst. */
export function asWorkspaceError(error: unknown): unknown {
  if (isImportFileError(error)) return new WorkspaceError(error.code === 'not_found' ? 'not_found' : 'bad_file', error.message);
  return error;
}

export class ImportCancelled extends WorkspaceError {
  constructor() {
    super('cancelled', 'The import was cancelled; the workspace is exactly as it was before.');
  }
}
