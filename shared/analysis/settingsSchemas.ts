import { z } from 'zod';
import { SEED_STAFFING, StaffingSchema } from '../shortlist/selectionRules';
import { DEFAULT_UNIT_COST_SETTINGS, UnitCostSettingsSchema } from './unitCostSettings';

/**
 * Workspace settings the analyst edits on the Settings screen. Each key has its own schema, so a
 * value is checked on the way in (settings.update) and again when read back (a value written by an
 * older version that no longer fits falls back to the default rather than breaking a screen).
 */

/** The marking printed on exports and in their file names (GSC: OFFICIAL-SENSITIVE; the seed used RESTRICTED). */
export const ProtectiveMarkingSchema = z
  .string()
  .trim()
  .min(1, { message: 'a protective marking is needed' })
  .max(60)
  // It goes into file names too: no path separators or characters Windows refuses.
  .regex(/^[^\\/:*?"<>|\u0000-\u001f]+$/, { message: 'letters, digits, spaces and - only (it is used in file names)' });

/** Minutes without activity before the workspace locks itself (electron/runtime/idleLock.ts reads it). */
export const IdleLockMinutesSchema = z.number().int().min(1).max(240);

export const SETTING_SCHEMAS = {
  unitCosts: UnitCostSettingsSchema,
  staffing: StaffingSchema.strict(),
  protectiveMarking: ProtectiveMarkingSchema,
  idleLockMinutes: IdleLockMinutesSchema,
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export const SETTING_KEYS = Object.keys(SETTING_SCHEMAS) as SettingKey[];
export type SettingsValues = { [K in SettingKey]: z.infer<(typeof SETTING_SCHEMAS)[K]> };

export const SETTING_DEFAULTS: SettingsValues = {
  unitCosts: DEFAULT_UNIT_COST_SETTINGS,
  staffing: SEED_STAFFING,
  protectiveMarking: 'OFFICIAL-SENSITIVE',
  idleLockMinutes: 15,
};

export const SETTING_LABELS: Record<SettingKey, string> = {
  unitCosts: 'Unit costs of crime',
  staffing: 'Capacity and staffing',
  protectiveMarking: 'Protective marking',
  idleLockMinutes: 'Idle lock',
};

export interface SettingsSnapshot {
  values: SettingsValues;
  /** Keys whose value was set in this workspace (the rest are the defaults). */
  customised: SettingKey[];
}

export const SettingUpdateSchema = z.discriminatedUnion('key', [
  z.object({ key: z.literal('unitCosts'), value: SETTING_SCHEMAS.unitCosts }).strict(),
  z.object({ key: z.literal('staffing'), value: SETTING_SCHEMAS.staffing }).strict(),
  z.object({ key: z.literal('protectiveMarking'), value: SETTING_SCHEMAS.protectiveMarking }).strict(),
  z.object({ key: z.literal('idleLockMinutes'), value: SETTING_SCHEMAS.idleLockMinutes }).strict(),
]);
export type SettingUpdate = z.infer<typeof SettingUpdateSchema>;

export const SnapshotSchema = z.custom<SettingsSnapshot>((v) => typeof v === 'object' && v !== null && 'values' in v && 'customised' in v);
