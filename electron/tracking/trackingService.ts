import type { ParsedTrackingRequest, TrackedPersonName, TrackingView } from '../../shared/tracking/trackingSchemas';
import { isoFromDayNumber, latestArrestDay } from '../../shared/domain/analysisModel';
import type { FlagName } from '../../shared/domain/flags';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';
import { trackOutcomes, type TrackedMember } from '../../shared/tracking/outcomeTracking';
import { loadAnalysisModel, type AnalysisModel } from '../analysis/analysisModelLoader';
import { intakePlanForCohort } from '../intake/intakePlanService';
import { finalCohort } from '../panel/finalCohort';
import { chooseReportScenario } from '../report/cohortReportData';
import { WorkspaceError } from '../workspace/workspaceErrors';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { cohortMemberships } from './cohortMembership';

/** A fixed seed, so the same workspace always gives the same interval (screen, CLI and return alike). */
const TRACKING_BOOTSTRAP_SEED = 2014;

interface TrackedCohortMembers {
  source: 'new' | 'existing';
  description: string;
  members: TrackedMember[];
  /** Taken on, so never in the comparison: the accepted people and every current or past client. */
  takenOn: Set<number>;
  priorityGroups: FlagName[];
}

/**
 * The new cohort: the panel's accepted people, each starting on the first day of their intake-plan
 * tranche unless the day they actually started is recorded; the people the plan has no place for
 * have no start. The existing cohort: everyone with an IOM start date from a list, or recorded.
 */
function cohortMembers(workspace: OpenWorkspace, model: AnalysisModel, choice: ParsedTrackingRequest['cohort']): TrackedCohortMembers {
  const recorded = cohortMemberships(workspace);
  const exitOf = (personId: number) => {
    const r = recorded.get(personId);
    return r?.exitDate && r.exitReason ? { date: r.exitDate, reason: r.exitReason } : null;
  };
  const existingClients = model.people.filter((p) => p.cohortStartDate !== null);
  const panel = finalCohort(workspace);
  const useNew = choice === 'new' || (choice === 'auto' && panel !== null && panel.accepted.length > 0);
  if (useNew) {
    const report = intakePlanForCohort(workspace);
    if (!report || !panel) throw new WorkspaceError('not_found', 'No panel has accepted anyone yet, so there is no new cohort to track; track the existing cohort instead.');
    const tranche = new Map(report.plan.starters.map((s) => [s.personId, `${s.month}-01`]));
    const members = panel.accepted.map((a): TrackedMember => ({
      personId: a.personId,
      startDate: recorded.get(a.personId)?.startDate ?? tranche.get(a.personId) ?? null,
      exit: exitOf(a.personId),
      statutory: a.statutory,
    }));
    return {
      source: 'new',
      description: `Accepted by the panel of ${report.session.heldOn} (${panel.accepted.length} people), starting in their intake-plan tranche unless an actual start date is recorded`,
      members,
      takenOn: new Set([...panel.accepted.map((a) => a.personId), ...existingClients.map((p) => p.id)]),
      priorityGroups: report.priorityGroups,
    };
  }
  const members = existingClients.map((p): TrackedMember => ({ personId: p.id, startDate: recorded.get(p.id)?.startDate ?? p.cohortStartDate, exit: exitOf(p.id), statutory: p.statutory }));
  return {
    source: 'existing',
    description: `Everyone with an IOM start date (${members.length} people)`,
    members,
    takenOn: new Set(members.map((m) => m.personId)),
    priorityGroups: [...DEFAULT_SELECTION_RULE_SET.priorityGroups],
  };
}

export function trackCohort(workspace: OpenWorkspace, request: ParsedTrackingRequest, actor: string): TrackingView {
  const model = loadAnalysisModel(workspace);
  const saved = chooseReportScenario(workspace, actor, { scenarioId: request.scenarioId ?? null, scenarioName: request.scenarioName ?? null });
  const cohort = cohortMembers(workspace, model, request.cohort);
  const latest = latestArrestDay(model.index);
  const dataTo = request.dataTo ?? (latest !== null ? isoFromDayNumber(latest) : saved.scenario.referenceDate);
  const dataToSource: TrackingView['dataToSource'] = request.dataTo ? 'given' : latest !== null ? 'latestArrest' : 'referenceDate';
  const result = trackOutcomes(model.index, {
    scenario: saved.scenario,
    members: cohort.members,
    candidates: model.longList.filter((p) => !cohort.takenOn.has(p.id)).map((p) => p.id),
    priorityGroups: cohort.priorityGroups,
    dataTo,
    beforeMonths: request.beforeMonths,
    afterMonths: request.afterMonths,
    bootstrap: request.bootstrapIterations > 0 ? { iterations: request.bootstrapIterations, seed: TRACKING_BOOTSTRAP_SEED } : null,
  });
  const names: TrackedPersonName[] = cohort.members.map((m) => {
    const p = model.index.people[model.index.rowOf(m.personId)];
    return { personId: m.personId, surname: p?.surname ?? null, forenames: p?.forenames ?? null, pnc: p?.pnc ?? null, startDate: m.startDate, exit: m.exit };
  });
  return { cohort: { source: cohort.source, description: cohort.description }, scenario: { id: saved.id, name: saved.name }, dataTo, dataToSource, result, names };
}
