import type { candidateCalls, personCalls } from '../../shared/api/candidateCalls';
import { candidateOverview, deletePreset, listPresets, queryCandidates, savePreset } from '../analysis/candidateQuery';
import { addPersonNote, personProfile } from '../analysis/personProfile';
import type { HandlerGroup } from './handlerTypes';

export const candidateHandlers: HandlerGroup<keyof typeof candidateCalls> = {
  'candidates.overview': (ctx) => candidateOverview(ctx.session.requireWorkspace()),
  'candidates.query': (ctx, input) => queryCandidates(ctx.session.requireWorkspace(), input),
  'candidates.presets': (ctx) => listPresets(ctx.session.requireWorkspace()),
  'candidates.savePreset': (ctx, input) => savePreset(ctx.session.requireWorkspace(), input, ctx.actor),
  'candidates.deletePreset': (ctx, input) => ({ deleted: deletePreset(ctx.session.requireWorkspace(), input.id, ctx.actor) }),
};

export const personHandlers: HandlerGroup<keyof typeof personCalls> = {
  'person.get': (ctx, input) => personProfile(ctx.session.requireWorkspace(), input.personId, input.window),
  'person.addNote': (ctx, input) => addPersonNote(ctx.session.requireWorkspace(), input.personId, input.text, ctx.actor),
};
