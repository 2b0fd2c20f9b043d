import { useId, type ReactNode } from 'react';
import { INTAKE_PACE_LABELS, INTAKE_PACES, SEED_EXISTING_CASELOAD } from '../../../shared/intake/intakePlan';
import { SEED_EXIT_RATE } from '../../../shared/shortlist/newEntrantCapacity';
import type { DraftField, DraftProblems, IntakeDraft } from './intakeDraft';
import { DataTable } from '../../components/DataTable';
import { CheckedInput } from '../../components/CheckedField';
import { SubmitForm } from '../../components/SubmitForm';

interface FieldSpec {
  key: DraftField;
  label: string;
  hint: ReactNode;
  kind: 'month' | 'number';
}

const PERIOD: readonly FieldSpec[] = [
  { key: 'startMonth', label: 'First month', hint: 'Seed: January 2014.', kind: 'month' },
  { key: 'endMonth', label: 'Last month', hint: 'Seed: May 2014 (“Jan-May 2014”).', kind: 'month' },
];

const TEAM: readonly FieldSpec[] = [
  { key: 'offenderManagers', label: 'Offender managers', hint: 'Seed: 3; expanded 5.', kind: 'number' },
  { key: 'clientsPerManager', label: 'Caseload per offender manager', hint: 'Seed model: 40.', kind: 'number' },
  { key: 'policeLeads', label: 'Police leads', hint: 'Seed: 2 (1 PS, 1 PC); expanded 4.', kind: 'number' },
  { key: 'clientsPerPoliceLead', label: 'Caseload per police lead', hint: 'Seed model: 50. Blank: police do not limit.', kind: 'number' },
];

const PACE: readonly FieldSpec[] = [
  { key: 'existingCaseload', label: 'Caseload already on the books', hint: `At the start of the period. Seed: ${SEED_EXISTING_CASELOAD} (Aug 2013).`, kind: 'number' },
  { key: 'exitRatePercent', label: 'Clients on the books leaving a month (%)', hint: `Seed: ${SEED_EXIT_RATE.perMonth * 100}% (97 → 72 in 16.8 months). Blank: none.`, kind: 'number' },
  { key: 'maxStartsPerMonth', label: 'Most new starts a month', hint: 'Blank: no limit beyond capacity.', kind: 'number' },
];

function Field({ spec, draft, problems, onChange }: { spec: FieldSpec; draft: IntakeDraft; problems: DraftProblems; onChange(next: IntakeDraft): void }) {
  return (
    <CheckedInput
      label={spec.label}
      type={spec.kind === 'month' ? 'month' : 'text'}
      inputMode={spec.kind === 'number' ? 'decimal' : undefined}
      className={spec.kind === 'number' ? 'input-number' : 'intake-month'}
      value={draft[spec.key]}
      onValueChange={(text) => onChange({ ...draft, [spec.key]: text })}
      problem={problems[spec.key]}
      hint={spec.hint}
    />
  );
}

/** A group's fields, laid out in the form's grid. */
function FieldGrid({ specs, draft, problems, onChange }: { specs: readonly FieldSpec[]; draft: IntakeDraft; problems: DraftProblems; onChange(next: IntakeDraft): void }) {
  return (
    <div className="intake-grid">
      {specs.map((spec) => (
        <Field key={spec.key} spec={spec} draft={draft} problems={problems} onChange={onChange} />
      ))}
    </div>
  );
}

/** The plan's parameters: the period, the team (with staff arriving part way), the pace. */
export function IntakeParamsForm({
  draft,
  problems,
  onChange,
  onSave,
  onDefaults,
  canSave,
  saving,
  status,
}: {
  draft: IntakeDraft;
  problems: DraftProblems;
  onChange(next: IntakeDraft): void;
  onSave(): void;
  onDefaults(): void;
  canSave: boolean;
  saving: boolean;
  status: ReactNode;
}) {
  const paceName = useId();
  const nextKey = draft.staffChanges.reduce((n, c) => Math.max(n, c.key), 0) + 1;
  return (
    <section className="panel intake-params" aria-labelledby="intake-params-title">
      <h2 id="intake-params-title">Plan parameters</h2>
      <SubmitForm
        onSubmit={() => {
          if (canSave) onSave();
        }}
      >
        <fieldset className="intake-fieldset">
          <legend>Period</legend>
          <FieldGrid specs={PERIOD} draft={draft} problems={problems} onChange={onChange} />
        </fieldset>
        <fieldset className="intake-fieldset">
          <legend>Team at the start</legend>
          <FieldGrid specs={TEAM} draft={draft} problems={problems} onChange={onChange} />
        </fieldset>
        <fieldset className="intake-fieldset">
          <legend>Staff changes during the period</legend>
          {draft.staffChanges.length === 0 ? <p className="muted intake-note">None: the team stays the same. Add the month new staff arrive (the seed’s doubling needs 2 more offender managers and 2 more police leads).</p> : null}
          {draft.staffChanges.length ? (
            <DataTable columns={['From month', 'Offender managers', 'Police leads', { label: 'Remove', hiddenLabel: true }]} caption="Staff changes" className="intake-changes">
              {draft.staffChanges.map((c, i) => {
                const update = (patch: Partial<typeof c>) => onChange({ ...draft, staffChanges: draft.staffChanges.map((x) => (x.key === c.key ? { ...x, ...patch } : x)) });
                const problem = problems.staffChanges?.[c.key];
                return (
                  <tr key={c.key}>
                    <td>
                      <input type="month" className="intake-month" aria-label={`Staff change ${i + 1}: from month`} value={c.month} onChange={(e) => update({ month: e.target.value })} aria-invalid={problem ? true : undefined} />
                      {problem ? <div className="field-error">{problem}</div> : null}
                    </td>
                    <td>
                      <input type="text" inputMode="decimal" className="input-number" aria-label={`Staff change ${i + 1}: offender managers`} value={c.offenderManagers} onChange={(e) => update({ offenderManagers: e.target.value })} />
                    </td>
                    <td>
                      <input type="text" inputMode="decimal" className="input-number" aria-label={`Staff change ${i + 1}: police leads`} value={c.policeLeads} onChange={(e) => update({ policeLeads: e.target.value })} />
                    </td>
                    <td>
                      <button type="button" className="button secondary small" onClick={() => onChange({ ...draft, staffChanges: draft.staffChanges.filter((x) => x.key !== c.key) })}>
                        Remove<span className="visually-hidden"> staff change {i + 1}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          ) : null}
          <button
            type="button"
            className="button secondary small"
            onClick={() => onChange({ ...draft, staffChanges: [...draft.staffChanges, { key: nextKey, month: draft.startMonth, offenderManagers: '5', policeLeads: '4' }] })}
          >
            Add a staff change
          </button>
        </fieldset>
        <fieldset className="intake-fieldset">
          <legend>Pace</legend>
          <div className="radio-row intake-pace">
            {INTAKE_PACES.map((pace) => (
              <label key={pace} className="radio">
                <input type="radio" name={paceName} value={pace} checked={draft.pace === pace} onChange={() => onChange({ ...draft, pace })} />
                {INTAKE_PACE_LABELS[pace]}
              </label>
            ))}
          </div>
          <FieldGrid specs={PACE} draft={draft} problems={problems} onChange={onChange} />
        </fieldset>
        <div className="form-actions start">
          <button type="submit" className="button primary" disabled={!canSave || saving}>
            Save parameters
          </button>
          <button type="button" className="button secondary" onClick={onDefaults}>
            Seed period with the staffing setting
          </button>
          <span className="intake-status" role="status" aria-live="polite" data-testid="intake-params-status">
            {status}
          </span>
        </div>
      </SubmitForm>
    </section>
  );
}
