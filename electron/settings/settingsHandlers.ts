import type { settingsCalls } from '../../shared/analysis/settingsCalls';
import { readSettings, updateSetting } from './settingsService';
import type { HandlerGroup } from '../handlers/handlerTypes';

export const settingsHandlers: HandlerGroup<keyof typeof settingsCalls> = {
  'settings.get': (_ctx, _input, workspace) => readSettings(workspace),
  'settings.update': (ctx, input, workspace) => updateSetting(workspace, input, ctx.actor),
};
