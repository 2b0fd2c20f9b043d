import type { panelCalls } from '../../shared/api/panelCalls';
import type { shortlistViewCalls } from '../../shared/api/shortlistViewCalls';
import { latestShortlistView, shortlistMembersPage } from '../analysis/shortlistView';
import { createPanelSession, decisionHistory, listPanelSessions, recordPanelDecision, setPanelSessionStatus } from '../panel/panelSessions';
import { panelCohort, panelSessionView } from '../panel/panelSessionView';
import type { HandlerGroup } from './handlerTypes';

export const panelHandlers: HandlerGroup<keyof typeof panelCalls> = {
  'panel.create': (ctx, input) => createPanelSession(ctx.session.requireWorkspace(), input, ctx.actor),
  'panel.list': (ctx) => listPanelSessions(ctx.session.requireWorkspace()),
  'panel.get': (ctx, input) => panelSessionView(ctx.session.requireWorkspace(), input.sessionId),
  'panel.decide': (ctx, input) => recordPanelDecision(ctx.session.requireWorkspace(), input, ctx.actor),
  'panel.history': (ctx, input) => decisionHistory(ctx.session.requireWorkspace(), input.sessionId, input.personId),
  'panel.close': (ctx, input) => setPanelSessionStatus(ctx.session.requireWorkspace(), input.sessionId, 'closed', ctx.actor),
  'panel.reopen': (ctx, input) => setPanelSessionStatus(ctx.session.requireWorkspace(), input.sessionId, 'open', ctx.actor),
  'panel.cohort': (ctx, input) => panelCohort(ctx.session.requireWorkspace(), input.sessionId),
};

export const shortlistViewHandlers: HandlerGroup<keyof typeof shortlistViewCalls> = {
  'shortlist.latest': (ctx) => ({ shortlist: latestShortlistView(ctx.session.requireWorkspace()) }),
  'shortlist.members': (ctx, input) => shortlistMembersPage(ctx.session.requireWorkspace(), input),
};
