import { z } from 'zod';
import { workspaceCall } from '../api/defineCall';
import { idInput, NoInput, RecordIdSchema } from '../api/callInputs';
import { LinkReviewSchema, DuplicatePncReportSchema } from './linkSchemas';

export const linkCalls = {
  'links.pending': workspaceCall({
    summary: 'Uncertain matches waiting for the analyst, with the field-by-field evidence.',
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ total: z.number().int(), reviews: z.array(LinkReviewSchema) }),
  }),
  'links.duplicatePncs': workspaceCall({
    summary: 'Possible duplicate PNC records: people with different valid PNCs whose names and date of birth agree. Never merged.',
    input: NoInput,
    output: DuplicatePncReportSchema,
  }),
  'links.decide': workspaceCall({
    summary: 'Accept (link the row to the person) or reject an uncertain match.',
    input: z.object({ reviewId: RecordIdSchema, decision: z.enum(['link', 'reject']) }).strict(),
    output: LinkReviewSchema,
  }),
  'links.recent': workspaceCall({
    summary: 'The most recently decided matches, newest first, each saying whether it can be undone.',
    input: z.object({ limit: z.number().int().min(1).max(100).default(10) }).strict(),
    output: z.array(LinkReviewSchema),
  }),
  'links.undo': workspaceCall({
    summary: 'Take back a link decision: the match waits for review again and both records are as they were. Audited; refused if the person changed since.',
    input: idInput('reviewId'),
    output: LinkReviewSchema,
  }),
};
