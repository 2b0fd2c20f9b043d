import { SETTING_DEFAULTS, SETTING_KEYS, SETTING_SCHEMAS, type SettingKey, type SettingsSnapshot, type SettingsValues, type SettingUpdate } from '../../shared/analysis/settingsSchemas';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { appendAudit } from '../workspace/auditLog';
import { readSetting, writeSetting } from './workspaceSettings';
import { removeSetting, storedSettingKeys } from '../data/settings';

export function readSettings(workspace: OpenWorkspace): SettingsSnapshot {
  // Each key is read with its own schema; a value that no longer fits reads as the default.
  const values = Object.fromEntries(SETTING_KEYS.map((key) => [key, readSetting<unknown>(workspace, key, SETTING_SCHEMAS[key], SETTING_DEFAULTS[key])])) as SettingsValues;
  const stored = new Set(storedSettingKeys(workspace.db, SETTING_KEYS));
  return { values, customised: SETTING_KEYS.filter((key) => stored.has(key)) };
}

/**
 * Writes one setting (already validated against its schema by the contract) or removes it to put
 * the default back. The audit names the key only: a marking or a cost is not personal, but the
 * audit stays a list of what changed, not of values.
 */
export function updateSetting(workspace: OpenWorkspace, update: SettingUpdate | { key: SettingKey; reset: true }, actor: string): SettingsSnapshot {
  const { db } = workspace;
  db.transaction(() => {
    if ('reset' in update) removeSetting(db, update.key);
    else writeSetting(workspace, update.key, SETTING_SCHEMAS[update.key].parse(update.value));
    appendAudit(db, { actor, action: 'settings.update', entity: 'setting', entityId: update.key, detail: { reset: 'reset' in update } });
  }).immediate();
  return readSettings(workspace);
}
