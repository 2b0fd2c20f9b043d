import { z } from 'zod';
import type { FlagName } from '../domain/flags';
import { IntakeParamsSchema, type IntakeParams, type IntakePlan } from './intakePlan';
import { RecordIdSchema } from '../api/callInputs';

/**
 * The staged intake plan of the panel's accepted cohort (issue 7 point 5). The plan is computed
 * on request from the current panel decisions, so it is never stale; only its parameters are kept
 * in the workspace.
 */

export interface IntakePerson {
  personId: number;
  surname: string | null;
  forenames: string | null;
  pnc: string | null;
  statutory: boolean | null;
  priorityGroups: FlagName[];
  shortlistPosition: number | null;
}

export interface IntakePanelSession {
  id: number;
  heldOn: string;
  title: string;
  status: 'open' | 'closed';
  accepted: number;
}

export interface IntakePlanReport {
  session: IntakePanelSession;
  /** The proposed shortlist's capacity, for comparison with the accepted set. */
  shortlistCapacity: number;
  /** The shortlist's rule set's priority groups, which start first. */
  priorityGroups: FlagName[];
  params: IntakeParams;
  /** Where the parameters came from: the ones given with the call, the saved ones, or the defaults. */
  paramsSource: 'given' | 'saved' | 'default';
  plan: IntakePlan;
  /** Everyone in the accepted cohort, in plan order (starters, then those who do not fit). */
  people: IntakePerson[];
}

export interface IntakePlanView {
  /** Null when no panel session exists yet. */
  report: IntakePlanReport | null;
  sessions: IntakePanelSession[];
  /** The stored parameters; null when none were saved. */
  saved: IntakeParams | null;
  /** The seed period with the workspace's staffing setting. */
  defaults: IntakeParams;
}

const SessionIdSchema = RecordIdSchema.max(Number.MAX_SAFE_INTEGER);

/** Which cohort and, optionally, unsaved parameters to try (the form's draft). */
export const PlanInputSchema = z
  .object({
    sessionId: SessionIdSchema.nullable().optional(),
    params: IntakeParamsSchema.nullable().optional(),
  })
  .strict();
