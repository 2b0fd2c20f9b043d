import { z } from 'zod';
import { IntakeParamsSchema, type IntakeParams } from './intakePlan';
import { ExportDeliverySchema } from '../exports/exportDelivery';
import { workspaceCall } from '../api/defineCall';
import { type IntakePlanView, PlanInputSchema } from './intakeSchemas';

export const intakeCalls = {
  'intake.plan': workspaceCall({
    summary: 'The intake plan of a panel session’s accepted cohort (latest session by default), with the given, saved or default parameters.',
    input: PlanInputSchema,
    output: z.custom<IntakePlanView>((v) => typeof v === 'object' && v !== null && 'report' in v && Array.isArray((v as { sessions?: unknown }).sessions)),
  }),
  'intake.saveParams': workspaceCall({
    summary: 'Keep the intake plan parameters in the workspace; audited with the period length and team size only.',
    input: z.object({ params: IntakeParamsSchema }).strict(),
    output: z.object({ saved: z.custom<IntakeParams>((v) => IntakeParamsSchema.safeParse(v).success) }),
  }),
  'intake.exportCsv': workspaceCall({
    summary: 'The intake plan as a marked CSV (months, who starts when, who does not fit, the working); audited with counts.',
    input: PlanInputSchema,
    output: ExportDeliverySchema,
  }),
};
