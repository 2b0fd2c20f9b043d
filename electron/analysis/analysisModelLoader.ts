import { z } from 'zod';
import { arrestIndexFromParts, buildArrestIndexFromColumns, type AnalysisPerson, type ArrestIndex } from '../../shared/domain/analysisModel';
import { isFlagName, type FlagName } from '../../shared/domain/flags';
import { ClassificationRulesSchema, DEFAULT_CLASSIFICATION_RULES, createClassifier, type ClassificationRule } from '../../shared/analysis/classification';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { readArrestColumns } from './arrestColumnsReader';
import { deleteModelSnapshot, modelSourceKey, readModelSnapshot, writeModelSnapshot, type ModelSources, type SnapshotContent, type StoredModel } from './modelSnapshot';
import { readSetting } from '../settings/workspaceSettings';
import { dataVersion, modelCacheCounters } from '../data/analysisModel';
import { classificationOverrideRows } from '../data/arrests';
import { importKindsById } from '../data/imports';
import { activeFlagRowsByPerson } from '../data/lists';
import { homeBoroughByLongList, peoplePageForAnalysis, type AnalysisPersonRow } from '../data/people';

export interface AnalysisModel {
  /** Everyone in the workspace. */
  people: AnalysisPerson[];
  /** The Potential Candidate List; everyone when no long list has been imported. */
  longList: AnalysisPerson[];
  index: ArrestIndex;
  homeBorough: string | null;
  rules: ClassificationRule[];
  overrides: Map<string, CrimeTypeId>;
}

type PersonRow = AnalysisPersonRow;

const cache = new WeakMap<OpenWorkspace, { key: string; model: AnalysisModel }>();
/** Explicit invalidations so far: a build that saw one while it ran keeps nothing. */
const invalidations = new WeakMap<OpenWorkspace, number>();

export function classificationRules(workspace: OpenWorkspace): ClassificationRule[] {
  return readSetting(workspace, 'classificationRules', ClassificationRulesSchema, DEFAULT_CLASSIFICATION_RULES);
}

export function classificationOverrides(workspace: OpenWorkspace): Map<string, CrimeTypeId> {
  const rows = classificationOverrideRows(workspace.db);
  return new Map(rows.map((r) => [r.d, r.t]));
}

/** Everything the model is built from besides the people and arrests. */
function modelSources(workspace: OpenWorkspace): ModelSources & { rules: ClassificationRule[]; overrides: Map<string, CrimeTypeId> } {
  return {
    rules: classificationRules(workspace),
    overrides: classificationOverrides(workspace),
    homeBoroughSetting: readSetting(workspace, 'homeBorough', z.string().min(1).nullable(), null),
  };
}

/** The home borough is a setting; unset, it is where most of the long list lives (Barnet in the seed). */
function homeBoroughOf(workspace: OpenWorkspace, setting: string | null): string | null {
  if (setting) return setting;
  return homeBoroughByLongList(workspace.db) ?? null;
}

function livesIn(borough: string | null, home: string | null): boolean | null {
  return home === null || !borough ? null : borough.trim().toLowerCase() === home;
}

/**
 * A cheap fingerprint of what the model depends on. `data_version` moves when another connection
 * (an import worker) commits; the counters catch this connection's own imports, merges and link
 * decisions. Each is an index lookup, and notes, presets or audit entries do not move them, so they
 * never force a rebuild. Classification and other setting changes invalidate explicitly.
 */
function cacheKey(workspace: OpenWorkspace): string {
  const { db } = workspace;
  return `${dataVersion(db)}:${modelCacheCounters(db)}`;
}

/** Forgets the loaded model and the stored copy of its index: the next load reads everything again. */
export function invalidateAnalysisModel(workspace: OpenWorkspace): void {
  cache.delete(workspace);
  invalidations.set(workspace, (invalidations.get(workspace) ?? 0) + 1);
  if (workspace.db.open) deleteModelSnapshot(workspace);
}

/** Where a model build has got to, for a progress bar. */
export interface ModelBuildProgress {
  phase: 'Reading people' | 'Reading arrests' | 'Indexing arrests';
  rows: number;
  fraction: number | null;
}

/** How often the build stops to report (and, when run as a job, to let other calls in). */
const ROWS_PER_STEP = 20_000;
/** Progress stays below 1 until the model is there. */
const MAX_FRACTION = 0.98;

/**
 * The workspace as the pure analysis modules see it: people with their active flags, arrests with
 * their crime type under the current rules and overrides, and the prebuilt arrest index.
 */
export function loadAnalysisModel(workspace: OpenWorkspace): AnalysisModel {
  const steps = currentModelSteps(workspace);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** True when the next loadAnalysisModel answers from the cache at once. */
export function isAnalysisModelReady(workspace: OpenWorkspace): boolean {
  return cache.get(workspace)?.key === cacheKey(workspace);
}

/**
 * The same build as loadAnalysisModel, paced for a job: it yields to the event loop between steps
 * so progress can be polled and a cancel heard. A 100,000-person workspace takes seconds to load,
 * which the analyst should see moving and be able to stop.
 */
export async function prepareAnalysisModel(workspace: OpenWorkspace, onStep: (progress: ModelBuildProgress) => boolean): Promise<AnalysisModel | null> {
  const steps = currentModelSteps(workspace);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (!onStep(step.value)) {
      steps.return(undefined as never);
      return null;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

interface ModelBuild {
  model: AnalysisModel;
  /** The source key (see `modelSourceKey`) of what the build read. */
  sourceKey: string;
  /** Set when the index was built from the arrests rather than read from the stored copy. */
  fresh: { sourceKey: string; content: SnapshotContent } | null;
}

/**
 * The steps both loaders drive, at their own pace: none when the cached model is current, else the
 * build's, ending in the model, kept for next time unless invalidated meanwhile.
 */
function* currentModelSteps(workspace: OpenWorkspace): Generator<ModelBuildProgress, AnalysisModel, void> {
  const key = cacheKey(workspace);
  const cached = cache.get(workspace);
  if (cached && cached.key === key) return cached.model;
  const seen = invalidations.get(workspace) ?? 0;
  return remember(workspace, key, seen, yield* buildModelSteps(workspace));
}

function remember(workspace: OpenWorkspace, key: string, seen: number, build: ModelBuild): AnalysisModel {
  // Invalidated while the build read the workspace: what it read may be half old, half new.
  if ((invalidations.get(workspace) ?? 0) !== seen) return build.model;
  cache.set(workspace, { key, model: build.model });
  storeModelSnapshot(workspace, build);
  return build.model;
}

/** Keeps a freshly built index in the workspace for the next load, unless the workspace moved on meanwhile. */
export function storeModelSnapshot(workspace: OpenWorkspace, build: ModelBuild): void {
  const { fresh } = build;
  if (fresh) writeModelSnapshot(workspace, fresh.sourceKey, fresh.content, () => modelSourceKey(workspace, modelSources(workspace)).key === fresh.sourceKey);
}

/**
 * The build itself, step by step, for a worker thread that builds on a connection of its own (see
 * electron/background). Every step yields its progress; the last returns the build.
 */
export function analysisModelBuildSteps(workspace: OpenWorkspace): Generator<ModelBuildProgress, ModelBuild, void> {
  return buildModelSteps(workspace);
}

/** Where a model built elsewhere must start from: the invalidations so far, to tell whether one happened meanwhile. */
export function analysisModelGeneration(workspace: OpenWorkspace): number {
  return invalidations.get(workspace) ?? 0;
}

/**
 * Takes in a model a worker built from its own connection, when it still describes this workspace:
 * nothing was invalidated since `generation` and the sources it read (ids, generation counter,
 * classification and settings) are today's. Returns whether it was taken.
 */
export function adoptAnalysisModel(workspace: OpenWorkspace, model: AnalysisModel, sourceKey: string, generation: number): boolean {
  if (!workspace.db.open || analysisModelGeneration(workspace) !== generation) return false;
  if (modelSourceKey(workspace, modelSources(workspace)).key !== sourceKey) return false;
  cache.set(workspace, { key: cacheKey(workspace), model });
  return true;
}

function* buildModelSteps(workspace: OpenWorkspace): Generator<ModelBuildProgress, ModelBuild, void> {
  const { db } = workspace;
  const sources = modelSources(workspace);
  const { rules, overrides } = sources;
  const classifier = createClassifier(rules, overrides);
  // The key and the stored copy are read together, so the copy is the one the key describes.
  const { source, stored } = db.transaction(() => {
    const key = modelSourceKey(workspace, sources);
    return { source: key, stored: readModelSnapshot(workspace, key.key, (offence) => classifier.classify(offence)) };
  })();
  let homeBorough = stored ? stored.homeBorough : homeBoroughOf(workspace, sources.homeBoroughSetting);
  let home = homeBorough?.trim().toLowerCase() ?? null;
  // With a stored index the people are nearly all the work; otherwise people and arrests weigh
  // about the same per row. The highest ids are counts that deletions can only overstate.
  const totalRows = Math.max(1, source.maxPersonId + (stored ? 0 : source.maxArrestId));
  const fractionOf = (rows: number): number => Math.min(MAX_FRACTION, rows / totalRows);

  // In (person, flag row) order, the order a person's flags and lists have always come in. The
  // kinds are looked up here rather than joined: the join and a DISTINCT cost more than the rows.
  const importKinds = new Map(importKindsById(db));
  const flagsByPerson = new Map<number, FlagName[]>();
  const listsByPerson = new Map<number, string[]>();
  const flagRows = activeFlagRowsByPerson(db);
  for (const [personId, flag, importId] of flagRows) {
    const kind = importKinds.get(importId);
    if (kind === undefined || !isFlagName(flag)) continue;
    const flags = flagsByPerson.get(personId) ?? [];
    if (!flags.includes(flag)) flags.push(flag);
    flagsByPerson.set(personId, flags);
    const lists = listsByPerson.get(personId) ?? [];
    if (!lists.includes(kind)) lists.push(kind);
    listsByPerson.set(personId, lists);
  }
  // Read in pages by key, never through a cursor held open across steps: other calls run on the
  // same connection while a paced build waits, and better-sqlite3 refuses them while one is open.
  const people: AnalysisPerson[] = [];
  const longList: AnalysisPerson[] = [];
  for (let afterId = 0; ; ) {
    // Row by row within the page, so each row's array dies young rather than a page's worth
    // surviving a garbage collection.
    let read = 0;
    for (const [id, surname, forenames, pnc, dob, gender, ethnicity, borough, custody, ogrsScore, statutory, cohortStartDate, onLongList] of peoplePageForAnalysis(db, afterId, ROWS_PER_STEP) as IterableIterator<PersonRow>) {
      read++;
      afterId = id;
      const person: AnalysisPerson = {
        id,
        surname,
        forenames,
        pnc,
        dob,
        gender: gender === 'M' || gender === 'F' || gender === 'X' ? gender : null,
        ethnicity,
        borough,
        livesInBorough: livesIn(borough, home),
        custody,
        ogrsScore,
        flags: flagsByPerson.get(id) ?? [],
        lists: listsByPerson.get(id) ?? [],
        statutory: statutory === null ? null : statutory === 1,
        cohortStartDate,
      };
      people.push(person);
      if (onLongList === 1) longList.push(person);
    }
    if (read < ROWS_PER_STEP) break;
    yield { phase: 'Reading people', rows: people.length, fraction: fractionOf(people.length) };
  }

  const personIds = Float64Array.from(people, (person) => person.id);
  const fromStore = stored ? indexFromStore(people, personIds, stored) : null;
  if (fromStore) {
    yield { phase: 'Indexing arrests', rows: people.length + fromStore.arrestCount, fraction: 0.99 };
    return { model: { people, longList: longList.length ? longList : people, index: fromStore, homeBorough, rules, overrides }, sourceKey: source.key, fresh: null };
  }
  if (stored) {
    // The stored copy was of other people, so its home borough may be too.
    const recomputed = homeBoroughOf(workspace, sources.homeBoroughSetting);
    if (recomputed !== homeBorough) {
      homeBorough = recomputed;
      home = homeBorough?.trim().toLowerCase() ?? null;
      for (const person of people) person.livesInBorough = livesIn(person.borough, home);
    }
  }

  const arrests = readArrestColumns(db, (offence) => classifier.classify(offence), {
    // About ROWS_PER_STEP arrests a page, judged from the average per person.
    peoplePerPage: Math.max(64, Math.round((ROWS_PER_STEP * Math.max(1, people.length)) / Math.max(1, source.maxArrestId))),
    expectedArrests: source.maxArrestId,
  });
  for (;;) {
    const step = arrests.next();
    if (step.done) {
      const { columns, dayOfDate, codeOfOffence } = step.value;
      yield { phase: 'Indexing arrests', rows: people.length + columns.count, fraction: 0.99 };
      const index = buildArrestIndexFromColumns(people, columns);
      return {
        model: { people, longList: longList.length ? longList : people, index, homeBorough, rules, overrides },
        sourceKey: source.key,
        fresh: { sourceKey: source.key, content: { homeBorough, personIds, index, dayOfDate, codeOfOffence } },
      };
    }
    yield { phase: 'Reading arrests', rows: people.length + step.value, fraction: fractionOf(people.length + step.value) };
  }
}

/** The stored index, when it is of exactly these people in this order. */
function indexFromStore(people: readonly AnalysisPerson[], personIds: Float64Array, stored: StoredModel): ArrestIndex | null {
  if (stored.personIds.length !== personIds.length) return null;
  for (let i = 0; i < personIds.length; i++) if (stored.personIds[i] !== personIds[i]) return null;
  try {
    return arrestIndexFromParts(people, stored.parts);
  } catch {
    // Damaged or from a build that did not finish its checks: rebuilding gives the right answer.
    return null;
  }
}
