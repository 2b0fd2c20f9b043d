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

/**
 * The workspace as the pure analysis modules see it: people with their active flags, arrests with
 * their crime type under the current rules and overrides, and the prebuilt arrest index.
 */
export function loadAnalysisModel(workspace: OpenWorkspace): AnalysisModel {
  const key = cacheKey(workspace);
  const cached = cache.get(workspace);
  if (cached && cached.key === key) return cached.model;

  const { db } = workspace;
  const homeBorough = homeBoroughOf(workspace);
  const home = homeBorough?.trim().toLowerCase() ?? null;
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
  const personRows = db
    .prepare(
      `SELECT id, surname, forenames, pnc, dob, gender, ethnicity, borough, custody, ogrs_score AS ogrsScore, statutory,
        cohort_start_date AS cohortStartDate, on_long_list AS onLongList FROM people ORDER BY id`,
    )
    .all() as PersonRow[];
  const people: AnalysisPerson[] = [];
  const longList: AnalysisPerson[] = [];
  for (const row of personRows) {
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

  const rules = classificationRules(workspace);
  const overrides = classificationOverrides(workspace);
  const classifier = createClassifier(rules, overrides);
  const arrests: AnalysisArrest[] = [];
  const arrestRows = db.prepare('SELECT person_id AS personId, arrest_date AS date, offence FROM arrests').raw().iterate() as IterableIterator<[number, string, string]>;
  for (const [personId, date, offence] of arrestRows) arrests.push({ personId, date, offence, crimeType: classifier.classify(offence) });

  const model: AnalysisModel = { people, longList: longList.length ? longList : people, index: buildArrestIndex(people, arrests), homeBorough, rules, overrides };
  cache.set(workspace, { key, model });
  return model;
}
