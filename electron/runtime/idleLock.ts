import type { AppSession } from './appSession';
import { storedSettingJson } from '../data/settings';

export const IDLE_CHECK_INTERVAL_MS = 30_000;
const DEFAULT_IDLE_LOCK_MINUTES = 15;

/** The workspace's own idle-lock setting, so each workspace's owner decides it. */
export function idleLockMinutes(session: AppSession): number {
  const workspace = session.workspace;
  if (!workspace) return DEFAULT_IDLE_LOCK_MINUTES;
  const saved = storedSettingJson(workspace.db, 'idleLockMinutes');
  const minutes = saved !== undefined ? Number(JSON.parse(saved)) : DEFAULT_IDLE_LOCK_MINUTES;
  return Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_IDLE_LOCK_MINUTES;
}
