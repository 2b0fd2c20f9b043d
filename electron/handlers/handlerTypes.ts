import type { CallName, CallOutput, Contract, ParsedCallInput } from '../../shared/api/contract';
import type { AppContext } from '../runtime/appContext';
import type { OpenWorkspace } from '../workspace/workspaceFile';

type HandlerResult<N extends CallName> = Promise<CallOutput<N>> | CallOutput<N>;

/**
 * A call's handler. Calls that need an unlocked workspace are handed it by the dispatcher, which has
 * already refused them while locked, so no handler looks it up (or checks the lock) itself.
 */
export type Handler<N extends CallName> = Contract[N]['requiresWorkspace'] extends true
  ? (ctx: AppContext, input: ParsedCallInput<N>, workspace: OpenWorkspace) => HandlerResult<N>
  : (ctx: AppContext, input: ParsedCallInput<N>) => HandlerResult<N>;

/** A domain's handlers, typed against the very names its call group declares. */
export type HandlerGroup<Names extends CallName> = { [N in Names]: Handler<N> };
