import type { shortlistCalls } from '../../shared/api/shortlistViewCalls';
import { runShortlist } from '../analysis/analysisService';
import { latestShortlistView, shortlistMembersPage } from '../analysis/shortlistView';
import type { HandlerGroup } from './handlerTypes';

export const shortlistHandlers: HandlerGroup<keyof typeof shortlistCalls> = {
  'shortlist.run': (ctx, input, workspace) => runShortlist(workspace, input.ruleSet, ctx.actor),
  'shortlist.latest': (_ctx, _input, workspace) => ({ shortlist: latestShortlistView(workspace) }),
  'shortlist.members': (_ctx, input, workspace) => shortlistMembersPage(workspace, input),
};
