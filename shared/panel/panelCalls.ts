import { z } from 'zod';
import { IsoDateSchema } from '../shortlist/candidateSchemas';
import { PANEL_MAX_MEMBERS, PANEL_MAX_RESERVES, PANEL_TITLE_MAX_LENGTH } from './panelDecisions';
import { workspaceCall } from '../api/defineCall';
import { idInput, NoInput, RecordIdSchema } from '../api/callInputs';
import { CountSchema, PanelMemberSchema, PanelProgressSchema, PanelSessionSchema, PanelDecisionRecordSchema, PanelSessionViewSchema, PanelCohortSchema, PanelDecideInputSchema } from './panelSchemas';

export const panelCalls = {
  'panel.create': workspaceCall({
    summary: 'Start a panel session on a shortlist: date, title, members with their agencies, and how many over-capacity reserves to consider.',
    input: z
      .object({
        shortlistId: RecordIdSchema,
        heldOn: IsoDateSchema,
        title: z.string().trim().min(1, { message: 'Give the session a title' }).max(PANEL_TITLE_MAX_LENGTH),
        members: z.array(PanelMemberSchema).min(1, { message: 'Name at least one member' }).max(PANEL_MAX_MEMBERS),
        reserves: z.number().int().min(0).max(PANEL_MAX_RESERVES).default(0),
      })
      .strict(),
    output: PanelSessionSchema,
  }),
  'panel.list': workspaceCall({
    summary: 'Every panel session, newest first, with its progress.',
    input: NoInput,
    output: z.array(PanelSessionSchema),
  }),
  'panel.get': workspaceCall({
    summary: 'A session with the people it walks: profile summary, lists, arrests by type, selection reason, agency comments and current decision.',
    input: idInput('sessionId'),
    output: PanelSessionViewSchema,
  }),
  'panel.decide': workspaceCall({
    summary: 'Record (or revise) the decision on one person: accept, or reject / defer with a reason; "other" needs a note. Audited by id.',
    input: PanelDecideInputSchema,
    output: z.object({ decision: PanelDecisionRecordSchema, progress: PanelProgressSchema, decisionCount: CountSchema }),
  }),
  'panel.history': workspaceCall({
    summary: 'Every decision recorded on one person in a session, oldest first.',
    input: z.object({ sessionId: RecordIdSchema, personId: RecordIdSchema }).strict(),
    output: z.array(PanelDecisionRecordSchema),
  }),
  'panel.close': workspaceCall({
    summary: 'Close a session: no more decisions until it is reopened.',
    input: idInput('sessionId'),
    output: PanelSessionSchema,
  }),
  'panel.reopen': workspaceCall({
    summary: 'Reopen a closed session so decisions can be revised.',
    input: idInput('sessionId'),
    output: PanelSessionSchema,
  }),
  'panel.cohort': workspaceCall({
    summary: 'The final cohort of a session (the accepted set) against capacity, with counts of rejections and deferrals by reason.',
    input: idInput('sessionId'),
    output: PanelCohortSchema,
  }),
};
