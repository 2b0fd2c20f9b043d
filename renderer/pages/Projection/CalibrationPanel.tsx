import { useId, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { describeCalibration, type CalibrationResult } from '../../../shared/analysis/calibration';
import { formatCount, formatNumber, formatPercent } from '../../../shared/domain/numberFormat';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDisplayDate } from '../../../shared/domain/dateDisplay';
import { WorkingFigure } from '../../components/charts/WorkingFigure';
import type { Range } from '../../../shared/analysis/projection';
import { DataTable } from '../../components/DataTable';

interface CalibrationView {
  result: CalibrationResult;
  request: { referenceDate: string; beforeMonths: number; afterMonths: number };
}

/**
 * "Calibrate from the existing cohort": the seed's way to its 36% (monthly rates 12 months before vs
 * 6 after joining), on this workspace's own IOM cohort, with n, the fall and its 95% interval. The
 * analyst may set the scenario's rate from it; the scenario then records the calibration as its source.
 */
export function CalibrationPanel({ referenceDate, onUseRate }: { referenceDate: string | null; onUseRate(rate: Range, source: string): void }) {
  const beforeId = useId();
  const afterId = useId();
  const [beforeMonths, setBeforeMonths] = useState('12');
  const [afterMonths, setAfterMonths] = useState('6');
  const [view, setView] = useState<CalibrationView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const months = (text: string) => (/^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 60 ? Number(text) : null);
  const before = months(beforeMonths);
  const after = months(afterMonths);

  async function calibrate() {
    if (referenceDate === null || before === null || after === null) return;
    setBusy(true);
    setError(null);
    try {
      const request = { referenceDate, beforeMonths: before, afterMonths: after };
      const result = await call('analysis.calibrate', { ...request, bootstrapIterations: 1000 });
      setView({ result, request });
    } catch (e) {
      setView(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const result = view?.result ?? null;
  const interval = result ? (result.bootstrap?.reduction ?? result.poisson?.reduction ?? null) : null;
  const usable = result !== null && result.suggestedReductionRate !== null && result.reduction !== null && result.reduction > 0;
  return (
    <section className="panel calibration-panel" aria-labelledby="calibration-title" data-testid="calibration-panel">
      <h2 id="calibration-title">Calibrate from the existing cohort</h2>
      <p className="muted">
        The seed’s 36% is the fall in the initial IOM cohort’s monthly rate, 12 months before joining against 6 months after (004). The same on this workspace’s people with an IOM start date, pooled, to{' '}
        {referenceDate ? formatDisplayDate(referenceDate) : 'the reference date'}:
      </p>
      <div className="calibration-inputs">
        <div className="field">
          <label htmlFor={beforeId}>Months before joining</label>
          <input id={beforeId} type="text" inputMode="numeric" className="input-number" value={beforeMonths} onChange={(e) => setBeforeMonths(e.target.value)} aria-invalid={before === null || undefined} />
        </div>
        <div className="field">
          <label htmlFor={afterId}>Months after joining</label>
          <input id={afterId} type="text" inputMode="numeric" className="input-number" value={afterMonths} onChange={(e) => setAfterMonths(e.target.value)} aria-invalid={after === null || undefined} />
        </div>
        <button type="button" className="button secondary small" onClick={() => void calibrate()} disabled={busy || referenceDate === null || before === null || after === null}>
          {busy ? 'Calibrating…' : 'Calibrate'}
        </button>
      </div>
      <ErrorNotice message={error} title="Could not calibrate" />
      {result && view ? (
        result.people.length === 0 ? (
          <p className="notice notice-info">No one in the workspace has an IOM start date before {view.request.referenceDate}: import the existing cohort (Import › Existing IOM cohort) first.</p>
        ) : (
          <>
            <DataTable columns={['People (n)', { label: 'Before: arrests a month', numeric: true }, { label: 'After: arrests a month', numeric: true }, { label: 'Fall', numeric: true }, { label: '95% interval', numeric: true }]} caption="Arrests a person-month before and after joining IOM" className="calibration-table" data-testid="calibration-table">
              <tr>
                <td>
                  {formatCount(result.people.length)}
                  {result.leftOut.length ? <span className="muted"> ({formatCount(result.leftOut.length)} left out: no full after window)</span> : null}
                </td>
                <td className="num">
                  <WorkingFigure working={result.before.working} testId="calibration-before">{formatNumber(result.before.monthlyRate, 3)}</WorkingFigure>
                </td>
                <td className="num">
                  <WorkingFigure working={result.after.working} testId="calibration-after">{formatNumber(result.after.monthlyRate, 3)}</WorkingFigure>
                </td>
                <td className="num">
                  <WorkingFigure working={result.rateRatioWorking} testId="calibration-fall">{result.reduction === null ? '—' : formatPercent(result.reduction, 2)}</WorkingFigure>
                </td>
                <td className="num">
                  {interval ? (
                    <WorkingFigure working={(result.bootstrap ?? result.poisson)!.rateRatio.working} testId="calibration-interval">
                      {formatPercent(interval.low, 1)} to {formatPercent(interval.high, 1)} ({result.bootstrap ? 'bootstrap' : 'Poisson'})
                    </WorkingFigure>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            </DataTable>
            <p className="field-hint">{result.method}. Arrests, not convictions; time in custody is not taken off.</p>
            {result.reduction !== null && result.reduction <= 0 ? (
              <p className="notice notice-warn" role="status">
                This cohort’s arrest rate did not fall after joining ({formatPercent(result.reduction, 2)}), so there is no reduction to use.
              </p>
            ) : null}
            <button
              type="button"
              className="button primary small"
              disabled={!usable}
              onClick={() => {
                const s = result.suggestedReductionRate;
                if (s) onUseRate({ low: s.low, central: s.central, high: s.high }, describeCalibration(result, view.request));
              }}
            >
              Set the scenario’s rate to {result.suggestedReductionRate && usable ? formatPercent(result.suggestedReductionRate.central, 2) : 'this'}
            </button>
          </>
        )
      ) : null}
    </section>
  );
}
