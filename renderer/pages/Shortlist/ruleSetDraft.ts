import { DEFAULT_SELECTION_RULE_SET, SelectionRuleSetSchema, type Ranking, type RankingMethod, type SelectionRuleSet, type Staffing } from '../../../shared/selectionRules';
import { FLAG_NAMES, type FlagName } from '../../../shared/domain/flags';
import type { CrimeTypeId } from '../../../shared/domain/crimeTypes';
import { isIsoDate } from '../../../shared/domain/isoDate';

/**
 * The selection rules as the Shortlist form holds them: numbers as typed text, and capacity either
 * "from the staffing setting" (so the workspace's team decides, with its working shown) or a fixed
 * number. Turned into a SelectionRuleSet only when run, with the staffing values copied in so the
 * saved rule set records the team it was sized for.
 */
export interface RuleSetDraft {
  name: string;
  referenceDate: string;
  windowMonths: string;
  capacityMode: 'staffing' | 'fixed';
  fixedClients: string;
  priorityGroups: FlagName[];
  inCustody: boolean;
  notLivingInBorough: boolean;
  /** Blank: no minimum. */
  minArrests: string;
  rankingMethod: RankingMethod;
  /** Blank with arrest counts: every crime type. */
  crimeType: CrimeTypeId | '';
  /** RFG weights and the like, kept as the stored rule set had them (not edited here). */
  rankingExtras: Omit<Ranking, 'method' | 'crimeType'>;
}

export type RuleSetDraftErrors = Partial<Record<'name' | 'referenceDate' | 'windowMonths' | 'fixedClients' | 'minArrests' | 'crimeType' | 'form', string>>;

/**
 * Starts from the rules of the latest shortlist, or the seed's rules over the workspace's default
 * window. Capacity starts from the staffing setting unless the last run chose a fixed number.
 */
export function draftFromRuleSet(ruleSet: SelectionRuleSet | null, defaultWindow: { referenceDate: string; windowMonths: number }): RuleSetDraft {
  const base = ruleSet ?? { ...DEFAULT_SELECTION_RULE_SET, referenceDate: defaultWindow.referenceDate, windowMonths: defaultWindow.windowMonths };
  const { method, crimeType, ...rankingExtras } = base.ranking;
  return {
    name: base.name,
    referenceDate: base.referenceDate,
    windowMonths: String(base.windowMonths),
    capacityMode: ruleSet && ruleSet.capacity.mode === 'fixed' ? 'fixed' : 'staffing',
    fixedClients: base.capacity.mode === 'fixed' ? String(base.capacity.clients) : '',
    priorityGroups: [...base.priorityGroups],
    inCustody: base.exclusions.inCustody,
    notLivingInBorough: base.exclusions.notLivingInBorough,
    minArrests: base.exclusions.minArrests === null ? '' : String(base.exclusions.minArrests),
    rankingMethod: method,
    crimeType: crimeType ?? '',
    rankingExtras,
  };
}

function wholeNumber(text: string, min: number): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min ? n : null;
}

/** Priority groups in the lists' own order: the first group a person is in decides their place. */
export function orderedGroups(groups: readonly FlagName[]): FlagName[] {
  return FLAG_NAMES.filter((f) => groups.includes(f));
}

export function ruleSetFromDraft(draft: RuleSetDraft, staffing: Staffing): { ruleSet: SelectionRuleSet | null; errors: RuleSetDraftErrors } {
  const errors: RuleSetDraftErrors = {};
  const name = draft.name.trim();
  if (name === '') errors.name = 'Give the rules a name.';
  else if (name.length > 120) errors.name = 'Use at most 120 characters.';
  if (!isIsoDate(draft.referenceDate)) errors.referenceDate = 'A date as dd/mm/yyyy, e.g. 31/10/2013.';
  const windowMonths = wholeNumber(draft.windowMonths, 1);
  if (windowMonths === null || windowMonths > 120) errors.windowMonths = 'Whole months, 1 to 120.';
  const fixed = wholeNumber(draft.fixedClients, 0);
  if (draft.capacityMode === 'fixed' && (fixed === null || fixed > 100_000)) errors.fixedClients = 'A whole number of clients.';
  const minArrests = draft.minArrests.trim() === '' ? null : wholeNumber(draft.minArrests, 1);
  if (draft.minArrests.trim() !== '' && minArrests === null) errors.minArrests = 'A whole number, 1 or more, or blank for none.';
  if (draft.rankingMethod === 'crimeTypeCount' && draft.crimeType === '') errors.crimeType = 'Choose the crime type to rank by.';
  if (Object.keys(errors).length > 0) return { ruleSet: null, errors };
  const ranking: Ranking = { ...draft.rankingExtras, method: draft.rankingMethod, ...(draft.crimeType !== '' && draft.rankingMethod !== 'rfg' ? { crimeType: draft.crimeType } : {}) };
  const candidate = {
    name,
    version: 1,
    capacity: draft.capacityMode === 'fixed' ? { mode: 'fixed' as const, clients: fixed! } : staffing,
    priorityGroups: orderedGroups(draft.priorityGroups),
    exclusions: { inCustody: draft.inCustody, notLivingInBorough: draft.notLivingInBorough, minArrests },
    ranking,
    windowMonths: windowMonths!,
    referenceDate: draft.referenceDate,
  };
  const parsed = SelectionRuleSetSchema.safeParse(candidate);
  if (!parsed.success) return { ruleSet: null, errors: { form: parsed.error.issues[0]?.message ?? 'These rules are not valid.' } };
  return { ruleSet: parsed.data, errors };
}
