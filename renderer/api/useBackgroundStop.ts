import { useEffect, useState } from 'react';
import type { BackgroundJobKind } from '../../shared/jobs/jobSchemas';
import { call } from './client';
import { useJob, type JobView } from './useJob';

/** Work that ends within this time needs no Stop button: it would only flash up. */
const OFFER_STOP_AFTER_MS = 1_000;

/**
 * While a call the screen awaits runs as a background job (an export built in a worker), finds that
 * job once it has run a second, so the screen can say it is still working and offer to stop it.
 * Null job while there is nothing to offer.
 */
export function useBackgroundStop(kind: BackgroundJobKind, waiting: boolean): JobView & { offered: boolean } {
  const [jobId, setJobId] = useState<string | null>(null);
  useEffect(() => {
    setJobId(null);
    if (!waiting) return undefined;
    let live = true;
    const timer = setTimeout(() => {
      void call('jobs.running', { kind }).then(
        (found) => {
          if (live) setJobId(found.jobId);
        },
        () => undefined,
      );
    }, OFFER_STOP_AFTER_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [kind, waiting]);
  const job = useJob(jobId);
  return { ...job, offered: waiting && jobId !== null && job.running };
}
