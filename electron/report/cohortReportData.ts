import { asRange, type Scenario } from '../../shared/analysis/projection';
import { concentrationFromIndex } from '../../shared/analysis/concentration';
import { compareCompositions } from '../../shared/analysis/equalities';
import { ETHNICITY_GROUPS } from '../../shared/analysis/ethnicityGroups';
import { workingNumber, type AnalysisPerson } from '../../shared/domain/analysisModel';
import { FLAG_LABELS, FLAG_NAMES } from '../../shared/domain/flags';
import { effectiveUnitCosts } from '../../shared/analysis/unitCostSettings';
import { SEED_ALLEGATIONS_PER_ARREST } from '../../shared/analysis/projection';
import type { SavedScenario } from '../../shared/analysis/scenarioSchemas';
import type { CohortReportData, CohortSource, ReportCohort, ReportConcentration, ReportPopulation, ReportScenario } from '../../shared/report/cohortReportData';
import { formatLongDate } from '../../shared/report/reportFormat';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { loadAnalysisModel, type AnalysisModel } from '../analysis/analysisModelLoader';
import { latestShortlistId, projectPopulation } from '../analysis/analysisService';
import { listScenarios } from '../settings/scenarios';
import { readSettings } from '../settings/settingsService';
import { finalCohort, type FinalCohort } from '../panel/finalCohort';
import { intakePlanForCohort } from '../intake/intakePlanService';
import { countArrests } from '../data/arrests';
import { includedPeopleInExportOrder, shortlistCapacity } from '../data/shortlists';

/**
 * Gathers the cohort report's figures from the services the screens use (projection, concentration,
 * equalities, the panel's final cohort), as aggregates only: person ids are used here to count and
 * never leave this module.
 */

export const REPORT_TITLE = 'IOM cohort report';

export interface ReportScenarioChoice {
  /** Whom the report describes; "auto" (the default) takes the best source there is. */
  population?: ReportPopulation;
  /** A saved scenario's id; without it (or a name) the most recently changed scenario is used. */
  scenarioId?: number | null;
  /** A saved scenario's exact name (the CLI's --scenario). */
  scenarioName?: string | null;
}

/** The saved scenario the report is made with (the seed's is added first when there are none). */
export function chooseReportScenario(workspace: OpenWorkspace, actor: string, choice: ReportScenarioChoice): SavedScenario {
  const { scenarios } = listScenarios(workspace, actor);
  if (choice.scenarioId !== undefined && choice.scenarioId !== null) {
    const found = scenarios.find((s) => s.id === choice.scenarioId);
    if (!found) throw new WorkspaceError('not_found', 'That scenario no longer exists; choose another.');
    return found;
  }
  if (choice.scenarioName !== undefined && choice.scenarioName !== null) {
    const found = scenarios.find((s) => s.name === choice.scenarioName);
    if (!found) throw new WorkspaceError('not_found', `No saved scenario is called “${choice.scenarioName}”. Saved scenarios: ${scenarios.map((s) => `“${s.name}”`).join(', ')}.`);
    return found;
  }
  const first = scenarios[0];
  if (!first) throw new WorkspaceError('not_found', 'There is no readable saved scenario; save one on the Projection screen first.');
  return first;
}

interface ResolvedCohort {
  source: CohortSource;
  personIds: number[];
  description: string;
  panel: ReportCohort['panel'];
  shortlist: ReportCohort['shortlist'];
  /** The proposed shortlist's people, when there is one (for the composition's middle column). */
  shortlistIds: number[] | null;
}

function shortlistMembers(workspace: OpenWorkspace, shortlistId: number): { ids: number[]; capacity: number } {
  const ids = includedPeopleInExportOrder(workspace.db, shortlistId);
  const capacity = shortlistCapacity(workspace.db, shortlistId) ?? ids.length;
  return { ids, capacity };
}

function panelCohortOf(workspace: OpenWorkspace, panel: FinalCohort, personIds: number[], description: string, source: CohortSource): ResolvedCohort {
  const members = shortlistMembers(workspace, panel.shortlistId);
  return {
    source,
    personIds,
    description,
    panel: { heldOn: panel.heldOn, status: panel.status, accepted: panel.accepted.length, rejected: panel.rejected, deferred: panel.deferred, undecided: panel.undecided, capacity: panel.capacity },
    shortlist: { included: members.ids.length, capacity: members.capacity },
    shortlistIds: members.ids,
  };
}

function panelDescription(panel: FinalCohort): string {
  return `Accepted by the selection panel of ${formatLongDate(panel.heldOn)}${panel.status === 'open' ? ' (session still open)' : ''}`;
}

function shortlistCohort(workspace: OpenWorkspace, shortlistId: number): ResolvedCohort {
  const members = shortlistMembers(workspace, shortlistId);
  return {
    source: 'shortlist',
    personIds: members.ids,
    description: 'Proposed shortlist, not yet decided by a panel',
    panel: null,
    shortlist: { included: members.ids.length, capacity: members.capacity },
    shortlistIds: members.ids,
  };
}

function longListCohort(model: AnalysisModel): ResolvedCohort {
  return {
    source: 'longList',
    personIds: model.longList.map((p) => p.id),
    description: model.longList === model.people ? 'Everyone in the workspace (no long list or shortlist yet)' : 'Potential Candidate List (no shortlist made yet)',
    panel: null,
    shortlist: null,
    shortlistIds: null,
  };
}

/**
 * The cohort: with "auto", best source first: the panel's accepted people once a panel has recorded
 * any decision, else the latest proposed shortlist, else the long list. A named population that does
 * not exist yet is refused with what to do, never replaced by another.
 */
function resolveReportCohort(workspace: OpenWorkspace, model: AnalysisModel, population: ReportPopulation = 'auto'): ResolvedCohort {
  const panel = finalCohort(workspace);
  const decided = panel !== null && panel.accepted.length + panel.rejected + panel.deferred > 0;
  if (population === 'accepted' || (population === 'auto' && decided && panel)) {
    if (!panel || !decided) throw new WorkspaceError('not_found', 'No panel has recorded a decision yet, so there is no accepted cohort to report on.');
    return panelCohortOf(workspace, panel, panel.accepted.map((m) => m.personId), panelDescription(panel), 'panel');
  }
  if (population.startsWith('tranche:')) {
    const month = population.slice('tranche:'.length);
    const plan = intakePlanForCohort(workspace);
    if (!panel || !plan) throw new WorkspaceError('not_found', 'No panel has been held yet, so there is no intake plan and no tranche.');
    const tranche = plan.plan.months.find((m) => m.month === month);
    if (!tranche) throw new WorkspaceError('not_found', `The intake plan has no month ${month}; its months are ${plan.plan.months.map((m) => m.month).join(', ')}.`);
    return panelCohortOf(workspace, panel, tranche.personIds, `Intake tranche starting ${tranche.label}: ${panelDescription(panel).replace(/^Accepted/, 'accepted')}`, 'tranche');
  }
  const shortlistId = latestShortlistId(workspace);
  if (population === 'shortlist' || (population === 'auto' && shortlistId !== null)) {
    if (shortlistId === null) throw new WorkspaceError('not_found', 'No shortlist has been made yet: run the selection rules first.');
    return shortlistCohort(workspace, shortlistId);
  }
  return longListCohort(model);
}

function peopleOf(model: AnalysisModel, ids: readonly number[]): AnalysisPerson[] {
  const byId = new Map(model.people.map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id)).filter((p): p is AnalysisPerson => p !== undefined);
}

function reportScenario(workspace: OpenWorkspace, scenario: Scenario): ReportScenario {
  const costs = effectiveUnitCosts(readSettings(workspace).values.unitCosts);
  return {
    name: scenario.name,
    notes: scenario.notes?.trim() ? scenario.notes.trim() : null,
    crimeTypes: scenario.crimeTypes.map((c) => {
      const unitCost = c.unitCost ?? null;
      const table = c.id === 'all' ? undefined : costs.find((e) => e.crimeType === c.id);
      const sameAsTable = unitCost !== null && table !== undefined && table.unitCost !== null && Math.abs(table.unitCost - unitCost) < 0.005;
      return {
        crimeType: c.id,
        label: c.label,
        allegationsPerArrest: asRange(c.allegationsPerArrest),
        boroughOffencesPerYear: c.boroughOffencesPerYear ?? null,
        unitCost,
        // The uplift's working matters when the table's figure was brought to another year's prices.
        unitCostSource: sameAsTable && table ? (table.priceYear === table.entry.priceYear ? table.entry.source : `${table.entry.source}; ${table.working}`) : null,
      };
    }),
  };
}

function reportConcentration(model: AnalysisModel, scenario: Scenario, cohortIds: ReadonlySet<number>): ReportConcentration {
  const all = scenario.crimeTypes.find((c) => c.id === 'all');
  const allegationsPerArrest = all ? asRange(all.allegationsPerArrest).central : SEED_ALLEGATIONS_PER_ARREST.all;
  const perYear = all?.boroughOffencesPerYear ?? null;
  // The ranking counts arrests over the whole window, so borough offences are taken over it too.
  const boroughOffences = perYear === null ? null : (perYear * scenario.windowMonths) / 12;
  const result = concentrationFromIndex(model.index, { referenceDate: scenario.referenceDate, windowMonths: scenario.windowMonths }, { allegationsPerArrest, boroughOffences });
  return {
    population: 'everyone in the workspace arrested in the window',
    arrestedPeople: result.arrestedPeople,
    totalArrests: result.totalArrests,
    allegationsPerArrest,
    boroughOffences,
    boroughOffencesWorking: perYear === null || boroughOffences === null ? null : `${workingNumber(boroughOffences)} = ${workingNumber(perYear)} × ${scenario.windowMonths} / 12`,
    rows: result.rows.map(({ personIds, ...row }) => ({ ...row, inCohort: personIds.filter((id) => cohortIds.has(id)).length })),
    lorenz: result.lorenz,
    gini: result.gini,
    giniWorking: result.giniWorking,
  };
}

function dataNotes(model: AnalysisModel, cohort: ResolvedCohort, people: readonly AnalysisPerson[]): string[] {
  const notes: string[] = [];
  const unknownCustody = people.filter((p) => p.custody === 'unknown').length;
  if (unknownCustody > 0) {
    notes.push(`Custody status has not been checked (PINS) for ${unknownCustody} of the ${people.length} people in the cohort, so some of them may be in custody and unable to join.`);
  }
  if (model.longList === model.people) notes.push('No Potential Candidate List has been imported, so the long list is everyone in the workspace.');
  if (cohort.panel?.status === 'open') notes.push('The panel session is still open: its decisions, and so this cohort, may still change.');
  if (people.length > 0 && people.every((p) => !p.ethnicity?.trim())) notes.push(`No import supplied ethnicity, so the ethnicity composition is all “${ETHNICITY_GROUPS.notStated}”.`);
  notes.push('The concentration ranks the people whose arrests are in this workspace; unless a full arrests extract for the borough was imported, that is not everyone arrested in the borough.');
  return notes;
}

export function assembleCohortReportData(
  workspace: OpenWorkspace,
  options: { scenario: Scenario; actor: string; now?: Date; population?: ReportPopulation },
): { data: CohortReportData; source: CohortSource; people: number } {
  const { scenario, actor } = options;
  const model = loadAnalysisModel(workspace);
  const cohort = resolveReportCohort(workspace, model, options.population ?? 'auto');
  const people = peopleOf(model, cohort.personIds);
  const cohortIds = new Set(people.map((p) => p.id));
  // The projection's own population label ("N chosen people") is not needed: the cover names the cohort.
  const { population: _label, ...projection } = projectPopulation(workspace, scenario, { kind: 'people', personIds: people.map((p) => p.id) });

  const populations = [{ name: model.longList === model.people ? 'Everyone' : 'Long list', people: model.longList }];
  if (cohort.shortlistIds && (cohort.source === 'panel' || cohort.source === 'tranche')) populations.push({ name: 'Shortlist', people: peopleOf(model, cohort.shortlistIds) });
  if (cohort.source !== 'longList') populations.push({ name: cohort.source === 'panel' ? 'Accepted' : cohort.source === 'tranche' ? 'Tranche' : 'Shortlist', people });

  const count = (predicate: (p: AnalysisPerson) => boolean) => people.filter(predicate).length;
  const data: CohortReportData = {
    title: REPORT_TITLE,
    marking: readSettings(workspace).values.protectiveMarking,
    workspaceName: workspace.name,
    generatedAt: (options.now ?? new Date()).toISOString(),
    generatedBy: actor,
    scenario: reportScenario(workspace, scenario),
    cohort: {
      source: cohort.source,
      description: cohort.description,
      people: people.length,
      panel: cohort.panel,
      shortlist: cohort.shortlist,
      statutory: { statutory: count((p) => p.statutory === true), nonStatutory: count((p) => p.statutory === false), notRecorded: count((p) => p.statutory === null) },
      priorityGroups: FLAG_NAMES.map((flag) => ({ label: FLAG_LABELS[flag], count: count((p) => p.flags.includes(flag)) })),
      custody: { inCustody: count((p) => p.custody === 'in_custody'), notInCustody: count((p) => p.custody === 'not_in_custody'), unknown: count((p) => p.custody === 'unknown') },
    },
    counts: {
      workspacePeople: model.people.length,
      workspaceArrests: countArrests(workspace.db),
      longList: model.longList.length,
      longListIsEveryone: model.longList === model.people,
    },
    projection: { ...projection, people: people.length },
    concentration: reportConcentration(model, scenario, cohortIds),
    composition: compareCompositions(populations, scenario.referenceDate),
    dataNotes: dataNotes(model, cohort, people),
  };
  return { data, source: cohort.source, people: people.length };
}
