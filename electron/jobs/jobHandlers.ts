import type { jobCalls } from '../../shared/jobs/jobCalls';
import type { HandlerGroup } from '../handlers/handlerTypes';

export const jobHandlers: HandlerGroup<keyof typeof jobCalls> = {
  'jobs.status': (ctx, input) => ctx.jobs.status(input.jobId),
  'jobs.running': (ctx, input) => ({ jobId: ctx.jobs.newestRunning(input.kind) }),
  'jobs.cancel': (ctx, input) => ({ cancelled: ctx.jobs.cancel(input.jobId) }),
};
