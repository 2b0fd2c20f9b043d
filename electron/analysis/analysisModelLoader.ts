import { z } from 'zod';
import { buildArrestIndex, type AnalysisArrest, type AnalysisPerson, type ArrestIndex } from '../../shared/domain/analysisModel';
import { isFlagName, type FlagName } from '../../shared/domain/flags';
import { ClassificationRulesSchema, DEFAULT_CLASSIFICATION_RULES, createClassifier, type ClassificationRule } from '../../shared/classification';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { readSetting } from './workspaceSettings';

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

interface PersonRow {
  id: number;
  surname: string | null;
  forenames: string | null;
  pnc: string | null;
  dob: string | null;
  gender: string | null;
  ethnicity: string | null;
  borough: string | null;
  custody: 'in_custody' | 'not_in_custody' | 'unknown';
  ogrsScore: number | null;
  statutory: number | null;
  cohortStartDate: string | null;
  onLongList: number;
}

const cache = new WeakMap<OpenWorkspace, { key: string; model: AnalysisModel }>();

export function classificationRules(workspace: OpenWorkspace): ClassificationRule[] {
  return readSetting(workspace, 'classificationRules', ClassificationRulesSchema, DEFAULT_CLASSIFICATION_RULES);
}

export function classificationOverrides(workspace: OpenWorkspace): Map<string, CrimeTypeId> {
  const rows = workspace.db.prepare('SELECT normalised_description AS d, crime_type AS t FROM classification_overrides').all() as Array<{ d: string; t: CrimeTypeId }>;
  return new Map(rows.map((r) => [r.d, r.t]));
}

/** The home borough is a setting; unset, it is where most of the long list lives (Barnet in the seed). */
function homeBoroughOf(workspace: OpenWorkspace): string | null {
  const setting = readSetting(workspace, 'homeBorough', z.string().min(1).nullable(), null);
  if (setting) return setting;
  return (workspace.db.prepare("SELECT borough FROM people WHERE on_long_list = 1 AND borough IS NOT NULL AND borough <> '' GROUP BY lower(borough) ORDER BY COUNT(*) DESC LIMIT 1").pluck().get() as string | undefined) ?? null;
}

/**
 * A cheap fingerprint of what the model depends on. `data_version` moves when another connection
 * (an import worker) commits; the counters catch this connection's own imports, merges and link
 * decisions. Each is an index lookup, and notes, presets or audit entries do not move them, so they
 * never force a rebuild. Classification and other setting changes invalidate explicitly.
 */
function cacheKey(workspace: OpenWorkspace): string {
  const { db } = workspace;
  const dataVersion = db.pragma('data_version', { simple: true }) as number;
  const counters = db
    .prepare(
      `SELECT (SELECT COALESCE(MAX(id), 0) FROM imports) || ':' || (SELECT COALESCE(MAX(id), 0) FROM people) || ':' ||
        (SELECT COUNT(*) FROM link_reviews WHERE status <> 'pending')`,
    )
    .pluck()
    .get() as string;
  return `${dataVersion}:${counters}`;
}

export function invalidateAnalysisModel(workspace: OpenWorkspace): void {
  cache.delete(workspace);
}

/** Where a model build has got to, for a progress bar. */
export interface ModelBuildProgress {
  phase: 'Reading people' | 'Reading arrests' | 'Indexing arrests';
  rows: number;
  fraction: number | null;
}

/** How often the build stops to report (and, when run as a job, to let other calls in). */
const ROWS_PER_STEP = 20_000;

/**
 * The workspace as the pure analysis modules see it: people with their active flags, arrests with
 * their crime type under the current rules and overrides, and the prebuilt arrest index.
 */
export function loadAnalysisModel(workspace: OpenWorkspace): AnalysisModel {
  const key = cacheKey(workspace);
  const cached = cache.get(workspace);
  if (cached && cached.key === key) return cached.model;
  const steps = buildModelSteps(workspace);
  for (;;) {
    const step = steps.next();
    if (step.done) return remember(workspace, key, step.value);
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
  const key = cacheKey(workspace);
  const cached = cache.get(workspace);
  if (cached && cached.key === key) return cached.model;
  const steps = buildModelSteps(workspace);
  for (;;) {
    const step = steps.next();
    if (step.done) return remember(workspace, key, step.value);
    if (!onStep(step.value)) {
      steps.return(undefined as never);
      return null;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function remember(workspace: OpenWorkspace, key: string, model: AnalysisModel): AnalysisModel {
  cache.set(workspace, { key, model });
  return model;
}

function* buildModelSteps(workspace: OpenWorkspace): Generator<ModelBuildProgress, AnalysisModel, void> {
  const { db } = workspace;
  const homeBorough = homeBoroughOf(workspace);
  const home = homeBorough?.trim().toLowerCase() ?? null;
  const totalPeople = db.prepare('SELECT COUNT(*) FROM people').pluck().get() as number;
  const totalArrests = db.prepare('SELECT COUNT(*) FROM arrests').pluck().get() as number;
  // People and arrests weigh about the same per row; the index is a quick last step.
  const totalRows = Math.max(1, totalPeople + totalArrests);
  const flagsByPerson = new Map<number, FlagName[]>();
  const listsByPerson = new Map<number, string[]>();
  const flagRows = db.prepare('SELECT DISTINCT f.person_id AS personId, f.flag, i.kind FROM person_flags f JOIN imports i ON i.id = f.import_id WHERE f.active = 1').iterate() as IterableIterator<{ personId: number; flag: string; kind: string }>;
  for (const row of flagRows) {
    if (!isFlagName(row.flag)) continue;
    const flags = flagsByPerson.get(row.personId) ?? [];
    if (!flags.includes(row.flag)) flags.push(row.flag);
    flagsByPerson.set(row.personId, flags);
    const lists = listsByPerson.get(row.personId) ?? [];
    if (!lists.includes(row.kind)) lists.push(row.kind);
    listsByPerson.set(row.personId, lists);
  }
  // Read in pages by key, never through a cursor held open across steps: other calls run on the
  // same connection while a paced build waits, and better-sqlite3 refuses them while one is open.
  const readPeople = db.prepare(
    `SELECT id, surname, forenames, pnc, dob, gender, ethnicity, borough, custody, ogrs_score AS ogrsScore, statutory,
      cohort_start_date AS cohortStartDate, on_long_list AS onLongList FROM people WHERE id > ? ORDER BY id LIMIT ?`,
  );
  const people: AnalysisPerson[] = [];
  const longList: AnalysisPerson[] = [];
  for (let afterId = 0; ; ) {
    const rows = readPeople.all(afterId, ROWS_PER_STEP) as PersonRow[];
    for (const row of rows) {
      const person: AnalysisPerson = {
        id: row.id,
        surname: row.surname,
        forenames: row.forenames,
        pnc: row.pnc,
        dob: row.dob,
        gender: row.gender === 'M' || row.gender === 'F' || row.gender === 'X' ? row.gender : null,
        ethnicity: row.ethnicity,
        borough: row.borough,
        livesInBorough: home === null || !row.borough ? null : row.borough.trim().toLowerCase() === home,
        custody: row.custody,
        ogrsScore: row.ogrsScore,
        flags: flagsByPerson.get(row.id) ?? [],
        lists: listsByPerson.get(row.id) ?? [],
        statutory: row.statutory === null ? null : row.statutory === 1,
        cohortStartDate: row.cohortStartDate,
      };
      people.push(person);
      if (row.onLongList === 1) longList.push(person);
    }
    if (rows.length < ROWS_PER_STEP) break;
    afterId = rows[rows.length - 1]!.id;
    yield { phase: 'Reading people', rows: people.length, fraction: people.length / totalRows };
  }

  const rules = classificationRules(workspace);
  const overrides = classificationOverrides(workspace);
  const classifier = createClassifier(rules, overrides);
  const arrests: AnalysisArrest[] = [];
  const readArrests = db.prepare('SELECT id, person_id, arrest_date, offence FROM arrests WHERE id > ? ORDER BY id LIMIT ?').raw();
  let after = 0;
  for (;;) {
    const rows = readArrests.all(after, ROWS_PER_STEP) as Array<[number, number, string, string]>;
    for (const [, personId, date, offence] of rows) arrests.push({ personId, date, offence, crimeType: classifier.classify(offence) });
    if (rows.length < ROWS_PER_STEP) break;
    after = rows[rows.length - 1]![0];
    yield { phase: 'Reading arrests', rows: people.length + arrests.length, fraction: (people.length + arrests.length) / totalRows };
  }
  yield { phase: 'Indexing arrests', rows: people.length + arrests.length, fraction: 0.99 };
  return { people, longList: longList.length ? longList : people, index: buildArrestIndex(people, arrests), homeBorough, rules, overrides };
}
