import { z } from 'zod';
import type { ShortlistMemberRow, ShortlistMembersPage, ShortlistView } from '../../shared/api/shortlistViewCalls';
import { SelectionRuleSetSchema, type SelectionRuleSet, type SelectionStatus } from '../../shared/selectionRules';
import { FLAG_NAMES, isFlagName, type FlagName } from '../../shared/domain/flags';
import { ymdOfIso } from '../../shared/domain/isoDate';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { latestShortlistId } from './analysisService';

const SummaryJson = z.object({
  capacityWorking: z.string().optional(),
  priorityCandidates: z.number().optional(),
  priorityExceedsCapacity: z.boolean().optional(),
  rankingFormula: z.string().optional(),
  window: z.object({ referenceDate: z.string(), windowMonths: z.number().int() }).optional(),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The rule set a shortlist was made with, or null when the stored text no longer fits the schema. */
export function storedRuleSet(definition: string): SelectionRuleSet | null {
  const parsed = SelectionRuleSetSchema.safeParse(parseJson(definition));
  return parsed.success ? parsed.data : null;
}

export function shortlistView(workspace: OpenWorkspace, shortlistId: number): ShortlistView {
  const { db } = workspace;
  const row = db
    .prepare(
      `SELECT s.id, s.created_at AS createdAt, s.created_by AS createdBy, s.capacity, s.summary, s.rule_set_id AS ruleSetId,
              r.name AS ruleSetName, r.version AS ruleSetVersion, r.definition
         FROM shortlists s JOIN rule_sets r ON r.id = s.rule_set_id WHERE s.id = ?`,
    )
    .get(shortlistId) as
    | { id: number; createdAt: string; createdBy: string; capacity: number; summary: string; ruleSetId: number; ruleSetName: string; ruleSetVersion: number; definition: string }
    | undefined;
  if (!row) throw new WorkspaceError('not_found', 'That shortlist no longer exists.');
  const counts = { included: 0, over_capacity: 0, excluded: 0, not_eligible: 0 };
  const grouped = db.prepare('SELECT status, COUNT(*) AS n FROM shortlist_members WHERE shortlist_id = ? GROUP BY status').all(row.id) as Array<{ status: SelectionStatus; n: number }>;
  for (const g of grouped) if (g.status in counts) counts[g.status] = g.n;
  const summary = SummaryJson.safeParse(parseJson(row.summary));
  const s = summary.success ? summary.data : {};
  const sessions = db
    .prepare('SELECT id, title, held_on AS heldOn, status FROM panel_sessions WHERE shortlist_id = ? ORDER BY id DESC')
    .all(row.id) as ShortlistView['sessions'];
  return {
    id: row.id,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    ruleSetId: row.ruleSetId,
    ruleSetName: row.ruleSetName,
    ruleSetVersion: row.ruleSetVersion,
    ruleSet: storedRuleSet(row.definition),
    capacity: row.capacity,
    capacityWorking: s.capacityWorking ?? null,
    counts,
    priorityCandidates: s.priorityCandidates ?? null,
    priorityExceedsCapacity: s.priorityExceedsCapacity ?? false,
    rankingFormula: s.rankingFormula ?? null,
    window: s.window ?? null,
    sessions,
  };
}

export function latestShortlistView(workspace: OpenWorkspace): ShortlistView | null {
  const id = latestShortlistId(workspace);
  return id === null ? null : shortlistView(workspace, id);
}

/**
 * Over-capacity people in the order they would have been taken had there been room: priority-group
 * people first (their reason names the priority place), then the ranked pool by rank. The reason
 * text is the only stored mark of which is which (shortlist_members has no priority column), and it
 * is written by `selectShortlist` in shared/selectionRules.ts.
 */
export const OVER_CAPACITY_ORDER = "CASE WHEN m.reason LIKE 'over capacity: ranked%' THEN 1 ELSE 0 END, m.rank, m.person_id";

const ORDER_BY: Readonly<Record<SelectionStatus, string>> = {
  included: 'm.position, m.person_id',
  over_capacity: OVER_CAPACITY_ORDER,
  excluded: 'm.arrests_in_window DESC, m.person_id',
  not_eligible: 'm.arrests_in_window DESC, m.person_id',
};

/** Age in whole years on a date, from ISO dates; null without a usable date of birth. */
export function ageOnDate(dob: string | null, on: string | null): number | null {
  if (!dob || !on || !/^\d{4}-\d{2}-\d{2}/.test(dob) || !/^\d{4}-\d{2}-\d{2}/.test(on)) return null;
  const age = Math.floor((ymdOfIso(on) - ymdOfIso(dob)) / 10000);
  return age >= 0 ? age : null;
}

export function flagsFromList(list: string | null): FlagName[] {
  if (!list) return [];
  const present = new Set(list.split(',').filter(isFlagName));
  return FLAG_NAMES.filter((f) => present.has(f));
}

export function shortlistMembersPage(workspace: OpenWorkspace, query: { shortlistId: number; status: SelectionStatus; offset: number; limit: number }): ShortlistMembersPage {
  const { db } = workspace;
  const view = db.prepare('SELECT r.definition FROM shortlists s JOIN rule_sets r ON r.id = s.rule_set_id WHERE s.id = ?').get(query.shortlistId) as { definition: string } | undefined;
  if (!view) throw new WorkspaceError('not_found', 'That shortlist no longer exists.');
  const referenceDate = storedRuleSet(view.definition)?.referenceDate ?? null;
  const total = db.prepare('SELECT COUNT(*) FROM shortlist_members WHERE shortlist_id = ? AND status = ?').pluck().get(query.shortlistId, query.status) as number;
  const rows = db
    .prepare(
      `SELECT m.person_id AS personId, p.surname, p.forenames, p.pnc, p.dob, p.borough, p.custody, m.status, m.reason, m.position, m.rank,
              m.arrests_in_window AS arrestsInWindow,
              (SELECT group_concat(DISTINCT f.flag) FROM person_flags f WHERE f.person_id = m.person_id AND f.active = 1) AS flags
         FROM shortlist_members m JOIN people p ON p.id = m.person_id
        WHERE m.shortlist_id = ? AND m.status = ?
        ORDER BY ${ORDER_BY[query.status]}
        LIMIT ? OFFSET ?`,
    )
    .all(query.shortlistId, query.status, query.limit, query.offset) as Array<Omit<ShortlistMemberRow, 'age' | 'flags'> & { dob: string | null; flags: string | null }>;
  return {
    shortlistId: query.shortlistId,
    status: query.status,
    total,
    offset: query.offset,
    rows: rows.map(({ dob, flags, ...r }) => ({ ...r, age: ageOnDate(dob, referenceDate), flags: flagsFromList(flags) })),
  };
}
