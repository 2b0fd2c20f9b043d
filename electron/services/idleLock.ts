import type { AppSession } from './appSession';

export const IDLE_CHECK_INTERVAL_MS = 30_000;
export const DEFAULT_IDLE_LOCK_MINUTES = 15;

/** The workspace's own idle-lock setting, so each workspace's owner decides it. */
export function idleLockMinutes(session: AppSession): number {
  const workspace = session.workspace;
  if (!workspace) return DEFAULT_IDLE_LOCK_MINUTES;
  const row = workspace.db.prepare("SELECT value FROM settings WHERE key = 'idleLockMinutes'").get() as { value: string } | undefined;
  const minutes = row ? Number(JSON.parse(row.value)) : DEFAULT_IDLE_LOCK_MINUTES;
  return Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_IDLE_LOCK_MINUTES;
}
