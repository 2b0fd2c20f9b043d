import { contract, isCallName, type CallName } from '../shared/api/contract';
import type { CallError, CallResult } from '../shared/api/defineCall';
import { describeIssues } from '../shared/api/describeIssues';
import { handlers } from './handlers';
import type { AppContext } from './runtime/appContext';
import type { OpenWorkspace } from './workspace/workspaceFile';
import { WorkspaceError } from './workspace/workspaceErrors';
import { createLogger, logFileHint, stackFrames } from './logging';

const log = createLogger('dispatch');

/**
 * The single way into the services for every transport (IPC and the test bridge): the name must be
 * in the contract, the input must pass its schema, locked workspaces refuse data calls, and errors
 * come back as data with a code the UI can act on.
 */
export async function dispatchCall(ctx: AppContext, name: unknown, rawInput: unknown): Promise<CallResult<unknown>> {
  if (!isCallName(name)) return { ok: false, error: { code: 'unknown_call', message: 'That request is not part of this version of the app. Restart the app: its window may be from another version.' } };
  const spec = contract[name];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: describeIssues(parsed.error) } };
  const workspace = ctx.session.workspace;
  if (spec.requiresWorkspace && !workspace) {
    return { ok: false, error: { code: 'workspace_locked', message: 'The workspace is locked. Unlock it to continue.' } };
  }
  const started = performance.now();
  try {
    if (spec.requiresWorkspace) ctx.session.touch();
    // Only calls that need the workspace are handed it (their handlers' type says so); the rest never see it.
    const handler = handlers[name] as (ctx: AppContext, input: never, workspace?: OpenWorkspace) => unknown;
    const value = await (spec.requiresWorkspace && workspace ? handler(ctx, parsed.data as never, workspace) : handler(ctx, parsed.data as never));
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      log.error('handler returned a value outside its schema', { call: name, issues: describeIssues(checked.error) });
      // The handler has run, so what it did stands: the message must not claim that nothing changed.
      return {
        ok: false,
        error: { code: 'internal', message: `The app produced an answer it could not check, so it is not shown. The request may have been carried out: reload the screen to see where things stand.${logFileHint()}` },
      };
    }
    log.debug('call', { call: name, ms: Math.round(performance.now() - started) });
    return { ok: true, value: checked.data };
  } catch (error) {
    return { ok: false, error: toCallError(name, error) };
  }
}

function toCallError(name: CallName, error: unknown): CallError {
  if (error instanceof WorkspaceError) return { code: error.code, message: error.message };
  // Unexpected errors can quote values from the data, so only their kind is logged and shown.
  const kind = error instanceof Error ? error.name : typeof error;
  const code = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : null;
  log.error('call failed', { call: name, kind, code, frames: stackFrames(error) });
  // The log file is named only where one is written (the app and the preview, not the CLI or tests).
  return { code: 'internal', message: `Something went wrong (${code ?? kind}); this request was not completed. Try again, and if it happens again note the code in brackets for your IT support.${logFileHint()}` };
}
