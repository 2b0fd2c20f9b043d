import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobState } from '../../shared/jobs/jobSchemas';
import { call, errorMessage } from './client';

const JOB_POLL_INTERVAL_MS = 250;
/** A few missed polls in a row (a busy main process) are tolerated before the screen says so. */
const MAX_CONSECUTIVE_POLL_FAILURES = 4;

export interface JobView {
  /** The latest status from main; null until the first answer arrives. */
  job: JobState | null;
  /** True while the job is (or may still be) running. */
  running: boolean;
  /** Set when the status could not be read at all (not the job's own failure, which is job.error). */
  pollError: string | null;
  /** True after cancel() was asked and until the job stops. */
  cancelling: boolean;
  /** A message when the cancel request itself failed. */
  cancelError: string | null;
  cancel(): Promise<void>;
}

/**
 * Follows a long-running job (an import) by polling jobs.status every 250 ms until it is no longer
 * running. Pass null for no job. Polling stops when the component unmounts or the id changes.
 */
export function useJob(jobId: string | null): JobView {
  const [job, setJob] = useState<JobState | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const currentId = useRef(jobId);
  currentId.current = jobId;

  useEffect(() => {
    setJob(null);
    setPollError(null);
    setCancelling(false);
    setCancelError(null);
    if (!jobId) return undefined;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const poll = async () => {
      try {
        const status = await call('jobs.status', { jobId });
        if (!live) return;
        failures = 0;
        setPollError(null);
        setJob(status);
        if (status.state === 'running') timer = setTimeout(poll, JOB_POLL_INTERVAL_MS);
        else setCancelling(false);
      } catch (error) {
        if (!live) return;
        failures += 1;
        if (failures >= MAX_CONSECUTIVE_POLL_FAILURES) setPollError(errorMessage(error));
        else timer = setTimeout(poll, JOB_POLL_INTERVAL_MS * 2);
      }
    };
    void poll();
    return () => {
      live = false;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [jobId]);

  const cancel = useCallback(async () => {
    const id = currentId.current;
    if (!id) return;
    setCancelling(true);
    setCancelError(null);
    try {
      await call('jobs.cancel', { jobId: id });
      // The next poll reports 'cancelled' (or 'done' if the job finished first).
    } catch (error) {
      if (currentId.current !== id) return;
      setCancelling(false);
      setCancelError(errorMessage(error));
    }
  }, []);

  const running = jobId !== null && pollError === null && (job === null || job.state === 'running');
  return { job, running, pollError, cancelling, cancelError, cancel };
}
