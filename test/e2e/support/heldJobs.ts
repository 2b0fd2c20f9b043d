import { JobRegistry, type JobHandle } from '../../../electron/jobs/jobRegistry';
import type { ImportReport } from '../../../shared/import/importSchemas';
import { usePreviewApp, type PreviewApp } from './previewApp';

/**
 * A job registry that can hold back the next job of one kind until that job is cancelled, so a
 * test can act on a running job (stop it from the screen) however quickly the work itself would
 * finish. Every other job runs as in the app.
 */
class HeldJobRegistry extends JobRegistry {
  private held: { kind: string; gate: Promise<void>; release: () => void } | null = null;
  private waiting: { jobId: string; release: () => void } | null = null;

  /** The next job of `kind` starts running only once it has been cancelled. */
  holdNextUntilCancelled(kind: string): void {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.held = { kind, gate, release };
  }

  override start(kind: string, run: (handle: JobHandle) => Promise<ImportReport | null>): string {
    const held = this.held;
    if (!held || held.kind !== kind) return super.start(kind, run);
    this.held = null;
    const jobId = super.start(kind, async (handle) => {
      await held.gate;
      return run(handle);
    });
    this.waiting = { jobId, release: held.release };
    return jobId;
  }

  override cancel(jobId: string): boolean {
    const cancelled = super.cancel(jobId);
    if (this.waiting?.jobId === jobId) {
      this.waiting.release();
      this.waiting = null;
    }
    return cancelled;
  }
}

/**
 * The preview app over a HeldJobRegistry, started before the describe's tests and closed after
 * them, for tests that stop a running job from the screen. Read `app` inside a test or hook.
 */
export function usePreviewWithHeldJobs(): { readonly app: PreviewApp; readonly jobs: HeldJobRegistry } {
  const jobs = new HeldJobRegistry();
  const preview = usePreviewApp({}, jobs);
  return {
    jobs,
    get app() {
      return preview.app;
    },
  };
}
