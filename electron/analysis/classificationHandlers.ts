import type { classificationCalls } from '../../shared/analysis/classificationCalls';
import { offenceSummary, setClassificationOverride } from './analysisService';
import type { HandlerGroup } from '../handlers/handlerTypes';

export const classificationHandlers: HandlerGroup<keyof typeof classificationCalls> = {
  'classification.offences': (_ctx, _input, workspace) => offenceSummary(workspace),
  'classification.setOverride': (ctx, input, workspace) => {
    setClassificationOverride(workspace, input.description, input.crimeType, ctx.actor);
    return { saved: true as const };
  },
};
