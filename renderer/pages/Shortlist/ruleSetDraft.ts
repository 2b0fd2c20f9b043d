import { DEFAULT_RECENCY_HALF_LIFE_MONTHS, DEFAULT_RFG_WEIGHTS, DEFAULT_SELECTION_RULE_SET, SelectionRuleSetSchema, type Ranking, type RankingMethod, type SelectionRuleSet, type Staffing } from '../../../shared/shortlist/selectionRules';
import { DEFAULT_GRAVITY_BY_CRIME_TYPE } from '../../../shared/shortlist/crimeHarmWeights';
import { FLAG_NAMES, type FlagName } from '../../../shared/domain/flags';
import { CRIME_TYPE_IDS, type CrimeTypeId } from '../../../shared/domain/crimeTypes';
import { isIsoDate } from '../../../shared/domain/isoDate';
import { DEFAULT_EXISTING_COHORT_RULE, type ExistingCohortRule } from '../../../shared/shortlist/newEntrantCapacity';

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
  /** Blank: OGRS makes no priority group. */
  ogrsThreshold: string;
  inCustody: boolean;
  notLivingInBorough: boolean;
  /** Blank: no minimum. */
  minArrests: string;
  rankingMethod: RankingMethod;
  /** Blank with arrest counts: every crime type. */
  crimeType: CrimeTypeId | '';
  /** Current IOM clients compete for places (a review of the whole caseload) instead of being left out. */
  includeExistingCohort: boolean;
  /** Blank: the workspace's count of people with an IOM start date. */
  currentCaseload: string;
  /** Percent of the current caseload expected to leave each month. */
  exitRatePercent: string;
  intakeMonths: string;
  /** The RFG score's term weights as typed; OGRS and PPO are the partnership terms (0: not used). */
  rfgWeights: Record<RfgTerm, string>;
  /** Gravity per arrest of each crime type as typed (default: the published harm index). */
  gravity: Record<CrimeTypeId, string>;
  halfLifeMonths: string;
}

export const RFG_TERMS = ['recency', 'frequency', 'gravity', 'ogrs', 'ppo'] as const;
export type RfgTerm = (typeof RFG_TERMS)[number];

export type RuleSetDraftErrors = Partial<Record<'name' | 'referenceDate' | 'windowMonths' | 'fixedClients' | 'minArrests' | 'crimeType' | 'currentCaseload' | 'exitRatePercent' | 'intakeMonths' | 'ogrsThreshold' | 'rfgWeights' | 'gravity' | 'halfLifeMonths' | 'form', string>>;

/**
 * Starts from the rules of the latest shortlist, or the seed's rules over the workspace's default
 * window. Capacity starts from the staffing setting unless the last run chose a fixed number.
 */
export function draftFromRuleSet(ruleSet: SelectionRuleSet | null, defaultWindow: { referenceDate: string; windowMonths: number }): RuleSetDraft {
  const base = ruleSet ?? { ...DEFAULT_SELECTION_RULE_SET, referenceDate: defaultWindow.referenceDate, windowMonths: defaultWindow.windowMonths };
  const { method, crimeType, weights, gravityByCrimeType, recencyHalfLifeMonths } = base.ranking;
  const w = { ogrs: 0, ppo: 0, ...(weights ?? DEFAULT_RFG_WEIGHTS) };
  const existing = base.existingCohort ?? DEFAULT_EXISTING_COHORT_RULE;
  return {
    name: base.name,
    referenceDate: base.referenceDate,
    windowMonths: String(base.windowMonths),
    capacityMode: ruleSet && ruleSet.capacity.mode === 'fixed' ? 'fixed' : 'staffing',
    fixedClients: base.capacity.mode === 'fixed' ? String(base.capacity.clients) : '',
    priorityGroups: [...base.priorityGroups],
    ogrsThreshold: base.ogrsPriorityThreshold === null || base.ogrsPriorityThreshold === undefined ? '' : String(base.ogrsPriorityThreshold),
    inCustody: base.exclusions.inCustody,
    notLivingInBorough: base.exclusions.notLivingInBorough,
    minArrests: base.exclusions.minArrests === null ? '' : String(base.exclusions.minArrests),
    rankingMethod: method,
    crimeType: crimeType ?? '',
    includeExistingCohort: existing.include,
    currentCaseload: existing.currentCaseload === null ? '' : String(existing.currentCaseload),
    exitRatePercent: String(Math.round(existing.exitRatePerMonth * 1e6) / 1e4),
    intakeMonths: String(existing.intakeMonths),
    rfgWeights: Object.fromEntries(RFG_TERMS.map((t) => [t, String(w[t])])) as Record<RfgTerm, string>,
    gravity: Object.fromEntries(CRIME_TYPE_IDS.map((t) => [t, String(gravityByCrimeType?.[t] ?? DEFAULT_GRAVITY_BY_CRIME_TYPE[t])])) as Record<CrimeTypeId, string>,
    halfLifeMonths: String(recencyHalfLifeMonths ?? DEFAULT_RECENCY_HALF_LIFE_MONTHS),
  };
}

function wholeNumber(text: string, min: number): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min ? n : null;
}

/** Priority groups in the lists' own order: the first group a person is in decides their place. */
function orderedGroups(groups: readonly FlagName[]): FlagName[] {
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
  const ogrsText = draft.ogrsThreshold.trim();
  const ogrsThreshold = ogrsText === '' ? null : /^\d+(\.\d+)?$/.test(ogrsText) && Number(ogrsText) <= 100 ? Number(ogrsText) : NaN;
  if (Number.isNaN(ogrsThreshold)) errors.ogrsThreshold = 'An OGRS score from 0 to 100, or blank for none.';
  const existing = existingCohortFromDraft(draft);
  Object.assign(errors, existing.errors);
  const rfg = draft.rankingMethod === 'rfg' ? rfgFromDraft(draft) : null;
  if (rfg) Object.assign(errors, rfg.errors);
  if (Object.keys(errors).length > 0 || !existing.rule) return { ruleSet: null, errors };
  const ranking: Ranking = rfg?.ranking ?? { method: draft.rankingMethod, ...(draft.crimeType !== '' ? { crimeType: draft.crimeType } : {}) };
  const candidate = {
    name,
    version: 1,
    capacity: draft.capacityMode === 'fixed' ? { mode: 'fixed' as const, clients: fixed! } : staffing,
    priorityGroups: orderedGroups(draft.priorityGroups),
    ...(ogrsThreshold === null ? {} : { ogrsPriorityThreshold: ogrsThreshold }),
    exclusions: { inCustody: draft.inCustody, notLivingInBorough: draft.notLivingInBorough, minArrests },
    ranking,
    existingCohort: existing.rule,
    windowMonths: windowMonths!,
    referenceDate: draft.referenceDate,
  };
  const parsed = SelectionRuleSetSchema.safeParse(candidate);
  if (!parsed.success) return { ruleSet: null, errors: { form: parsed.error.issues[0]?.message ?? 'These rules are not valid.' } };
  return { ruleSet: parsed.data, errors };
}

/** The existing-cohort part of the draft, or the fields to correct. */
export function existingCohortFromDraft(draft: RuleSetDraft): { rule: ExistingCohortRule | null; errors: RuleSetDraftErrors } {
  const errors: RuleSetDraftErrors = {};
  const caseload = draft.currentCaseload.trim() === '' ? null : wholeNumber(draft.currentCaseload, 0);
  if (draft.currentCaseload.trim() !== '' && (caseload === null || caseload > 100_000)) errors.currentCaseload = 'A whole number of clients, or blank to count them.';
  const rateText = draft.exitRatePercent.trim();
  const rate = /^\d+(\.\d+)?$/.test(rateText) ? Number(rateText) : NaN;
  if (!(rate >= 0 && rate <= 100)) errors.exitRatePercent = 'A percentage from 0 to 100.';
  const months = wholeNumber(draft.intakeMonths, 1);
  if (months === null || months > 36) errors.intakeMonths = 'Whole months, 1 to 36.';
  if (Object.keys(errors).length > 0) return { rule: null, errors };
  return { rule: { include: draft.includeExistingCohort, currentCaseload: caseload, exitRatePerMonth: rate / 100, intakeMonths: months! }, errors };
}

function nonNegative(text: string): number | null {
  const t = text.trim();
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

/** The RFG ranking from the draft's weights, or the fields to correct. */
function rfgFromDraft(draft: RuleSetDraft): { ranking: Ranking | null; errors: RuleSetDraftErrors } {
  const errors: RuleSetDraftErrors = {};
  const w = Object.fromEntries(RFG_TERMS.map((t) => [t, nonNegative(draft.rfgWeights[t])])) as Record<RfgTerm, number | null>;
  if (RFG_TERMS.some((t) => w[t] === null)) errors.rfgWeights = 'Each weight is a number, 0 or more.';
  else if (RFG_TERMS.every((t) => w[t] === 0)) errors.rfgWeights = 'Give at least one term a weight above 0.';
  const gravity = Object.fromEntries(CRIME_TYPE_IDS.map((t) => [t, nonNegative(draft.gravity[t])])) as Record<CrimeTypeId, number | null>;
  if (CRIME_TYPE_IDS.some((t) => gravity[t] === null)) errors.gravity = 'Each gravity is a number, 0 or more.';
  const halfLife = nonNegative(draft.halfLifeMonths);
  if (halfLife === null || halfLife <= 0 || halfLife > 120) errors.halfLifeMonths = 'Months, above 0 and at most 120.';
  if (Object.keys(errors).length > 0) return { ranking: null, errors };
  const { recency, frequency, gravity: gravityWeight, ogrs, ppo } = w as Record<RfgTerm, number>;
  // Only what differs from the defaults is stored, so a saved rule set comes back as it was; the
  // shortlist's formula records every weight in use, the defaults with their source.
  const edited = CRIME_TYPE_IDS.filter((t) => gravity[t] !== DEFAULT_GRAVITY_BY_CRIME_TYPE[t]);
  return {
    ranking: {
      method: 'rfg',
      weights: { recency, frequency, gravity: gravityWeight, ...(ogrs > 0 ? { ogrs } : {}), ...(ppo > 0 ? { ppo } : {}) },
      ...(edited.length ? { gravityByCrimeType: Object.fromEntries(edited.map((t) => [t, gravity[t]!])) } : {}),
      ...(halfLife === DEFAULT_RECENCY_HALF_LIFE_MONTHS ? {} : { recencyHalfLifeMonths: halfLife! }),
    },
    errors,
  };
}
