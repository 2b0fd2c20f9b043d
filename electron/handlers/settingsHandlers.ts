import type { settingsCalls } from '../../shared/api/settingsCalls';
import { readSettings, updateSetting } from '../analysis/settingsService';
import type { HandlerGroup } from './handlerTypes';

export const settingsHandlers: HandlerGroup<keyof typeof settingsCalls> = {
  'settings.get': (ctx) => readSettings(ctx.session.requireWorkspace()),
  'settings.update': (ctx, input) => updateSetting(ctx.session.requireWorkspace(), input, ctx.actor),
};
