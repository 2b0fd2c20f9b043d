import { z } from 'zod';
import { SelectionRuleSetSchema } from './selectionRules';
import { CustodySchema, FlagSchema, NamedPersonFields, ReferenceWindowSchema, RuleSetFields } from './candidateSchemas';
import { SessionStatusSchema } from '../panel/panelSchemas';
import { countFields } from '../api/callOutputs';

/**
 * The shortlist group: running a rule set, then what the Shortlist screen reads: the latest shortlist
 * with the rules that made it, and its people page by page per status (a long list of 200,000 would
 * make "not eligible" huge).
 */

export const SHORTLIST_STATUSES = ['included', 'over_capacity', 'excluded', 'not_eligible'] as const;
export const StatusSchema = z.enum(SHORTLIST_STATUSES);
const CountSchema = z.number().int().nonnegative();

const ShortlistSessionRefSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  heldOn: z.string(),
  status: SessionStatusSchema,
});

export const ShortlistViewSchema = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  ruleSetId: z.number().int(),
  ...RuleSetFields,
  /** The stored rule set; null when it no longer fits the schema (written by another version). */
  ruleSet: SelectionRuleSetSchema.nullable(),
  capacity: CountSchema,
  capacityWorking: z.string().nullable(),
  counts: z.object(countFields(SHORTLIST_STATUSES, CountSchema)),
  priorityCandidates: CountSchema.nullable(),
  priorityExceedsCapacity: z.boolean(),
  rankingFormula: z.string().nullable(),
  window: ReferenceWindowSchema.nullable(),
  /** Panel sessions held on this shortlist, newest first. */
  sessions: z.array(ShortlistSessionRefSchema),
});
export type ShortlistView = z.infer<typeof ShortlistViewSchema>;

const ShortlistMemberRowSchema = z.object({
  personId: z.number().int(),
  ...NamedPersonFields,
  /** Whole years on the rule set's reference date. */
  age: z.number().int().nullable(),
  borough: z.string().nullable(),
  custody: CustodySchema,
  flags: z.array(FlagSchema),
  status: StatusSchema,
  reason: z.string(),
  position: z.number().int().nullable(),
  rank: z.number().int().nullable(),
  arrestsInWindow: CountSchema,
});
export type ShortlistMemberRow = z.infer<typeof ShortlistMemberRowSchema>;

export const ShortlistMembersPageSchema = z.object({
  shortlistId: z.number().int(),
  status: StatusSchema,
  total: CountSchema,
  offset: CountSchema,
  rows: z.array(ShortlistMemberRowSchema),
});
export type ShortlistMembersPage = z.infer<typeof ShortlistMembersPageSchema>;
