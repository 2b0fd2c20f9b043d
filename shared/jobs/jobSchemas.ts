import { z } from 'zod';
import { ImportReportSchema } from '../import/importSchemas';

export const JobStateSchema = z.object({
  jobId: z.string(),
  kind: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  phase: z.string(),
  /** Rows handled so far. */
  rows: z.number().int(),
  /** Share of the work done, 0..1, when it can be known. */
  fraction: z.number().min(0).max(1).nullable(),
  /** The job's result once done (an ImportReport for imports). */
  result: ImportReportSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type JobState = z.infer<typeof JobStateSchema>;

/**
 * Work the app runs in its background worker that a screen waits on through another call (an
 * export): the screen finds the job by kind to show a Stop button while it runs.
 */
export const BACKGROUND_JOB_KINDS = ['background.shortlistExport', 'background.agencySheet', 'background.auditCsv', 'background.cohortReport'] as const;
export type BackgroundJobKind = (typeof BACKGROUND_JOB_KINDS)[number];

/** The input of a call about one job: the id its starting call answered with. */
export const JobInputSchema = z.object({ jobId: z.string().min(1).max(100) }).strict();
