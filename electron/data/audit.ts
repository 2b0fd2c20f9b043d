import type { AuditFilter } from '../../shared/audit/auditSchemas';

/**
 * The audit trail.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

/** When the workspace was last backed up, as the audit recorded it; null when never. */
export function lastBackupAt(db: WorkspaceDb): string | null {
  return (cachedStatement(db, "SELECT at FROM audit_log WHERE action = 'workspace.backup' ORDER BY id DESC LIMIT 1").pluck().get() as string | undefined) ?? null;
}

// Used by analysis, export, workspace and audit.

/** One audit entry as stored (the hash covers every other field). */
export interface AuditLogRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string | null;
  entityId: string | null;
  detail: string;
  prevHash: string;
  hash: string;
}

const AUDIT_ENTRY_COLUMNS = 'id, at, actor, action, entity, entity_id AS entityId, detail, prev_hash AS prevHash, hash';

/** `id:hash` of the newest entry, as kept apart from the chain in workspace_meta. */
export function recordedAuditHead(db: WorkspaceDb): string | null {
  return (cachedStatement(db, "SELECT value FROM workspace_meta WHERE key = 'audit_head'").get() as { value: string } | undefined)?.value ?? null;
}

/** Keeps `id:hash` of the newest entry apart from the chain, so deleting the newest entries is detected. */
export function recordAuditHead(db: WorkspaceDb, head: string): void {
  cachedStatement(db, "INSERT INTO workspace_meta (key, value) VALUES ('audit_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(head);
}

/** The newest entry as the chain itself has it. */
export function newestAuditEntry(db: WorkspaceDb): { id: number; hash: string } | undefined {
  return cachedStatement(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
}

export function insertAuditEntry(db: WorkspaceDb, entry: AuditLogRow): void {
  cachedStatement(db, 'INSERT INTO audit_log (id, at, actor, action, entity, entity_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    entry.id, entry.at, entry.actor, entry.action, entry.entity, entry.entityId, entry.detail, entry.prevHash, entry.hash,
  );
}

/** The audit log's table and triggers as the schema holds them now. */
export function auditSchemaObjects(db: WorkspaceDb): Array<{ type: string; name: string; sql: string | null }> {
  return db.prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'audit_log' AND type IN ('table', 'trigger')").all() as Array<{ type: string; name: string; sql: string | null }>;
}

/** Every entry in chain order, one at a time (the trail can be long). */
export function auditEntriesInChainOrder(db: WorkspaceDb): IterableIterator<AuditLogRow> {
  return db.prepare(`SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_log ORDER BY id`).iterate() as IterableIterator<AuditLogRow>;
}

export function auditEntryById(db: WorkspaceDb, id: number): AuditLogRow | undefined {
  return cachedStatement(db, `SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_log WHERE id = ?`).get(id) as AuditLogRow | undefined;
}

interface AuditWhere {
  sql: string;
  params: Array<string | number>;
}

/** The filter's WHERE clause; `from` and `to` must already be in the stored form (toISOString, UTC). */
function auditWhere(filter: AuditFilter): AuditWhere {
  const clauses: string[] = [];
  const params: Array<string | number> = [];
  if (filter.action) {
    const prefix = `${filter.action}.`;
    clauses.push('(action = ? OR substr(action, 1, ?) = ?)');
    params.push(filter.action, prefix.length, prefix);
  }
  if (filter.actor) {
    clauses.push('actor = ?');
    params.push(filter.actor);
  }
  if (filter.entity && filter.entityId) {
    // A person's link decisions name them in the detail (the entry is about the review), so asking
    // for a person finds those too.
    if (filter.entity === 'person') {
      clauses.push("((entity = 'person' AND entity_id = ?) OR CAST(json_extract(CASE WHEN json_valid(detail) THEN detail END, '$.personId') AS TEXT) = ?)");
      params.push(filter.entityId, filter.entityId);
    } else {
      clauses.push('entity = ? AND entity_id = ?');
      params.push(filter.entity, filter.entityId);
    }
  } else if (filter.entity) {
    clauses.push('entity = ?');
    params.push(filter.entity);
  } else if (filter.entityId) {
    clauses.push('entity_id = ?');
    params.push(filter.entityId);
  }
  if (filter.from) {
    clauses.push('at >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    clauses.push('at < ?');
    params.push(filter.to);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** How many entries match the filter (instants in the stored form). */
export function countAuditEntriesMatching(db: WorkspaceDb, filter: AuditFilter): number {
  const where = auditWhere(filter);
  return db.prepare(`SELECT COUNT(*) FROM audit_log ${where.sql}`).pluck().get(...where.params) as number;
}

/** A page of the entries matching the filter, newest first (instants in the stored form). */
export function auditEntriesMatchingNewestFirst(db: WorkspaceDb, filter: AuditFilter, offset: number, limit: number): AuditLogRow[] {
  const where = auditWhere(filter);
  return db.prepare(`SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_log ${where.sql} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...where.params, limit, offset) as AuditLogRow[];
}

/** The entries matching the filter in chain order, one at a time (instants in the stored form). */
export function auditEntriesMatchingOldestFirst(db: WorkspaceDb, filter: AuditFilter): IterableIterator<AuditLogRow> {
  const where = auditWhere(filter);
  return db.prepare(`SELECT ${AUDIT_ENTRY_COLUMNS} FROM audit_log ${where.sql} ORDER BY id`).iterate(...where.params) as IterableIterator<AuditLogRow>;
}

interface AuditFacetRows {
  actions: Array<{ action: string; count: number }>;
  actors: string[];
  entities: string[];
  range: { total: number; oldestAt: string | null; newestAt: string | null };
}

/** The values the trail can be filtered by, with the count and time span of all entries. */
export function auditFacetRows(db: WorkspaceDb): AuditFacetRows {
  return {
    actions: db.prepare('SELECT action, COUNT(*) AS count FROM audit_log GROUP BY action ORDER BY action').all() as Array<{ action: string; count: number }>,
    actors: db.prepare('SELECT DISTINCT actor FROM audit_log ORDER BY actor').pluck().all() as string[],
    entities: db.prepare('SELECT DISTINCT entity FROM audit_log WHERE entity IS NOT NULL ORDER BY entity').pluck().all() as string[],
    range: db.prepare('SELECT COUNT(*) AS total, MIN(at) AS oldestAt, MAX(at) AS newestAt FROM audit_log').get() as { total: number; oldestAt: string | null; newestAt: string | null },
  };
}

// Used by import, links and retention.

interface AuditEntryBrief {
  at: string;
  /** JSON of the entry's detail. */
  detail: string;
}

/** The newest audit entry of this action, if any. */
export function latestAuditEntryOf(db: WorkspaceDb, action: string): AuditEntryBrief | undefined {
  return cachedStatement(db, 'SELECT at, detail FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1').get(action) as AuditEntryBrief | undefined;
}

// Used by the import's hot path (linking and writing rows).
