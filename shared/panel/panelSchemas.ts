import { z } from 'zod';
import { CrimeTypeSchema, CustodySchema, FlagSchema, NamedPersonFields, ReferenceWindowSchema, RuleSetFields } from '../shortlist/candidateSchemas';
import { decisionProblem, PANEL_AGENCIES, PANEL_DECISIONS, PANEL_MEMBER_NAME_MAX_LENGTH, PANEL_NOTE_MAX_LENGTH, PANEL_REASONS } from './panelDecisions';
import { RecordIdSchema } from '../api/callInputs';
import { countFields } from '../api/callOutputs';

/**
 * The selection panel: a session (date, title, members and their agencies) walks a shortlist's
 * proposed people, and records for each a decision with a reason, by whom and when. A revised
 * decision is a new row, so every earlier one stays as history; the accepted set is the final
 * cohort, compared with the shortlist's capacity.
 */

export const CountSchema = z.number().int().nonnegative();
const DecisionSchema = z.enum(PANEL_DECISIONS);
const ReasonSchema = z.enum(PANEL_REASONS);
const AgencySchema = z.enum(PANEL_AGENCIES);
/** A panel session is open for decisions or closed. */
export const SessionStatusSchema = z.enum(['open', 'closed']);

export const PanelMemberSchema = z
  .object({
    name: z.string().trim().min(1, { message: 'Give each member a name' }).max(PANEL_MEMBER_NAME_MAX_LENGTH),
    agency: AgencySchema,
  })
  .strict();
export type PanelMember = z.infer<typeof PanelMemberSchema>;

export const PanelProgressSchema = z.object(countFields(['agenda', 'proposed', 'reserves', 'decided', 'accepted', 'rejected', 'deferred', 'capacity'], CountSchema));

export const PanelSessionSchema = z.object({
  id: z.number().int(),
  shortlistId: z.number().int(),
  /** False when a newer shortlist has been made since this session's. */
  onLatestShortlist: z.boolean(),
  title: z.string(),
  heldOn: z.string(),
  members: z.array(PanelMemberSchema),
  status: SessionStatusSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  progress: PanelProgressSchema,
});
export type PanelSession = z.infer<typeof PanelSessionSchema>;

export const PanelDecisionRecordSchema = z.object({
  id: z.number().int(),
  decision: DecisionSchema,
  reason: ReasonSchema.nullable(),
  note: z.string(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});
export type PanelDecisionRecord = z.infer<typeof PanelDecisionRecordSchema>;

const AgencyCommentSchema = z.object({
  /** The agency code the sheet was made for (police, probation, yos, council…). */
  agency: z.string(),
  /** The agency's own name as the sheet gave it, where recorded. */
  agencyName: z.string().nullable(),
  comment: z.string(),
  /** When the comment came back (the returned sheet's import), where the table says. */
  receivedAt: z.string().nullable(),
  /** Other cells of the returned row were changed: the panel should check it is the right person. */
  rowEdited: z.boolean(),
});
export type AgencyComment = z.infer<typeof AgencyCommentSchema>;

/** Only what the panel needs about a person: who, which lists, arrests by type, why proposed, what agencies said. */
const PanelPersonSchema = z.object({
  personId: z.number().int(),
  place: z.number().int(),
  role: z.enum(['proposed', 'reserve']),
  ...NamedPersonFields,
  age: z.number().int().nullable(),
  gender: z.string().nullable(),
  borough: z.string().nullable(),
  custody: CustodySchema,
  flags: z.array(FlagSchema),
  arrestsInWindow: CountSchema,
  /** Crime types with at least one arrest in the window, most first. */
  arrestsByType: z.array(z.object({ crimeType: CrimeTypeSchema, count: CountSchema })),
  selectionReason: z.string(),
  agencyComments: z.array(AgencyCommentSchema),
  current: PanelDecisionRecordSchema.nullable(),
  /** Decisions recorded for this person in the session (more than one: it was revised). */
  decisionCount: CountSchema,
});
export type PanelPerson = z.infer<typeof PanelPersonSchema>;

export const PanelSessionViewSchema = z.object({
  session: PanelSessionSchema,
  ...RuleSetFields,
  window: ReferenceWindowSchema,
  /** False when the workspace has no agency comments table yet (no returned pre-review sheets). */
  agencyCommentsAvailable: z.boolean(),
  people: z.array(PanelPersonSchema),
});
export type PanelSessionView = z.infer<typeof PanelSessionViewSchema>;

const ReasonCountsSchema = z.record(ReasonSchema, CountSchema);

export const PanelCohortSchema = z.object({
  sessionId: z.number().int(),
  shortlistId: z.number().int(),
  status: SessionStatusSchema,
  heldOn: z.string(),
  capacity: CountSchema,
  accepted: z.array(
    z.object({
      personId: z.number().int(),
      ...NamedPersonFields,
      place: z.number().int().nullable(),
      role: z.enum(['proposed', 'reserve']).nullable(),
      statutory: z.boolean().nullable(),
      decidedBy: z.string(),
      decidedAt: z.string(),
    }),
  ),
  counts: z.object(countFields(['accepted', 'rejected', 'deferred', 'undecided'], CountSchema)),
  /** Capacity minus accepted: negative when the panel accepted more than the team can hold. */
  placesLeft: z.number().int(),
  /** Clients on the books when the shortlist counted them from the workspace, and now (exits recorded since free places); null when the rule set gave its own figure. */
  caseload: z.object({ counted: CountSchema, now: CountSchema }).nullable(),
  statutory: z.object(countFields(['statutory', 'nonStatutory', 'unknown'], CountSchema)),
  reasons: z.object({ reject: ReasonCountsSchema, defer: ReasonCountsSchema }),
});
export type PanelCohort = z.infer<typeof PanelCohortSchema>;

export const PanelDecideInputSchema = z
  .object({
    sessionId: RecordIdSchema,
    personId: RecordIdSchema,
    decision: DecisionSchema,
    reason: ReasonSchema.nullable(),
    note: z.string().max(PANEL_NOTE_MAX_LENGTH).default(''),
  })
  .strict()
  .superRefine((input, context) => {
    const problem = decisionProblem(input);
    if (problem) context.addIssue({ code: 'custom', message: problem, path: input.reason === null && input.decision !== 'accept' ? ['reason'] : ['note'] });
  });
