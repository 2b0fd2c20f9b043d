import { z } from 'zod';
import { FilterSchema, CUSTODY_VALUES } from './filterModel';
import { FLAG_NAMES } from '../domain/flags';
import { CRIME_TYPE_IDS } from '../domain/crimeTypes';
import { isIsoDate } from '../domain/isoDate';
import { FlagCountsSchema } from '../workspace/workspaceSchemas';
import { RecordIdSchema } from '../api/callInputs';
import { countFields } from '../api/callOutputs';

/**
 * The candidates explorer and the dashboard's cohort figures (the person profile, a close sub-group,
 * is in personCalls.ts). The explorer never receives the whole long list: it asks for one page of
 * rows at a time, and main keeps the sorted order of the current (filter, sort) so that scrolling
 * through 100,000 people costs a slice each.
 */

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

export const IsoDateSchema = z.string().refine(isIsoDate, { message: 'Use a date as YYYY-MM-DD' });
export const FlagSchema = z.enum(FLAG_NAMES);
export const CustodySchema = z.enum(CUSTODY_VALUES);
export const CrimeTypeSchema = z.enum(CRIME_TYPE_IDS);

/** How a screen names a person, in this order: surname, forenames and PNC, each possibly unknown. */
export const NamedPersonFields = { surname: z.string().nullable(), forenames: z.string().nullable(), pnc: z.string().nullable() };
/** The rule set a shortlist was made with, by name and version, wherever a screen names that shortlist. */
export const RuleSetFields = { ruleSetName: z.string(), ruleSetVersion: z.number().int() };
export const ShortlistStatusSchema = z.enum(['included', 'excluded', 'over_capacity', 'not_eligible']);
export type ShortlistStatus = z.infer<typeof ShortlistStatusSchema>;

/** The filter as the explorer sends it: unknown keys refused, and free text kept short. */
export const CandidateFilterSchema = FilterSchema.strict().refine((f) => f.text.length <= 200 && f.boroughs.length <= 500 && f.lists.length <= 100, {
  message: 'The filter is too long',
});

/** Table columns, in their default order; every one can be sorted on. */
export const CANDIDATE_COLUMNS = ['name', 'age', 'pnc', 'borough', 'arrests', 'last10', 'last22', 'flags', 'custody', 'ogrs', 'shortlist'] as const;
export type CandidateColumn = (typeof CANDIDATE_COLUMNS)[number];

/** The "of which in the last N months" columns of the seed's long list. */
export const RECENT_WINDOWS = { last10: 10, last22: 22 } as const;

export const CandidateSortSchema = z.object({ column: z.enum(CANDIDATE_COLUMNS), direction: z.enum(['asc', 'desc']) }).strict();
export type CandidateSort = z.infer<typeof CandidateSortSchema>;

/** Most prolific first, as the seed's long list was read. */
export const DEFAULT_CANDIDATE_SORT: CandidateSort = { column: 'arrests', direction: 'desc' };

const FilterCountsSchema = z.object({
  total: z.number().int(),
  perFlag: FlagCountsSchema,
  overlaps: z.array(z.object({ flags: z.array(FlagSchema), count: z.number().int() })),
  inNoPriorityGroup: z.number().int(),
});
export type FilterCountsView = z.infer<typeof FilterCountsSchema>;

/** The arrests window a count was made over: its last day and its length. */
export const ReferenceWindowSchema = z.object({ referenceDate: z.string(), windowMonths: z.number().int() });
export const WindowSchema = ReferenceWindowSchema.extend({ firstDay: z.string() });

const CandidateRowSchema = z.object({
  personId: z.number().int(),
  surname: z.string().nullable(),
  forenames: z.string().nullable(),
  /** Whole years on the filter's reference date; null without a date of birth. */
  age: z.number().int().nullable(),
  pnc: z.string().nullable(),
  borough: z.string().nullable(),
  ...countFields(['arrests', 'last10', 'last22']),
  flags: z.array(FlagSchema),
  custody: CustodySchema,
  ogrsScore: z.number().nullable(),
  /** The person's place in the latest shortlist; null when there is none or they were not in it. */
  shortlist: z.object({ status: ShortlistStatusSchema, reason: z.string() }).nullable(),
});
export type CandidateRow = z.infer<typeof CandidateRowSchema>;

export const CandidatePageSchema = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  rows: z.array(CandidateRowSchema),
  counts: FilterCountsSchema,
  window: WindowSchema,
  /** The long list the filter ran over (everyone, when no candidate list has been imported). */
  longListSize: z.number().int(),
  shortlist: z.object({ id: z.number().int(), createdAt: z.string() }).nullable(),
});
export type CandidatePage = z.infer<typeof CandidatePageSchema>;

const ShortlistOverviewSchema = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  ...RuleSetFields,
  capacity: z.number().int(),
  capacityWorking: z.string().nullable(),
  /** The clients on the books the shortlist counted from the workspace; null when the rule set gave its own figure or reviewed the whole caseload. */
  caseloadCounted: z.number().int().nullable(),
  counts: z.object(countFields(ShortlistStatusSchema.options)),
});
export type ShortlistOverview = z.infer<typeof ShortlistOverviewSchema>;

export const CandidateOverviewSchema = z.object({
  people: z.number().int(),
  longListSize: z.number().int(),
  /** True when a Potential Candidate List has been imported; otherwise everyone counts as the long list. */
  hasLongList: z.boolean(),
  /** Current IOM clients: people with an IOM start date (the existing-cohort import), on the long list or not, less those recorded as having left. */
  currentClients: z.number().int(),
  /** People with an IOM start date recorded as having left by today (issue 20), not counted in `currentClients`. */
  clientsLeft: z.number().int(),
  /** The window a new filter starts with: 24 months to the last month end the arrests reach. */
  defaultWindow: ReferenceWindowSchema,
  latestArrestDate: z.string().nullable(),
  /** Boroughs on the long list, most people first, for the filter panel. */
  boroughs: z.array(z.object({ name: z.string(), count: z.number().int() })),
  shortlist: ShortlistOverviewSchema.nullable(),
});
export type CandidateOverview = z.infer<typeof CandidateOverviewSchema>;

export const PresetNameSchema = z.string().trim().min(1, 'Give the preset a name').max(80, 'Use at most 80 characters');

export const FilterPresetSchema = z.object({
  id: RecordIdSchema,
  name: z.string(),
  filter: FilterSchema,
  sort: CandidateSortSchema,
  /** Visible columns; null keeps whatever the analyst has showing. */
  columns: z.array(z.enum(CANDIDATE_COLUMNS)).nullable(),
  savedBy: z.string(),
  savedAt: z.string(),
});
export type FilterPreset = z.infer<typeof FilterPresetSchema>;
