import type { personCalls } from '../../shared/api/personCalls';
import { addPersonNote, personProfile } from '../analysis/personProfile';
import type { HandlerGroup } from './handlerTypes';

export const personHandlers: HandlerGroup<keyof typeof personCalls> = {
  'person.get': (_ctx, input, workspace) => personProfile(workspace, input.personId, input.window),
  'person.addNote': (ctx, input, workspace) => addPersonNote(workspace, input.personId, input.text, ctx.actor),
};
