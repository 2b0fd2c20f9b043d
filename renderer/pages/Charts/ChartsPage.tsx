import { useEffect, useId, useMemo, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import type { SavedScenario } from '../../../shared/analysis/scenarioSchemas';
import { addMonthsToMonth, DEFAULT_SMOOTHING_ALPHA } from '../../../shared/analysis/arrestTrend';
import { isIsoDate } from '../../../shared/domain/isoDate';
import { describeWindow } from '../../../shared/domain/analysisModel';
import { SETTING_DEFAULTS } from '../../../shared/analysis/settingsSchemas';
import { useAsync } from '../../components/charts/useAsync';
import '../../components/charts/chartSetup';
import { FlagsFilter } from '../Projection/PopulationPicker';
import { EMPTY_FLAGS_FILTER, describeFlagsFilter, filterOfFlags, type FlagsFilterValue } from '../Projection/population';
import { ConcentrationCharts } from './ConcentrationCharts';
import { CrimeTypeChart, countingScenario } from './CrimeTypeChart';
import { OverlapChart } from './OverlapChart';
import { CompositionCharts } from './CompositionCharts';
import { ProjectionRangeChart, type RangeFigure } from './ProjectionRangeChart';
import { TrendChart, type TrendSettings } from './TrendChart';
import { DateField } from '../../components/DateField';

type People = 'longList' | 'all';

const PEOPLE_LABELS: Record<People, string> = { longList: 'the Potential Candidate List', all: 'everyone in the workspace' };

/** Seed 004: "as a rough guide the ratio of crime allegations to arrests … approximately 5 to 1", "around 48,000 offences" in two years. */
const SEED_ALLEGATIONS = '5';
const SEED_BOROUGH_OFFENCES_TWO_YEARS = '48000';

function positive(text: string): number | null {
  const value = Number(text.replace(/[,\s]/g, ''));
  return text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : null;
}

function trendDefaults(referenceDate: string, windowMonths: number): TrendSettings {
  const toMonth = referenceDate.slice(0, 7);
  const fromMonth = addMonthsToMonth(toMonth, -(windowMonths - 1));
  return { cohort: 'shortlist', comparison: 'longList', fromMonth, toMonth, baseMonth: fromMonth, alpha: DEFAULT_SMOOTHING_ALPHA, crimeType: 'all', showMonthly: false };
}

/** The charts of the exercise over one window, each with PNG and CSV export and a text summary. */
export function ChartsPage() {
  const ids = { date: useId(), months: useId(), people: useId(), allegations: useId(), borough: useId() };
  const [scenarios, setScenarios] = useState<SavedScenario[]>([]);
  const [marking, setMarking] = useState(SETTING_DEFAULTS.protectiveMarking);
  const [referenceDate, setReferenceDate] = useState('');
  const [monthsText, setMonthsText] = useState('');
  const [people, setPeople] = useState<People>('longList');
  const [allegationsText, setAllegationsText] = useState(SEED_ALLEGATIONS);
  const [boroughText, setBoroughText] = useState(SEED_BOROUGH_OFFENCES_TWO_YEARS);
  const [flags, setFlags] = useState<FlagsFilterValue>(EMPTY_FLAGS_FILTER);
  const [rangeScenarioId, setRangeScenarioId] = useState<number | null>(null);
  const [rangeFigure, setRangeFigure] = useState<RangeFigure>('reductionPerYear');
  const [trend, setTrend] = useState<TrendSettings | null>(null);
  const [setupError, setSetupError] = useState<string | null>(null);

  // The window starts as the most recently changed scenario's, so the charts match the projection.
  useEffect(() => {
    let live = true;
    call('scenarios.list', {}).then(
      (list) => {
        if (!live) return;
        setScenarios(list.scenarios);
        const latest = list.scenarios[0];
        const date = latest?.scenario.referenceDate ?? '2013-10-31';
        const months = latest?.scenario.windowMonths ?? 24;
        setReferenceDate(date);
        setMonthsText(String(months));
        setRangeScenarioId(latest?.id ?? null);
        setTrend(trendDefaults(date, months));
      },
      (e: unknown) => live && setSetupError(errorMessage(e)),
    );
    call('settings.get', {}).then(
      (snapshot) => live && setMarking(snapshot.values.protectiveMarking),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  const monthsValue = Number(monthsText);
  const windowValid = isIsoDate(referenceDate) && Number.isInteger(monthsValue) && monthsValue >= 1 && monthsValue <= 240;
  const allegations = positive(allegationsText);
  const borough = boroughText.trim() === '' ? null : positive(boroughText);
  const boroughInvalid = boroughText.trim() !== '' && borough === null;
  const chartWindow = useMemo(() => (windowValid ? { referenceDate, windowMonths: monthsValue } : null), [windowValid, referenceDate, monthsValue]);
  const windowText = chartWindow ? describeWindow(chartWindow) : '';
  const fileDate = referenceDate;
  const flagsActive = flags.anyOf.length > 0 || flags.minArrests.trim() !== '';

  const concentrationInput = chartWindow && allegations !== null && !boroughInvalid ? { ...chartWindow, allegationsPerArrest: allegations, boroughOffences: borough, topN: [10, 20, 100, 200], population: people } : null;
  const concentration = useAsync(concentrationInput ? JSON.stringify(concentrationInput) : null, () => call('analysis.concentration', concentrationInput!));
  const crimeTypes = useAsync(chartWindow ? JSON.stringify({ chartWindow, people }) : null, () => call('analysis.project', { scenario: countingScenario(chartWindow!.referenceDate, chartWindow!.windowMonths), population: { kind: people } }));
  const overlaps = useAsync(chartWindow ? JSON.stringify(chartWindow) : null, () => call('analysis.filter', { filter: { ...chartWindow! } }));
  const equalitiesFilter = chartWindow && flagsActive ? filterOfFlags(flags, chartWindow) : null;
  const equalities = useAsync(chartWindow ? JSON.stringify({ chartWindow, equalitiesFilter }) : null, () => call('analysis.equalities', { referenceDate: chartWindow!.referenceDate, filter: equalitiesFilter }));
  const rangeScenario = scenarios.find((s) => s.id === rangeScenarioId) ?? null;
  const ranges = useAsync(rangeScenario ? JSON.stringify({ id: rangeScenario.id, updated: rangeScenario.updatedAt }) : null, () => call('analysis.project', { scenario: rangeScenario!.scenario, population: { kind: 'longList' } }));
  const trendRequest = trend && trend.fromMonth <= trend.toMonth && trend.baseMonth >= trend.fromMonth && trend.baseMonth <= trend.toMonth ? trend : null;
  const trendState = useAsync(trendRequest ? JSON.stringify({ ...trendRequest, showMonthly: false }) : null, () => {
    const { showMonthly: _shown, ...request } = trendRequest!;
    return call('analysis.monthlyTrend', request);
  });

  function onTrend(next: TrendSettings) {
    // Moving the months keeps the base month inside them, so the request stays valid.
    const baseMonth = next.baseMonth < next.fromMonth || next.baseMonth > next.toMonth ? next.fromMonth : next.baseMonth;
    setTrend({ ...next, baseMonth });
  }

  return (
    <div className="page charts-page">
      <header className="page-header">
        <h1>Charts</h1>
        <p className="muted">The exercise’s charts over one window. Each can be saved as a picture or as its numbers, with the protective marking ({marking}) in the file name.</p>
      </header>
      {setupError ? (
        <p className="notice notice-error" role="alert">
          {setupError}
        </p>
      ) : null}

      <section className="panel charts-settings" aria-labelledby="charts-settings-title">
        <h2 id="charts-settings-title">Window and people</h2>
        <div className="charts-settings-row">
          <div className="field">
            <label htmlFor={ids.date}>Reference date</label>
            <DateField id={ids.date} value={referenceDate} onChange={setReferenceDate} />
          </div>
          <div className="field">
            <label htmlFor={ids.months}>Window (months)</label>
            <input id={ids.months} type="text" inputMode="numeric" className="input-number" value={monthsText} onChange={(e) => setMonthsText(e.target.value)} aria-invalid={!windowValid || undefined} />
          </div>
          <div className="field">
            <label htmlFor={ids.people}>People</label>
            <select id={ids.people} value={people} onChange={(e) => setPeople(e.target.value as People)} aria-describedby={`${ids.people}-hint`}>
              <option value="longList">Potential Candidate List</option>
              <option value="all">Everyone in the workspace</option>
            </select>
            <span id={`${ids.people}-hint`} className="field-hint">
              For concentration and crime types.
            </span>
          </div>
          <div className="field">
            <label htmlFor={ids.allegations}>Offences per arrest</label>
            <input id={ids.allegations} type="text" inputMode="decimal" className="input-number" value={allegationsText} onChange={(e) => setAllegationsText(e.target.value)} aria-invalid={allegations === null || undefined} aria-describedby={`${ids.allegations}-hint`} />
            <span id={`${ids.allegations}-hint`} className="field-hint">
              Seed: about 5.
            </span>
          </div>
          <div className="field">
            <label htmlFor={ids.borough}>Borough offences in the window</label>
            <input id={ids.borough} type="text" inputMode="numeric" className="input-number wide" value={boroughText} onChange={(e) => setBoroughText(e.target.value)} aria-invalid={boroughInvalid || undefined} aria-describedby={`${ids.borough}-hint`} />
            <span id={`${ids.borough}-hint`} className="field-hint">
              Seed: about 48,000 in 2 years. Blank for none.
            </span>
          </div>
        </div>
        {!windowValid ? <p className="field-error">Enter a reference date and a chartWindow of 1 to 240 whole months.</p> : null}
        <details className="filter-details">
          <summary>Filter for the “Filtered” population in the gender and age charts: {describeFlagsFilter(flags)}</summary>
          <FlagsFilter value={flags} onChange={setFlags} />
        </details>
      </section>

      <div className="chart-grid">
        <ConcentrationCharts state={concentration} context={{ marking, windowText, fileDate, peopleLabel: PEOPLE_LABELS[people] }} />
        <CrimeTypeChart state={crimeTypes} marking={marking} peopleLabel={PEOPLE_LABELS[people]} windowText={windowText} fileDate={fileDate} />
        <OverlapChart state={overlaps} marking={marking} fileDate={fileDate} />
        <CompositionCharts state={equalities} marking={marking} filterText={describeFlagsFilter(flags)} filterActive={flagsActive} fileDate={fileDate} />
        <ProjectionRangeChart
          state={rangeScenario ? ranges : { status: 'error', message: 'No saved scenario to chart.' }}
          marking={marking}
          scenarios={scenarios}
          scenarioId={rangeScenarioId}
          onScenario={setRangeScenarioId}
          figure={rangeFigure}
          onFigure={setRangeFigure}
          peopleLabel="the Potential Candidate List"
          fileDate={fileDate}
        />
        {trend ? <TrendChart state={trendState} settings={trend} onSettings={onTrend} marking={marking} /> : null}
      </div>
    </div>
  );
}
