import type { Ref } from 'react';
import type { JobView } from '../../api/useJob';
import { ProgressBar } from '../../components/ProgressBar';
import { ErrorNotice } from '../../components/ErrorNotice';
import { importKindLabel, type ImportKindId } from '../../../shared/domain/importKinds';
import { plural } from '../../../shared/domain/numberFormat';

interface ImportingStepProps {
  fileName: string;
  kind: ImportKindId;
  job: JobView;
  headingRef: Ref<HTMLHeadingElement>;
  onBackToColumns(): void;
  onStartAgain(): void;
}

/** Step 3: progress while the import runs, and what happened if it stopped without a result. */
export function ImportingStep({ fileName, kind, job, headingRef, onBackToColumns, onStartAgain }: ImportingStepProps) {
  const state = job.job?.state ?? 'running';
  const phase = job.job?.phase || 'Starting';
  const rows = job.job?.rows ?? 0;
  const stopped = state === 'cancelled' || state === 'failed' || job.pollError !== null || (state === 'done' && !job.job?.result);
  return (
    <section className="panel wizard-panel" aria-labelledby="import-step-title">
      <h2 id="import-step-title" ref={headingRef} tabIndex={-1}>
        {state === 'cancelled' ? 'Import cancelled' : state === 'failed' ? 'The import stopped' : 'Importing'}
      </h2>
      <p>
        <span className="file-name">{fileName}</span> as {importKindLabel(kind)}.
      </p>

      {state === 'running' && job.pollError === null ? (
        <>
          <ProgressBar label={phase} fraction={job.job?.fraction ?? null} detail={`${plural(rows, 'row')} · ${phase}`} />
          <ErrorNotice message={job.cancelError} title="Could not cancel" />
          <div className="progress-actions">
            <button type="button" className="button secondary" onClick={() => void job.cancel()} disabled={job.cancelling}>
              {job.cancelling ? 'Cancelling…' : 'Cancel import'}
            </button>
            <span className="muted">The workspace changes only when the import finishes: cancelling leaves it exactly as it was.</span>
          </div>
        </>
      ) : null}

      {state === 'cancelled' ? (
        <div className="notice notice-ok" role="status" data-testid="import-cancelled">
          Cancelled — the workspace is exactly as it was before.
        </div>
      ) : null}
      {state === 'failed' ? (
        <>
          <ErrorNotice message={job.job?.error?.message ?? 'The import stopped without saying why.'} title="The import did not finish" />
          <p className="muted">Nothing from this file was saved: the workspace is exactly as it was before.</p>
        </>
      ) : null}
      {state === 'done' && !job.job?.result ? <ErrorNotice message="The import finished but sent back no report. Look under Previous imports below." title="No report" /> : null}
      {job.pollError ? <ErrorNotice message={job.pollError} title="Lost track of the import" /> : null}

      {stopped ? (
        <div className="form-actions">
          <button type="button" className="button secondary" onClick={onBackToColumns}>
            Back to the columns
          </button>
          <button type="button" className="button primary" onClick={onStartAgain}>
            Import another file
          </button>
        </div>
      ) : null}
    </section>
  );
}
