import { randomUUID } from 'node:crypto';
import type { ImportReport } from '../../shared/import/importSchemas';
import type { JobState } from '../../shared/jobs/jobSchemas';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { createLogger, logFileHint, stackFrames } from '../logging';

const log = createLogger('jobs');

interface JobProgress {
  phase: string;
  rows: number;
  fraction: number | null;
}

export interface JobHandle {
  report(progress: JobProgress): void;
  isCancelled(): boolean;
  /** Registered by the job so a cancel can reach a worker thread at once. */
  onCancel(listener: () => void): void;
}

interface Job {
  state: JobState;
  cancelled: boolean;
  cancelListeners: Array<() => void>;
  finishedAt: number | null;
}

/** Finished jobs are kept a while so a screen that polls late still sees the result. */
const KEEP_FINISHED_MS = 30 * 60_000;

/**
 * Long-running work (imports, loading the analysis model) that the UI polls. Errors keep only their code and the message
 * written for the analyst; nothing else about a failure crosses back to the renderer.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  start(kind: string, run: (handle: JobHandle) => Promise<ImportReport | null>): string {
    this.prune();
    const jobId = randomUUID();
    const job: Job = {
      state: { jobId, kind, state: 'running', phase: 'Starting', rows: 0, fraction: null, result: null, error: null },
      cancelled: false,
      cancelListeners: [],
      finishedAt: null,
    };
    this.jobs.set(jobId, job);
    const handle: JobHandle = {
      report: (p) => {
        if (job.state.state === 'running') job.state = { ...job.state, phase: p.phase, rows: p.rows, fraction: p.fraction };
      },
      isCancelled: () => job.cancelled,
      onCancel: (listener) => job.cancelListeners.push(listener),
    };
    void run(handle).then(
      (result) => this.finish(job, { state: 'done', phase: 'Finished', result, fraction: 1 }),
      (error: unknown) => {
        if (error instanceof WorkspaceError && error.code === 'cancelled') {
          this.finish(job, { state: 'cancelled', phase: 'Cancelled', error: { code: error.code, message: error.message } });
        } else if (error instanceof WorkspaceError) {
          this.finish(job, { state: 'failed', phase: 'Failed', error: { code: error.code, message: error.message } });
        } else {
          const kindOfError = error instanceof Error ? error.name : typeof error;
          // Only the error's kind and code locations are logged: its message can quote the data.
          log.error('job failed', { job: kind, kind: kindOfError, frames: stackFrames(error) });
          const outcome = kind === 'import' ? `The import stopped unexpectedly (${kindOfError}); the workspace is as it was before.` : `The work stopped unexpectedly (${kindOfError}); nothing was changed.`;
          this.finish(job, { state: 'failed', phase: 'Failed', error: { code: 'internal', message: `${outcome}${logFileHint()}` } });
        }
      },
    );
    return jobId;
  }

  /**
   * Starts work that a call also waits on (an export built in a worker): the job can be followed and
   * cancelled like any other while `result` gives the caller its value or its error.
   */
  run<T>(kind: string, work: (handle: JobHandle) => Promise<T>): { jobId: string; result: Promise<T> } {
    let settle: { resolve: (value: T) => void; reject: (error: unknown) => void } | null = null;
    const result = new Promise<T>((resolve, reject) => {
      settle = { resolve, reject };
    });
    const jobId = this.start(kind, (handle) =>
      work(handle).then(
        (value) => {
          settle!.resolve(value);
          return null;
        },
        (error: unknown) => {
          settle!.reject(error);
          throw error;
        },
      ),
    );
    return { jobId, result };
  }

  status(jobId: string): JobState {
    const job = this.jobs.get(jobId);
    if (!job) throw new WorkspaceError('not_found', 'No such task: it finished a while ago (its result is kept for a limited time) or the app was restarted since. Its result is on its screen, e.g. under Previous imports.');
    return job.state;
  }

  /** The most recently started job of `kind` that is still running. */
  newestRunning(kind: string): string | null {
    let found: string | null = null;
    for (const [id, job] of this.jobs) if (job.state.kind === kind && job.state.state === 'running') found = id;
    return found;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job || job.state.state !== 'running') return false;
    job.cancelled = true;
    for (const listener of job.cancelListeners) listener();
    return true;
  }

  /** Waits for a job to end; for the CLI and tests. */
  async settle(jobId: string, pollMs = 20): Promise<JobState> {
    for (;;) {
      const state = this.status(jobId);
      if (state.state !== 'running') return state;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  private finish(job: Job, patch: Partial<JobState>): void {
    job.state = { ...job.state, ...patch };
    job.finishedAt = Date.now();
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (job.finishedAt !== null && now - job.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
  }
}
