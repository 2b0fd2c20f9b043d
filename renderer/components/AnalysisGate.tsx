import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { call, errorMessage } from '../api/client';
import { useJob } from '../api/useJob';
import { ErrorNotice, RetryNotice } from './ErrorNotice';
import { LoadingState } from './LoadingState';
import { ProgressBar } from './ProgressBar';

type GateState = { kind: 'asking' } | { kind: 'ready' } | { kind: 'loading'; jobId: string } | { kind: 'error'; message: string };

/**
 * Holds back a screen that needs the analysis model until it is loaded. After an unlock or an
 * import a large workspace takes seconds to load; the analyst sees it move and can stop it, rather
 * than a screen that seems frozen.
 */
export function AnalysisGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<GateState>({ kind: 'asking' });
  const [stopped, setStopped] = useState(false);
  // The answer is usually immediate: a spinner only after a moment avoids a flash on every page change.
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), 300);
    return () => clearTimeout(timer);
  }, []);

  const ask = useCallback(() => {
    setStopped(false);
    setState({ kind: 'asking' });
    call('analysis.prepare', {}).then(
      (answer) => setState(answer.ready ? { kind: 'ready' } : { kind: 'loading', jobId: answer.jobId }),
      (error: unknown) => setState({ kind: 'error', message: errorMessage(error) }),
    );
  }, []);
  useEffect(ask, [ask]);

  const job = useJob(state.kind === 'loading' ? state.jobId : null);
  const finished = state.kind === 'loading' ? job.job?.state : undefined;
  useEffect(() => {
    if (finished === 'done') setState({ kind: 'ready' });
    else if (finished === 'cancelled') setStopped(true);
    else if (finished === 'failed') setState({ kind: 'error', message: job.job?.error?.message ?? 'The analysis could not be loaded.' });
  }, [finished, job.job]);

  if (state.kind === 'ready') return <>{children}</>;
  if (state.kind === 'error') {
    return (
      <section className="panel analysis-gate">
        <RetryNotice message={state.message} title="The analysis could not be loaded" onRetry={ask} />
      </section>
    );
  }
  if (stopped) {
    return (
      <section className="panel analysis-gate" aria-labelledby="analysis-stopped">
        <h2 id="analysis-stopped">Analysis not loaded</h2>
        <p>Loading was stopped. Nothing was changed. Imports, settings and the audit page work without it.</p>
        <button type="button" className="button primary" onClick={ask}>Load the analysis</button>
      </section>
    );
  }
  if (state.kind === 'asking' || !job.job) return slow ? <LoadingState label="Preparing the analysis…" /> : null;
  const progress = job.job;
  return (
    <section className="panel analysis-gate" aria-labelledby="analysis-loading" data-testid="analysis-gate">
      <h2 id="analysis-loading">Loading the workspace for analysis</h2>
      <ProgressBar label={progress.phase} fraction={progress.fraction} detail={`${progress.rows.toLocaleString('en-GB')} rows read`} />
      <ErrorNotice message={job.pollError ?? job.cancelError} />
      <button type="button" className="button secondary" onClick={() => void job.cancel()} disabled={job.cancelling}>
        {job.cancelling ? 'Stopping…' : 'Stop loading'}
      </button>
    </section>
  );
}
