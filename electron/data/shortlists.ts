/**
 * Rule sets and shortlists.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { OVER_CAPACITY_ORDER } from '../analysis/shortlistView';
import { cachedStatement, type WorkspaceDb } from './workspaceDb';

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

export interface ShortlistRuleSetRow {
  name: string;
  version: number;
  /** The rule set as JSON, as stored. */
  definition: string;
}

/** The rule set a shortlist was made with; undefined when the shortlist does not exist. */
export function shortlistRuleSet(db: WorkspaceDb, shortlistId: number): ShortlistRuleSetRow | undefined {
  return cachedStatement(db, 'SELECT r.name, r.version, r.definition FROM shortlists s JOIN rule_sets r ON r.id = s.rule_set_id WHERE s.id = ?').get(shortlistId) as ShortlistRuleSetRow | undefined;
}

export interface ShortlistHeadingRow {
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

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).
