import { useId, useState, type KeyboardEvent } from 'react';
import { DraftInput } from './DraftInput';
import { CRIME_TYPE_LABELS, type ProjectionCrimeTypeId } from '../../../shared/domain/crimeTypes';
import { PROJECTION_CRIME_TYPE_IDS } from '../../../shared/analysis/projection';
import type { EffectiveUnitCost } from '../../../shared/analysis/unitCostSettings';
import { formatMoney } from '../../../shared/domain/numberFormat';
import { newCrimeTypeDraft, type CrimeTypeDraft, type DraftErrors, type RangeDraft, type ScenarioDraft } from './scenarioDraft';
import { DateField } from '../../components/DateField';
import { DataTable } from '../../components/DataTable';
import { Options } from '../../components/Options';
import { FieldProblem, problemLink } from '../../components/FieldProblem';

/**
 * A one-line value (a scenario's name, its rate's source) in a box that wraps, so a long name is
 * read whole in the narrow assumptions column; a pasted line break becomes a space, Enter adds none.
 */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

function refuseNewLine(event: KeyboardEvent<HTMLTextAreaElement>): void {
  if (event.key === 'Enter') event.preventDefault();
}

function RangeInputs({ value, onChange, errors, path, label, unit }: { value: RangeDraft; onChange(value: RangeDraft): void; errors: DraftErrors; path: string; label: string; unit: string }) {
  return (
    <span className="range-inputs">
      <DraftInput label={`${label}, low${unit}`} visibleLabel={`Low${unit}`} value={value.low} onChange={(low) => onChange({ ...value, low })} error={errors[`${path}.low`]} />
      <DraftInput label={`${label}, central${unit}`} visibleLabel={`Central${unit}`} value={value.central} onChange={(central) => onChange({ ...value, central })} error={errors[`${path}.central`]} />
      <DraftInput label={`${label}, high${unit}`} visibleLabel={`High${unit}`} value={value.high} onChange={(high) => onChange({ ...value, high })} error={errors[`${path}.high`]} />
    </span>
  );
}

/**
 * The scenario's assumptions: window, reduction rate (low/central/high) and, per crime type, offences
 * per arrest (with an optional range), borough offences a year and the unit cost. Low and high may
 * be left blank: the figure is then the central one, with no range.
 */
export function ScenarioEditor({ draft, onChange, errors, unitCosts }: { draft: ScenarioDraft; onChange(draft: ScenarioDraft): void; errors: DraftErrors; unitCosts: readonly EffectiveUnitCost[] }) {
  const nameId = useId();
  const dateId = useId();
  const monthsId = useId();
  const addId = useId();
  const sourceId = useId();
  const unused = PROJECTION_CRIME_TYPE_IDS.filter((id) => !draft.crimeTypes.some((c) => c.id === id));
  const [toAdd, setToAdd] = useState<ProjectionCrimeTypeId | ''>('');
  const costOf = (id: ProjectionCrimeTypeId): EffectiveUnitCost | undefined => (id === 'all' ? undefined : unitCosts.find((c) => c.crimeType === id));
  const setCrimeType = (index: number, next: CrimeTypeDraft) => onChange({ ...draft, crimeTypes: draft.crimeTypes.map((c, i) => (i === index ? next : c)) });
  const chosen: ProjectionCrimeTypeId | '' = toAdd !== '' && unused.includes(toAdd) ? toAdd : unused.length > 0 ? unused[0]! : '';

  function add() {
    if (chosen === '') return;
    onChange({ ...draft, crimeTypes: [...draft.crimeTypes, newCrimeTypeDraft(chosen, costOf(chosen)?.unitCost ?? null)] });
    setToAdd('');
  }

  function applySettingsCosts() {
    onChange({
      ...draft,
      crimeTypes: draft.crimeTypes.map((c) => {
        const cost = costOf(c.id);
        return cost ? { ...c, unitCost: cost.unitCost === null ? '' : String(Number(cost.unitCost.toPrecision(12))) } : c;
      }),
    });
  }

  return (
    <div className="scenario-editor">
      <fieldset className="assumptions">
        <legend>Assumptions</legend>
        <div className="field">
          <label htmlFor={nameId}>Scenario name</label>
          <textarea id={nameId} rows={2} className="wrapping-line" value={draft.name} onChange={(e) => onChange({ ...draft, name: oneLine(e.target.value) })} onKeyDown={refuseNewLine} {...problemLink(`${nameId}-error`, errors.name)} />
          <FieldProblem id={`${nameId}-error`} problem={errors.name} />
        </div>
        <div className="field-pair">
          <div className="field">
            <label htmlFor={dateId}>Reference date</label>
            <DateField id={dateId} value={draft.referenceDate} onChange={(referenceDate) => onChange({ ...draft, referenceDate })} aria-describedby={`${dateId}-hint`} aria-invalid={errors.referenceDate ? true : undefined} />
            <span id={`${dateId}-hint`} className="field-hint">
              {errors.referenceDate ? <span className="field-error">{errors.referenceDate}</span> : 'The last day the arrests cover.'}
            </span>
          </div>
          <div className="field">
            <label htmlFor={monthsId}>Window (months)</label>
            <input id={monthsId} type="text" inputMode="numeric" className="input-number" value={draft.windowMonths} onChange={(e) => onChange({ ...draft, windowMonths: e.target.value })} aria-invalid={errors.windowMonths ? true : undefined} aria-describedby={`${monthsId}-hint`} />
            <span id={`${monthsId}-hint`} className="field-hint">{errors.windowMonths ? <span className="field-error">{errors.windowMonths}</span> : 'Seed: 24.'}</span>
          </div>
        </div>
        <fieldset className="reduction-group">
          <legend>Fall in offending after joining IOM</legend>
          <RangeInputs value={draft.reduction} onChange={(reduction) => onChange({ ...draft, reduction })} errors={errors} path="reduction" label="Reduction" unit=" (%)" />
          <p className="field-hint">Seed: 36% (004, convictions 12 months before vs 6 after); 43% later evidence (003). Leave low and high blank for a single figure.</p>
          <div className="field">
            <label htmlFor={sourceId}>Source of the rate</label>
            <textarea id={sourceId} rows={3} className="wrapping-line" value={draft.reductionSource} onChange={(e) => onChange({ ...draft, reductionSource: oneLine(e.target.value) })} onKeyDown={refuseNewLine} placeholder="Where the rate comes from (printed with the table and in the report)" data-testid="reduction-source" />
          </div>
        </fieldset>
      </fieldset>

      <fieldset className="crime-types">
        <legend>Crime types</legend>
        {errors.crimeTypes ? <p className="field-error">{errors.crimeTypes}</p> : null}
        <DataTable columns={['Crime type', 'Offences per arrest', 'Borough offences a year', 'Unit cost (£)', { label: 'Remove', hiddenLabel: true }]} className="crime-type-table" scroll>
          {draft.crimeTypes.map((c, index) => {
            const base = `crimeTypes.${c.id}`;
            const setting = costOf(c.id);
            return (
              <tr key={c.id}>
                <th scope="row">{c.label}</th>
                <td>
                  <span className="allegation-inputs">
                    <DraftInput label={`Offences per arrest, ${c.label}`} value={c.allegations.central} onChange={(central) => setCrimeType(index, { ...c, allegations: { ...c.allegations, central } })} error={errors[`${base}.allegations.central`]} />
                    <span className="range-hint" aria-hidden="true">
                      range
                    </span>
                    <DraftInput label={`Offences per arrest, ${c.label}, low (optional)`} className="input-number input-small" value={c.allegations.low} onChange={(low) => setCrimeType(index, { ...c, allegations: { ...c.allegations, low } })} error={errors[`${base}.allegations.low`]} />
                    <span aria-hidden="true">–</span>
                    <DraftInput label={`Offences per arrest, ${c.label}, high (optional)`} className="input-number input-small" value={c.allegations.high} onChange={(high) => setCrimeType(index, { ...c, allegations: { ...c.allegations, high } })} error={errors[`${base}.allegations.high`]} />
                  </span>
                </td>
                <td>
                  <DraftInput label={`Borough offences a year, ${c.label}`} value={c.borough} onChange={(borough) => setCrimeType(index, { ...c, borough })} error={errors[`${base}.borough`]} />
                </td>
                <td>
                  <DraftInput label={`Unit cost in pounds, ${c.label}`} value={c.unitCost} onChange={(unitCost) => setCrimeType(index, { ...c, unitCost })} error={errors[`${base}.unitCost`]} />
                  {setting && setting.unitCost !== null && c.unitCost !== '' && Math.abs(Number(c.unitCost.replace(/[,£\s]/g, '')) - setting.unitCost) > 0.005 ? (
                    <span className="field-hint cost-differs">Settings: {formatMoney(setting.unitCost)}</span>
                  ) : null}
                </td>
                <td>
                  <button type="button" className="link-button" onClick={() => onChange({ ...draft, crimeTypes: draft.crimeTypes.filter((_, i) => i !== index) })} aria-label={`Remove ${c.label}`}>
                    Remove
                  </button>
                </td>
              </tr>
            );
          })}
        </DataTable>
        <div className="crime-type-actions">
          {unused.length > 0 ? (
            <span className="add-crime-type">
              <label htmlFor={addId}>Add crime type</label>
              <select id={addId} value={chosen} onChange={(e) => setToAdd(e.target.value as ProjectionCrimeTypeId)}>
                <Options values={unused} label={CRIME_TYPE_LABELS} />
              </select>
              <button type="button" className="button secondary small" onClick={add}>
                Add
              </button>
            </span>
          ) : null}
          <button type="button" className="button secondary small" onClick={applySettingsCosts} disabled={unitCosts.length === 0}>
            Use unit costs from Settings
          </button>
        </div>
      </fieldset>
    </div>
  );
}
