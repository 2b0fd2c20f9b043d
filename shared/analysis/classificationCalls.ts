import { z } from 'zod';
import type { OffenceSummaryRow } from './classification';
import { CrimeTypeSchema } from '../shortlist/candidateSchemas';
import { resultOf, workspaceCall } from '../api/defineCall';
import { NoInput } from '../api/callInputs';

export const classificationCalls = {
  'classification.offences': workspaceCall({
    summary: 'Every distinct offence description with its count and assigned crime type, unclassified first.',
    input: NoInput,
    output: resultOf<OffenceSummaryRow[]>(),
  }),
  'classification.setOverride': workspaceCall({
    summary: 'Set (or clear, with null) the crime type of one offence description.',
    input: z.object({ description: z.string().min(1).max(500), crimeType: CrimeTypeSchema.nullable() }).strict(),
    output: z.object({ saved: z.literal(true) }),
  }),
};
