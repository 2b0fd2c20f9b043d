import type { shortlistCalls } from '../../shared/shortlist/shortlistCalls';
import { runShortlist } from '../analysis/analysisService';
import { latestShortlistView, shortlistMembersPage } from './shortlistView';
import type { HandlerGroup } from '../handlers/handlerTypes';

export const shortlistHandlers: HandlerGroup<keyof typeof shortlistCalls> = {
  'shortlist.run': (ctx, input, workspace) => runShortlist(workspace, input.ruleSet, ctx.actor),
  'shortlist.latest': (_ctx, _input, workspace) => ({ shortlist: latestShortlistView(workspace) }),
  'shortlist.members': (_ctx, input, workspace) => shortlistMembersPage(workspace, input),
};
