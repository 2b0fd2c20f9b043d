import { useId, type ReactNode } from 'react';
import { capacityFromStaffing, type RankingMethod, type Staffing } from '../../../shared/shortlist/selectionRules';
import { FLAG_LABELS, FLAG_NAMES, type FlagName } from '../../../shared/domain/flags';
import { CRIME_TYPE_IDS, CRIME_TYPE_LABELS, isCrimeTypeId } from '../../../shared/domain/crimeTypes';
import { FlagChip } from '../../components/FlagChips';
import { formatCount, plural } from '../../../shared/domain/numberFormat';
import { newEntrantCapacity, SEED_EXIT_RATE } from '../../../shared/shortlist/newEntrantCapacity';
import { existingCohortFromDraft, type RuleSetDraft, type RuleSetDraftErrors } from './ruleSetDraft';
import { DateField } from '../../components/DateField';
import { RfgWeightsFields } from './RfgWeightsFields';
import { Options } from '../../components/Options';
import { SubmitForm } from '../../components/SubmitForm';

const RANKING_LABELS: Readonly<Record<RankingMethod, string>> = {
  arrestCount: 'Arrests in the window (most first)',
  crimeTypeCount: 'Arrests of one crime type',
  rfg: 'RFG score (recency, frequency, gravity)',
};

/** The draft's numbers typed as text, each shown as a labelled text box by `numberField`. */
type NumberDraftField = 'windowMonths' | 'exitRatePercent' | 'intakeMonths' | 'currentCaseload' | 'ogrsThreshold' | 'minArrests';

function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: ReactNode; error?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      <span id={`${id}-hint`} className={error ? 'field-error' : 'field-hint'}>
        {error ?? hint}
      </span>
    </div>
  );
}

/**
 * The selection rules of 004 ("Cohort Selection"): priority groups first, exclusions, then fill the
 * caseload capacity by a ranking. Capacity defaults to the workspace's staffing, with its working.
 */
export function RuleSetForm({
  draft,
  errors,
  staffing,
  currentClients,
  busy,
  onChange,
  onRun,
}: {
  draft: RuleSetDraft;
  errors: RuleSetDraftErrors;
  staffing: Staffing;
  /** People in the workspace with an IOM start date. */
  currentClients: number;
  busy: boolean;
  onChange(next: RuleSetDraft): void;
  onRun(): void;
}) {
  const id = useId();
  const staffed = capacityFromStaffing(staffing);
  const teamCapacity = draft.capacityMode === 'staffing' ? staffed.capacity : /^\d+$/.test(draft.fixedClients.trim()) ? Number(draft.fixedClients.trim()) : null;
  const existingRule = existingCohortFromDraft(draft).rule;
  const places = teamCapacity === null || !existingRule ? null : newEntrantCapacity(teamCapacity, existingRule, currentClients);
  const set = <K extends keyof RuleSetDraft>(key: K, value: RuleSetDraft[K]) => onChange({ ...draft, [key]: value });
  const toggleGroup = (flag: FlagName, on: boolean) => set('priorityGroups', on ? [...draft.priorityGroups, flag] : draft.priorityGroups.filter((g) => g !== flag));
  const described = (name: string) => ({ 'aria-describedby': `${id}-${name}-hint`, 'aria-invalid': errors[name as keyof RuleSetDraftErrors] ? true : undefined });
  /** A number typed into the draft as text, with its label and its hint or error under it. */
  const numberField = ({ name, label, hint, inputMode, placeholder }: { name: NumberDraftField; label: string; hint: string; inputMode: 'numeric' | 'decimal'; placeholder?: string }) => (
    <Field id={`${id}-${name}`} label={label} hint={hint} error={errors[name]}>
      <input id={`${id}-${name}`} type="text" inputMode={inputMode} className="input-number" value={draft[name]} placeholder={placeholder} onChange={(e) => set(name, e.target.value)} {...described(name)} />
    </Field>
  );

  return (
    <SubmitForm
      className="sl-rules"
      aria-label="Selection rules"
      onSubmit={onRun}
    >
      <div className="sl-rules-grid">
        <div className="sl-rules-column">
          <Field id={`${id}-name`} label="Name of the rules" hint="Running saves a new version under this name." error={errors.name}>
            <input id={`${id}-name`} type="text" value={draft.name} maxLength={120} onChange={(e) => set('name', e.target.value)} {...described('name')} />
          </Field>
          <div className="field-pair sl-window">
            <Field id={`${id}-referenceDate`} label="Reference date" hint="Arrests counted up to this day." error={errors.referenceDate}>
              <DateField id={`${id}-referenceDate`} value={draft.referenceDate} onChange={(v) => set('referenceDate', v)} {...described('referenceDate')} />
            </Field>
            {numberField({ name: 'windowMonths', label: 'Window (months)', hint: 'Seed: 24.', inputMode: 'numeric' })}
          </div>
          <fieldset className="sl-fieldset">
            <legend>Caseload capacity</legend>
            <label className="radio">
              <input type="radio" name={`${id}-capacity`} checked={draft.capacityMode === 'staffing'} onChange={() => set('capacityMode', 'staffing')} />
              From the staffing setting: <strong data-testid="staffing-capacity">{formatCount(staffed.capacity)} clients</strong>
            </label>
            <p className="working-line sl-working" data-testid="staffing-working">
              <code>{staffed.working}</code> · <a href="#/settings">change the team in Settings</a>
            </p>
            <label className="radio">
              <input type="radio" name={`${id}-capacity`} checked={draft.capacityMode === 'fixed'} onChange={() => set('capacityMode', 'fixed')} />
              A fixed number of clients
            </label>
            {draft.capacityMode === 'fixed' ? (
              <div className="sl-inline-input">
                <label htmlFor={`${id}-fixedClients`} className="visually-hidden">
                  Fixed capacity (clients)
                </label>
                <input id={`${id}-fixedClients`} type="text" inputMode="numeric" className="input-number" value={draft.fixedClients} onChange={(e) => set('fixedClients', e.target.value)} {...described('fixedClients')} />
                <span id={`${id}-fixedClients-hint`} className={errors.fixedClients ? 'field-error' : 'field-hint'}>
                  {errors.fixedClients ?? 'clients'}
                </span>
              </div>
            ) : null}
          </fieldset>
          <fieldset className="sl-fieldset" data-testid="sl-existing-cohort">
            <legend>Current IOM clients ({formatCount(currentClients)} with an IOM start date)</legend>
            <label className="checkbox">
              <input type="checkbox" checked={draft.includeExistingCohort} onChange={(e) => set('includeExistingCohort', e.target.checked)} /> Include them: review the whole caseload
            </label>
            {draft.includeExistingCohort ? null : (
              <div className="field-pair sl-window">
                {numberField({ name: 'exitRatePercent', label: 'Leaving each month (%)', hint: `Seed: ${SEED_EXIT_RATE.perMonth * 100}% (97 → 72 clients in 16.8 months).`, inputMode: 'decimal' })}
                {numberField({ name: 'intakeMonths', label: 'Intake period (months)', hint: 'Seed: Jan–May 2014, 5.', inputMode: 'numeric' })}
                {numberField({ name: 'currentCaseload', label: 'Caseload on the books', hint: 'Blank: count them.', inputMode: 'numeric', placeholder: String(currentClients) })}
              </div>
            )}
            <p className="working-line sl-working" data-testid="sl-places-working">
              {places ? (
                <>
                  <strong>{plural(places.places, 'place')}</strong> to fill: <code>{places.working}</code>
                </>
              ) : (
                'Correct the figures above to see the places to fill.'
              )}
            </p>
            <p className="field-hint">{draft.includeExistingCohort ? 'Current clients are ranked with everyone else.' : 'Current clients are left out of the new entrants, each with the reason on their row.'} </p>
            <p className="muted small-print">{SEED_EXIT_RATE.source}</p>
          </fieldset>
        </div>
        <div className="sl-rules-column">
          <fieldset className="sl-fieldset">
            <legend>Priority groups (taken first, in this order)</legend>
            <ul className="checkbox-list sl-groups">
              {FLAG_NAMES.map((flag) => (
                <li key={flag}>
                  <label className="checkbox">
                    <input type="checkbox" checked={draft.priorityGroups.includes(flag)} onChange={(e) => toggleGroup(flag, e.target.checked)} />
                    <FlagChip flag={flag} /> <span aria-hidden="true">{FLAG_LABELS[flag]}</span>
                  </label>
                </li>
              ))}
            </ul>
            {numberField({ name: 'ogrsThreshold', label: 'Also everyone with an OGRS score of at least', hint: 'Taken after the groups above. Blank: none.', inputMode: 'decimal' })}
          </fieldset>
        </div>
        <div className="sl-rules-column">
          <fieldset className="sl-fieldset">
            <legend>Exclusions</legend>
            <ul className="checkbox-list">
              <li>
                <label className="checkbox">
                  <input type="checkbox" checked={draft.inCustody} onChange={(e) => set('inCustody', e.target.checked)} /> In custody (PINS check)
                </label>
              </li>
              <li>
                <label className="checkbox">
                  <input type="checkbox" checked={draft.notLivingInBorough} onChange={(e) => set('notLivingInBorough', e.target.checked)} /> Not living in the borough
                </label>
              </li>
            </ul>
            {numberField({ name: 'minArrests', label: 'Fewest arrests in the window', hint: 'Seed: 3. Blank: no minimum.', inputMode: 'numeric' })}
          </fieldset>
          <Field id={`${id}-ranking`} label="Then fill the places by" hint="Everyone else not excluded is ranked by this.">
            <select id={`${id}-ranking`} value={draft.rankingMethod} onChange={(e) => set('rankingMethod', e.target.value as RankingMethod)} aria-describedby={`${id}-ranking-hint`}>
              <Options values={Object.keys(RANKING_LABELS) as RankingMethod[]} label={RANKING_LABELS} />
            </select>
          </Field>
          {draft.rankingMethod !== 'rfg' ? (
            <Field id={`${id}-crimeType`} label="Crime type" hint={draft.rankingMethod === 'arrestCount' ? 'Blank counts every arrest.' : 'The crime type decides; total arrests break ties.'} error={errors.crimeType}>
              <select id={`${id}-crimeType`} value={draft.crimeType} onChange={(e) => set('crimeType', isCrimeTypeId(e.target.value) ? e.target.value : '')} {...described('crimeType')}>
                <option value="">{draft.rankingMethod === 'arrestCount' ? 'All crime types' : 'Choose…'}</option>
                <Options values={CRIME_TYPE_IDS} label={CRIME_TYPE_LABELS} />
              </select>
            </Field>
          ) : null}
        </div>
      </div>
      {draft.rankingMethod === 'rfg' ? <RfgWeightsFields draft={draft} errors={errors} onChange={onChange} /> : null}
      {errors.form ? <p className="field-error">{errors.form}</p> : null}
      <div className="form-actions start">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Running…' : 'Run the selection rules'}
        </button>
        <span className="muted">Saves the rules as a new version and a new shortlist; earlier shortlists and their panels are kept.</span>
      </div>
    </SubmitForm>
  );
}
