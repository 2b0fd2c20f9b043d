import { z } from 'zod';
import type { ShortlistMembersPage, ShortlistView } from '../../shared/shortlist/shortlistSchemas';
import { SelectionRuleSetSchema, type SelectionRuleSet, type SelectionStatus } from '../../shared/shortlist/selectionRules';
import { FLAG_NAMES, isFlagName, type FlagName } from '../../shared/domain/flags';
import { ymdOfIso } from '../../shared/domain/isoDate';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { latestShortlistId } from '../analysis/analysisService';
import { OVER_CAPACITY_ORDER, shortlistMemberCount, shortlistMembersWithStatus, shortlistRuleSetDefinition, shortlistStatusCounts, shortlistWithRuleSet } from '../data/shortlists';
import { panelSessionsOnShortlist } from '../data/panel';

export { OVER_CAPACITY_ORDER };

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

function shortlistView(workspace: OpenWorkspace, shortlistId: number): ShortlistView {
  const { db } = workspace;
  const row = shortlistWithRuleSet(db, shortlistId);
  if (!row) throw new WorkspaceError('not_found', 'That shortlist no longer exists.');
  const counts = { included: 0, over_capacity: 0, excluded: 0, not_eligible: 0 };
  const grouped = shortlistStatusCounts(db, row.id) as Array<{ status: SelectionStatus; n: number }>;
  for (const g of grouped) if (g.status in counts) counts[g.status] = g.n;
  const summary = SummaryJson.safeParse(parseJson(row.summary));
  const s = summary.success ? summary.data : {};
  const sessions: ShortlistView['sessions'] = panelSessionsOnShortlist(db, row.id);
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
  const definition = shortlistRuleSetDefinition(db, query.shortlistId);
  if (definition === undefined) throw new WorkspaceError('not_found', 'That shortlist no longer exists.');
  const referenceDate = storedRuleSet(definition)?.referenceDate ?? null;
  const total = shortlistMemberCount(db, query.shortlistId, query.status);
  const rows = shortlistMembersWithStatus(db, query);
  return {
    shortlistId: query.shortlistId,
    status: query.status,
    total,
    offset: query.offset,
    rows: rows.map(({ dob, flags, ...r }) => ({ ...r, age: ageOnDate(dob, referenceDate), flags: flagsFromList(flags) })),
  };
}
