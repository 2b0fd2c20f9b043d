import { z } from 'zod';
import { MAX_EXIT_REASON_LENGTH } from './caseloadExits';
import { isIsoDate } from '../domain/isoDate';
import type { TrackingResult } from './outcomeTracking';
import { RETURN_QUARTER_PATTERN } from './returnQuarter';
import { RecordIdSchema } from '../api/callInputs';

/**
 * Outcome tracking (issue 20): the cohort's arrests before and after joining, against the
 * projection and a matched comparison group; and the start dates and exits it is measured from.
 */

export const TRACKED_COHORTS = ['auto', 'new', 'existing'] as const;

const IsoDateSchema = z.string().refine(isIsoDate, { message: 'a date is YYYY-MM-DD' });
export const PersonIdSchema = RecordIdSchema.max(Number.MAX_SAFE_INTEGER);

/** Most months either side of a start: three years, as the intake plan's longest period. */
const MAX_TRACKING_MONTHS = 36;
const MAX_BOOTSTRAP_ITERATIONS = 5000;
export const DEFAULT_BOOTSTRAP_ITERATIONS = 1000;

export const TrackingRequestSchema = z
  .object({
    /** The panel's accepted cohort on its intake plan ("new"), everyone with an IOM start date ("existing"), or new when a panel has accepted anyone. */
    cohort: z.enum(TRACKED_COHORTS).default('auto'),
    /** A saved scenario: the projection the panel was shown; the most recently changed one when absent. */
    scenarioId: PersonIdSchema.nullable().optional(),
    scenarioName: z.string().min(1).max(200).nullable().optional(),
    beforeMonths: z.number().int().min(1).max(MAX_TRACKING_MONTHS).default(12),
    afterMonths: z.number().int().min(1).max(MAX_TRACKING_MONTHS).default(12),
    /** The last day the arrests cover; the latest arrest in the workspace when absent. */
    dataTo: IsoDateSchema.nullable().optional(),
    bootstrapIterations: z.number().int().min(0).max(MAX_BOOTSTRAP_ITERATIONS).default(DEFAULT_BOOTSTRAP_ITERATIONS),
  })
  .strict();
export type ParsedTrackingRequest = z.output<typeof TrackingRequestSchema>;

export interface TrackedPersonName {
  personId: number;
  surname: string | null;
  forenames: string | null;
  pnc: string | null;
  /** The member's start (recorded, or from the plan or list) and recorded exit, followed or not yet. */
  startDate: string | null;
  exit: { date: string; reason: string } | null;
}

export interface TrackingView {
  cohort: { source: 'new' | 'existing'; description: string };
  scenario: { id: number; name: string };
  dataTo: string;
  /** Where `dataTo` came from. */
  dataToSource: 'given' | 'latestArrest' | 'referenceDate';
  result: TrackingResult;
  /** Names of the members (never of the comparison people, who were not taken on). */
  names: TrackedPersonName[];
}

export const RecordStartSchema = z.object({ personId: PersonIdSchema, startDate: IsoDateSchema.nullable() }).strict();
export const RecordExitSchema = z.object({ personId: PersonIdSchema, exitDate: IsoDateSchema, reason: z.string().trim().min(1).max(MAX_EXIT_REASON_LENGTH) }).strict();

export interface CohortMembershipRecord {
  personId: number;
  startDate: string | null;
  exitDate: string | null;
  exitReason: string | null;
  updatedBy: string;
  updatedAt: string;
}

export const MembershipOutput = z.custom<CohortMembershipRecord | null>((v) => v === null || (typeof v === 'object' && v !== null && 'personId' in v));

/** The quarterly return: the tracking's choices (its data cut at the quarter's end) and the quarter, `2013Q3`. */
export const QuarterlyReturnRequestSchema = TrackingRequestSchema.omit({ bootstrapIterations: true }).extend({
  quarter: z.string().trim().regex(RETURN_QUARTER_PATTERN, { message: 'a quarter is written like 2013Q3' }),
});
export type ParsedQuarterlyReturnRequest = z.output<typeof QuarterlyReturnRequestSchema>;
