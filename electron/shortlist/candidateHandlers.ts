import type { candidateCalls } from '../../shared/shortlist/candidateCalls';
import { candidateOverview, deletePreset, listPresets, queryCandidates, savePreset } from './candidateQuery';
import type { HandlerGroup } from '../handlers/handlerTypes';

export const candidateHandlers: HandlerGroup<keyof typeof candidateCalls> = {
  'candidates.overview': (_ctx, _input, workspace) => candidateOverview(workspace),
  'candidates.query': (_ctx, input, workspace) => queryCandidates(workspace, input),
  'candidates.presets': (_ctx, _input, workspace) => listPresets(workspace),
  'candidates.savePreset': (ctx, input, workspace) => savePreset(workspace, input, ctx.actor),
  'candidates.deletePreset': (ctx, input, workspace) => ({ deleted: deletePreset(workspace, input.id, ctx.actor) }),
};
