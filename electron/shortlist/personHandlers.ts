import type { personCalls } from '../../shared/shortlist/personCalls';
import { addPersonNote, personProfile } from './personProfile';
import type { HandlerGroup } from '../handlers/handlerTypes';

export const personHandlers: HandlerGroup<keyof typeof personCalls> = {
  'person.get': (_ctx, input, workspace) => personProfile(workspace, input.personId, input.window),
  'person.addNote': (ctx, input, workspace) => addPersonNote(workspace, input.personId, input.text, ctx.actor),
};
