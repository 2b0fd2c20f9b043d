import type { CallName } from '../../shared/api/contract';
import type { Handler } from './handlerTypes';
import { workspaceHandlers } from './workspaceHandlers';

/** Every call's handler; the `satisfies` makes a missing or unknown name a compile error too. */
export const handlers = {
  ...workspaceHandlers,
} satisfies { [N in CallName]: Handler<N> };
