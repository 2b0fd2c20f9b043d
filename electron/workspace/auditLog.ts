import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { auditEntriesInChainOrder, auditSchemaObjects, insertAuditEntry, newestAuditEntry, recordAuditHead, recordedAuditHead, type AuditLogRow } from '../data/audit';

export { recordedAuditHead };

interface AuditEntryInput {
  actor: string;
  action: string;
  entity?: string | null;
  entityId?: string | number | null;
  /** Counts, ids, file hashes: never names, PNCs or dates of birth. */
  detail?: Record<string, unknown>;
}

type AuditEntry = AuditLogRow;

export const GENESIS_HASH = '0'.repeat(64);

function entryHash(e: Omit<AuditEntry, 'id' | 'hash'> & { id: number }): string {
  return createHash('sha256')
    .update(JSON.stringify([e.id, e.at, e.actor, e.action, e.entity, e.entityId, e.detail, e.prevHash]))
    .digest('hex');
}

/** The action of the entry written when the newest entries are found missing (see appendAudit). */
const GAP_ACTION = 'audit.gapDetected';

const lastEntry = newestAuditEntry;

/**
 * Appends one entry, linked to the newest. When the newest entries have been removed (the kept head
 * no longer matches the last entry), simply carrying on would move the head past the gap and hide
 * it; so a `audit.gapDetected` entry saying what the head was is written first, and verification
 * reports it for good.
 */
export function appendAudit(db: Database, input: AuditEntryInput, at: string = new Date().toISOString()): AuditEntry {
  // The entry and the kept head are written together: a process killed between the two would
  // otherwise leave a head that no longer matches, which verification reports as tampering.
  // IMMEDIATE takes the write lock before the head is read (see applyConnectionSettings).
  return db.transaction(() => {
    const before = lastEntry(db);
    const head = recordedAuditHead(db);
    if (head !== (before ? `${before.id}:${before.hash}` : null)) {
      const [headId, headHash] = (head ?? '').split(':');
      writeEntry(db, before, { actor: 'system', action: GAP_ACTION, detail: { recordedHeadId: headId ? Number(headId) : null, recordedHeadHash: headHash ?? null, lastEntryId: before?.id ?? null } }, at);
    }
    return writeEntry(db, lastEntry(db), input, at);
  }).immediate();
}

function writeEntry(db: Database, last: { id: number; hash: string } | undefined, input: AuditEntryInput, at: string): AuditEntry {
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
  insertAuditEntry(db, entry);
  // The head is kept apart from the chain so that deleting the newest entries is also detected.
  recordAuditHead(db, `${entry.id}:${entry.hash}`);
  return entry;
}

/** brokenAtId: the first entry that is wrong or missing; null when the fault is the log's protection, not one entry. */
type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; brokenAtId: number | null; problem: string };

/**
 * What makes the log append-only, as migration 001 created it. Anyone holding the passphrase can
 * drop the triggers, remove the newest entries and rewrite the kept head to match; the chain alone
 * cannot show that, but the triggers' absence (or a changed table or trigger) can.
 */
const AUDIT_SCHEMA: ReadonlyArray<{ type: 'table' | 'trigger'; name: string; sql: string }> = [
  { type: 'table', name: 'audit_log', sql: 'CREATE TABLE audit_log ( id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, entity TEXT, entity_id TEXT, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL ) STRICT' },
  { type: 'trigger', name: 'audit_log_no_update', sql: "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END" },
  { type: 'trigger', name: 'audit_log_no_delete', sql: "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END" },
];

const normalisedSql = (sql: string): string => sql.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();

/** What is missing from or changed in the audit log's table and triggers; null when all are as created. */
function auditSchemaProblem(db: Database): string | null {
  const stored = new Map(
    auditSchemaObjects(db).map((r) => [
      `${r.type}:${r.name}`,
      normalisedSql(r.sql ?? ''),
    ]),
  );
  const missing = AUDIT_SCHEMA.filter((o) => !stored.has(`${o.type}:${o.name}`));
  const changed = AUDIT_SCHEMA.filter((o) => stored.has(`${o.type}:${o.name}`) && stored.get(`${o.type}:${o.name}`) !== normalisedSql(o.sql));
  if (missing.some((o) => o.type === 'table')) return 'the audit log table is missing';
  if (changed.some((o) => o.type === 'table')) return 'the audit log table was changed from the one the app created, so its entries cannot be trusted';
  const names = (list: typeof AUDIT_SCHEMA) => list.map((o) => o.name).join(' and ');
  const triggers = (list: typeof AUDIT_SCHEMA) => `${list.length === 1 ? 'trigger' : 'triggers'} ${names(list)}`;
  const problems = [missing.length ? `its ${triggers(missing)} ${missing.length === 1 ? 'was' : 'were'} removed` : '', changed.length ? `its ${triggers(changed)} ${changed.length === 1 ? 'was' : 'were'} changed` : ''].filter(Boolean);
  return problems.length ? `the audit log is no longer append-only: ${problems.join(' and ')}, so entries may have been changed or deleted without trace` : null;
}

/**
 * Walks the chain from the start, reporting the first entry whose id, link or content does not fit;
 * a chain that fits is then only trusted if the log is still append-only.
 */
export function verifyAuditChain(db: Database): AuditVerification {
  const rows: IterableIterator<AuditEntry> = auditEntriesInChainOrder(db);
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let count = 0;
  for (const row of rows) {
    count += 1;
    if (row.id !== expectedId) {
      const problem = row.id === expectedId + 1 ? `entry ${expectedId} is missing` : row.id > expectedId ? `entries ${expectedId} to ${row.id - 1} are missing` : `entry ${row.id} is out of order`;
      // The first missing entry is where the chain breaks: everything before it is intact.
      return { ok: false, entries: count, brokenAtId: Math.min(expectedId, row.id), problem };
    }
    if (row.prevHash !== prevHash) return { ok: false, entries: count, brokenAtId: row.id, problem: `entry ${row.id} does not link to the entry before it (entries were replaced, reordered or re-linked)` };
    if (entryHash(row) !== row.hash) return { ok: false, entries: count, brokenAtId: row.id, problem: `entry ${row.id} was changed after it was written` };
    if (row.action === GAP_ACTION) return { ok: false, entries: count, brokenAtId: row.id, problem: gapProblem(row) };
    prevHash = row.hash;
    expectedId += 1;
  }
  const head = recordedAuditHead(db);
  const actualHead = count ? `${expectedId - 1}:${prevHash}` : null;
  if (head !== actualHead) {
    const headId = head ? Number(head.split(':')[0]) : null;
    const lastId = count ? expectedId - 1 : null;
    const removed = headId !== null && Number.isInteger(headId) && (lastId === null || headId > lastId);
    return { ok: false, entries: count, brokenAtId: removed ? expectedId : (lastId ?? 1), problem: headProblem(headId !== null && Number.isInteger(headId) ? headId : null, lastId) };
  }
  // A chain that verifies proves nothing if the log could be rewritten without trace.
  const schemaProblem = auditSchemaProblem(db);
  if (schemaProblem) return { ok: false, entries: count, brokenAtId: null, problem: schemaProblem };
  return { ok: true, entries: count };
}

function gapProblem(row: AuditEntry): string {
  let detail: { recordedHeadId?: unknown; lastEntryId?: unknown } = {};
  try {
    detail = JSON.parse(row.detail) as typeof detail;
  } catch {
    // The hash matched, so the detail is as it was written; an unreadable one still marks the gap.
  }
  const recorded = typeof detail.recordedHeadId === 'number' ? detail.recordedHeadId : null;
  const last = typeof detail.lastEntryId === 'number' ? detail.lastEntryId : null;
  return `${headProblem(recorded, last)} (found when this entry was written)`;
}

/** What a head that does not match the newest entry means: entries removed, or the newest one rewritten. */
function headProblem(recordedHeadId: number | null, lastEntryId: number | null): string {
  if (recordedHeadId !== null && (lastEntryId === null || recordedHeadId > lastEntryId)) {
    const first = (lastEntryId ?? 0) + 1;
    return first === recordedHeadId ? `entry ${recordedHeadId}, the newest, was removed` : `entries ${first} to ${recordedHeadId}, the newest, were removed`;
  }
  if (recordedHeadId === null) return 'the record of the newest entry is missing';
  return `entry ${lastEntryId} does not match the newest entry recorded when it was written`;
}
