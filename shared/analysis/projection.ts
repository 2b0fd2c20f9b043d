import { z } from 'zod';
import {
  type AnalysisWindow,
  type ArrestIndex,
  assertValidWindow,
  describeWindow,
  populationCounts,
  windowFirstDay,
} from '../domain/analysisModel';
import { CRIME_TYPE_IDS, CRIME_TYPE_LABELS, type CrimeTypeId, type ProjectionCrimeTypeId } from '../domain/crimeTypes';
import { isIsoDate } from '../domain/isoDate';
import { DEFAULT_UNIT_COSTS } from './costsOfCrime';
import { workingFigure, workingPounds, workingShare } from '../domain/numberFormat';
import { AgencySharesSchema, GroupRatesSchema, SEED_AGENCY_SHARES, SEED_GROUP_RATES, type AgencySplit } from './statutoryGroups';
import type { GroupSplit } from './statutoryProjection';

/**
 * The crime-reduction projection of DESIGN.md ("Domain rules"), per crime type:
 *   arrestsPerYear       = arrests × 12 / windowMonths
 *   offencesPerYear      = arrestsPerYear × allegationsPerArrest
 *   reductionPerYear     = offencesPerYear × reductionRate
 *   offencesPerYearAfter = offencesPerYear − reductionPerYear
 *   shareOfBorough       = reductionPerYear / boroughOffencesPerYear   (null without a borough figure)
 *   costSavingPerYear    = reductionPerYear × unitCost                 (null without a unit cost)
 * Numbers are never rounded here; each carries the working that produced it, and a low–high
 * range when the scenario gives low/central/high inputs.
 */

export const PROJECTION_CRIME_TYPE_IDS = ['all', ...CRIME_TYPE_IDS] as const;

const RangeSchema = z
  .object({ low: z.number(), central: z.number(), high: z.number() })
  .refine((r) => r.low <= r.central && r.central <= r.high, { message: 'need low ≤ central ≤ high' });
export type Range = z.infer<typeof RangeSchema>;

const RateSchema = z.number().min(0).max(1);
const ReductionRateSchema = z.union([
  RateSchema,
  RangeSchema.refine((r) => r.low >= 0 && r.high <= 1, { message: 'reduction rates lie between 0 and 1' }),
]);
const AllegationsSchema = z.union([
  z.number().positive(),
  RangeSchema.refine((r) => r.low > 0, { message: 'allegations per arrest must be positive' }),
]);

const ScenarioCrimeTypeSchema = z.object({
  id: z.enum(PROJECTION_CRIME_TYPE_IDS),
  label: z.string().min(1),
  allegationsPerArrest: AllegationsSchema,
  /** Borough offences per year of this type; null or absent when the analyst has no figure. */
  boroughOffencesPerYear: z.number().positive().nullable().optional(),
  /** £ per offence avoided; null or absent when there is none. */
  unitCost: z.number().nonnegative().nullable().optional(),
});
export type ScenarioCrimeType = z.infer<typeof ScenarioCrimeTypeSchema>;

export const ScenarioSchema = z
  .object({
    name: z.string().min(1),
    referenceDate: z.string().refine(isIsoDate, { message: 'referenceDate must be YYYY-MM-DD' }),
    windowMonths: z.number().int().positive(),
    reductionRate: ReductionRateSchema,
    /** Where the reduction rate comes from, printed beside it in the table and the report. */
    reductionRateSource: z.string().max(1000).optional(),
    crimeTypes: z.array(ScenarioCrimeTypeSchema).min(1),
    /**
     * Count only arrests whose borough field names this borough (null: the workspace's home
     * borough), as the seed counted allegations in Barnet; absent to count arrests wherever made.
     */
    boroughCounting: z.object({ borough: z.string().trim().min(1).max(200).nullable() }).strict().optional(),
    /** A reduction rate per statutory group (seed 000); absent for one rate for everyone. */
    groupRates: GroupRatesSchema.optional(),
    /** How the cost saving is shared among the agencies (seed 000); absent for no split. */
    agencyShares: AgencySharesSchema.optional(),
    notes: z.string().optional(),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.crimeTypes.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', message: `crime type ${c.id} listed twice`, path: ['crimeTypes', i, 'id'] });
      seen.add(c.id);
    });
  });
export type Scenario = z.infer<typeof ScenarioSchema>;

/** A scenario number as a range; a plain number is its own low, central and high. */
export function asRange(value: number | Range): Range {
  return typeof value === 'number' ? { low: value, central: value, high: value } : value;
}

function isSpread(range: Range): boolean {
  return range.low !== range.central || range.central !== range.high;
}

// ---------------------------------------------------------------------------------------------
// Defaults reproducing the seed (004, "Estimating the impact of cohort expansion", Nov 2013)
// ---------------------------------------------------------------------------------------------

/**
 * The seed's reduction rates.
 * - central 0.36: "Average reduction in offenders monthly conviction rate after entering IOM
 *   programme: 36%" (004, 12 months before vs 6 months after joining).
 * - high 0.43: 003 (Nov 2015) "a 43% reduction in the offending rate … from 2.91 to 1.65 per
 *   year"; 1 − 1.65 / 2.91 = 0.4330.
 * - low 0.30: not from the seeds. An analyst's assumption, 6 points under the central as the high
 *   is 7 over, so that a cautious case is always on the page; edit it.
 */
export const SEED_REDUCTION_RATES = { low: 0.3, central: 0.36, high: 0.43 } as const;

/**
 * The rate the seed's table actually used: its all-crime row goes from 2432.5 to "1548" offences,
 * a reduction of "884", i.e. 884 / 2432.5 = 0.36341… (the "36%" rounded).
 */
export const SEED_IMPLIED_REDUCTION_RATE = 884 / 2432.5;

/**
 * Borough offences per year, backed out of the seed's "estimated contribution" row
 * (reduction ÷ share), then rounded to a figure that reproduces every printed percentage:
 * - all crime: 884 / 3.8% = 23,263 (3.75%–3.85% gives 22,961–23,573) → 23,300 (884 / 23,300 = 3.79%).
 *   The seed's narrative "around 48,000 offences" in two years (24,000 a year) would print 3.7%,
 *   so the table's denominator was a smaller, probably more recent 12-month total.
 * - residential burglary: 93 / 3.1% = 3,000 (92.74 / 3,000 = 3.09% at the implied rate).
 * - robbery: 48 / 5.4% = 889 (5.35%–5.45% gives 881–897); 885 prints 5.4% both for the printed 48
 *   and for the unrounded 47.43 (5.36%), where 889 would print 5.3% for the latter.
 */
export const SEED_BOROUGH_OFFENCES_PER_YEAR = {
  all: 23300,
  residential_burglary: 3000,
  robbery: 885,
} as const;

/**
 * Allegations per arrest (004): all crime "approximately 5 to 1"; residential burglary "11.6
 * Residential burglary allegations for each arrest"; robbery 130.5 / 43.5 = 3.0 from the table.
 */
export const SEED_ALLEGATIONS_PER_ARREST = {
  all: 5,
  residential_burglary: 11.6,
  robbery: 3,
} as const;

function homeOfficeUnitCost(crimeType: CrimeTypeId): number | null {
  return DEFAULT_UNIT_COSTS.find((c) => c.crimeType === crimeType)?.unitCost ?? null;
}

/**
 * The seed's scenario. Unit costs are the Home Office 2015/16 figures (see costsOfCrime.ts); the
 * seed gives none for "all crime", so that row has no cost saving unless an analyst adds one.
 */
const DEFAULT_REDUCTION_SOURCE =
  'Default: 36% (004, fall in the initial cohort’s monthly conviction rate, 12 months before vs 6 after joining); high 43% (003); low 30% (assumption)';

export const DEFAULT_SCENARIO: Scenario = {
  name: 'Seed: Barnet IOM expansion (Nov 2013)',
  referenceDate: '2013-10-31',
  windowMonths: 24,
  reductionRate: { ...SEED_REDUCTION_RATES },
  reductionRateSource: DEFAULT_REDUCTION_SOURCE,
  crimeTypes: [
    {
      id: 'all',
      label: CRIME_TYPE_LABELS.all,
      allegationsPerArrest: SEED_ALLEGATIONS_PER_ARREST.all,
      boroughOffencesPerYear: SEED_BOROUGH_OFFENCES_PER_YEAR.all,
      unitCost: null,
    },
    {
      id: 'residential_burglary',
      label: CRIME_TYPE_LABELS.residential_burglary,
      allegationsPerArrest: SEED_ALLEGATIONS_PER_ARREST.residential_burglary,
      boroughOffencesPerYear: SEED_BOROUGH_OFFENCES_PER_YEAR.residential_burglary,
      unitCost: homeOfficeUnitCost('residential_burglary'),
    },
    {
      id: 'robbery',
      label: CRIME_TYPE_LABELS.robbery,
      allegationsPerArrest: SEED_ALLEGATIONS_PER_ARREST.robbery,
      boroughOffencesPerYear: SEED_BOROUGH_OFFENCES_PER_YEAR.robbery,
      unitCost: homeOfficeUnitCost('robbery'),
    },
  ],
  notes:
    'Reduction: central 36% (004), high 43% (003: 2.91 → 1.65 offences a year), low 30% (assumption). ' +
    'Borough offences per year backed out of the seed table’s 3.8% / 3.1% / 5.4%.',
};

const SEED_TABLE_REDUCTION_SOURCE =
  'As the seed computed it: 884 / 2432.5 = 36.34% (004’s table: 2432.5 offences a year, 884 fewer; the “36%” rounded)';

/**
 * The seed's own table, reproduced to its printed figures: the same inputs as the default but at
 * the rate its table implies (36.34%), so the after-IOM rows come to 1,548.5 / 162.5 / 83.1 and the
 * reductions to 884 / 92.7 / 47.4 (the default's 36% gives 1,556.8 / 163.3 / 83.5).
 */
export const SEED_TABLE_SCENARIO: Scenario = {
  ...DEFAULT_SCENARIO,
  name: 'Seed table, as the seed computed it (36.34%)',
  reductionRate: SEED_IMPLIED_REDUCTION_RATE,
  reductionRateSource: SEED_TABLE_REDUCTION_SOURCE,
  notes: 'The seed’s projection table reproduced: its implied 36.34% instead of the rounded 36%. Borough offences per year backed out of its 3.8% / 3.1% / 5.4%.',
};

/**
 * Seed 000's statutory and non-statutory rates (40% vs 55%, 30% vs 58%) and its split of the saving
 * among the agencies, on the default's crime types; people without a recorded status keep 36%.
 */
export const SEED_STATUTORY_SCENARIO: Scenario = {
  ...DEFAULT_SCENARIO,
  name: 'Statutory and non-statutory rates (seed 000)',
  reductionRate: SEED_REDUCTION_RATES.central,
  reductionRateSource: 'For people whose statutory status is not recorded: 36% (004)',
  groupRates: SEED_GROUP_RATES,
  agencyShares: SEED_AGENCY_SHARES,
  notes: 'Reduction per group = 1 − reoffending with IOM ÷ without (seed 000): statutory 1 − 40/55 = 27.27%, non-statutory 1 − 30/58 = 48.28%.',
};

/** Starting points offered on the Projection screen, each with where its rate comes from. */
export const SCENARIO_PRESETS: ReadonlyArray<{ id: 'default' | 'seedTable' | 'statutory'; label: string; scenario: Scenario }> = [
  { id: 'default', label: 'Default: 36% (low 30%, high 43%)', scenario: DEFAULT_SCENARIO },
  { id: 'seedTable', label: 'The seed’s own table: 36.34%', scenario: SEED_TABLE_SCENARIO },
  { id: 'statutory', label: 'Statutory 40% vs 55%, non-statutory 30% vs 58% (seed 000)', scenario: SEED_STATUTORY_SCENARIO },
];

/** One line saying which reduction rate a projection used and where it comes from. */
function describeReductionRate(scenario: Pick<Scenario, 'reductionRate' | 'reductionRateSource'>): string {
  const rate = asRange(scenario.reductionRate);
  const figure = isSpread(rate) ? `${pct(rate.central)} (low ${pct(rate.low)}, high ${pct(rate.high)})` : pct(rate.central);
  const source = scenario.reductionRateSource?.trim();
  return `${figure}${source ? `: ${source}` : ': entered by the analyst (no source given)'}`;
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/** The extremes a figure takes over the scenario's low/high inputs, with the working of each. */
export interface FigureRange {
  low: number;
  high: number;
  lowWorking: string;
  highWorking: string;
}

interface ProjectionWorking {
  arrests: string;
  arrestsPerYear: string;
  offencesPerYear: string;
  reductionPerYear: string;
  offencesPerYearAfter: string;
  shareOfBorough: string | null;
  costSavingPerYear: string | null;
}

export interface ProjectionRow {
  crimeType: ProjectionCrimeTypeId;
  label: string;
  arrests: number;
  arrestsPerYear: number;
  /** Central value used for the central figures. */
  allegationsPerArrest: number;
  reductionRate: number;
  offencesPerYear: number;
  offencesPerYearAfter: number;
  reductionPerYear: number;
  boroughOffencesPerYear: number | null;
  shareOfBorough: number | null;
  unitCost: number | null;
  costSavingPerYear: number | null;
  working: ProjectionWorking;
  /** Present only for figures whose inputs have a low/high spread. */
  ranges: {
    offencesPerYear?: FigureRange;
    reductionPerYear?: FigureRange;
    offencesPerYearAfter?: FigureRange;
    shareOfBorough?: FigureRange;
    costSavingPerYear?: FigureRange;
  };
}

export interface ProjectionResult {
  scenarioName: string;
  referenceDate: string;
  windowMonths: number;
  /** First day counted (the window's excluded bound plus one day). */
  windowFirstDay: string;
  windowDescription: string;
  reductionRate: Range;
  /** Which rate was used and its source, e.g. "36.34%: As the seed computed it: …". */
  reductionRateUsed: string;
  allegationsNote: string;
  /** People in the population, when known (index projections). */
  people: number | null;
  /** People with at least one arrest in the window. */
  arrestedPeople: number;
  rows: ProjectionRow[];
  /**
   * Sum of cost savings over the rows other than `all` (which overlaps them), with its working;
   * null when no such row has a unit cost.
   */
  totalCostSavingPerYear: { value: number; working: string; low?: number; high?: number } | null;
  /** With the scenario's borough counting: what was counted in the borough and what was left out. */
  boroughCounting?: BoroughCountingResult | null;
  /** With the scenario's group rates: the projection per statutory group and the groups combined. */
  byGroup?: GroupSplit | null;
  /** With the scenario's agency shares: the cost saving per agency (of the combined groups' saving when split). */
  agencySplit?: AgencySplit | null;
}

export interface BoroughCountingResult {
  borough: string;
  inBorough: number;
  outOfBorough: number;
  notRecorded: number;
  outOfBoroughByType: Partial<Record<CrimeTypeId, number>>;
  /** Where the arrests outside the borough were made, most first. */
  elsewhere: Array<{ borough: string; arrests: number }>;
  working: string;
}

export interface ArrestCountsForProjection {
  /** Every arrest in the window. */
  all: number;
  byType: Partial<Record<CrimeTypeId, number>>;
  arrestedPeople?: number;
  people?: number | null;
}

// Working lines as the printed report rounds figures (numberFormat.ts); the unrounded numbers stay
// in the result's fields (and the CLI's JSON).
const w = workingFigure;
const pct = workingShare;
const workingMoney = workingPounds;

function rangeOf(
  compute: (allegations: number, rate: number) => number,
  describe: (allegations: number, rate: number, value: number) => string,
  allegations: Range,
  rate: Range,
): FigureRange {
  let low = { value: Infinity, working: '' };
  let high = { value: -Infinity, working: '' };
  // The figures are monotone in each input, so their extremes sit at the corners.
  for (const a of [allegations.low, allegations.high]) {
    for (const r of [rate.low, rate.high]) {
      const value = compute(a, r);
      if (value < low.value) low = { value, working: describe(a, r, value) };
      if (value > high.value) high = { value, working: describe(a, r, value) };
    }
  }
  return { low: low.value, high: high.value, lowWorking: low.working, highWorking: high.working };
}

function projectRow(
  crimeType: ScenarioCrimeType,
  arrests: number,
  scenario: Scenario,
  windowText: string,
): ProjectionRow {
  const months = scenario.windowMonths;
  const allegations = asRange(crimeType.allegationsPerArrest);
  const rate = asRange(scenario.reductionRate);
  const borough = crimeType.boroughOffencesPerYear ?? null;
  const unitCost = crimeType.unitCost ?? null;

  const arrestsPerYear = (arrests * 12) / months;
  const offencesAt = (a: number): number => arrestsPerYear * a;
  const reductionAt = (a: number, r: number): number => offencesAt(a) * r;
  const afterAt = (a: number, r: number): number => offencesAt(a) - reductionAt(a, r);

  const offencesPerYear = offencesAt(allegations.central);
  const reductionPerYear = reductionAt(allegations.central, rate.central);
  const offencesPerYearAfter = offencesPerYear - reductionPerYear;
  const shareOfBorough = borough === null ? null : reductionPerYear / borough;
  const costSavingPerYear = unitCost === null ? null : reductionPerYear * unitCost;

  const what = crimeType.id === 'all' ? 'arrests of any type' : `arrests classified as ${crimeType.label}`;
  const working: ProjectionWorking = {
    arrests: `${w(arrests)} ${what} in ${windowText}`,
    arrestsPerYear: `${w(arrestsPerYear)} = ${w(arrests)} × 12 / ${months}`,
    offencesPerYear: `${w(offencesPerYear)} = ${w(arrestsPerYear)} × ${w(allegations.central)}`,
    reductionPerYear: `${w(reductionPerYear)} = ${w(offencesPerYear)} × ${pct(rate.central)}`,
    offencesPerYearAfter: `${w(offencesPerYearAfter)} = ${w(offencesPerYear)} − ${w(reductionPerYear)}`,
    shareOfBorough:
      shareOfBorough === null || borough === null
        ? null
        : `${pct(shareOfBorough)} = ${w(reductionPerYear)} / ${w(borough)}`,
    costSavingPerYear:
      costSavingPerYear === null || unitCost === null
        ? null
        : `${workingMoney(costSavingPerYear)} = ${w(reductionPerYear)} × ${workingMoney(unitCost)}`,
  };

  const ranges: ProjectionRow['ranges'] = {};
  if (isSpread(allegations)) {
    ranges.offencesPerYear = rangeOf(
      (a) => offencesAt(a),
      (a, _r, v) => `${w(v)} = ${w(arrestsPerYear)} × ${w(a)}`,
      allegations,
      { low: rate.central, central: rate.central, high: rate.central },
    );
  }
  if (isSpread(allegations) || isSpread(rate)) {
    ranges.reductionPerYear = rangeOf(
      reductionAt,
      (a, r, v) => `${w(v)} = ${w(offencesAt(a))} × ${pct(r)}`,
      allegations,
      rate,
    );
    ranges.offencesPerYearAfter = rangeOf(
      afterAt,
      (a, r, v) => `${w(v)} = ${w(offencesAt(a))} − ${w(reductionAt(a, r))}`,
      allegations,
      rate,
    );
    if (borough !== null) {
      ranges.shareOfBorough = rangeOf(
        (a, r) => reductionAt(a, r) / borough,
        (a, r, v) => `${pct(v)} = ${w(reductionAt(a, r))} / ${w(borough)}`,
        allegations,
        rate,
      );
    }
    if (unitCost !== null) {
      ranges.costSavingPerYear = rangeOf(
        (a, r) => reductionAt(a, r) * unitCost,
        (a, r, v) => `${workingMoney(v)} = ${w(reductionAt(a, r))} × ${workingMoney(unitCost)}`,
        allegations,
        rate,
      );
    }
  }

  return {
    crimeType: crimeType.id,
    label: crimeType.label,
    arrests,
    arrestsPerYear,
    allegationsPerArrest: allegations.central,
    reductionRate: rate.central,
    offencesPerYear,
    offencesPerYearAfter,
    reductionPerYear,
    boroughOffencesPerYear: borough,
    shareOfBorough,
    unitCost,
    costSavingPerYear,
    working,
    ranges,
  };
}

function totalCostSaving(rows: readonly ProjectionRow[]): ProjectionResult['totalCostSavingPerYear'] {
  const costed = rows.filter((r) => r.crimeType !== 'all' && r.costSavingPerYear !== null);
  if (costed.length === 0) return null;
  const value = costed.reduce((sum, r) => sum + (r.costSavingPerYear ?? 0), 0);
  const result: NonNullable<ProjectionResult['totalCostSavingPerYear']> = {
    value,
    working: `${workingMoney(value)} = ${costed.map((r) => `${workingMoney(r.costSavingPerYear ?? 0)} (${r.label})`).join(' + ')}`,
  };
  if (costed.some((r) => r.ranges.costSavingPerYear)) {
    result.low = costed.reduce((s, r) => s + (r.ranges.costSavingPerYear?.low ?? r.costSavingPerYear ?? 0), 0);
    result.high = costed.reduce((s, r) => s + (r.ranges.costSavingPerYear?.high ?? r.costSavingPerYear ?? 0), 0);
  }
  return result;
}

/**
 * The projection from already-counted arrests (the step both entry points share). A `Scenario` is
 * parsed where it enters (the call's contract, a scenario file, a saved row), so it is not parsed
 * again here: a statutory-group projection runs this once per group.
 */
export function projectFromCounts(parsed: Scenario, counts: ArrestCountsForProjection): ProjectionResult {
  const window: AnalysisWindow = { referenceDate: parsed.referenceDate, windowMonths: parsed.windowMonths };
  assertValidWindow(window);
  const windowText = describeWindow(window);
  const rows = parsed.crimeTypes.map((c) =>
    projectRow(c, c.id === 'all' ? counts.all : (counts.byType[c.id] ?? 0), parsed, windowText),
  );
  return {
    scenarioName: parsed.name,
    referenceDate: parsed.referenceDate,
    windowMonths: parsed.windowMonths,
    windowFirstDay: windowFirstDay(window),
    windowDescription: windowText,
    reductionRate: asRange(parsed.reductionRate),
    reductionRateUsed: describeReductionRate(parsed),
    allegationsNote: 'offences per arrest: borough crime allegations ÷ arrests for the type (004, note *1)',
    people: counts.people ?? null,
    arrestedPeople: counts.arrestedPeople ?? 0,
    rows,
    totalCostSavingPerYear: totalCostSaving(rows),
  };
}

/** Projects a set of people over the prebuilt index (fast path for the UI). */
export function projectCohortFromIndex(
  scenario: Scenario,
  index: ArrestIndex,
  personIds: Iterable<number> | 'all',
): ProjectionResult {
  const counts = populationCounts(
    index,
    { referenceDate: scenario.referenceDate, windowMonths: scenario.windowMonths },
    personIds,
  );
  return projectFromCounts(scenario, counts);
}

// ---------------------------------------------------------------------------------------------
// Comparing scenarios
// ---------------------------------------------------------------------------------------------

export interface ScenarioComparisonCell {
  arrests: number;
  offencesPerYear: number;
  reductionPerYear: number;
  offencesPerYearAfter: number;
  shareOfBorough: number | null;
  costSavingPerYear: number | null;
  /** This scenario's reduction minus the first scenario's, null when either lacks the row. */
  reductionDifferenceFromFirst: number | null;
}

export interface ScenarioComparison {
  scenarios: string[];
  rows: Array<{ crimeType: ProjectionCrimeTypeId; label: string; cells: Array<ScenarioComparisonCell | null> }>;
  totalCostSavingPerYear: Array<number | null>;
}

/** Side-by-side rows for each crime type any scenario projects, in first-seen order. */
export function compareScenarios(results: readonly ProjectionResult[]): ScenarioComparison {
  const order: ProjectionCrimeTypeId[] = [];
  const labels = new Map<ProjectionCrimeTypeId, string>();
  for (const result of results) {
    for (const row of result.rows) {
      if (!labels.has(row.crimeType)) {
        order.push(row.crimeType);
        labels.set(row.crimeType, row.label);
      }
    }
  }
  const rows = order.map((crimeType) => {
    const baseline = results[0]?.rows.find((r) => r.crimeType === crimeType) ?? null;
    const cells = results.map((result) => {
      const row = result.rows.find((r) => r.crimeType === crimeType);
      if (!row) return null;
      return {
        arrests: row.arrests,
        offencesPerYear: row.offencesPerYear,
        reductionPerYear: row.reductionPerYear,
        offencesPerYearAfter: row.offencesPerYearAfter,
        shareOfBorough: row.shareOfBorough,
        costSavingPerYear: row.costSavingPerYear,
        reductionDifferenceFromFirst: baseline ? row.reductionPerYear - baseline.reductionPerYear : null,
      };
    });
    return { crimeType, label: labels.get(crimeType) ?? crimeType, cells };
  });
  return {
    scenarios: results.map((r) => r.scenarioName),
    rows,
    totalCostSavingPerYear: results.map((r) => r.totalCostSavingPerYear?.value ?? null),
  };
}

// ---------------------------------------------------------------------------------------------
// Attribution (004: "ball park estimate of 10.4 per month fewer Residential burglaries")
// ---------------------------------------------------------------------------------------------

export interface AttributionInput {
  beforeMonthlyArrests: number;
  afterMonthlyArrests: number;
  allegationsPerArrest: number;
  /** Months the reduction is summed over (the seed: Apr–Sep 2013, 6). */
  months: number;
  /** The area's own fall in offences over those months, to give the cohort's share of it (seed: 336). */
  areaFallOverPeriod?: number | null;
}

/**
 * The seed's attribution inputs (004, "Attribution"): the cohort's burglary arrest rate "from 2.5
 * per month (Nov11-Jun12) to 1.6 pm (Jul12 – Sep13)", "11.6 Residential burglary allegations for each
 * arrest", April to September 2013 (6 months), "approximately 336 fewer Residential burglaries".
 */
export const SEED_ATTRIBUTION: Required<AttributionInput> & { source: string } = {
  beforeMonthlyArrests: 2.5,
  afterMonthlyArrests: 1.6,
  allegationsPerArrest: 11.6,
  months: 6,
  areaFallOverPeriod: 336,
  source: 'Seed 004: burglary arrests 2.5 a month (Nov 2011–Jun 2012) → 1.6 (Jul 2012–Sep 2013); 11.6 allegations per arrest; Apr–Sep 2013; 336 fewer residential burglaries',
};

export interface AttributionEstimate {
  fewerArrestsPerMonth: number;
  relativeFall: number;
  fewerOffencesPerMonth: number;
  fewerOffencesOverPeriod: number;
  working: { fewerArrestsPerMonth: string; relativeFall: string; fewerOffencesPerMonth: string; fewerOffencesOverPeriod: string; shareOfAreaFall: string | null };
  /** Fewer offences over the period ÷ the area's fall; null without an area figure. */
  shareOfAreaFall: number | null;
  assumption: string;
}

/**
 * The cohort's fall in monthly arrests × allegations per arrest, assuming its offending fell in
 * the same proportion as its arrests (the seed's stated assumption). Seed: (2.5 − 1.6) × 11.6 =
 * 10.44 a month; over Apr–Sep 2013 (6 months) 62.64, the seed's "around 60" of 336.
 */
export function attributionEstimate(input: AttributionInput): AttributionEstimate {
  const { beforeMonthlyArrests: before, afterMonthlyArrests: after, allegationsPerArrest: ratio, months } = input;
  if (before < 0 || after < 0 || ratio < 0 || months < 0) throw new Error('attribution inputs must not be negative');
  const fewerArrestsPerMonth = before - after;
  const relativeFall = before === 0 ? 0 : fewerArrestsPerMonth / before;
  const fewerOffencesPerMonth = fewerArrestsPerMonth * ratio;
  const fewerOffencesOverPeriod = fewerOffencesPerMonth * months;
  const areaFall = input.areaFallOverPeriod ?? null;
  if (areaFall !== null && areaFall <= 0) throw new Error('the area’s fall must be positive');
  const shareOfAreaFall = areaFall === null ? null : fewerOffencesOverPeriod / areaFall;
  return {
    fewerArrestsPerMonth,
    relativeFall,
    fewerOffencesPerMonth,
    fewerOffencesOverPeriod,
    shareOfAreaFall,
    working: {
      shareOfAreaFall: shareOfAreaFall === null || areaFall === null ? null : `${pct(shareOfAreaFall)} = ${w(fewerOffencesOverPeriod)} / ${w(areaFall)}`,
      fewerArrestsPerMonth: `${w(fewerArrestsPerMonth)} = ${w(before)} − ${w(after)}`,
      relativeFall: `${pct(relativeFall)} = ${w(fewerArrestsPerMonth)} / ${w(before)}`,
      fewerOffencesPerMonth: `${w(fewerOffencesPerMonth)} = (${w(before)} − ${w(after)}) × ${w(ratio)}`,
      fewerOffencesOverPeriod: `${w(fewerOffencesOverPeriod)} = ${w(fewerOffencesPerMonth)} × ${w(months)}`,
    },
    assumption: 'offending fell in the same proportion as arrests (seed 004)',
  };
}
