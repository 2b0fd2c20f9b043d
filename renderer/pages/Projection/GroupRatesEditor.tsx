import { useId } from 'react';
import { AGENCIES, SEED_AGENCY_SHARES, SEED_GROUP_RATES } from '../../../shared/analysis/statutoryGroups';
import { DraftInput } from './DraftInput';
import { agencySharesDraft, groupRatesDraft, type DraftErrors, type GroupRatesDraft, type ScenarioDraft } from './scenarioDraft';

function SourceInput({ value, onChange, label }: { value: string; onChange(value: string): void; label: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

const GROUP_FIELDS: ReadonlyArray<{ key: keyof Omit<GroupRatesDraft, 'source'>; label: string }> = [
  { key: 'statutoryWith', label: 'Statutory: reoffending with IOM (%)' },
  { key: 'statutoryWithout', label: 'Statutory: without IOM (%)' },
  { key: 'nonStatutoryWith', label: 'Non-statutory: reoffending with IOM (%)' },
  { key: 'nonStatutoryWithout', label: 'Non-statutory: without IOM (%)' },
];

/**
 * Seed 000's two refinements of the one-rate projection: a reduction per statutory group (from
 * reoffending with and without IOM) and the cost saving shared among the agencies, each off until
 * ticked, starting from the seed's figures with their source.
 */
export function GroupRatesEditor({ draft, onChange, errors }: { draft: ScenarioDraft; onChange(draft: ScenarioDraft): void; errors: DraftErrors }) {
  const groups = draft.groupRates;
  const counting = draft.boroughCounting;
  const agencies = draft.agencyShares;
  return (
    <div className="group-rates-editor">
      <fieldset className="borough-counting">
        <legend>Where arrests are counted</legend>
        <label className="checkbox">
          <input type="checkbox" checked={counting !== null} onChange={(e) => onChange({ ...draft, boroughCounting: e.target.checked ? { borough: '' } : null })} />
          Only arrests made in the borough (the seed counted allegations in Barnet); those elsewhere are counted and shown, not projected
        </label>
        {counting ? <SourceInput label="Borough (blank for the home borough in Settings)" value={counting.borough} onChange={(borough) => onChange({ ...draft, boroughCounting: { borough } })} /> : null}
      </fieldset>
      <fieldset className="group-rates">
        <legend>Statutory and non-statutory clients</legend>
        <label className="checkbox">
          <input type="checkbox" checked={groups !== null} onChange={(e) => onChange({ ...draft, groupRates: e.target.checked ? groupRatesDraft(SEED_GROUP_RATES) : null })} />
          A reduction per group: 1 − reoffending with IOM ÷ without (people with no recorded status keep the rate above)
        </label>
        {groups ? (
          <>
            <div className="percent-row">
              {GROUP_FIELDS.map((f) => (
                <DraftInput key={f.key} label={f.label} visibleLabel={f.label} value={groups[f.key]} onChange={(v) => onChange({ ...draft, groupRates: { ...groups, [f.key]: v } })} error={errors[`groupRates.${f.key}`]} />
              ))}
            </div>
            <SourceInput label="Source of the group rates" value={groups.source} onChange={(source) => onChange({ ...draft, groupRates: { ...groups, source } })} />
          </>
        ) : null}
      </fieldset>
      <fieldset className="agency-shares">
        <legend>Cost saving by agency</legend>
        <label className="checkbox">
          <input type="checkbox" checked={agencies !== null} onChange={(e) => onChange({ ...draft, agencyShares: e.target.checked ? agencySharesDraft(SEED_AGENCY_SHARES) : null })} />
          Share the cost of crime avoided among the agencies
        </label>
        {agencies ? (
          <>
            <div className="percent-row">
              {AGENCIES.map((agency) => (
                <DraftInput key={agency} label={`${agency} (%)`} visibleLabel={`${agency} (%)`} value={agencies.shares[agency]} onChange={(v) => onChange({ ...draft, agencyShares: { ...agencies, shares: { ...agencies.shares, [agency]: v } } })} error={errors[`agencyShares.${agency}`]} />
              ))}
            </div>
            {errors['agencyShares.total'] ? <p className="field-error">{errors['agencyShares.total']}</p> : null}
            <SourceInput label="Source of the shares" value={agencies.source} onChange={(source) => onChange({ ...draft, agencyShares: { ...agencies, source } })} />
          </>
        ) : null}
      </fieldset>
    </div>
  );
}
