import { useEffect, useId, useState, type ReactNode } from 'react';
import { CUSTODY_VALUES, GENDER_FILTER_VALUES, type Filter } from '../../../shared/shortlist/filterModel';
import { FLAG_LABELS, FLAG_NAMES, type FlagName } from '../../../shared/domain/flags';
import { CRIME_TYPE_IDS, CRIME_TYPE_LABELS } from '../../../shared/domain/crimeTypes';
import { isIsoDate } from '../../../shared/domain/isoDate';
import { CUSTODY_LABELS, GENDER_LABELS } from './candidateLabels';
import { formatCount } from '../../../shared/domain/numberFormat';
import { DateField } from '../../components/DateField';
import { Options } from '../../components/Options';
import { FieldProblem, problemLink } from '../../components/FieldProblem';

/** What the filter asks of one agency list, in the order the picker offers them. */
const FLAG_MODE_LABELS = {
  ignore: 'Either way',
  any: 'Any of these',
  all: 'Must be on',
  none: 'Must not be on',
} as const;
type FlagMode = keyof typeof FLAG_MODE_LABELS;

function modeOf(filter: Filter, flag: FlagName): FlagMode {
  if (filter.flags.all.includes(flag)) return 'all';
  if (filter.flags.none.includes(flag)) return 'none';
  if (filter.flags.any.includes(flag)) return 'any';
  return 'ignore';
}

function withMode(filter: Filter, flag: FlagName, mode: FlagMode): Filter {
  const drop = (list: FlagName[]) => list.filter((f) => f !== flag);
  const flags = { any: drop(filter.flags.any), all: drop(filter.flags.all), none: drop(filter.flags.none) };
  if (mode !== 'ignore') flags[mode] = [...flags[mode], flag];
  return { ...filter, flags };
}

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? (list.includes(value) ? [...list] : [...list, value]) : list.filter((v) => v !== value);
}

interface FilterPanelProps {
  id: string;
  filter: Filter;
  onChange(filter: Filter): void;
  boroughs: ReadonlyArray<{ name: string; count: number }>;
  onClear(): void;
  criteria: number;
}

/**
 * Every criterion of the filter model (shared/shortlist/filterModel.ts) as plain form controls, grouped as an
 * analyst thinks of them. Each change is applied at once; the counts and the table follow.
 */
export function FilterPanel({ id, filter, onChange, boroughs, onClear, criteria }: FilterPanelProps) {
  const recent = filter.recentArrests;
  // The months are kept while no minimum is set, so typing the months first and the minimum second works.
  const [recentMonths, setRecentMonths] = useState(recent?.months ?? 10);
  useEffect(() => {
    if (recent) setRecentMonths(recent.months);
  }, [recent]);
  return (
    <aside id={id} className="cand-filters" aria-label="Filters">
      <div className="cand-filters-head">
        <h2>Filters</h2>
        <button type="button" className="link-button" onClick={onClear} disabled={criteria === 0}>
          Clear all
        </button>
      </div>

      <FilterGroup legend="Counting window">
        <FilterDateField label="Reference date" value={filter.referenceDate} onCommit={(referenceDate) => onChange({ ...filter, referenceDate })} />
        <NumberField label="Months counted" value={filter.windowMonths} min={1} max={120} required onCommit={(v) => v !== null && onChange({ ...filter, windowMonths: v })} />
      </FilterGroup>

      <FilterGroup legend="Agency lists" hint="“Any of these” keeps people on at least one list so marked.">
        <div className="flag-modes">
          {FLAG_NAMES.map((flag) => (
            <FlagModeSelect key={flag} flag={flag} mode={modeOf(filter, flag)} onChange={(mode) => onChange(withMode(filter, flag, mode))} />
          ))}
        </div>
      </FilterGroup>

      <FilterGroup legend="Arrests">
        <p className="filter-subhead">In the counting window</p>
        <div className="field-pair">
          <NumberField context="Arrests in the window," label="At least" value={filter.arrests.min} min={0} onCommit={(min) => onChange({ ...filter, arrests: { ...filter.arrests, min } })} />
          <NumberField context="Arrests in the window," label="At most" value={filter.arrests.max} min={0} onCommit={(max) => onChange({ ...filter, arrests: { ...filter.arrests, max } })} />
        </div>
        <p className="filter-subhead">Recently</p>
        <div className="field-pair">
          <NumberField
            context="Recent arrests:"
            label="Last months"
            value={recent?.months ?? recentMonths}
            min={1}
            max={120}
            required
            onCommit={(months) => {
              if (months === null) return;
              setRecentMonths(months);
              if (recent) onChange({ ...filter, recentArrests: { ...recent, months } });
            }}
          />
          <NumberField
            context="Recent arrests,"
            label="At least"
            value={recent?.min ?? null}
            min={0}
            onCommit={(min) => onChange({ ...filter, recentArrests: min === null ? null : { months: recentMonths, min, max: null } })}
          />
        </div>
      </FilterGroup>

      <ChoicesFilter legend="Offence types" hint="At least one arrest of a ticked type in the window." field="crimeTypes" options={CRIME_TYPE_IDS.map((t) => ({ value: t, label: CRIME_TYPE_LABELS[t] }))} filter={filter} onChange={onChange} />

      <FilterGroup legend="Age on the reference date">
        <div className="field-pair">
          <NumberField context="Age" label="From" value={filter.age.min} min={0} max={120} onCommit={(min) => onChange({ ...filter, age: { ...filter.age, min } })} />
          <NumberField context="Age" label="To" value={filter.age.max} min={0} max={120} onCommit={(max) => onChange({ ...filter, age: { ...filter.age, max } })} />
        </div>
      </FilterGroup>

      <ChoicesFilter legend="Gender" field="genders" options={GENDER_FILTER_VALUES.map((g) => ({ value: g, label: GENDER_LABELS[g] }))} filter={filter} onChange={onChange} />

      <ChoicesFilter legend="Borough" scroll field="boroughs" options={[...boroughs.map((b) => ({ value: b.name, label: b.name, count: b.count })), { value: 'unknown', label: 'Not recorded' }]} filter={filter} onChange={onChange} />

      <ChoicesFilter legend="Custody (PINS)" field="custody" options={CUSTODY_VALUES.map((c) => ({ value: c, label: CUSTODY_LABELS[c] }))} filter={filter} onChange={onChange} />

      <FilterGroup legend="OGRS">
        <NumberField label="Score at least" value={filter.ogrsMin} min={0} max={100} step="any" onCommit={(ogrsMin) => onChange({ ...filter, ogrsMin })} />
      </FilterGroup>
    </aside>
  );
}

function FilterGroup({ legend, hint, children }: { legend: string; hint?: string; children: ReactNode }) {
  const hintId = useId();
  return (
    <fieldset className="filter-group" aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children}
    </fieldset>
  );
}

function FlagModeSelect({ flag, mode, onChange }: { flag: FlagName; mode: FlagMode; onChange(mode: FlagMode): void }) {
  const id = useId();
  return (
    <div className={`flag-mode${mode !== 'ignore' ? ' flag-mode-set' : ''}`}>
      <label htmlFor={id}>{FLAG_LABELS[flag]}</label>
      <select id={id} value={mode} onChange={(e) => onChange(e.target.value as FlagMode)}>
        <Options values={Object.keys(FLAG_MODE_LABELS) as FlagMode[]} label={FLAG_MODE_LABELS} />
      </select>
    </div>
  );
}

/** The filter's lists of ticked values: ticking adds the value, unticking takes it out. */
type ChoicesField = 'crimeTypes' | 'genders' | 'boroughs' | 'custody';

function ChoicesFilter<F extends ChoicesField>({ legend, hint, field, options, filter, onChange, scroll = false }: { legend: string; hint?: string; field: F; options: ReadonlyArray<{ value: Filter[F][number]; label: string; count?: number }>; filter: Filter; onChange(filter: Filter): void; scroll?: boolean }) {
  const selected: ReadonlyArray<Filter[F][number]> = filter[field];
  return (
    <FilterGroup legend={legend} hint={hint}>
      <ul className={`checkbox-list${scroll ? ' checkbox-list-scroll' : ''}`}>
        {options.map((o) => (
          <li key={o.value}>
            <label className="checkbox">
              <input type="checkbox" checked={selected.includes(o.value)} onChange={(e) => onChange({ ...filter, [field]: toggle(selected, o.value, e.target.checked) })} />
              <span>{o.label}</span>
              {o.count !== undefined ? <span className="checkbox-count muted">{formatCount(o.count)}</span> : null}
            </label>
          </li>
        ))}
      </ul>
    </FilterGroup>
  );
}

/**
 * A whole-number (or decimal) field that applies its value as soon as it is a valid number and
 * says what is wrong otherwise; an empty field means "no limit" unless the value is required.
 */
function NumberField({ label, context, value, onCommit, min, max, step = '1', required = false }: { label: string; context?: string; value: number | null; onCommit(value: number | null): void; min?: number; max?: number; step?: string; required?: boolean }) {
  const id = useId();
  const [text, setText] = useState(value === null ? '' : String(value));
  const [problem, setProblem] = useState<string | null>(null);

  // A preset or "Clear all" changes the value from outside: show it.
  useEffect(() => {
    setText((current) => (Number(current) === value && current.trim() !== '' ? current : value === null ? '' : String(value)));
    setProblem(null);
  }, [value]);

  function change(next: string) {
    setText(next);
    const trimmed = next.trim();
    if (trimmed === '') {
      if (required) {
        setProblem('Enter a number');
        return;
      }
      setProblem(null);
      onCommit(null);
      return;
    }
    const n = Number(trimmed);
    const whole = step === '1';
    if (!Number.isFinite(n) || (whole && !Number.isInteger(n))) return setProblem(whole ? 'Enter a whole number' : 'Enter a number');
    if (min !== undefined && n < min) return setProblem(`At least ${min}`);
    if (max !== undefined && n > max) return setProblem(`At most ${max}`);
    setProblem(null);
    onCommit(n);
  }

  return (
    <div className="filter-field">
      <label htmlFor={id}>
        {context ? <span className="visually-hidden">{context} </span> : null}
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode={step === '1' ? 'numeric' : 'decimal'}
        value={text}
        min={min}
        max={max}
        step={step}
        {...problemLink(`${id}-problem`, problem)}
        onChange={(e) => change(e.target.value)}
      />
      <FieldProblem id={`${id}-problem`} problem={problem} />
    </div>
  );
}

function FilterDateField({ label, value, onCommit }: { label: string; value: string; onCommit(value: string): void }) {
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <div className="filter-field">
      <label htmlFor={id}>{label}</label>
      <DateField
        id={id}
        value={text}
        aria-invalid={!isIsoDate(text) ? true : undefined}
        onChange={(next) => {
          setText(next);
          if (isIsoDate(next)) onCommit(next);
        }}
      />
    </div>
  );
}
