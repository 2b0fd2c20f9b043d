import type { z } from 'zod';
import type { OpenWorkspace } from '../workspace/workspaceFile';

/** Settings are JSON values under a key, each validated with its schema when read. */
export function readSetting<T>(workspace: OpenWorkspace, key: string, schema: z.ZodType<T>, fallback: T): T {
  const row = workspace.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  if (row === undefined) return fallback;
  const parsed = schema.safeParse(JSON.parse(row));
  return parsed.success ? parsed.data : fallback;
}

export function writeSetting(workspace: OpenWorkspace, key: string, value: unknown): void {
  workspace.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}
