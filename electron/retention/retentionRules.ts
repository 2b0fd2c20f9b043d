import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  DEFAULT_RETENTION_POLICY,
  PURGE_CONFIRMATION,
  RetentionPolicySchema,
  type RetentionApplyResult,
  type RetentionPolicy,
  type RetentionPreview,
} from '../../shared/api/maintenanceCalls';
import { invalidateAnalysisModel } from '../analysis/analysisModelLoader';
import { readSetting, writeSetting } from '../analysis/workspaceSettings';
import { appendAudit } from '../workspace/auditLog';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { compactWorkspace, refuseWhileBusy, removePeople } from './personRemoval';

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

const PROTECTED = `
  WITH latest AS (SELECT MAX(id) AS id FROM panel_decisions GROUP BY session_id, person_id)
  SELECT d.person_id AS id FROM panel_decisions d JOIN latest l ON l.id = d.id WHERE d.decision = 'accept'
  UNION SELECT id FROM people WHERE cohort_start_date IS NOT NULL
  UNION SELECT m.person_id FROM panel_sessions s JOIN shortlist_members m ON m.shortlist_id = s.shortlist_id WHERE s.status = 'open'
  UNION SELECT d.person_id FROM panel_decisions d JOIN panel_sessions s ON s.id = d.session_id WHERE s.status = 'open'`;

/** Closed panels considered these people; the day of the last one is when their clock started. */
const NOT_ACCEPTED_AFTER_PANEL = `
  SELECT id FROM (
    SELECT m.person_id AS id, substr(s.held_on, 1, 10) AS held FROM panel_sessions s JOIN shortlist_members m ON m.shortlist_id = s.shortlist_id WHERE s.status = 'closed'
    UNION ALL
    SELECT d.person_id, substr(s.held_on, 1, 10) FROM panel_decisions d JOIN panel_sessions s ON s.id = d.session_id WHERE s.status = 'closed'
  ) GROUP BY id HAVING MAX(held) <= ?`;

/**
 * The last import naming a person: any list that set one of their fields, an arrest or a flag; the
 * list that created them is `created_at` (the table rather than the person_field_provenance view,
 * whose creation rows would only repeat that date, at a cost paid per person).
 */
const NEVER_SHORTLISTED = `
  SELECT p.id FROM people p
   WHERE NOT EXISTS (SELECT 1 FROM shortlist_members m WHERE m.person_id = p.id AND m.status = 'included')
     AND NOT EXISTS (SELECT 1 FROM panel_decisions d WHERE d.person_id = p.id)
     AND COALESCE((SELECT MAX(i.imported_at) FROM imports i WHERE i.id IN (
           SELECT import_id FROM person_field_sources WHERE person_id = p.id
           UNION SELECT import_id FROM arrests WHERE person_id = p.id
           UNION SELECT import_id FROM person_flags WHERE person_id = p.id)), p.created_at) < ?`;

interface DuePeople {
  asOf: string;
  afterPanel: number[];
  neverShortlisted: number[];
  all: number[];
  protectedPeople: number;
}

function duePeople(db: Database, policy: RetentionPolicy, now: Date): DuePeople {
  const protectedIds = new Set(db.prepare(PROTECTED).pluck().all() as number[]);
  const unprotected = (ids: number[]) => ids.filter((id) => !protectedIds.has(id));
  const afterPanel =
    policy.notAcceptedAfterPanelDays === null ? [] : unprotected(db.prepare(NOT_ACCEPTED_AFTER_PANEL).pluck().all(isoDay(new Date(now.getTime() - policy.notAcceptedAfterPanelDays * DAY_MS))) as number[]);
  const neverShortlisted =
    policy.neverShortlistedAfterImportDays === null
      ? []
      : unprotected(db.prepare(NEVER_SHORTLISTED).pluck().all(new Date(now.getTime() - policy.neverShortlistedAfterImportDays * DAY_MS).toISOString()) as number[]);
  const all = [...new Set([...afterPanel, ...neverShortlisted])].sort((a, b) => a - b);
  return { asOf: isoDay(now), afterPanel, neverShortlisted, all, protectedPeople: protectedIds.size };
}

function lastApplied(db: Database): RetentionPreview['lastApplied'] {
  const row = db.prepare("SELECT at, detail FROM audit_log WHERE action = 'retention.apply' ORDER BY id DESC LIMIT 1").get() as { at: string; detail: string } | undefined;
  if (!row) return null;
  const purged = (JSON.parse(row.detail) as { purged?: unknown }).purged;
  return { at: row.at, purged: typeof purged === 'number' ? purged : 0 };
}

function previewFrom(db: Database, policy: RetentionPolicy, due: DuePeople): RetentionPreview {
  const sessions = db.prepare("SELECT COALESCE(SUM(status = 'open'), 0) AS open, COALESCE(SUM(status = 'closed'), 0) AS closed FROM panel_sessions").get() as { open: number; closed: number };
  return {
    policy,
    asOf: due.asOf,
    people: db.prepare('SELECT COUNT(*) FROM people').pluck().get() as number,
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
export function removeDuePeople(workspace: OpenWorkspace, actor: string, options: { expectedPeople: number; confirmation: string; now?: Date }): Pick<RetentionApplyResult, 'purged' | 'removed'> {
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
