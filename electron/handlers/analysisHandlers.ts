import type { analysisCalls, attributionCalls, calibrationCalls, classificationCalls, shortlistCalls, trendCalls } from '../../shared/api/analysisCalls';
import { monthlyTrend } from '../analysis/arrestTrendService';
import { calibrateExistingCohort } from '../analysis/calibrationService';
import { attributionEstimate } from '../../shared/projection';
import { concentrationFromIndex } from '../../shared/concentration';
import { equalitiesComparison } from '../../shared/equalities';
import { evaluateFilter } from '../../shared/filterModel';
import { loadAnalysisModel } from '../analysis/analysisModelLoader';
import { filterLongList, offenceSummary, populationIds, projectPopulation, runShortlist, setClassificationOverride } from '../analysis/analysisService';
import { prepareAnalysis } from '../analysis/modelPreparation';
import type { HandlerGroup } from './handlerTypes';

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
};

export const calibrationHandlers: HandlerGroup<keyof typeof calibrationCalls> = {
  'analysis.calibrate': (_ctx, input, workspace) => calibrateExistingCohort(workspace, input),
};

export const attributionHandlers: HandlerGroup<keyof typeof attributionCalls> = {
  'analysis.attribution': (_ctx, input) => attributionEstimate(input),
};

export const shortlistHandlers: HandlerGroup<keyof typeof shortlistCalls> = {
  'shortlist.run': (ctx, input, workspace) => runShortlist(workspace, input.ruleSet, ctx.actor),
};

export const classificationHandlers: HandlerGroup<keyof typeof classificationCalls> = {
  'classification.offences': (_ctx, _input, workspace) => offenceSummary(workspace),
  'classification.setOverride': (ctx, input, workspace) => {
    setClassificationOverride(workspace, input.description, input.crimeType, ctx.actor);
    return { saved: true as const };
  },
};

export const trendHandlers: HandlerGroup<keyof typeof trendCalls> = {
  'analysis.monthlyTrend': (_ctx, input, workspace) => monthlyTrend(workspace, input),
};
