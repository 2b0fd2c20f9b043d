import { z } from 'zod';
import { workspaceCall } from '../api/defineCall';
import { NoInput } from '../api/callInputs';
import { type SettingKey, SETTING_KEYS, SettingUpdateSchema, SnapshotSchema } from './settingsSchemas';

export const settingsCalls = {
  'settings.get': workspaceCall({
    summary: 'Every workspace setting (unit costs, staffing, protective marking, idle lock), defaults where unset.',
    input: NoInput,
    output: SnapshotSchema,
  }),
  'settings.update': workspaceCall({
    summary: 'Change one setting, validated with its own schema (or put back its default); audited by key name.',
    input: z.union([SettingUpdateSchema, z.object({ key: z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]), reset: z.literal(true) }).strict()]),
    output: SnapshotSchema,
  }),
};
