import { z } from 'zod';
import { SelectionRuleSetSchema, type Shortlist } from './selectionRules';
import { resultOf, workspaceCall } from '../api/defineCall';
import { NoInput, PageOffset, RecordIdSchema } from '../api/callInputs';
import { StatusSchema, ShortlistViewSchema, ShortlistMembersPageSchema } from './shortlistSchemas';

export const shortlistCalls = {
  'shortlist.run': workspaceCall({
    summary: 'Apply a selection rule set to the long list; saves a new rule-set version and the shortlist with reasons.',
    input: z.object({ ruleSet: SelectionRuleSetSchema }).strict(),
    output: resultOf<{ shortlistId: number; ruleSetId: number; ruleSetVersion: number; shortlist: Shortlist }>(),
  }),
  'shortlist.latest': workspaceCall({
    summary: 'The latest shortlist: its rules, capacity and working, counts per status and the panel sessions held on it (null before the first run).',
    input: NoInput,
    output: z.object({ shortlist: ShortlistViewSchema.nullable() }),
  }),
  'shortlist.members': workspaceCall({
    summary: 'One page of a shortlist’s people with one status, in selection order, each with the reason for their status.',
    input: z
      .object({
        shortlistId: RecordIdSchema,
        status: StatusSchema,
        offset: PageOffset,
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: ShortlistMembersPageSchema,
  }),
};
