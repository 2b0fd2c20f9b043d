import { DEFAULT_RETENTION_POLICY, PURGE_CONFIRMATION, RetentionPolicySchema, type RetentionApplyResult, type RetentionPolicy, type RetentionPreview } from '../../shared/maintenance/maintenanceSchemas';
import { invalidateAnalysisModel } from '../analysis/analysisModelLoader';
import { readSetting, writeSetting } from '../settings/workspaceSettings';
import { appendAudit } from '../workspace/auditLog';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { compactWorkspace, refuseWhileBusy, removePeople } from './personRemoval';
import type { WorkspaceDb } from '../data/workspaceDb';
import { latestAuditEntryOf } from '../data/audit';
import { panelSessionCounts } from '../data/panel';
import { peopleCount } from '../data/people';
import { peopleConsideredByClosedPanelsUpTo, peopleNeverShortlistedNamedBefore, peopleRetentionProtects } from '../data/maintenance';

/**
 * Retention: people are kept only while the cohort exercise needs them. Two rules, each off or a
 * number of days:
 * - not accepted by the panel: everyone on the shortlist a closed panel reviewed (or decided on
 *   there) and not accepted, N days after the last such panel;
 * - never shortlisted: everyone never put on a shortlist nor decided on by a panel, N days after
 *   the last import that named them (so a list that names them again restarts the clock).
 * Never purged by a rule: people a panel accepted (their latest decision in some session), the
 * existing IOM cohort, and anyone on the shortlist of a panel still open.
 */

const SETTING_KEY = 'retentionPolicy';
/** Internal ids listed in the audit entry of a run, up to this many (counts are always there). */
const AUDITED_IDS_MAX = 1000;

export function readRetentionPolicy(workspace: OpenWorkspace): RetentionPolicy {
  return readSetting(workspace, SETTING_KEY, RetentionPolicySchema, DEFAULT_RETENTION_POLICY);
}

export function setRetentionPolicy(workspace: OpenWorkspace, policy: RetentionPolicy, actor: string, now: Date = new Date()): RetentionPreview {
  const { db } = workspace;
  const checked = RetentionPolicySchema.parse(policy);
  db.transaction(() => {
    writeSetting(workspace, SETTING_KEY, checked);
    appendAudit(db, { actor, action: 'retention.policy', entity: 'setting', entityId: SETTING_KEY, detail: { ...checked } });
  }).immediate();
  return previewRetention(workspace, now);
}

const DAY_MS = 86_400_000;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

interface DuePeople {
  asOf: string;
  afterPanel: number[];
  neverShortlisted: number[];
  all: number[];
  protectedPeople: number;
}

function duePeople(db: WorkspaceDb, policy: RetentionPolicy, now: Date): DuePeople {
  const protectedIds = new Set(peopleRetentionProtects(db));
  const unprotected = (ids: number[]) => ids.filter((id) => !protectedIds.has(id));
  const afterPanel =
    policy.notAcceptedAfterPanelDays === null ? [] : unprotected(peopleConsideredByClosedPanelsUpTo(db, isoDay(new Date(now.getTime() - policy.notAcceptedAfterPanelDays * DAY_MS))));
  const neverShortlisted =
    policy.neverShortlistedAfterImportDays === null
      ? []
      : unprotected(peopleNeverShortlistedNamedBefore(db, new Date(now.getTime() - policy.neverShortlistedAfterImportDays * DAY_MS).toISOString()));
  const all = [...new Set([...afterPanel, ...neverShortlisted])].sort((a, b) => a - b);
  return { asOf: isoDay(now), afterPanel, neverShortlisted, all, protectedPeople: protectedIds.size };
}

function lastApplied(db: WorkspaceDb): RetentionPreview['lastApplied'] {
  const row = latestAuditEntryOf(db, 'retention.apply');
  if (!row) return null;
  const purged = (JSON.parse(row.detail) as { purged?: unknown }).purged;
  return { at: row.at, purged: typeof purged === 'number' ? purged : 0 };
}

function previewFrom(db: WorkspaceDb, policy: RetentionPolicy, due: DuePeople): RetentionPreview {
  const sessions = panelSessionCounts(db);
  return {
    policy,
    asOf: due.asOf,
    people: peopleCount(db),
    due: { notAcceptedAfterPanel: due.afterPanel.length, neverShortlisted: due.neverShortlisted.length, total: due.all.length },
    protectedPeople: due.protectedPeople,
    panelSessions: sessions,
    lastApplied: lastApplied(db),
  };
}

/** How many people the rules would purge today, and why; no names, nothing changed. */
export function previewRetention(workspace: OpenWorkspace, now: Date = new Date()): RetentionPreview {
  const policy = readRetentionPolicy(workspace);
  return previewFrom(workspace.db, policy, duePeople(workspace.db, policy, now));
}

/**
 * Purges everyone due under the rules in one transaction with its audit entry (counts, the rules
 * and the internal ids), then rewrites the file. `expectedPeople` is the count the user saw: if an
 * import or a panel decision changed it since, nothing is done and the user sees the new count.
 */
export function applyRetention(workspace: OpenWorkspace, actor: string, options: { expectedPeople: number; confirmation: string; now?: Date }): RetentionApplyResult {
  const now = options.now ?? new Date();
  const { purged, removed } = removeDuePeople(workspace, actor, { ...options, now });
  const compaction = purged ? compactWorkspace(workspace) : null;
  return { purged, removed, compaction, preview: previewRetention(workspace, now) };
}

/**
 * The purge of `applyRetention` and its audit entry, without the compaction that must follow when
 * anyone was purged (the app runs that in a worker, then reads the preview again).
 */
function removeDuePeople(workspace: OpenWorkspace, actor: string, options: { expectedPeople: number; confirmation: string; now?: Date }): Pick<RetentionApplyResult, 'purged' | 'removed'> {
  if (options.confirmation.trim() !== PURGE_CONFIRMATION) throw new WorkspaceError('invalid_input', `Type ${PURGE_CONFIRMATION} to confirm.`);
  const { db } = workspace;
  const now = options.now ?? new Date();
  const policy = readRetentionPolicy(workspace);
  const { due, removed } = refuseWhileBusy(() =>
    db.transaction(() => {
      const due = duePeople(db, policy, now);
      if (due.all.length !== options.expectedPeople) {
        throw new WorkspaceError('conflict', `The rules now find ${due.all.length} people due, not ${options.expectedPeople}: the data changed since the preview. Check the new count and confirm again.`);
      }
      const removed = removePeople(db, due.all);
      appendAudit(db, {
        actor,
        action: 'retention.apply',
        entity: 'retention',
        detail: {
          policy,
          asOf: due.asOf,
          purged: due.all.length,
          due: { notAcceptedAfterPanel: due.afterPanel.length, neverShortlisted: due.neverShortlisted.length },
          removed,
          ...(due.all.length <= AUDITED_IDS_MAX ? { personIds: due.all } : { personIdsOmitted: due.all.length }),
        },
      });
      return { due, removed };
    }).immediate(),
  );
  if (due.all.length) invalidateAnalysisModel(workspace);
  return { purged: due.all.length, removed };
}
