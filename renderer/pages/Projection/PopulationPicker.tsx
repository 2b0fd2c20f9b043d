import { useId } from 'react';
import { FLAG_LABELS, FLAG_NAMES, FLAG_SHORT_LABELS, type FlagName } from '../../../shared/domain/flags';
import { POPULATION_LABELS, type FlagsFilterValue, type PopulationChoice } from './population';
import type { PopulationChoiceState } from './usePopulationChoice';

/** Tick boxes for the agency lists and a minimum arrest count: the simple in-page filter. */
export function FlagsFilter({ value, onChange, legend = 'People on any of these lists' }: { value: FlagsFilterValue; onChange(value: FlagsFilterValue): void; legend?: string }) {
  const minId = useId();
  const toggle = (flag: FlagName, on: boolean) => onChange({ ...value, anyOf: on ? FLAG_NAMES.filter((f) => f === flag || value.anyOf.includes(f)) : value.anyOf.filter((f) => f !== flag) });
  const minInvalid = value.minArrests.trim() !== '' && !/^\d+$/.test(value.minArrests.trim());
  return (
    <div className="flags-filter">
      <fieldset className="flag-boxes">
        <legend>{legend}</legend>
        {FLAG_NAMES.map((flag) => (
          <label key={flag} className="checkbox" title={FLAG_LABELS[flag]}>
            <input type="checkbox" checked={value.anyOf.includes(flag)} onChange={(e) => toggle(flag, e.target.checked)} />
            {FLAG_SHORT_LABELS[flag]}
          </label>
        ))}
      </fieldset>
      <div className="field compact-field">
        <label htmlFor={minId}>At least this many arrests in the window</label>
        <input id={minId} type="text" inputMode="numeric" className="input-narrow" value={value.minArrests} onChange={(e) => onChange({ ...value, minArrests: e.target.value })} aria-invalid={minInvalid || undefined} />
        {minInvalid ? <span className="field-error">A whole number, or blank.</span> : null}
      </div>
    </div>
  );
}

/** Which people the projection is about. */
export function PopulationPicker({ people }: { people: PopulationChoiceState }) {
  const { choice, setChoice, flags, setFlags, routeFilter, clearRouteFilter, tranches, trancheMonth, setTrancheMonth } = people;
  const name = useId();
  const trancheId = useId();
  return (
    <div className="population-picker">
      <fieldset className="radio-row">
        <legend>People</legend>
        {(Object.keys(POPULATION_LABELS) as PopulationChoice[]).map((option) => (
          <label key={option} className="radio">
            <input type="radio" name={name} value={option} checked={choice === option} onChange={() => setChoice(option)} />
            {option === 'filter' && routeFilter ? 'Filter from the link' : POPULATION_LABELS[option]}
          </label>
        ))}
      </fieldset>
      {choice === 'tranche' ? (
        tranches.length === 0 ? (
          <p className="notice notice-info">No intake plan yet: it is made from the panel’s accepted cohort (Intake plan).</p>
        ) : (
          <div className="field compact-field">
            <label htmlFor={trancheId}>Tranche starting</label>
            <select id={trancheId} value={trancheMonth ?? ''} onChange={(e) => setTrancheMonth(e.target.value)}>
              {trancheMonth === null ? <option value="">Choose a month</option> : null}
              {tranches.map((t) => (
                <option key={t.month} value={t.month}>
                  {t.label} ({t.starts} {t.starts === 1 ? 'person' : 'people'})
                </option>
              ))}
            </select>
          </div>
        )
      ) : null}
      {choice === 'filter' ? (
        routeFilter ? (
          <p className="notice notice-info route-filter">
            Using the filter passed in the link (window to {routeFilter.referenceDate}, {routeFilter.windowMonths} months).{' '}
            <button type="button" className="link-button" onClick={clearRouteFilter}>
              Use the list filter here instead
            </button>
          </p>
        ) : (
          <FlagsFilter value={flags} onChange={setFlags} />
        )
      ) : null}
    </div>
  );
}
