import type { CallName, CallOutput, ParsedCallInput } from '../../shared/api/contract';
import type { AppContext } from '../services/appContext';

export type Handler<N extends CallName> = (ctx: AppContext, input: ParsedCallInput<N>) => Promise<CallOutput<N>> | CallOutput<N>;

/** A domain's handlers, typed against the very names its call group declares. */
export type HandlerGroup<Names extends CallName> = { [N in Names]: Handler<N> };
