import { useId } from 'react';
import { gravitySourceNote, HARM_INDEX_SOURCE, HARM_WEIGHT_TABLE } from '../../../shared/shortlist/crimeHarmWeights';
import { CRIME_TYPE_LABELS, type CrimeTypeId } from '../../../shared/domain/crimeTypes';
import { RFG_TERMS, type RfgTerm, type RuleSetDraft, type RuleSetDraftErrors } from './ruleSetDraft';

const TERM_LABELS: Readonly<Record<RfgTerm, { label: string; hint: string }>> = {
  recency: { label: 'Recency (R)', hint: 'halves every half-life' },
  frequency: { label: 'Frequency (F)', hint: 'arrests / most of anyone' },
  gravity: { label: 'Gravity (G)', hint: 'harm / most of anyone' },
  ogrs: { label: 'OGRS score (O)', hint: 'score / 100' },
  ppo: { label: 'PPO list (P)', hint: '1 on the list' },
};

/**
 * The RFG score's weights: the five terms (two of them partnership data, OGRS and the PPO list) and
 * the gravity of each crime type, whose defaults are a published harm index, named beside every
 * field so an edited weight is never mistaken for the published one.
 */
export function RfgWeightsFields({ draft, errors, onChange }: { draft: RuleSetDraft; errors: RuleSetDraftErrors; onChange(next: RuleSetDraft): void }) {
  const id = useId();
  const numberOrNull = (text: string): number | null => (/^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : null);
  return (
    <fieldset className="sl-fieldset sl-rfg" data-testid="sl-rfg-weights">
      <legend>RFG score: weights</legend>
      <div className="sl-rfg-terms" role="group" aria-describedby={`${id}-terms-hint`}>
        {RFG_TERMS.map((term) => (
          <div className="field" key={term}>
            <label htmlFor={`${id}-${term}`}>{TERM_LABELS[term].label}</label>
            <input
              id={`${id}-${term}`}
              type="text"
              inputMode="decimal"
              className="input-number"
              value={draft.rfgWeights[term]}
              aria-invalid={errors.rfgWeights && numberOrNull(draft.rfgWeights[term]) === null ? true : undefined}
              onChange={(e) => onChange({ ...draft, rfgWeights: { ...draft.rfgWeights, [term]: e.target.value } })}
            />
            <span className="field-hint">{TERM_LABELS[term].hint}</span>
          </div>
        ))}
        <div className="field">
          <label htmlFor={`${id}-halfLife`}>Half-life (months)</label>
          <input id={`${id}-halfLife`} type="text" inputMode="decimal" className="input-number" value={draft.halfLifeMonths} aria-invalid={errors.halfLifeMonths ? true : undefined} onChange={(e) => onChange({ ...draft, halfLifeMonths: e.target.value })} />
          <span className="field-hint">of recency</span>
        </div>
      </div>
      <p id={`${id}-terms-hint`} className={errors.rfgWeights || errors.halfLifeMonths ? 'field-error' : 'field-hint'}>
        {errors.rfgWeights ?? errors.halfLifeMonths ?? 'score = (wR·R + wF·F + wG·G + wO·O + wP·P) / (sum of the weights); a weight of 0 leaves its term out.'}
      </p>
      <table className="table compact sl-gravity-table" aria-describedby={`${id}-gravity-source`}>
        <caption>Gravity per arrest (G)</caption>
        <thead>
          <tr>
            <th scope="col">Crime type</th>
            <th scope="col" className="num">
              Weight
            </th>
            <th scope="col">
              Source <span className="muted">(CSS: ONS Crime Severity Score)</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {HARM_WEIGHT_TABLE.map(({ crimeType }) => {
            const typed = draft.gravity[crimeType];
            const value = numberOrNull(typed);
            return (
              <tr key={crimeType}>
                <th scope="row">
                  <label htmlFor={`${id}-g-${crimeType}`}>{CRIME_TYPE_LABELS[crimeType]}</label>
                </th>
                <td className="num">
                  <input
                    id={`${id}-g-${crimeType}`}
                    type="text"
                    inputMode="decimal"
                    className="input-number"
                    value={typed}
                    aria-invalid={value === null ? true : undefined}
                    onChange={(e) => onChange({ ...draft, gravity: { ...draft.gravity, [crimeType as CrimeTypeId]: e.target.value } })}
                  />
                </td>
                <td className="muted" data-testid={`gravity-source-${crimeType}`}>
                  {value === null ? 'not a number' : gravitySourceNote(crimeType, value)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {errors.gravity ? <p className="field-error">{errors.gravity}</p> : null}
      <p id={`${id}-gravity-source`} className="muted small-print" data-testid="gravity-source">
        source: {HARM_INDEX_SOURCE.citation}; {HARM_INDEX_SOURCE.edition}. Each weight is the severity of the sentences for that offence in days of custody, so only the ratios matter here.
      </p>
      <details className="small-print">
        <summary>Where the weights were read, and how each crime type maps to an offence code</summary>
        <ul>
          {HARM_INDEX_SOURCE.readFrom.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <ul>
          {HARM_WEIGHT_TABLE.map((row) => (
            <li key={row.crimeType}>
              <strong>{CRIME_TYPE_LABELS[row.crimeType]}</strong>: {row.published === null ? 'no published weight read' : `${row.published}`}
              {row.offenceCode ? ` (code ${row.offenceCode}, ${row.offence})` : ` (${row.offence})`}. {row.readAs}.
            </li>
          ))}
        </ul>
      </details>
    </fieldset>
  );
}
