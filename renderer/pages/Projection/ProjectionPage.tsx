import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import type { SavedScenario } from '../../../shared/analysis/scenarioSchemas';
import { SCENARIO_PRESETS } from '../../../shared/analysis/projection';
import { effectiveUnitCosts, type EffectiveUnitCost } from '../../../shared/analysis/unitCostSettings';
import { useActions } from '../../components/useSubmit';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useLeaveGuard } from '../../components/leaveGuard';
import { LoadingState } from '../../components/LoadingState';
import { useStableByContent } from '../../components/useStableByContent';
import { draftFromScenario, sameDraft, scenarioFromDraft, type ScenarioDraft } from './scenarioDraft';
import { ScenarioEditor } from './ScenarioEditor';
import { ProjectionTable, type ProjectionView } from './ProjectionTable';
import { ScenarioComparison } from './ScenarioComparison';
import { PopulationPicker } from './PopulationPicker';
import { CalibrationPanel } from './CalibrationPanel';
import { GroupRatesEditor } from './GroupRatesEditor';
import { AttributionPanel } from './AttributionPanel';
import { populationInput } from './population';
import { usePopulationChoice } from './usePopulationChoice';

/** Typing pauses this long before the projection is recomputed, so each keystroke does not cost a call. */
const PROJECT_DELAY_MS = 250;

/**
 * The projection studio: choose the people, set the scenario's assumptions, read the seed-style
 * table with every figure's working, keep scenarios in the workspace and compare them.
 */
export function ProjectionPage() {
  const [saved, setSaved] = useState<SavedScenario[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [currentId, setCurrentId] = useState<number | null>(null);
  const [draft, setDraft] = useState<ScenarioDraft | null>(null);
  const [savedDraft, setSavedDraft] = useState<ScenarioDraft | null>(null);
  const [pendingOpen, setPendingOpen] = useState<number | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { busy, error: saveError, run: write, clearError: clearSaveError } = useActions();
  const [status, setStatus] = useState('');
  const [unitCosts, setUnitCosts] = useState<EffectiveUnitCost[]>([]);
  const people = usePopulationChoice();
  const [result, setResult] = useState<ProjectionView | null>(null);
  const [projectError, setProjectError] = useState<string | null>(null);
  const [projecting, setProjecting] = useState(false);
  const requestSeq = useRef(0);
  const savedSelectId = useId();
  const presetSelectId = useId();
  const [presetId, setPresetId] = useState<(typeof SCENARIO_PRESETS)[number]['id']>('seedTable');

  const open = useCallback((scenario: SavedScenario) => {
    const next = draftFromScenario(scenario.scenario);
    setCurrentId(scenario.id);
    setDraft(next);
    setSavedDraft(next);
    setPendingOpen(null);
    setConfirmDelete(false);
    clearSaveError();
  }, [clearSaveError]);

  const reloadList = useCallback(async (): Promise<SavedScenario[]> => {
    const list = await call('scenarios.list', {});
    setSaved(list.scenarios);
    return list.scenarios;
  }, []);

  useEffect(() => {
    let live = true;
    reloadList().then(
      (list) => {
        if (live && list[0]) open(list[0]);
      },
      (e: unknown) => live && setLoadError(errorMessage(e)),
    );
    // Unit costs from Settings fill new crime types; a failure here only loses that convenience.
    call('settings.get', {}).then(
      (snapshot) => live && setUnitCosts(effectiveUnitCosts(snapshot.values.unitCosts)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [reloadList, open]);

  const parsed = useMemo(() => (draft ? scenarioFromDraft(draft) : null), [draft]);
  const scenario = parsed?.scenario ?? null;
  const errors = parsed?.errors ?? {};
  const referenceDate = scenario?.referenceDate ?? null;
  const windowMonths = scenario?.windowMonths ?? null;
  const population = useMemo(
    () => (referenceDate !== null && windowMonths !== null ? populationInput(people.choice, people.flags, people.routeFilter, { referenceDate, windowMonths }, people.trancheMonth) : null),
    [people.choice, people.flags, people.routeFilter, referenceDate, windowMonths, people.trancheMonth],
  );
  // Compared by content, so a re-render with equal values does not call again.
  const request = useStableByContent(scenario && population ? { scenario, population } : null);

  // Recompute whenever the scenario (once valid) or the people change; older answers are dropped.
  useEffect(() => {
    if (!request) return undefined;
    const seq = ++requestSeq.current;
    setProjecting(true);
    const timer = setTimeout(() => {
      call('analysis.project', request).then(
        (value) => {
          if (seq !== requestSeq.current) return;
          setResult(value);
          setProjectError(null);
          setProjecting(false);
        },
        (e: unknown) => {
          if (seq !== requestSeq.current) return;
          setResult(null);
          setProjectError(errorMessage(e));
          setProjecting(false);
        },
      );
    }, PROJECT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [request]);

  const unsaved = draft !== null && (savedDraft === null || !sameDraft(draft, savedDraft));
  useLeaveGuard(unsaved, `Leave the projection without saving the changes to “${draft?.name || 'this scenario'}”? They will be lost.`);

  if (loadError) return <ErrorNotice message={loadError} title="Could not read the saved scenarios" />;
  if (!saved || !draft) return <LoadingState label="Reading the saved scenarios…" />;

  const dirty = savedDraft === null || !sameDraft(draft, savedDraft);
  const current = saved.find((s) => s.id === currentId) ?? null;

  async function save(asNew: boolean) {
    if (!scenario) return;
    await write(async () => {
      const stored = await call('scenarios.save', { id: asNew ? null : currentId, scenario });
      await reloadList();
      open(stored);
      setStatus(`Saved “${stored.name}”.`);
    });
  }

  async function remove() {
    if (currentId === null) return;
    await write(async () => {
      const name = current?.name ?? 'the scenario';
      await call('scenarios.delete', { id: currentId });
      const list = await reloadList();
      if (list[0]) open(list[0]);
      setStatus(`Deleted “${name}”.`);
    });
    setConfirmDelete(false);
  }

  function chooseSaved(id: number) {
    const target = saved?.find((s) => s.id === id);
    if (!target) return;
    if (dirty) setPendingOpen(id);
    else open(target);
  }

  /** A preset starts a new, unsaved scenario: saved scenarios are never changed by it. */
  function loadPreset() {
    const preset = SCENARIO_PRESETS.find((p) => p.id === presetId);
    if (!preset) return;
    setCurrentId(null);
    setSavedDraft(null);
    setDraft(draftFromScenario(preset.scenario));
    setStatus(`Loaded the preset “${preset.label}” as a new, unsaved scenario.`);
  }

  const pending = pendingOpen === null ? null : (saved.find((s) => s.id === pendingOpen) ?? null);

  return (
    <div className="page projection-page">
      <header className="page-header">
        <h1>Projection</h1>
        <p className="muted">How much crime the chosen people would avoid in a year if their offending fell as the initial IOM cohort’s did (seed 004, “Estimating the impact of cohort expansion”).</p>
      </header>

      <section className="panel" aria-labelledby="people-title">
        <h2 id="people-title" className="visually-hidden">
          People
        </h2>
        <PopulationPicker people={people} />
      </section>

      <section className="panel scenario-panel" aria-labelledby="scenario-title">
        <div className="scenario-bar">
          <h2 id="scenario-title">Scenario</h2>
          <div className="scenario-bar-controls">
            <label htmlFor={savedSelectId}>Saved scenarios</label>
            <select id={savedSelectId} value={currentId ?? ''} title={current?.name} onChange={(e) => chooseSaved(Number(e.target.value))}>
              {currentId === null ? <option value="">(not saved yet)</option> : null}
              {saved.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            {dirty ? (
              <span className="pill pill-warn" data-testid="unsaved">
                Unsaved changes
              </span>
            ) : null}
            <button type="button" className="button primary small" onClick={() => void save(false)} disabled={busy || !scenario || currentId === null || !dirty}>
              Save
            </button>
            <button type="button" className="button secondary small" onClick={() => void save(true)} disabled={busy || !scenario}>
              Save as new
            </button>
            <button type="button" className="button secondary small" onClick={() => setConfirmDelete(true)} disabled={busy || currentId === null || saved.length < 2}>
              Delete…
            </button>
          </div>
          <div className="scenario-bar-controls">
            <label htmlFor={presetSelectId}>Preset</label>
            <select id={presetSelectId} value={presetId} onChange={(e) => setPresetId(e.target.value as typeof presetId)}>
              {SCENARIO_PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
            <button type="button" className="button secondary small" onClick={loadPreset} disabled={busy}>
              Load preset
            </button>
          </div>
        </div>
        {pending ? (
          <div className="notice notice-warn confirm-row" role="alert">
            <span>
              Open “{pending.name}” and discard the unsaved changes to “{draft.name || 'this scenario'}”?
            </span>
            <button type="button" className="button secondary small" onClick={() => open(pending)}>
              Discard and open
            </button>
            <button type="button" className="button secondary small" onClick={() => setPendingOpen(null)}>
              Keep editing
            </button>
          </div>
        ) : null}
        {confirmDelete && current ? (
          <div className="notice notice-warn confirm-row" role="alert">
            <span>Delete the saved scenario “{current.name}”? Projections already exported are not affected.</span>
            <button type="button" className="button danger small" onClick={() => void remove()} disabled={busy}>
              Delete
            </button>
            <button type="button" className="button secondary small" onClick={() => setConfirmDelete(false)}>
              Cancel
            </button>
          </div>
        ) : null}
        <ErrorNotice message={saveError} title="Not saved" />
        {errors.form ? <ErrorNotice message={errors.form} title="The scenario does not add up" /> : null}
        <ScenarioEditor draft={draft} onChange={setDraft} errors={errors} unitCosts={unitCosts} />
        <GroupRatesEditor draft={draft} onChange={setDraft} errors={errors} />
        <div className="visually-hidden" role="status" aria-live="polite" data-testid="projection-status">
          {status}
        </div>
      </section>

      <section className="panel" aria-labelledby="results-title" aria-busy={projecting}>
        <div className="results-title-row">
          <h2 id="results-title">Projected impact</h2>
          <span className="muted" role="status" aria-live="polite">
            {projecting ? 'Updating…' : !scenario ? 'Fix the highlighted assumptions to update the table.' : ''}
          </span>
        </div>
        <ErrorNotice message={projectError} title="Could not project" />
        {result && !scenario ? (
          <p className="notice notice-warn" data-testid="projection-stale">
            These figures are for the last valid assumptions, not the ones on screen: fix the highlighted input to update them.
          </p>
        ) : null}
        {/* The people depend on the counting window, so an invalid window also leaves no population: that is the note above. */}
        {scenario && !population ? <p className="muted">Choose the people to project above.</p> : null}
        {result ? (
          <div className={scenario && population ? undefined : 'results-stale'} aria-disabled={scenario && population ? undefined : true}>
            <ProjectionTable result={result} />
          </div>
        ) : scenario && population && !projectError ? (
          <LoadingState label="Projecting…" />
        ) : null}
      </section>

      <CalibrationPanel
        referenceDate={referenceDate}
        onUseRate={(rate, source) => {
          const pct = (v: number) => String(Number((v * 100).toPrecision(12)));
          const spread = rate.low !== rate.central || rate.central !== rate.high;
          setDraft({ ...draft, reduction: spread ? { low: pct(rate.low), central: pct(rate.central), high: pct(rate.high) } : { low: '', central: pct(rate.central), high: '' }, reductionSource: source });
          setStatus('The scenario’s reduction rate is now the calibrated one; save the scenario to keep it.');
        }}
      />
      <AttributionPanel />

      {population ? <ScenarioComparison saved={saved} population={population} populationLabel={people.label} /> : null}
    </div>
  );
}
