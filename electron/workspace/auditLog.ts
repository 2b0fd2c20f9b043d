import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface AuditEntryInput {
  actor: string;
  action: string;
  entity?: string | null;
  entityId?: string | number | null;
  /** Counts, ids, file hashes: never names, PNCs or dates of birth. */
  detail?: Record<string, unknown>;
}

export interface AuditEntry {
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

export const GENESIS_HASH = '0'.repeat(64);

function entryHash(e: Omit<AuditEntry, 'id' | 'hash'> & { id: number }): string {
  return createHash('sha256')
    .update(JSON.stringify([e.id, e.at, e.actor, e.action, e.entity, e.entityId, e.detail, e.prevHash]))
    .digest('hex');
}

export function appendAudit(db: Database, input: AuditEntryInput, at: string = new Date().toISOString()): AuditEntry {
  const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
  const base = {
    id: (last?.id ?? 0) + 1,
    at,
    actor: input.actor,
    action: input.action,
    entity: input.entity ?? null,
    entityId: input.entityId == null ? null : String(input.entityId),
    detail: JSON.stringify(input.detail ?? {}),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const entry: AuditEntry = { ...base, hash: entryHash(base) };
  db.prepare('INSERT INTO audit_log (id, at, actor, action, entity, entity_id, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    entry.id, entry.at, entry.actor, entry.action, entry.entity, entry.entityId, entry.detail, entry.prevHash, entry.hash,
  );
  // The head is kept apart from the chain so that deleting the newest entries is also detected.
  db.prepare("INSERT INTO workspace_meta (key, value) VALUES ('audit_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(`${entry.id}:${entry.hash}`);
  return entry;
}

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; brokenAtId: number; problem: string };

/** Walks the chain from the start; the first entry whose id, link or content does not fit is reported. */
export function verifyAuditChain(db: Database): AuditVerification {
  const rows = db.prepare('SELECT id, at, actor, action, entity, entity_id AS entityId, detail, prev_hash AS prevHash, hash FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditEntry>;
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let count = 0;
  for (const row of rows) {
    count += 1;
    if (row.id !== expectedId) return { ok: false, entries: count, brokenAtId: row.id, problem: `entry ${expectedId} is missing` };
    if (row.prevHash !== prevHash) return { ok: false, entries: count, brokenAtId: row.id, problem: 'does not link to the entry before it' };
    if (entryHash(row) !== row.hash) return { ok: false, entries: count, brokenAtId: row.id, problem: 'its content was changed after it was written' };
    prevHash = row.hash;
    expectedId += 1;
  }
  const head = (db.prepare("SELECT value FROM workspace_meta WHERE key = 'audit_head'").get() as { value: string } | undefined)?.value ?? null;
  const actualHead = count ? `${expectedId - 1}:${prevHash}` : null;
  if (head !== actualHead) return { ok: false, entries: count, brokenAtId: expectedId, problem: 'entries after this point were removed' };
  return { ok: true, entries: count };
}
