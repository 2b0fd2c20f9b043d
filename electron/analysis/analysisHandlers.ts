import type { analysisCalls } from '../../shared/analysis/analysisCalls';
import { monthlyTrend } from './arrestTrendService';
import { calibrateExistingCohort } from './calibrationService';
import { attributionEstimate } from '../../shared/analysis/projection';
import { concentrationFromIndex } from '../../shared/analysis/concentration';
import { equalitiesComparison } from '../../shared/analysis/equalities';
import { evaluateFilter } from '../../shared/shortlist/filterModel';
import { loadAnalysisModel } from './analysisModelLoader';
import { filterLongList, populationIds, projectPopulation } from './analysisService';
import { prepareAnalysis } from './modelPreparation';
import type { HandlerGroup } from '../handlers/handlerTypes';

export const analysisHandlers: HandlerGroup<keyof typeof analysisCalls> = {
  'analysis.prepare': (ctx) => prepareAnalysis(ctx),
  'analysis.project': (_ctx, input, workspace) => projectPopulation(workspace, input.scenario, input.population),
  'analysis.filter': (_ctx, input, workspace) => filterLongList(workspace, input.filter),
  'analysis.concentration': (_ctx, input, workspace) => {
    const model = loadAnalysisModel(workspace);
    return concentrationFromIndex(
      model.index,
      { referenceDate: input.referenceDate, windowMonths: input.windowMonths },
      {
        allegationsPerArrest: input.allegationsPerArrest,
        boroughOffences: input.boroughOffences,
        ...(input.topN ? { topN: input.topN } : {}),
        ...(input.population === 'longList' ? { personIds: model.longList.map((p) => p.id) } : {}),
      },
    );
  },
  'analysis.equalities': (_ctx, input, workspace) => {
    const model = loadAnalysisModel(workspace);
    const byId = new Map(model.people.map((p) => [p.id, p]));
    const filtered = input.filter ? evaluateFilter(input.filter, model.longList, model.index).personIds.map((id) => byId.get(id)!) : model.longList;
    let shortlist: typeof model.people = [];
    try {
      shortlist = populationIds(workspace, { kind: 'shortlist' }).ids.map((id) => byId.get(id)!).filter(Boolean);
    } catch {
      shortlist = [];
    }
    return equalitiesComparison(model.longList, filtered, shortlist, input.referenceDate);
  },
  'analysis.calibrate': (_ctx, input, workspace) => calibrateExistingCohort(workspace, input),
  'analysis.monthlyTrend': (_ctx, input, workspace) => monthlyTrend(workspace, input),
  'analysis.attribution': (_ctx, input) => attributionEstimate(input),
};
