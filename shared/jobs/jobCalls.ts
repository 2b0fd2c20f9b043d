import { z } from 'zod';
import { defineCall } from '../api/defineCall';
import { JobStateSchema, BACKGROUND_JOB_KINDS, JobInputSchema } from './jobSchemas';

export const jobCalls = {
  'jobs.status': defineCall({
    summary: 'Progress of a long-running job, and its result when finished.',
    requiresWorkspace: false,
    input: JobInputSchema,
    output: JobStateSchema,
  }),
  'jobs.running': defineCall({
    summary: 'The newest running job of a background kind (an export the screen is waiting on), so the screen can offer to stop it.',
    requiresWorkspace: false,
    input: z.object({ kind: z.enum(BACKGROUND_JOB_KINDS) }).strict(),
    output: z.object({ jobId: z.string().nullable() }),
  }),
  'jobs.cancel': defineCall({
    summary: 'Ask a running job to stop; an import then leaves the workspace exactly as before.',
    requiresWorkspace: false,
    input: JobInputSchema,
    output: z.object({ cancelled: z.boolean() }),
  }),
};
