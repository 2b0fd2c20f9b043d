import { useEffect, useId, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { SEED_ATTRIBUTION, type AttributionEstimate } from '../../../shared/analysis/projection';
import { formatNumber, formatPercent } from '../../../shared/domain/numberFormat';
import { ErrorNotice } from '../../components/ErrorNotice';
import { WorkingFigure } from '../../components/charts/WorkingFigure';

type Field = 'before' | 'after' | 'ratio' | 'months' | 'areaFall';

/** The form's inputs in order, each with the seed's figure it starts on. */
const FIELDS: ReadonlyArray<{ key: Field; label: string; seed: number | null }> = [
  { key: 'before', label: 'Cohort’s arrests a month before', seed: SEED_ATTRIBUTION.beforeMonthlyArrests },
  { key: 'after', label: 'Cohort’s arrests a month after', seed: SEED_ATTRIBUTION.afterMonthlyArrests },
  { key: 'ratio', label: 'Allegations per arrest', seed: SEED_ATTRIBUTION.allegationsPerArrest },
  { key: 'months', label: 'Months summed over', seed: SEED_ATTRIBUTION.months },
  { key: 'areaFall', label: 'Area’s fall over those months (optional)', seed: SEED_ATTRIBUTION.areaFallOverPeriod },
];

const SEED_TEXT = Object.fromEntries(FIELDS.map((f) => [f.key, String(f.seed)])) as Record<Field, string>;

/**
 * The seed's attribution (004): how much of the area's fall in one crime type the existing cohort's
 * fall in arrests may account for, with its working. Starts on the seed's inputs.
 */
export function AttributionPanel() {
  const baseId = useId();
  const [text, setText] = useState<Record<Field, string>>(SEED_TEXT);
  const [estimate, setEstimate] = useState<AttributionEstimate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const num = (v: string) => (v.trim() === '' ? null : Number(v.replace(/,/g, '')));
  const before = num(text.before);
  const after = num(text.after);
  const ratio = num(text.ratio);
  const months = num(text.months);
  const areaFall = num(text.areaFall);
  const valid =
    before !== null && before >= 0 && after !== null && after >= 0 && ratio !== null && ratio > 0 && months !== null && Number.isInteger(months) && months > 0 && months <= 120 && (areaFall === null || areaFall > 0);

  useEffect(() => {
    if (!valid) return undefined;
    let live = true;
    call('analysis.attribution', { beforeMonthlyArrests: before, afterMonthlyArrests: after, allegationsPerArrest: ratio, months, areaFallOverPeriod: areaFall }).then(
      (value) => {
        if (live) {
          setEstimate(value);
          setError(null);
        }
      },
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [valid, before, after, ratio, months, areaFall]);

  const isSeed = FIELDS.every(({ key }) => text[key] === SEED_TEXT[key]);
  return (
    <section className="panel attribution-panel" aria-labelledby="attribution-title" data-testid="attribution-panel">
      <h2 id="attribution-title">Attribution: the cohort’s share of a fall in crime</h2>
      <p className="muted">
        Fewer offences = (the cohort’s arrests a month before − after) × allegations per arrest × months, assuming its offending fell as its arrests did. {isSeed ? `Seed inputs: ${SEED_ATTRIBUTION.source}.` : 'Your inputs.'}
      </p>
      <div className="attribution-inputs">
        {FIELDS.map(({ key: field, label }) => (
          <div className="field" key={field}>
            <label htmlFor={`${baseId}-${field}`}>{label}</label>
            <input id={`${baseId}-${field}`} type="text" inputMode="decimal" className="input-number" value={text[field]} onChange={(e) => setText({ ...text, [field]: e.target.value })} />
          </div>
        ))}
        <button type="button" className="button secondary small" onClick={() => setText(SEED_TEXT)} disabled={isSeed}>
          Seed inputs
        </button>
      </div>
      {!valid ? <p className="field-error">Arrests a month 0 or more, allegations per arrest above 0, whole months 1 to 120, the area’s fall above 0 or blank.</p> : null}
      <ErrorNotice message={error} title="Could not estimate" />
      {estimate && valid ? (
        <dl className="attribution-result" data-testid="attribution-result">
          <dt>Fewer offences a month</dt>
          <dd>
            <WorkingFigure working={estimate.working.fewerOffencesPerMonth} testId="attribution-per-month">{formatNumber(estimate.fewerOffencesPerMonth, 2)}</WorkingFigure>
            <span className="muted"> ({estimate.working.fewerOffencesPerMonth})</span>
          </dd>
          <dt>Fewer offences over {months} months</dt>
          <dd>
            <WorkingFigure working={estimate.working.fewerOffencesOverPeriod} testId="attribution-period">{formatNumber(estimate.fewerOffencesOverPeriod, 1)}</WorkingFigure>
            <span className="muted"> ({estimate.working.fewerOffencesOverPeriod})</span>
          </dd>
          {estimate.shareOfAreaFall !== null ? (
            <>
              <dt>Share of the area’s fall</dt>
              <dd>
                <WorkingFigure working={estimate.working.shareOfAreaFall} testId="attribution-share">{formatPercent(estimate.shareOfAreaFall, 1)}</WorkingFigure>
                <span className="muted"> ({estimate.working.shareOfAreaFall})</span>
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </section>
  );
}
