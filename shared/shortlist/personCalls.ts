import { z } from 'zod';
import { workspaceCall } from '../api/defineCall';
import { RecordIdSchema } from '../api/callInputs';
import { IsoDateSchema } from './candidateSchemas';
import { PersonNoteSchema, PersonProfileSchema, NOTE_MAX_LENGTH } from './personSchemas';

export const personCalls = {
  'person.get': workspaceCall({
    summary: 'Everything known about one person, each value with the list and row it came from, their arrests, notes and selection result.',
    input: z
      .object({
        personId: RecordIdSchema,
        /** The explorer's window, so the profile counts the same arrests; the default window otherwise. */
        window: z.object({ referenceDate: IsoDateSchema, windowMonths: z.number().int().min(1).max(240) }).strict().optional(),
      })
      .strict(),
    output: PersonProfileSchema,
  }),
  'person.addNote': workspaceCall({
    summary: 'Add a note to a person (kept in the encrypted workspace; the audit trail records only its id).',
    input: z.object({ personId: RecordIdSchema, text: z.string().trim().min(1, 'Write the note first').max(NOTE_MAX_LENGTH, `Use at most ${NOTE_MAX_LENGTH} characters`) }).strict(),
    output: PersonNoteSchema,
  }),
};
