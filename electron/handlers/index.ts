import type { CallName } from '../../shared/api/contract';
import type { Handler } from './handlerTypes';
import { workspaceHandlers } from './workspaceHandlers';
import { importHandlers, jobHandlers, linkHandlers } from './importHandlers';
import { analysisHandlers, classificationHandlers, shortlistHandlers } from './analysisHandlers';

/** Every call's handler; the `satisfies` makes a missing or unknown name a compile error too. */
export const handlers = {
  ...workspaceHandlers,
  ...importHandlers,
  ...linkHandlers,
  ...jobHandlers,
  ...analysisHandlers,
  ...shortlistHandlers,
  ...classificationHandlers,
} satisfies { [N in CallName]: Handler<N> };
