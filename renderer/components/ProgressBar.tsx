import { useId } from 'react';

interface ProgressBarProps {
  /** What is being done, e.g. "Importing rows". */
  label: string;
  /** 0..1 when the share of work is known; null shows a moving, indeterminate bar. */
  fraction: number | null;
  /** Short status line under the bar, e.g. "12,345 rows · Importing rows". */
  detail?: string;
}

/**
 * A progress bar screen readers can follow: role=progressbar with aria-valuenow when the share is
 * known (without it the bar is indeterminate). The detail line changes several times a second, so
 * the polite live region announces only the label and the progress in steps of 10%.
 */
export function ProgressBar({ label, fraction, detail }: ProgressBarProps) {
  const id = useId();
  const percent = fraction !== null && Number.isFinite(fraction) ? Math.round(Math.min(1, Math.max(0, fraction)) * 100) : null;
  const announcement = percent === null ? label : `${label}, ${Math.floor(percent / 10) * 10}%`;
  return (
    <div className="progress">
      <div id={`${id}-label`} className="progress-label">
        <span>{label}</span>
        {percent !== null ? <span className="progress-percent num">{percent}%</span> : null}
      </div>
      <div
        className={percent === null ? 'progress-track indeterminate' : 'progress-track'}
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={percent === null ? undefined : 0}
        aria-valuemax={percent === null ? undefined : 100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? detail ?? label : `${percent}%${detail ? ` · ${detail}` : ''}`}
      >
        {/* Keyed by mode, so the determinate bar never animates from the sliding indeterminate one. */}
        <div key={percent === null ? 'indeterminate' : 'determinate'} className="progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      {detail ? <div className="progress-detail" data-testid="progress-detail">{detail}</div> : null}
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </div>
  );
}
