import type { candidateCalls, personCalls } from '../../shared/api/candidateCalls';
import { candidateOverview, deletePreset, listPresets, queryCandidates, savePreset } from '../analysis/candidateQuery';
import { addPersonNote, personProfile } from '../analysis/personProfile';
import type { HandlerGroup } from './handlerTypes';

export const candidateHandlers: HandlerGroup<keyof typeof candidateCalls> = {
  'candidates.overview': (_ctx, _input, workspace) => candidateOverview(workspace),
  'candidates.query': (_ctx, input, workspace) => queryCandidates(workspace, input),
  'candidates.presets': (_ctx, _input, workspace) => listPresets(workspace),
  'candidates.savePreset': (ctx, input, workspace) => savePreset(workspace, input, ctx.actor),
  'candidates.deletePreset': (ctx, input, workspace) => ({ deleted: deletePreset(workspace, input.id, ctx.actor) }),
};

export const personHandlers: HandlerGroup<keyof typeof personCalls> = {
  'person.get': (_ctx, input, workspace) => personProfile(workspace, input.personId, input.window),
  'person.addNote': (ctx, input, workspace) => addPersonNote(workspace, input.personId, input.text, ctx.actor),
};
