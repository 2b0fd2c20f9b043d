import type { classificationCalls } from '../../shared/api/classificationCalls';
import { offenceSummary, setClassificationOverride } from '../analysis/analysisService';
import type { HandlerGroup } from './handlerTypes';

export const classificationHandlers: HandlerGroup<keyof typeof classificationCalls> = {
  'classification.offences': (_ctx, _input, workspace) => offenceSummary(workspace),
  'classification.setOverride': (ctx, input, workspace) => {
    setClassificationOverride(workspace, input.description, input.crimeType, ctx.actor);
    return { saved: true as const };
  },
};
