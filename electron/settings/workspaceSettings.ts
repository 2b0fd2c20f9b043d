import type { z } from 'zod';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { storeSettingJson, storedSettingJson } from '../data/settings';

/** Settings are JSON values under a key, each validated with its schema when read. */
export function readSetting<T>(workspace: OpenWorkspace, key: string, schema: z.ZodType<T>, fallback: T): T {
  const row = storedSettingJson(workspace.db, key);
  if (row === undefined) return fallback;
  const parsed = schema.safeParse(JSON.parse(row));
  return parsed.success ? parsed.data : fallback;
}

export function writeSetting(workspace: OpenWorkspace, key: string, value: unknown): void {
  storeSettingJson(workspace.db, key, JSON.stringify(value));
}
