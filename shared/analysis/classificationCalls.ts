import { z } from 'zod';
import type { OffenceSummaryRow } from './classification';
import { CRIME_TYPE_IDS } from '../domain/crimeTypes';
import { defineCall, resultOf } from '../api/defineCall';

export const classificationCalls = {
  'classification.offences': defineCall({
    summary: 'Every distinct offence description with its count and assigned crime type, unclassified first.',
    requiresWorkspace: true,
    input: z.object({}).strict(),
    output: resultOf<OffenceSummaryRow[]>(),
  }),
  'classification.setOverride': defineCall({
    summary: 'Set (or clear, with null) the crime type of one offence description.',
    requiresWorkspace: true,
    input: z.object({ description: z.string().min(1).max(500), crimeType: z.enum(CRIME_TYPE_IDS).nullable() }).strict(),
    output: z.object({ saved: z.literal(true) }),
  }),
};
