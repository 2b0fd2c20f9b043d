import type { panelCalls } from '../../shared/panel/panelCalls';
import { createPanelSession, decisionHistory, listPanelSessions, recordPanelDecision, setPanelSessionStatus } from './panelSessions';
import { panelCohort, panelSessionView } from './panelSessionView';
import type { HandlerGroup } from '../handlers/handlerTypes';

export const panelHandlers: HandlerGroup<keyof typeof panelCalls> = {
  'panel.create': (ctx, input, workspace) => createPanelSession(workspace, input, ctx.actor),
  'panel.list': (_ctx, _input, workspace) => listPanelSessions(workspace),
  'panel.get': (_ctx, input, workspace) => panelSessionView(workspace, input.sessionId),
  'panel.decide': (ctx, input, workspace) => recordPanelDecision(workspace, input, ctx.actor),
  'panel.history': (_ctx, input, workspace) => decisionHistory(workspace, input.sessionId, input.personId),
  'panel.close': (ctx, input, workspace) => setPanelSessionStatus(workspace, input.sessionId, 'closed', ctx.actor),
  'panel.reopen': (ctx, input, workspace) => setPanelSessionStatus(workspace, input.sessionId, 'open', ctx.actor),
  'panel.cohort': (_ctx, input, workspace) => panelCohort(workspace, input.sessionId),
};
