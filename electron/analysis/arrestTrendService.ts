import { arrestTrend, fixedGroupExposure, monthlyArrestCounts, monthRange, type MonthlyTrendRequest, type MonthlyTrendResult } from '../../shared/analysis/arrestTrend';
import { isoFromDayNumber, latestArrestDay, type ArrestIndex } from '../../shared/domain/analysisModel';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { loadAnalysisModel } from './analysisModelLoader';
import { populationIds } from './analysisService';

function latestArrestDate(index: ArrestIndex): string | null {
  const latest = latestArrestDay(index);
  return latest === null ? null : isoFromDayNumber(latest);
}

/**
 * The seed's "cohort vs non-cohort" arrest-rate trend over the workspace: the cohort is the latest
 * shortlist (or everyone with a cohort start date), the comparison everyone else on the long list
 * (or in the workspace). Both are fixed groups over the months, so each member adds one
 * person-month a month.
 */
export function monthlyTrend(workspace: OpenWorkspace, request: MonthlyTrendRequest): MonthlyTrendResult {
  const model = loadAnalysisModel(workspace);
  let cohortIds: number[];
  let cohortDescription: string;
  if (request.cohort === 'shortlist') {
    cohortIds = populationIds(workspace, { kind: 'shortlist' }).ids;
    cohortDescription = `the latest shortlist (${cohortIds.length} people included)`;
  } else {
    cohortIds = model.people.filter((p) => p.cohortStartDate !== null).map((p) => p.id);
    if (cohortIds.length === 0) throw new WorkspaceError('not_found', 'No one in the workspace has a cohort start date: import the current IOM cohort, or use the latest shortlist instead.');
    cohortDescription = `the ${cohortIds.length} people with a cohort start date`;
  }
  const inCohort = new Set(cohortIds);
  const pool = request.comparison === 'longList' ? model.longList : model.people;
  const restIds = pool.filter((p) => !inCohort.has(p.id)).map((p) => p.id);
  const restDescription =
    request.comparison === 'longList'
      ? `the other ${restIds.length} people on ${model.longList === model.people ? 'the workspace (no long list imported)' : 'the Potential Candidate List'}`
      : `the other ${restIds.length} people in the workspace`;

  const months = monthRange(request.fromMonth, request.toMonth);
  const cohort = monthlyArrestCounts(model.index, cohortIds, months, request.crimeType);
  const rest = monthlyArrestCounts(model.index, restIds, months, request.crimeType);
  const trend = arrestTrend(
    [
      { name: 'Cohort', people: cohort.people, arrests: cohort.arrests, personMonths: fixedGroupExposure(cohort.people, months.length) },
      { name: 'Not in cohort', people: rest.people, arrests: rest.arrests, personMonths: fixedGroupExposure(rest.people, months.length) },
    ],
    months,
    { baseMonth: request.baseMonth, alpha: request.alpha },
  );
  return { ...trend, crimeType: request.crimeType, groupDescriptions: [cohortDescription, restDescription], latestArrestDate: latestArrestDate(model.index) };
}
