/**
 * Rule sets and shortlists.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, insertedId, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

export function shortlistExists(db: WorkspaceDb, shortlistId: number): boolean {
  return cachedStatement(db, 'SELECT id FROM shortlists WHERE id = ?').get(shortlistId) !== undefined;
}

/** Undefined when the shortlist does not exist. */
export function shortlistCapacity(db: WorkspaceDb, shortlistId: number): number | undefined {
  return cachedStatement(db, 'SELECT capacity FROM shortlists WHERE id = ?').pluck().get(shortlistId) as number | undefined;
}

/** The newest shortlist's summary JSON; undefined before the first shortlist. */
export function latestShortlistSummary(db: WorkspaceDb): string | undefined {
  return cachedStatement(db, 'SELECT summary FROM shortlists ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined;
}

interface ShortlistRuleSetRow {
  name: string;
  version: number;
  /** The rule set as JSON, as stored. */
  definition: string;
}

/** The rule set a shortlist was made with; undefined when the shortlist does not exist. */
export function shortlistRuleSet(db: WorkspaceDb, shortlistId: number): ShortlistRuleSetRow | undefined {
  return cachedStatement(db, 'SELECT r.name, r.version, r.definition FROM shortlists s JOIN rule_sets r ON r.id = s.rule_set_id WHERE s.id = ?').get(shortlistId) as ShortlistRuleSetRow | undefined;
}

interface ShortlistHeadingRow {
  createdAt: string;
  ruleSetName: string;
  ruleSetVersion: number;
  /** The rule set as JSON, as stored. */
  definition: string;
}

/** When a shortlist was made and with which rule set; undefined when it does not exist. */
export function shortlistHeading(db: WorkspaceDb, shortlistId: number): ShortlistHeadingRow | undefined {
  return cachedStatement(db, 'SELECT s.created_at AS createdAt, r.name AS ruleSetName, r.version AS ruleSetVersion, r.definition FROM shortlists s JOIN rule_sets r ON r.id = s.rule_set_id WHERE s.id = ?').get(
    shortlistId,
  ) as ShortlistHeadingRow | undefined;
}

/** The included people in shortlist order (priority groups first). */
export function includedPeopleInShortlistOrder(db: WorkspaceDb, shortlistId: number): number[] {
  return cachedStatement(db, "SELECT person_id FROM shortlist_members m WHERE m.shortlist_id = ? AND m.status = 'included' ORDER BY m.position, m.person_id").pluck().all(shortlistId) as number[];
}

/** The included people in shortlist order, any without a position last. */
export function includedPeopleInExportOrder(db: WorkspaceDb, shortlistId: number): number[] {
  return cachedStatement(db, "SELECT person_id FROM shortlist_members WHERE shortlist_id = ? AND status = 'included' ORDER BY position IS NULL, position, person_id").pluck().all(shortlistId) as number[];
}

export function includedCountOnShortlist(db: WorkspaceDb, shortlistId: number): number {
  return cachedStatement(db, "SELECT COUNT(*) FROM shortlist_members WHERE shortlist_id = ? AND status = 'included'").pluck().get(shortlistId) as number;
}

/** The first `limit` over-capacity people, in the order the rules would have taken them. */
export function overCapacityReserves(db: WorkspaceDb, shortlistId: number, limit: number): number[] {
  return cachedStatement(db, `SELECT m.person_id FROM shortlist_members m WHERE m.shortlist_id = ? AND m.status = 'over_capacity' ORDER BY ${OVER_CAPACITY_ORDER} LIMIT ?`).pluck().all(shortlistId, limit) as number[];
}

// Used by analysis, export, workspace and audit.

/** The newest shortlist's id; null before the first run. */
export function newestShortlistId(db: WorkspaceDb): number | null {
  return (cachedStatement(db, 'SELECT MAX(id) FROM shortlists').pluck().get() as number | null) ?? null;
}

/** The people a shortlist included, in selection order. */
export function includedPeopleOnShortlist(db: WorkspaceDb, shortlistId: number): number[] {
  return cachedStatement(db, "SELECT person_id FROM shortlist_members WHERE shortlist_id = ? AND status = 'included' ORDER BY position").pluck().all(shortlistId) as number[];
}

/** The version a rule set saved under `name` now gets: one above the newest kept. */
export function nextRuleSetVersion(db: WorkspaceDb, name: string): number {
  return ((cachedStatement(db, 'SELECT MAX(version) FROM rule_sets WHERE name = ?').pluck().get(name) as number | null) ?? 0) + 1;
}

/** Adds a rule set version; returns its id. */
export function insertRuleSet(db: WorkspaceDb, row: { name: string; version: number; definition: string; createdBy: string; createdAt: string }): number {
  return insertedId(db, 'INSERT INTO rule_sets (name, version, definition, created_by, created_at) VALUES (?, ?, ?, ?, ?)', row.name, row.version, row.definition, row.createdBy, row.createdAt);
}

/** Adds a shortlist; returns its id. */
export function insertShortlist(db: WorkspaceDb, row: { ruleSetId: number; capacity: number; summary: string; createdBy: string; createdAt: string }): number {
  return insertedId(db, 'INSERT INTO shortlists (rule_set_id, capacity, summary, created_by, created_at) VALUES (?, ?, ?, ?, ?)', row.ruleSetId, row.capacity, row.summary, row.createdBy, row.createdAt);
}

interface ShortlistMemberInsert {
  personId: number;
  status: string;
  reason: string;
  position: number | null;
  rank: number | null;
  score: number | null;
  arrestsInWindow: number;
}

/** Records each person's result on a shortlist. */
export function insertShortlistMembers(db: WorkspaceDb, shortlistId: number, members: Iterable<ShortlistMemberInsert>): void {
  const insert = cachedStatement(db, 'INSERT INTO shortlist_members (shortlist_id, person_id, status, reason, position, rank, score, arrests_in_window) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const m of members) insert.run(shortlistId, m.personId, m.status, m.reason, m.position, m.rank, m.score, m.arrestsInWindow);
}

/** A person's result on a shortlist, with the rule set it was made with; undefined when they were not on it. */
interface ShortlistSelectionRow {
  shortlistId: number;
  shortlistCreatedAt: string;
  ruleSetName: string;
  ruleSetVersion: number;
  status: 'included' | 'over_capacity' | 'excluded' | 'not_eligible';
  reason: string;
  position: number | null;
  rank: number | null;
  score: number | null;
  arrestsInWindow: number;
  rankingFormula: unknown;
}

export function personOnShortlist(db: WorkspaceDb, shortlistId: number, personId: number): ShortlistSelectionRow | undefined {
  return cachedStatement(
    db,
    `SELECT s.id AS shortlistId, s.created_at AS shortlistCreatedAt, r.name AS ruleSetName, r.version AS ruleSetVersion, m.status, m.reason, m.position, m.rank, m.score,
         m.arrests_in_window AS arrestsInWindow, json_extract(s.summary, '$.rankingFormula') AS rankingFormula
       FROM shortlist_members m JOIN shortlists s ON s.id = m.shortlist_id JOIN rule_sets r ON r.id = s.rule_set_id
       WHERE m.shortlist_id = ? AND m.person_id = ?`,
  ).get(shortlistId, personId) as ShortlistSelectionRow | undefined;
}

interface ShortlistHeaderRow {
  id: number;
  createdAt: string;
  createdBy: string;
  capacity: number;
  summary: string;
  ruleSetId: number;
  ruleSetName: string;
  ruleSetVersion: number;
  definition: string;
}

/** A shortlist with the rule set it was made with. */
export function shortlistWithRuleSet(db: WorkspaceDb, shortlistId: number): ShortlistHeaderRow | undefined {
  return cachedStatement(
    db,
    `SELECT s.id, s.created_at AS createdAt, s.created_by AS createdBy, s.capacity, s.summary, s.rule_set_id AS ruleSetId,
              r.name AS ruleSetName, r.version AS ruleSetVersion, r.definition
         FROM shortlists s JOIN rule_sets r ON r.id = s.rule_set_id WHERE s.id = ?`,
  ).get(shortlistId) as ShortlistHeaderRow | undefined;
}

/** The newest shortlist with its rule set's name and version; undefined before the first run. */
export function newestShortlistHeader(db: WorkspaceDb): Omit<ShortlistHeaderRow, 'ruleSetId' | 'definition'> | undefined {
  return cachedStatement(
    db,
    `SELECT s.id, s.created_at AS createdAt, s.created_by AS createdBy, s.capacity, s.summary, r.name AS ruleSetName, r.version AS ruleSetVersion
       FROM shortlists s JOIN rule_sets r ON r.id = s.rule_set_id ORDER BY s.id DESC LIMIT 1`,
  ).get() as Omit<ShortlistHeaderRow, 'ruleSetId' | 'definition'> | undefined;
}

/** The definition of the rule set a shortlist was made with; undefined when the shortlist is gone. */
export function shortlistRuleSetDefinition(db: WorkspaceDb, shortlistId: number): string | undefined {
  return (cachedStatement(db, 'SELECT r.definition FROM shortlists s JOIN rule_sets r ON r.id = s.rule_set_id WHERE s.id = ?').get(shortlistId) as { definition: string } | undefined)?.definition;
}

/** How many people a shortlist gave each status (statuses nobody has are absent). */
export function shortlistStatusCounts(db: WorkspaceDb, shortlistId: number): Array<{ status: string; n: number }> {
  return cachedStatement(db, 'SELECT status, COUNT(*) AS n FROM shortlist_members WHERE shortlist_id = ? GROUP BY status').all(shortlistId) as Array<{ status: string; n: number }>;
}

export function shortlistCreatedAt(db: WorkspaceDb, shortlistId: number): string {
  return cachedStatement(db, 'SELECT created_at FROM shortlists WHERE id = ?').pluck().get(shortlistId) as string;
}

/** Every person's [id, status, reason, position] on a shortlist, in no particular order. */
export function shortlistStatusesByPerson(db: WorkspaceDb, shortlistId: number): Array<[number, string, string, number | null]> {
  return cachedStatement(db, 'SELECT person_id, status, reason, position FROM shortlist_members WHERE shortlist_id = ?').raw().all(shortlistId) as Array<[number, string, string, number | null]>;
}

export function shortlistMemberCount(db: WorkspaceDb, shortlistId: number, status: string): number {
  return cachedStatement(db, 'SELECT COUNT(*) FROM shortlist_members WHERE shortlist_id = ? AND status = ?').pluck().get(shortlistId, status) as number;
}

/**
 * Over-capacity people in the order they would have been taken had there been room: priority-group
 * people first (their reason names the priority place), then the ranked pool by rank. The reason
 * text is the only stored mark of which is which (shortlist_members has no priority column), and it
 * is written by `selectShortlist` in shared/shortlist/selectionRules.ts.
 */
export const OVER_CAPACITY_ORDER = "CASE WHEN m.reason LIKE 'over capacity: ranked%' THEN 1 ELSE 0 END, m.rank, m.person_id";

const MEMBER_ORDER: Readonly<Record<'included' | 'over_capacity' | 'excluded' | 'not_eligible', string>> = {
  included: 'm.position, m.person_id',
  over_capacity: OVER_CAPACITY_ORDER,
  excluded: 'm.arrests_in_window DESC, m.person_id',
  not_eligible: 'm.arrests_in_window DESC, m.person_id',
};

interface ShortlistMemberPersonRow {
  personId: number;
  surname: string | null;
  forenames: string | null;
  pnc: string | null;
  dob: string | null;
  borough: string | null;
  custody: 'in_custody' | 'not_in_custody' | 'unknown';
  status: 'included' | 'over_capacity' | 'excluded' | 'not_eligible';
  reason: string;
  position: number | null;
  rank: number | null;
  arrestsInWindow: number;
  /** The person's active flags, comma-separated. */
  flags: string | null;
}

/** One page of a shortlist's people with one status, in selection order for that status. */
export function shortlistMembersWithStatus(
  db: WorkspaceDb,
  query: { shortlistId: number; status: 'included' | 'over_capacity' | 'excluded' | 'not_eligible'; offset: number; limit: number },
): ShortlistMemberPersonRow[] {
  return cachedStatement(
    db,
    `SELECT m.person_id AS personId, p.surname, p.forenames, p.pnc, p.dob, p.borough, p.custody, m.status, m.reason, m.position, m.rank,
              m.arrests_in_window AS arrestsInWindow,
              (SELECT group_concat(DISTINCT f.flag) FROM person_flags f WHERE f.person_id = m.person_id AND f.active = 1) AS flags
         FROM shortlist_members m JOIN people p ON p.id = m.person_id
        WHERE m.shortlist_id = ? AND m.status = ?
        ORDER BY ${MEMBER_ORDER[query.status]}
        LIMIT ? OFFSET ?`,
  ).all(query.shortlistId, query.status, query.limit, query.offset) as ShortlistMemberPersonRow[];
}

/** A shortlist with its rule set's name, version and definition, as an export describes it. */
export interface ShortlistForExportRow {
  id: number;
  createdAt: string;
  createdBy: string;
  capacity: number;
  summary: string;
  ruleSetName: string;
  ruleSetVersion: number;
  ruleSetDefinition: string;
}

/** Shortlist `id` with its rule set, or the newest shortlist when no id is given. */
export function shortlistForExport(db: WorkspaceDb, id?: number): ShortlistForExportRow | undefined {
  const sql = `SELECT s.id, s.created_at AS createdAt, s.created_by AS createdBy, s.capacity, s.summary, r.name AS ruleSetName, r.version AS ruleSetVersion, r.definition AS ruleSetDefinition
                 FROM shortlists s JOIN rule_sets r ON r.id = s.rule_set_id`;
  const row = id === undefined ? cachedStatement(db, `${sql} ORDER BY s.id DESC LIMIT 1`).get() : cachedStatement(db, `${sql} WHERE s.id = ?`).get(id);
  return row as ShortlistForExportRow | undefined;
}

export interface ShortlistMemberStatusRow {
  personId: number;
  status: string;
  reason: string;
  position: number | null;
}

/** Every person's status, reason and position on a shortlist. */
export function shortlistMemberStatuses(db: WorkspaceDb, shortlistId: number): ShortlistMemberStatusRow[] {
  return cachedStatement(db, 'SELECT person_id AS personId, status, reason, position FROM shortlist_members WHERE shortlist_id = ?').all(shortlistId) as ShortlistMemberStatusRow[];
}

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).

// Used by tracking exits and the caseload.

/** A shortlist's stored summary (JSON text), or undefined when there is no such shortlist. */
export function shortlistSummaryText(db: WorkspaceDb, shortlistId: number): string | undefined {
  return cachedStatement(db, 'SELECT summary FROM shortlists WHERE id = ?').pluck().get(shortlistId) as string | undefined;
}
