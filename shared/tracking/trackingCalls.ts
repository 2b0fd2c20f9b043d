import { z } from 'zod';
import { workspaceCall } from '../api/defineCall';
import { ExportDeliverySchema } from '../exports/exportDelivery';
import { PersonIdSchema, TrackingRequestSchema, type TrackingView, RecordStartSchema, RecordExitSchema, MembershipOutput, QuarterlyReturnRequestSchema } from './trackingSchemas';

export const trackingCalls = {
  'tracking.track': workspaceCall({
    summary: 'The cohort’s arrests and estimated offences before and after joining, by crime type and statutory group, against the projection and a matched comparison group, with the effect and what it cannot show.',
    input: TrackingRequestSchema,
    output: z.custom<TrackingView>((v) => typeof v === 'object' && v !== null && 'result' in v && 'cohort' in v),
  }),
  'tracking.recordStart': workspaceCall({
    summary: 'Record the day a member actually started (null: back to the intake plan’s tranche or the list’s IOM start date); audited.',
    input: RecordStartSchema,
    output: MembershipOutput,
  }),
  'tracking.recordExit': workspaceCall({
    summary: 'Record that a member left the cohort, with the date and reason; audited.',
    input: RecordExitSchema,
    output: MembershipOutput,
  }),
  'tracking.clearExit': workspaceCall({
    summary: 'Take back a recorded exit (the member is on the cohort again); audited with the exit it removes.',
    input: z.object({ personId: PersonIdSchema }).strict(),
    output: MembershipOutput,
  }),
  'tracking.quarterlyReturn': workspaceCall({
    summary: 'The quarterly return for a calendar quarter (2013Q3) as a marked .xlsx from the template in shared/tracking: cohort size, starts and exits by group, arrests and estimated offences before/after, cost of crime avoided, the comparison; audited with the quarter and counts only.',
    input: QuarterlyReturnRequestSchema,
    output: ExportDeliverySchema,
  }),
};
