import { useEffect, useId, useMemo, useState } from 'react';
import type { SettingsSnapshot } from '../../../shared/analysis/settingsSchemas';
import { DEFAULT_UNIT_COSTS, type UnitCost, type UnitCostBasis } from '../../../shared/analysis/costsOfCrime';
import { CRIME_TYPE_LABELS } from '../../../shared/domain/crimeTypes';
import { DEFLATOR_YEARS, effectiveUnitCosts, priceYearLabel, UnitCostSettingsSchema, type UnitCostSettings } from '../../../shared/analysis/unitCostSettings';
import { formatMoney } from '../../../shared/domain/numberFormat';
import { WorkingFigure } from '../../components/charts/WorkingFigure';
import { SettingFormSection } from './SettingsSection';
import { useSectionSave } from './settingsSave';
import { DataTable } from '../../components/DataTable';
import { Options } from '../../components/Options';

const BASIS_LABELS: Record<UnitCostBasis, string> = {
  as_published: 'As published',
  mapping: 'Mapped from published figures',
  approximate: 'Approximate: verify',
  no_figure: 'No published figure',
};

interface Row {
  cost: string;
  year: string;
}

function rowsOf(settings: UnitCostSettings): Row[] {
  return settings.costs.map((c) => ({ cost: c.unitCost === null ? '' : String(Number(c.unitCost.toPrecision(12))), year: String(c.priceYear) }));
}

/**
 * £ per offence by crime type, with where each figure comes from, its price year, and an optional
 * uplift of every figure to one year's prices (with the factor shown).
 */
export function UnitCostsSection({ snapshot, onSnapshot }: { snapshot: SettingsSnapshot; onSnapshot(next: SettingsSnapshot): void }) {
  const upliftId = useId();
  const stored = snapshot.values.unitCosts;
  const [rows, setRows] = useState<Row[]>(() => rowsOf(stored));
  const [uplift, setUplift] = useState<number | null>(stored.upliftToYear);
  useEffect(() => {
    setRows(rowsOf(stored));
    setUplift(stored.upliftToYear);
  }, [stored]);
  const saving = useSectionSave(onSnapshot);

  const draft = useMemo(() => {
    const costs: UnitCost[] = stored.costs.map((entry, i) => {
      const row = rows[i]!;
      const cost = row.cost.replace(/[,£\s]/g, '');
      return { ...entry, unitCost: cost === '' ? null : Number(cost), priceYear: Number(row.year) };
    });
    return UnitCostSettingsSchema.safeParse({ costs, upliftToYear: uplift });
  }, [rows, uplift, stored]);
  const rowProblems = rows.map((row) => {
    const cost = row.cost.replace(/[,£\s]/g, '');
    if (cost !== '' && !(Number.isFinite(Number(cost)) && Number(cost) >= 0)) return 'A cost of £0 or more, or blank.';
    if (!/^\d{4}$/.test(row.year)) return 'A four-digit price year.';
    return null;
  });
  const effective = draft.success ? effectiveUnitCosts(draft.data) : null;
  const changed = draft.success && JSON.stringify(draft.data) !== JSON.stringify(stored);
  const formProblem = !draft.success && rowProblems.every((p) => p === null) ? (draft.error.issues[0]?.message ?? 'Not valid.') : null;

  return (
    <SettingFormSection id="settings-unit-costs" title="Unit costs of crime" setting="unitCosts" snapshot={snapshot} saving={saving}
      intro="£ per offence used for “cost of crime avoided”. Defaults are the Home Office’s Economic and social costs of crime (2018), 2015/16 prices; each says how it relates to the published table. New crime types in a projection take these figures."
      update={draft.success ? { key: 'unitCosts', value: draft.data } : null}
    >
      <div className="field uplift-field">
        <label htmlFor={upliftId}>Prices</label>
        <select id={upliftId} value={uplift ?? ''} onChange={(e) => setUplift(e.target.value === '' ? null : Number(e.target.value))} aria-describedby={`${upliftId}-hint`}>
          <option value="">Keep each cost in its own price year</option>
          <Options values={DEFLATOR_YEARS} label={(year) => `Uplift to ${priceYearLabel(year)} prices`} />
        </select>
        <span id={`${upliftId}-hint`} className="field-hint">
          Uplift uses an approximate GDP deflator (2015/16 = 100); use HM Treasury’s current series where precision matters.
        </span>
      </div>
      <DataTable columns={['Crime type', 'Unit cost (£)', 'Price year', 'Basis', { label: 'Used in projections', numeric: true }, 'Source']} caption="Unit costs of crime by crime type" className="unit-cost-table" scroll>
        {stored.costs.map((entry, i) => {
          const row = rows[i]!;
          const label = CRIME_TYPE_LABELS[entry.crimeType];
          const original = DEFAULT_UNIT_COSTS.find((d) => d.crimeType === entry.crimeType);
          const edited = draft.success && original !== undefined && original.unitCost !== draft.data.costs[i]!.unitCost;
          const used = effective?.[i];
          return (
            <tr key={entry.crimeType}>
              <th scope="row">{label}</th>
              <td>
                <input type="text" inputMode="decimal" className="input-number" aria-label={`Unit cost in pounds, ${label}`} value={row.cost} onChange={(e) => setRows(rows.map((r, k) => (k === i ? { ...r, cost: e.target.value } : r)))} aria-invalid={rowProblems[i] ? true : undefined} />
                {rowProblems[i] ? <span className="field-error">{rowProblems[i]}</span> : null}
                {edited && original ? <span className="field-hint">Default {original.unitCost === null ? 'none' : formatMoney(original.unitCost)}</span> : null}
              </td>
              <td>
                <input type="text" inputMode="numeric" className="input-number input-small" aria-label={`Price year, ${label} (the year the financial year ends)`} value={row.year} onChange={(e) => setRows(rows.map((r, k) => (k === i ? { ...r, year: e.target.value } : r)))} />
                <span className="field-hint">{/^\d{4}$/.test(row.year) ? priceYearLabel(Number(row.year)) : ''}</span>
              </td>
              <td>
                <span className={`pill basis-${entry.basis}`}>{BASIS_LABELS[entry.basis]}</span>
              </td>
              <td className="num">{used && used.unitCost !== null ? <WorkingFigure working={used.working}>{formatMoney(used.unitCost)}</WorkingFigure> : <span className="muted">—</span>}</td>
              <td className="source-cell">
                <details>
                  <summary>{entry.note.length > 60 ? `${entry.note.slice(0, 57)}…` : entry.note}</summary>
                  <p>{entry.note}</p>
                  <p className="muted">{entry.source}</p>
                </details>
              </td>
            </tr>
          );
        })}
      </DataTable>
      {formProblem ? <p className="field-error">{formProblem}</p> : null}
      <div className="form-actions start">
        <button type="submit" className="button primary" disabled={saving.busy || !draft.success || !changed}>
          Save unit costs
        </button>
        <button type="button" className="button secondary" disabled={saving.busy || !snapshot.customised.includes('unitCosts')} onClick={() => void saving.reset('unitCosts')}>
          Put back the Home Office defaults
        </button>
      </div>
    </SettingFormSection>
  );
}
