import type { linkCalls } from '../../shared/links/linkCalls';
import { decideLinkReview, pendingLinkReviews, recentLinkDecisions, undoLinkDecision } from './linkReviews';
import { possibleDuplicatePncs } from './duplicatePncReport';
import type { HandlerGroup } from '../handlers/handlerTypes';

export const linkHandlers: HandlerGroup<keyof typeof linkCalls> = {
  'links.pending': (_ctx, input, workspace) => pendingLinkReviews(workspace, input.limit),
  'links.duplicatePncs': (_ctx, _input, workspace) => possibleDuplicatePncs(workspace.db),
  'links.decide': (ctx, input, workspace) => decideLinkReview(workspace, input.reviewId, input.decision, ctx.actor),
  'links.recent': (_ctx, input, workspace) => recentLinkDecisions(workspace, input.limit),
  'links.undo': (ctx, input, workspace) => undoLinkDecision(workspace, input.reviewId, ctx.actor),
};
