import type { OpenWorkspace } from '../workspace/workspaceFile';
import { auditEntriesMatchingNewestFirst, auditEntriesMatchingOldestFirst, auditEntryById, auditFacetRows, countAuditEntriesMatching, newestAuditEntry } from '../data/audit';
import { appendAudit, verifyAuditChain } from '../workspace/auditLog';
import { readSettings } from '../settings/settingsService';
import { csvDocument, markedExportFileName } from '../../shared/domain/spreadsheetText';
import { AUDIT_HASH_RULE, auditActionLabel } from '../../shared/audit/auditTrail';
import type { AuditEntryView, AuditFacets, AuditFilter, AuditHead, AuditPage, AuditVerificationResult } from '../../shared/audit/auditSchemas';

/**
 * The audit trail as the Audit screen, the CLI and the information governance officer see it:
 * filtered pages, the values to filter by, the chain check, and the CSV export. Reading never writes;
 * only an export adds an entry (`export.audit`), after the file is out.
 */

/** Instants with any offset become the stored form (toISOString, UTC), so text order is time order. */
function storedInstant(instant: string): string {
  return new Date(instant).toISOString();
}

/** The filter as the trail is searched: its instants in the stored form. */
function storedFilter(filter: AuditFilter): AuditFilter {
  return { ...filter, ...(filter.from ? { from: storedInstant(filter.from) } : {}), ...(filter.to ? { to: storedInstant(filter.to) } : {}) };
}

function isFiltered(filter: AuditFilter): boolean {
  return Object.values(filter).some((v) => v !== undefined);
}

export function listAuditEntries(workspace: OpenWorkspace, filter: AuditFilter, offset: number, limit: number): AuditPage {
  const stored = storedFilter(filter);
  const total = countAuditEntriesMatching(workspace.db, stored);
  const entries: AuditEntryView[] = auditEntriesMatchingNewestFirst(workspace.db, stored, offset, limit);
  return { total, offset, entries };
}

export function auditFacets(workspace: OpenWorkspace): AuditFacets {
  const { actions, actors, entities, range } = auditFacetRows(workspace.db);
  return { total: range.total, actions, actors, entities, oldestAt: range.oldestAt, newestAt: range.newestAt };
}

function entryById(workspace: OpenWorkspace, id: number): AuditEntryView | null {
  return auditEntryById(workspace.db, id) ?? null;
}

/** The newest entry as the chain itself has it (not the separately kept head). */
function auditChainHead(workspace: OpenWorkspace): AuditHead | null {
  return newestAuditEntry(workspace.db) ?? null;
}

export function verifyAudit(workspace: OpenWorkspace, now: Date = new Date()): AuditVerificationResult {
  const result = verifyAuditChain(workspace.db);
  const head = auditChainHead(workspace);
  if (result.ok) return { ok: true, entries: result.entries, head, brokenAtId: null, problem: null, brokenEntry: null, verifiedAt: now.toISOString() };
  return { ok: false, entries: result.entries, head, brokenAtId: result.brokenAtId, problem: result.problem, brokenEntry: result.brokenAtId === null ? null : entryById(workspace, result.brokenAtId), verifiedAt: now.toISOString() };
}

/** `ID:HASH` as printed in an export's footer and by `audit --verify`. */
export function formatAuditHead(head: AuditHead | null): string {
  return head ? `${head.id}:${head.hash}` : 'none';
}

export function parseAuditHead(text: string): AuditHead | null {
  const match = /^(\d{1,12}):([0-9a-f]{64})$/i.exec(text.trim());
  return match ? { id: Number(match[1]), hash: match[2]!.toLowerCase() } : null;
}

/**
 * Checks a head taken from an earlier export against today's trail. Each hash covers the one before
 * it, so when the chain verifies and entry N still has the exported hash, entries 1..N are exactly as
 * they were exported; a different hash means the trail up to N was rewritten and re-chained.
 */
export function checkExportedHead(workspace: OpenWorkspace, exported: AuditHead): { ok: true } | { ok: false; problem: string } {
  const entry = entryById(workspace, exported.id);
  if (!entry) return { ok: false, problem: `entry ${exported.id}, the newest at the earlier export, no longer exists` };
  if (entry.hash !== exported.hash) return { ok: false, problem: `entry ${exported.id} has a different hash from the earlier export: the trail up to it was rewritten` };
  return { ok: true };
}

function describeAuditFilter(filter: AuditFilter): string {
  const parts: string[] = [];
  if (filter.action) parts.push(`action ${filter.action}`);
  if (filter.actor) parts.push(`by ${filter.actor}`);
  if (filter.entity) parts.push(`about ${filter.entity}${filter.entityId ? ` ${filter.entityId}` : ''}`);
  else if (filter.entityId) parts.push(`record id ${filter.entityId}`);
  if (filter.from) parts.push(`from ${storedInstant(filter.from)}`);
  if (filter.to) parts.push(`before ${storedInstant(filter.to)}`);
  return parts.length ? `Filtered: ${parts.join(', ')}` : 'All entries';
}

export interface AuditCsv {
  fileName: string;
  csv: string;
  entries: number;
  verification: AuditVerificationResult;
}

const CSV_HEADER = ['id', 'at', 'actor', 'action', 'description', 'entity', 'entityId', 'detail', 'prevHash', 'hash'];

/**
 * The audit entries matching `filter`, oldest first (chain order), as CSV: the protective marking on
 * the first line and the last, then the workspace, who exported it and the filter; and in the footer
 * the verification of the whole chain and its head, so the officer can later check that the trail
 * still starts with exactly these entries (`iom-cohort audit --verify --expect-head ID:HASH`).
 */
export function buildAuditCsv(workspace: OpenWorkspace, filter: AuditFilter, actor: string, now: Date = new Date()): AuditCsv {
  const marking = readSettings(workspace).values.protectiveMarking;
  const verification = verifyAudit(workspace, now);
  const rows: string[][] = [
    [marking],
    ['IOM Cohort Workbench audit trail', `Workspace: ${workspace.name}`, `Exported ${now.toISOString()} by ${actor}`, describeAuditFilter(filter)],
    CSV_HEADER,
  ];
  let entries = 0;
  for (const e of auditEntriesMatchingOldestFirst(workspace.db, storedFilter(filter))) {
    entries += 1;
    rows.push([String(e.id), e.at, e.actor, e.action, auditActionLabel(e.action), e.entity ?? '', e.entityId ?? '', e.detail, e.prevHash, e.hash]);
  }
  rows.push(
    [],
    [
      'Verification',
      verification.ok ? 'INTACT' : 'BROKEN',
      verification.ok ? `all ${verification.entries} entries link and match their hashes` : `first problem at entry ${verification.brokenAtId}: ${verification.problem}`,
      `head ${formatAuditHead(verification.head)}`,
      `verified ${verification.verifiedAt}`,
    ],
    ['Hash rule', AUDIT_HASH_RULE],
    [marking],
  );
  return {
    fileName: markedExportFileName(marking, 'IOM audit trail', now.toISOString().slice(0, 10), 'csv'),
    csv: csvDocument(rows),
    entries,
    verification,
  };
}

/** The export is itself audited, once the file is out: counts and the head it described, no path. */
export function recordAuditExport(workspace: OpenWorkspace, exported: AuditCsv, filter: AuditFilter, actor: string, via?: 'cli'): void {
  appendAudit(workspace.db, {
    actor,
    action: 'export.audit',
    detail: { format: 'csv', entries: exported.entries, filtered: isFiltered(filter), headId: exported.verification.head?.id ?? null, verified: exported.verification.ok, ...(via ? { via } : {}) },
  });
}

