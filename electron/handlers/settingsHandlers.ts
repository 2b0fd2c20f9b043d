import type { settingsCalls } from '../../shared/api/settingsCalls';
import { readSettings, updateSetting } from '../analysis/settingsService';
import type { HandlerGroup } from './handlerTypes';

export const settingsHandlers: HandlerGroup<keyof typeof settingsCalls> = {
  'settings.get': (_ctx, _input, workspace) => readSettings(workspace),
  'settings.update': (ctx, input, workspace) => updateSetting(workspace, input, ctx.actor),
};
