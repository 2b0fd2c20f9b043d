import { createHash } from 'node:crypto';
import { projectCohortFromIndex, projectFromCounts, type ProjectionResult, type Scenario } from '../../shared/analysis/projection';
import { countArrestsInBorough } from './boroughCounting';
import { selectShortlist, SelectionRuleSetSchema, type SelectionRuleSet, type Shortlist } from '../../shared/shortlist/selectionRules';
import { evaluateFilter, type FilterInput, type FilterResult } from '../../shared/shortlist/filterModel';
import { normaliseDescription, summariseOffences, type OffenceSummaryRow } from '../../shared/analysis/classification';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { appendAudit } from '../workspace/auditLog';
import { invalidateAnalysisModel, loadAnalysisModel } from './analysisModelLoader';
import { finalCohort } from '../panel/finalCohort';
import { groupReductionRate, splitByAgency, type GroupRates, type StatutoryGroup } from '../../shared/analysis/statutoryGroups';
import { combineGroupProjections } from '../../shared/analysis/statutoryProjection';
import { intakePlanForCohort } from '../intake/intakePlanService';
import { arrestCountsByOffenceWording, removeClassificationOverride, storeClassificationOverride } from '../data/arrests';
import { includedPeopleOnShortlist, insertRuleSet, insertShortlist, insertShortlistMembers, newestShortlistId, nextRuleSetVersion } from '../data/shortlists';
import { workspaceCaseload } from '../tracking/caseloadService';

export type Population =
  | { kind: 'longList' }
  | { kind: 'all' }
  | { kind: 'shortlist' }
  | { kind: 'people'; personIds: number[] }
  | { kind: 'filter'; filter: FilterInput }
  | { kind: 'accepted' }
  | { kind: 'tranche'; month: string };

/** The ids a projection or comparison is about. */
export function populationIds(workspace: OpenWorkspace, population: Population, model = loadAnalysisModel(workspace)): { ids: number[]; description: string } {
  switch (population.kind) {
    case 'longList':
      return { ids: model.longList.map((p) => p.id), description: model.longList === model.people ? 'everyone in the workspace (no long list imported)' : 'the Potential Candidate List' };
    case 'all':
      return { ids: model.people.map((p) => p.id), description: 'everyone in the workspace' };
    case 'shortlist': {
      const latest = latestShortlistId(workspace);
      if (latest === null) throw new WorkspaceError('not_found', 'No shortlist has been made yet: run the selection rules first.');
      const ids = includedPeopleOnShortlist(workspace.db, latest);
      return { ids, description: `the current shortlist (${ids.length} people)` };
    }
    case 'people':
      return { ids: population.personIds, description: `${population.personIds.length} chosen people` };
    case 'filter':
      return { ids: evaluateFilter(population.filter, model.longList, model.index).personIds, description: 'the current filter' };
    case 'accepted': {
      const cohort = finalCohort(workspace);
      if (!cohort) throw new WorkspaceError('not_found', 'No panel has been held yet: start one from the Shortlist, or choose another population.');
      const ids = cohort.accepted.map((a) => a.personId);
      return { ids, description: `the panel's accepted cohort (${ids.length} people, panel of ${cohort.heldOn}${cohort.status === 'open' ? ', still open' : ''})` };
    }
    case 'tranche': {
      const report = intakePlanForCohort(workspace);
      if (!report) throw new WorkspaceError('not_found', 'No panel has been held yet, so there is no intake plan.');
      const month = report.plan.months.find((m) => m.month === population.month);
      if (!month) throw new WorkspaceError('not_found', `The intake plan has no month ${population.month}; its months are ${report.plan.months.map((m) => m.month).join(', ')}.`);
      return { ids: month.personIds, description: `the intake tranche starting ${month.label} (${month.personIds.length} people)` };
    }
  }
}

/** The scenario is one its caller has parsed (the call's contract, a scenario file, a saved row): it is not checked again. */
export function projectPopulation(workspace: OpenWorkspace, scenario: Scenario, population: Population): ProjectionResult & { population: string } {
  const model = loadAnalysisModel(workspace);
  const { ids, description } = populationIds(workspace, population, model);
  const window = { referenceDate: scenario.referenceDate, windowMonths: scenario.windowMonths };
  const counting = scenario.boroughCounting;
  // Counted wherever the arrest was made (the index), or only in the borough (the stored arrests).
  const project = (s: Scenario, people: readonly number[]): ProjectionResult => {
    if (!counting) return projectCohortFromIndex(s, model.index, people);
    const { counts, borough } = countArrestsInBorough(workspace, model, people, window, counting.borough);
    return { ...projectFromCounts(s, counts), boroughCounting: borough };
  };
  const result = project(scenario, ids);
  if (scenario.groupRates) result.byGroup = projectByStatutoryGroup(model, scenario, scenario.groupRates, ids, project);
  if (scenario.agencyShares) {
    const total = result.byGroup ? (result.byGroup.combinedCostSavingPerYear?.value ?? null) : (result.totalCostSavingPerYear?.value ?? null);
    result.agencySplit = total === null ? null : splitByAgency(total, scenario.agencyShares);
  }
  return { ...result, population: description };
}

/** Each statutory group projected over its own people at its own rate; unknown status keeps the scenario's rate. */
function projectByStatutoryGroup(
  model: ReturnType<typeof loadAnalysisModel>,
  scenario: Scenario,
  rates: GroupRates,
  ids: readonly number[],
  project: (s: Scenario, people: readonly number[]) => ProjectionResult,
) {
  const byId = new Map(model.people.map((p) => [p.id, p]));
  const members: Record<StatutoryGroup, number[]> = { statutory: [], nonStatutory: [], unknown: [] };
  for (const id of new Set(ids)) {
    const statutory = byId.get(id)?.statutory ?? null;
    members[statutory === true ? 'statutory' : statutory === false ? 'nonStatutory' : 'unknown'].push(id);
  }
  const plain = { ...scenario, groupRates: undefined, agencyShares: undefined };
  const results: Partial<Record<StatutoryGroup, ProjectionResult>> = {};
  for (const group of ['statutory', 'nonStatutory', 'unknown'] as const) {
    if (members[group].length === 0) continue;
    const reductionRate = group === 'unknown' ? scenario.reductionRate : groupReductionRate(rates, group).rate;
    results[group] = project({ ...plain, reductionRate }, members[group]);
  }
  return combineGroupProjections(rates, results, { statutory: members.statutory.length, nonStatutory: members.nonStatutory.length, unknown: members.unknown.length });
}

export function filterLongList(workspace: OpenWorkspace, filter: FilterInput): FilterResult {
  const model = loadAnalysisModel(workspace);
  return evaluateFilter(filter, model.longList, model.index);
}

export function latestShortlistId(workspace: OpenWorkspace): number | null {
  return newestShortlistId(workspace.db);
}

/** Saves a rule set as a new version of its name (earlier versions are kept). */
function saveRuleSet(workspace: OpenWorkspace, ruleSetInput: SelectionRuleSet, actor: string): { id: number; version: number } {
  const ruleSet = SelectionRuleSetSchema.parse(ruleSetInput);
  const { db } = workspace;
  // One transaction, so a rule set is never saved without its audit entry.
  return db.transaction(() => {
    const version = nextRuleSetVersion(db, ruleSet.name);
    const now = new Date().toISOString();
    const id = insertRuleSet(db, { name: ruleSet.name, version, definition: JSON.stringify({ ...ruleSet, version }), createdBy: actor, createdAt: now });
    appendAudit(db, { actor, action: 'ruleSet.save', entity: 'rule_set', entityId: id, detail: { version } }, now);
    return { id, version };
  }).immediate();
}

interface ShortlistRun {
  shortlistId: number;
  ruleSetId: number;
  ruleSetVersion: number;
  shortlist: Shortlist;
}

/**
 * Applies a rule set to the long list and stores the outcome with every person's reason, so the
 * panel sees why each person is (or is not) proposed.
 */
export function runShortlist(workspace: OpenWorkspace, ruleSetInput: SelectionRuleSet, actor: string): ShortlistRun {
  const model = loadAnalysisModel(workspace);
  const shortlist = selectShortlist(ruleSetInput, model.longList, model.index, { workspaceCaseload: workspaceCaseload(workspace).onTheBooks });
  const { db } = workspace;
  return db.transaction(() => {
    const { id: ruleSetId, version } = saveRuleSet(workspace, ruleSetInput, actor);
    const now = new Date().toISOString();
    const shortlistId = insertShortlist(db, { ruleSetId, capacity: shortlist.summary.capacity, summary: JSON.stringify(shortlist.summary), createdBy: actor, createdAt: now });
    const position = new Map(shortlist.selected.map((id, i) => [id, i + 1]));
    insertShortlistMembers(
      db,
      shortlistId,
      shortlist.results.map((r) => ({ personId: r.personId, status: r.status, reason: r.reason, position: position.get(r.personId) ?? null, rank: r.rank ?? null, score: r.score ?? null, arrestsInWindow: r.arrestsInWindow })),
    );
    appendAudit(db, { actor, action: 'shortlist.run', entity: 'shortlist', entityId: shortlistId, detail: { ruleSetId, included: shortlist.summary.counts.included, capacity: shortlist.summary.capacity } }, now);
    return { shortlistId, ruleSetId, ruleSetVersion: version, shortlist };
  }).immediate();
}

export function offenceSummary(workspace: OpenWorkspace): OffenceSummaryRow[] {
  const model = loadAnalysisModel(workspace);
  const counts = arrestCountsByOffenceWording(workspace.db);
  return summariseOffences(counts, model.rules, model.overrides);
}

export function setClassificationOverride(workspace: OpenWorkspace, description: string, crimeType: CrimeTypeId | null, actor: string): void {
  const { db } = workspace;
  const normalised = normaliseDescription(description);
  const now = new Date().toISOString();
  db.transaction(() => {
    if (crimeType === null) removeClassificationOverride(db, normalised);
    else storeClassificationOverride(db, { normalised, description, crimeType, setBy: actor, setAt: now });
    // Offence descriptions are free text typed by custody staff (a victim's name can slip in), so
    // the audit names the description by a short hash: enough to match it to the override row.
    const descriptionSha256 = createHash('sha256').update(normalised).digest('hex').slice(0, 16);
    appendAudit(db, { actor, action: 'classification.override', entity: 'classification_override', detail: { crimeType, reset: crimeType === null, descriptionSha256 } }, now);
  }).immediate();
  invalidateAnalysisModel(workspace);
}
