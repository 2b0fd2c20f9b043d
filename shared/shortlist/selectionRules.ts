import { z } from 'zod';
import {
  type AnalysisPerson,
  type AnalysisWindow,
  type ArrestIndex,
  CRIME_TYPE_CODE,
  CRIME_TYPE_COUNT,
  FLAG_BIT,
  flagMaskOf,
  NO_DAY,
  type WindowCounts,
  windowCounts,
  workingNumber,
} from '../domain/analysisModel';
import { CRIME_TYPE_IDS, CRIME_TYPE_LABELS } from '../domain/crimeTypes';
import { FLAG_NAMES, FLAG_SHORT_LABELS, type FlagName } from '../domain/flags';
import { DEFAULT_GRAVITY_BY_CRIME_TYPE, gravityWeightsSource } from './crimeHarmWeights';
import { isIsoDate } from '../domain/isoDate';
import { ExistingCohortRuleSchema, newEntrantCapacity, type NewEntrantCapacity } from './newEntrantCapacity';

/**
 * Selection rules as data (004, "Cohort Selection"): take the priority groups first (the seed's
 * example: all DTOA, all gang nominals, all repeat women, all mandatory OGRS), apply the
 * exclusions to everyone (in custody, moved away, too few arrests), then fill the remaining
 * caseload capacity by a ranking ("based on partnership data combined with arrest frequency and
 * type"). Every person gets a status and a one-line reason.
 */

// ---------------------------------------------------------------------------------------------
// Capacity
// ---------------------------------------------------------------------------------------------

export const StaffingSchema = z.object({
  mode: z.literal('staffing'),
  offenderManagers: z.number().nonnegative(),
  clientsPerManager: z.number().positive(),
  policeLeads: z.number().nonnegative(),
  /** Null when police leads do not constrain the caseload. */
  clientsPerPoliceLead: z.number().positive().nullable(),
  admin: z.number().nonnegative().optional(),
  resettlementOfficers: z.number().nonnegative().optional(),
  /** Null or absent: resettlement capacity is reviewed, not modelled (the seed's position). */
  clientsPerResettlementOfficer: z.number().positive().nullable().optional(),
});
export type Staffing = z.infer<typeof StaffingSchema>;

const CapacitySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('fixed'), clients: z.number().int().nonnegative() }),
  StaffingSchema,
]);
type Capacity = z.infer<typeof CapacitySchema>;

/**
 * The seed team (004, "Resourcing"): "set up to manage 90-100 clients … 3 probation offender
 * managers and 1 probation admin, 2 police operational leads (1 PS and 1 PC), and 3 resettlement
 * officers"; a caseload of 180–200 "would require a minimum addition of 2 probation offender
 * managers, 2 more police leads".
 *
 * The ratios are chosen to reproduce both statements with one model, capacity = min over the
 * constrained roles of floor(staff × clients per staff):
 * - police leads: 100 / 2 = 50 and 200 / 4 = 50 clients per lead (45 at the lower 90 / 180);
 * - offender managers: 200 / 5 = 40 (36 at 180 / 5). The current team's own ratio, 100 / 3 ≈ 33,
 *   would give the expanded team only 5 × 33 = 165; the seed expects "economies of scale", so
 *   the expanded team's ratio is used and the current team comes out police-constrained:
 *   min(3 × 40 = 120, 2 × 50 = 100) = 100; expanded min(5 × 40, 4 × 50) = 200.
 * - admin and resettlement officers are not modelled as constraints ("an ongoing review of
 *   resettlement capacity").
 */
export const SEED_STAFFING: Staffing = {
  mode: 'staffing',
  offenderManagers: 3,
  clientsPerManager: 40,
  policeLeads: 2,
  clientsPerPoliceLead: 50,
  admin: 1,
  resettlementOfficers: 3,
  clientsPerResettlementOfficer: null,
};

/** The seed's doubled team: +2 offender managers, +2 police leads. */
export const SEED_EXPANDED_STAFFING: Staffing = { ...SEED_STAFFING, offenderManagers: 5, policeLeads: 4 };

interface CapacityFromStaffing {
  capacity: number;
  /** The role whose limit is lowest (the first such in role order when several tie). */
  constrainedBy: string | null;
  perRole: Array<{ role: string; staff: number; clientsPerStaff: number; capacity: number }>;
  working: string;
}

export function capacityFromStaffing(staffing: Staffing): CapacityFromStaffing {
  const roles: Array<{ role: string; staff: number; clientsPerStaff: number | null | undefined }> = [
    { role: 'offender managers', staff: staffing.offenderManagers, clientsPerStaff: staffing.clientsPerManager },
    { role: 'police leads', staff: staffing.policeLeads, clientsPerStaff: staffing.clientsPerPoliceLead },
    {
      role: 'resettlement officers',
      staff: staffing.resettlementOfficers ?? 0,
      clientsPerStaff: staffing.clientsPerResettlementOfficer,
    },
  ];
  const perRole = roles
    .filter((r): r is { role: string; staff: number; clientsPerStaff: number } => typeof r.clientsPerStaff === 'number')
    .map((r) => ({ ...r, capacity: Math.floor(r.staff * r.clientsPerStaff + 1e-9) }));
  if (perRole.length === 0) return { capacity: 0, constrainedBy: null, perRole, working: 'no constrained roles' };
  let best = perRole[0]!;
  for (const r of perRole) if (r.capacity < best.capacity) best = r;
  const terms = perRole.map((r) => `${workingNumber(r.staff)} ${r.role} × ${workingNumber(r.clientsPerStaff)} = ${r.capacity}`);
  return {
    capacity: best.capacity,
    constrainedBy: best.role,
    perRole,
    working: `${best.capacity} = min(${terms.join('; ')}) (constrained by ${best.role})`,
  };
}

export function resolveCapacity(capacity: Capacity): { clients: number; working: string } {
  if (capacity.mode === 'fixed') return { clients: capacity.clients, working: `fixed capacity of ${capacity.clients} clients` };
  const c = capacityFromStaffing(capacity);
  return { clients: c.capacity, working: c.working };
}

// ---------------------------------------------------------------------------------------------
// Ranking
// ---------------------------------------------------------------------------------------------

const RANKING_METHODS = ['arrestCount', 'rfg', 'crimeTypeCount'] as const;
export type RankingMethod = (typeof RANKING_METHODS)[number];

/** Gravity per arrest by crime type: the published harm index (`crimeHarmWeights`), editable per rule set. */
export { DEFAULT_GRAVITY_BY_CRIME_TYPE };

export const DEFAULT_RFG_WEIGHTS = { recency: 1, frequency: 1, gravity: 1 } as const;
export const DEFAULT_RECENCY_HALF_LIFE_MONTHS = 6;

const RankingSchema = z
  .object({
    method: z.enum(RANKING_METHODS),
    crimeType: z.enum(CRIME_TYPE_IDS).optional(),
    weights: z
      .object({
        recency: z.number().nonnegative(),
        frequency: z.number().nonnegative(),
        gravity: z.number().nonnegative(),
        /** Partnership data in the ranking: the OGRS score / 100 (a person without one scores 0 on it). */
        ogrs: z.number().nonnegative().optional(),
        /** Partnership data in the ranking: 1 for a person on the PPO list, 0 otherwise. */
        ppo: z.number().nonnegative().optional(),
      })
      .optional(),
    gravityByCrimeType: z.partialRecord(z.enum(CRIME_TYPE_IDS), z.number().nonnegative()).optional(),
    recencyHalfLifeMonths: z.number().positive().optional(),
  })
  .refine((r) => r.method !== 'crimeTypeCount' || r.crimeType !== undefined, {
    message: 'crimeTypeCount ranking needs a crimeType',
    path: ['crimeType'],
  });
export type Ranking = z.infer<typeof RankingSchema>;

export const SelectionRuleSetSchema = z.object({
  name: z.string().min(1),
  version: z.number().int().nonnegative(),
  capacity: CapacitySchema,
  priorityGroups: z.array(z.enum(FLAG_NAMES)).refine((g) => new Set(g).size === g.length, {
    message: 'a priority group is listed twice',
  }),
  /** People whose OGRS score is at least this are a priority group too, after the listed ones; null or absent: none. */
  ogrsPriorityThreshold: z.number().min(0).max(100).nullable().optional(),
  exclusions: z.object({
    inCustody: z.boolean(),
    notLivingInBorough: z.boolean(),
    minArrests: z.number().int().positive().nullable(),
  }),
  ranking: RankingSchema,
  /** Absent: the existing cohort is excluded and the capacity is net of it (`DEFAULT_EXISTING_COHORT_RULE`). */
  existingCohort: ExistingCohortRuleSchema.optional(),
  windowMonths: z.number().int().positive(),
  referenceDate: z.string().refine(isIsoDate, { message: 'referenceDate must be YYYY-MM-DD' }),
});
export type SelectionRuleSet = z.infer<typeof SelectionRuleSetSchema>;

/** 004's example: all DTOA, gang nominals, repeat women, mandatory OGRS; ≥ 3 arrests in 2 years. */
export const DEFAULT_SELECTION_RULE_SET: SelectionRuleSet = {
  name: 'Seed: priority groups then arrest frequency',
  version: 1,
  capacity: { mode: 'fixed', clients: 100 },
  priorityGroups: ['dtoa', 'gangHigh', 'gangMidLow', 'female', 'ogrsMandatory'],
  exclusions: { inCustody: true, notLivingInBorough: true, minArrests: 3 },
  ranking: { method: 'arrestCount' },
  windowMonths: 24,
  referenceDate: '2013-10-31',
};

export const AVERAGE_DAYS_PER_MONTH = 365.25 / 12;

interface Scorer {
  describe: string;
  /** Score per row; 0 means nothing to rank by (not eligible outside priority groups). */
  score(row: number): number;
  formula: string;
  /** One person's score with its terms, where the score is more than a count. */
  working?(row: number): string;
}

function makeScorer(ranking: Ranking, counts: WindowCounts, rows: readonly number[], index: ArrestIndex): Scorer {
  switch (ranking.method) {
    case 'arrestCount': {
      const code = ranking.crimeType === undefined ? null : CRIME_TYPE_CODE[ranking.crimeType];
      return {
        describe: code === null ? 'arrests' : `${CRIME_TYPE_LABELS[ranking.crimeType!].toLowerCase()} arrests`,
        score: (row) => (code === null ? counts.total[row]! : counts.byType[row * CRIME_TYPE_COUNT + code]!),
        formula: 'score = arrests in the window',
      };
    }
    case 'crimeTypeCount': {
      const crimeType = ranking.crimeType ?? 'other';
      const code = CRIME_TYPE_CODE[crimeType];
      return {
        describe: `${CRIME_TYPE_LABELS[crimeType].toLowerCase()} arrests`,
        // The type's arrests lead; total arrests only break ties (< 1 point), so the type decides.
        score: (row) => {
          const typed = counts.byType[row * CRIME_TYPE_COUNT + code]!;
          return typed === 0 ? 0 : typed + counts.total[row]! / (counts.total[row]! + 1);
        },
        formula: `score = ${crimeType} arrests + total / (total + 1) (tie-break by total arrests)`,
      };
    }
    case 'rfg':
      return rfgScorer(ranking, counts, rows, index);
  }
}

/**
 * RFG (recency, frequency, gravity), each component scaled to 0…1 so that the weights mean what
 * they say:
 *   R = 0.5 ^ (months since the last arrest in the window / half-life)   (1 for an arrest on the
 *       reference date, halving every half-life months)
 *   F = arrests in the window / the most arrests of any candidate (anyone not excluded)
 *   G = Σ gravity(crime type) over arrests in the window / the largest such sum of any candidate
 *   score = (wR·R + wF·F + wG·G + wO·O + wP·P) / (wR + wF + wG + wO + wP)
 * with the partnership terms O = OGRS score / 100 and P = 1 on the PPO list, 0 otherwise.
 * People with no arrests in the window score 0.
 */
function rfgScorer(ranking: Ranking, counts: WindowCounts, rows: readonly number[], index: ArrestIndex): Scorer {
  const weights: { recency: number; frequency: number; gravity: number; ogrs?: number; ppo?: number } = ranking.weights ?? DEFAULT_RFG_WEIGHTS;
  const halfLife = ranking.recencyHalfLifeMonths ?? DEFAULT_RECENCY_HALF_LIFE_MONTHS;
  const gravityOf = CRIME_TYPE_IDS.map((id) => ranking.gravityByCrimeType?.[id] ?? DEFAULT_GRAVITY_BY_CRIME_TYPE[id]);
  const gravitySum = (row: number): number => {
    let g = 0;
    const base = row * CRIME_TYPE_COUNT;
    for (let c = 0; c < CRIME_TYPE_COUNT; c++) g += counts.byType[base + c]! * gravityOf[c]!;
    return g;
  };
  let maxFrequency = 0;
  let maxGravity = 0;
  for (const row of rows) {
    maxFrequency = Math.max(maxFrequency, counts.total[row]!);
    maxGravity = Math.max(maxGravity, gravitySum(row));
  }
  const ogrsWeight = weights.ogrs ?? 0;
  const ppoWeight = weights.ppo ?? 0;
  const ppoBit = FLAG_BIT.ppo;
  const weightSum = weights.recency + weights.frequency + weights.gravity + ogrsWeight + ppoWeight;
  const terms = (row: number): { r: number; f: number; g: number; o: number; p: number; score: number } => {
    const n = counts.total[row]!;
    if (n === 0 || weightSum === 0) return { r: 0, f: 0, g: 0, o: 0, p: 0, score: 0 };
    const last = counts.lastArrestDay[row]!;
    const monthsSince = last === NO_DAY ? Infinity : (counts.endInclusiveDay - last) / AVERAGE_DAYS_PER_MONTH;
    const r = Math.pow(0.5, monthsSince / halfLife);
    const f = maxFrequency === 0 ? 0 : n / maxFrequency;
    const g = maxGravity === 0 ? 0 : gravitySum(row) / maxGravity;
    const o = ogrsWeight > 0 ? Math.min(1, Math.max(0, (index.people[row]!.ogrsScore ?? 0) / 100)) : 0;
    const p = ppoWeight > 0 && (index.flagMasks[row]! & ppoBit) !== 0 ? 1 : 0;
    return { r, f, g, o, p, score: (weights.recency * r + weights.frequency * f + weights.gravity * g + ogrsWeight * o + ppoWeight * p) / weightSum };
  };
  const partnership = [ogrsWeight > 0 ? 'OGRS' : null, ppoWeight > 0 ? 'PPO' : null].filter((t): t is string => t !== null);
  const gravitySource = gravityWeightsSource(ranking.gravityByCrimeType);
  return {
    describe: partnership.length ? `RFG and ${partnership.join(' and ')} score` : 'RFG score',
    score: (row) => terms(row).score,
    working(row) {
      const t = terms(row);
      const show = (v: number): string => workingNumber(Math.round(v * 1000) / 1000);
      return (
        `${show(t.score)} = (${weights.recency}·${show(t.r)} + ${weights.frequency}·${show(t.f)} + ${weights.gravity}·${show(t.g)}` +
        `${ogrsWeight > 0 ? ` + ${ogrsWeight}·${show(t.o)}` : ''}${ppoWeight > 0 ? ` + ${ppoWeight}·${t.p}` : ''}) / ${weightSum}`
      );
    },
    formula:
      `score = (${weights.recency}·R + ${weights.frequency}·F + ${weights.gravity}·G${ogrsWeight > 0 ? ` + ${ogrsWeight}·O` : ''}${ppoWeight > 0 ? ` + ${ppoWeight}·P` : ''}) / ${weightSum}; ` +
      `R = 0.5^(months since last arrest / ${halfLife}); F = arrests / ${maxFrequency}; G = gravity sum / ${maxGravity}` +
      (ogrsWeight > 0 ? '; O = OGRS score / 100 (0 without a score)' : '') +
      (ppoWeight > 0 ? '; P = 1 on the PPO list, else 0' : '') +
      `; gravity per arrest: ${gravitySource}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Selection
// ---------------------------------------------------------------------------------------------

export type SelectionStatus = 'included' | 'excluded' | 'over_capacity' | 'not_eligible';

interface SelectionResult {
  personId: number;
  status: SelectionStatus;
  reason: string;
  /** Priority groups the person is in, in rule-set order (the first decides their place). */
  priorityGroups: FlagName[];
  /** Place in the priority order, or in the ranked pool for everyone else who was ranked. */
  rank?: number;
  score?: number;
  arrestsInWindow: number;
}

export interface Shortlist {
  /** Included person ids in selection order: priority groups first, then by rank. */
  selected: number[];
  results: SelectionResult[];
  summary: {
    /** Places for new entrants: the team's capacity net of the current caseload and expected exits. */
    capacity: number;
    capacityWorking: string;
    newEntrants: NewEntrantCapacity;
    priorityCandidates: number;
    priorityExceedsCapacity: boolean;
    rankedPool: number;
    counts: Record<SelectionStatus, number>;
    rankingFormula: string;
    window: AnalysisWindow;
  };
}

const EXCLUDED_IN_CUSTODY = 1;
const EXCLUDED_NOT_IN_BOROUGH = 2;
const EXCLUDED_FEW_ARRESTS = 4;
const EXCLUDED_EXISTING_COHORT = 8;

function exclusionReason(bits: number, minArrests: number | null, person: AnalysisPerson): string {
  const reasons: string[] = [];
  if (bits & EXCLUDED_EXISTING_COHORT) reasons.push(`already on IOM (started ${person.cohortStartDate ?? 'on an unknown date'})`);
  if (bits & EXCLUDED_IN_CUSTODY) reasons.push('in custody');
  if (bits & EXCLUDED_NOT_IN_BOROUGH) reasons.push('not living in borough');
  if (bits & EXCLUDED_FEW_ARRESTS) reasons.push(`fewer than ${minArrests} arrests`);
  return `excluded: ${reasons.join('; ')}`;
}

const NOT_A_PRIORITY = 255;

interface SelectionContext {
  /**
   * Current clients the workspace knows of (everyone with an IOM start date, on the long list or
   * not); by default those among `people`.
   */
  workspaceCaseload?: number;
}

/**
 * Builds the shortlist. `people` is the candidate population (e.g. the long list); their arrests
 * come from `index` (a person absent from the index has no arrests). A person listed twice is
 * taken once, at their first position. Current clients (an IOM start date) are excluded unless the
 * rule set reviews the whole caseload, and the places filled are net of them.
 * Per-person state lives in typed arrays indexed by position in `people`, because the whole
 * population (200,000 people) may be passed and only the result objects should be allocated.
 */
export function selectShortlist(
  ruleSetInput: SelectionRuleSet,
  people: readonly AnalysisPerson[],
  index: ArrestIndex,
  context: SelectionContext = {},
): Shortlist {
  const ruleSet = SelectionRuleSetSchema.parse(ruleSetInput);
  const window: AnalysisWindow = { referenceDate: ruleSet.referenceDate, windowMonths: ruleSet.windowMonths };
  const counts = windowCounts(index, window);
  const team = resolveCapacity(ruleSet.capacity);
  const workspaceCaseload = context.workspaceCaseload ?? people.reduce((n, p) => n + (p.cohortStartDate === null ? 0 : 1), 0);
  const newEntrants = newEntrantCapacity(team.clients, ruleSet.existingCohort, workspaceCaseload);
  const capacity = newEntrants.places;
  const capacityWorking = `${newEntrants.working}; team capacity: ${team.working}`;
  const excludeExistingCohort = !newEntrants.includesExistingCohort;
  const { exclusions } = ruleSet;
  const groupMasks = ruleSet.priorityGroups.map((g) => flagMaskOf([g]));
  const ogrsThreshold = ruleSet.ogrsPriorityThreshold ?? null;
  // The OGRS threshold group comes after every listed group (at most one per flag, so it fits a byte).
  const OGRS_GROUP = groupMasks.length;

  const n = people.length;
  const rowOf = new Int32Array(n);
  const arrestsOf = new Int32Array(n);
  const excludedBits = new Uint8Array(n);
  const firstGroup = new Uint8Array(n).fill(NOT_A_PRIORITY);
  const duplicate = new Uint8Array(n);
  const seenRows = new Uint8Array(index.people.length);
  const seenOutside = new Set<number>();
  const candidateRows: number[] = [];

  for (let i = 0; i < n; i++) {
    const person = people[i]!;
    const row = index.rowOf(person.id);
    if (row >= 0 ? seenRows[row] === 1 : seenOutside.has(person.id)) {
      duplicate[i] = 1;
      continue;
    }
    if (row >= 0) seenRows[row] = 1;
    else seenOutside.add(person.id);
    rowOf[i] = row;
    const arrests = row < 0 ? 0 : counts.total[row]!;
    arrestsOf[i] = arrests;
    const mask = row >= 0 ? index.flagMasks[row]! : flagMaskOf(person.flags);
    for (let g = 0; g < groupMasks.length; g++) {
      if ((mask & groupMasks[g]!) !== 0) {
        firstGroup[i] = g;
        break;
      }
    }
    if (firstGroup[i] === NOT_A_PRIORITY && ogrsThreshold !== null && person.ogrsScore !== null && person.ogrsScore >= ogrsThreshold) firstGroup[i] = OGRS_GROUP;
    let bits = 0;
    if (excludeExistingCohort && person.cohortStartDate !== null) bits |= EXCLUDED_EXISTING_COHORT;
    if (exclusions.inCustody && person.custody === 'in_custody') bits |= EXCLUDED_IN_CUSTODY;
    if (exclusions.notLivingInBorough && person.livesInBorough === false) bits |= EXCLUDED_NOT_IN_BOROUGH;
    if (exclusions.minArrests !== null && arrests < exclusions.minArrests) bits |= EXCLUDED_FEW_ARRESTS;
    excludedBits[i] = bits;
    if (bits === 0 && row >= 0) candidateRows.push(row);
  }

  const scorer = makeScorer(ruleSet.ranking, counts, candidateRows, index);
  const scores = new Float64Array(n);
  const priority: number[] = [];
  const pool: number[] = [];
  const notEligible: number[] = [];
  for (let i = 0; i < n; i++) {
    if (duplicate[i] || excludedBits[i]) continue;
    scores[i] = rowOf[i]! < 0 ? 0 : scorer.score(rowOf[i]!);
    if (firstGroup[i] !== NOT_A_PRIORITY) priority.push(i);
    else if (scores[i]! > 0) pool.push(i);
    else notEligible.push(i);
  }
  const ids = Float64Array.from(people, (p) => p.id);
  const byScoreThenId = (a: number, b: number): number => scores[b]! - scores[a]! || ids[a]! - ids[b]!;
  priority.sort((a, b) => firstGroup[a]! - firstGroup[b]! || byScoreThenId(a, b));
  pool.sort(byScoreThenId);
  const priorityExceedsCapacity = priority.length > capacity;

  const results: Array<SelectionResult | undefined> = new Array<SelectionResult | undefined>(n);
  const groupsOf = (i: number): FlagName[] => {
    const mask = rowOf[i]! >= 0 ? index.flagMasks[rowOf[i]!]! : flagMaskOf(people[i]!.flags);
    return ruleSet.priorityGroups.filter((_, g) => (mask & groupMasks[g]!) !== 0);
  };
  const selected: number[] = [];

  priority.forEach((i, k) => {
    const rank = k + 1;
    const group =
      firstGroup[i] === OGRS_GROUP ? `OGRS ${workingNumber(people[i]!.ogrsScore ?? 0)} ≥ ${workingNumber(ogrsThreshold ?? 0)}` : FLAG_SHORT_LABELS[ruleSet.priorityGroups[firstGroup[i]!]!];
    const id = people[i]!.id;
    const included = rank <= capacity;
    if (included) selected.push(id);
    results[i] = {
      personId: id,
      status: included ? 'included' : 'over_capacity',
      reason: included
        ? `included: ${group}`
        : `over capacity: ${group}, priority place ${rank} of ${priority.length}; priority groups alone exceed capacity of ${capacity}`,
      priorityGroups: groupsOf(i),
      rank,
      score: scores[i]!,
      arrestsInWindow: arrestsOf[i]!,
    };
  });

  const remaining = Math.max(0, capacity - priority.length);
  const fullNote = priorityExceedsCapacity ? '; priority groups fill the capacity' : '';
  pool.forEach((i, k) => {
    const rank = k + 1;
    const id = people[i]!.id;
    const included = rank <= remaining;
    if (included) selected.push(id);
    const ranked = `ranked ${rank} of ${pool.length} by ${scorer.describe}${scorer.working && rowOf[i]! >= 0 ? `: ${scorer.working(rowOf[i]!)}` : ''}`;
    results[i] = {
      personId: id,
      status: included ? 'included' : 'over_capacity',
      reason: included ? `included: ${ranked}` : `over capacity: ${ranked}${fullNote}`,
      priorityGroups: [],
      rank,
      score: scores[i]!,
      arrestsInWindow: arrestsOf[i]!,
    };
  });

  const notEligibleReason = `not eligible: no ${scorer.describe} in the window and in no priority group`;
  for (const i of notEligible) {
    results[i] = {
      personId: people[i]!.id,
      status: 'not_eligible',
      reason: notEligibleReason,
      priorityGroups: [],
      score: 0,
      arrestsInWindow: arrestsOf[i]!,
    };
  }

  const ordered: SelectionResult[] = [];
  const statusCounts: Record<SelectionStatus, number> = { included: 0, excluded: 0, over_capacity: 0, not_eligible: 0 };
  for (let i = 0; i < n; i++) {
    if (duplicate[i]) continue;
    const result: SelectionResult = results[i] ?? {
      personId: people[i]!.id,
      status: 'excluded',
      reason: exclusionReason(excludedBits[i]!, exclusions.minArrests, people[i]!),
      priorityGroups: groupsOf(i),
      arrestsInWindow: arrestsOf[i]!,
    };
    statusCounts[result.status]++;
    ordered.push(result);
  }

  return {
    selected,
    results: ordered,
    summary: {
      capacity,
      capacityWorking,
      newEntrants,
      priorityCandidates: priority.length,
      priorityExceedsCapacity,
      rankedPool: pool.length,
      counts: statusCounts,
      rankingFormula: scorer.formula,
      window,
    },
  };
}
