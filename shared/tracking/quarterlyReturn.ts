import type { ProjectionCrimeTypeId } from '../domain/crimeTypes';
import { formatMoney } from '../domain/numberFormat';
import type { ExportCell } from '../exports/shortlistExport';
import type { StatutoryGroup } from '../analysis/statutoryGroups';
import type { PeriodCounts, TrackingResult } from './outcomeTracking';
import type { ReturnQuarter } from './returnQuarter';
import {
  CASELOAD_COLUMNS,
  CASELOAD_ROWS,
  COLUMN_DEFINITIONS,
  COMPARISON_ROWS,
  COST_COLUMNS,
  OFFENDING_COLUMNS,
  QUARTERLY_RETURN_CAVEATS,
  QUARTERLY_RETURN_TITLE,
  SECTION_TITLES,
  type RowIdOf,
} from './quarterlyReturnTemplate';

/**
 * The quarterly return's figures (issue 20, point 5), computed from the tracking model run with its
 * data cut at the quarter's last day, so "after" means from each start date to the quarter's end
 * (at most the after period), exactly as the Tracking screen counts it for that date. Cost of crime
 * avoided is priced with the unit costs of the projection scenario the panel was shown, on two
 * bases: the cohort's own before/after fall, and that fall less the comparison group's change.
 */

type CaseloadRowId = RowIdOf<typeof CASELOAD_ROWS>;
type ComparisonRowId = RowIdOf<typeof COMPARISON_ROWS>;

const GROUPS: readonly StatutoryGroup[] = ['statutory', 'nonStatutory', 'unknown'];

interface CaseloadRow {
  id: CaseloadRowId;
  byGroup: Record<StatutoryGroup, number>;
  total: number;
}

interface CostRow {
  crimeType: ProjectionCrimeTypeId;
  label: string;
  unitCost: number;
  afterPersonMonths: number;
  allegationsPerArrest: number;
  /** (before rate − after rate) × after person-months × allegations per arrest. */
  offencesAvoidedBeforeAfter: number;
  costBeforeAfter: number;
  /** The comparison group's after rate − before rate (arrests a person-month); null without a comparison. */
  comparisonChange: number | null;
  offencesAvoidedAllowingComparison: number | null;
  costAllowingComparison: number | null;
  working: string;
}

interface QuarterlyReturnFigures {
  quarter: ReturnQuarter;
  caseload: CaseloadRow[];
  /** Members with no start date or starting after the quarter, with why (no names). */
  notStarted: Array<{ reason: string; people: number }>;
  byCrimeType: Array<{ crimeType: ProjectionCrimeTypeId; label: string; allegationsPerArrest: number; cohort: PeriodCounts }>;
  byGroup: Array<{ group: StatutoryGroup; label: string; allegationsPerArrest: number; cohort: PeriodCounts }>;
  cost: {
    rows: CostRow[];
    /** Sums over the costed crime types; the comparison total is null when no row has one. */
    totalBeforeAfter: number;
    totalAllowingComparison: number | null;
    /** Crime types of the scenario (other than all) without a unit cost: not in the totals. */
    uncosted: string[];
  };
  comparison: Record<ComparisonRowId, number | null>;
  method: string;
}

interface QuarterlyReturnCrimeType {
  id: ProjectionCrimeTypeId;
  label: string;
  unitCost?: number | null | undefined;
}

function countBy<T>(items: readonly T[], groupOf: (item: T) => StatutoryGroup): CaseloadRow['byGroup'] {
  const counts: CaseloadRow['byGroup'] = { statutory: 0, nonStatutory: 0, unknown: 0 };
  for (const item of items) counts[groupOf(item)]++;
  return counts;
}

function caseloadRows(result: TrackingResult, quarter: ReturnQuarter): CaseloadRow[] {
  const { firstDay, lastDay } = quarter;
  const people = result.people.filter((p) => p.startDate <= lastDay);
  const leftBy = (p: (typeof people)[number], day: string) => p.exit !== null && p.exit.date <= day;
  const selections: Record<CaseloadRowId, typeof people> = {
    atStart: people.filter((p) => p.startDate < firstDay && !(p.exit !== null && p.exit.date < firstDay)),
    starts: people.filter((p) => p.startDate >= firstDay),
    exits: people.filter((p) => p.exit !== null && p.exit.date >= firstDay && p.exit.date <= lastDay),
    atEnd: people.filter((p) => !leftBy(p, lastDay)),
  };
  return CASELOAD_ROWS.map(({ id }) => {
    const byGroup = countBy(selections[id], (p) => p.group);
    return { id, byGroup, total: byGroup.statutory + byGroup.nonStatutory + byGroup.unknown };
  });
}

function notStarted(result: TrackingResult): QuarterlyReturnFigures['notStarted'] {
  const counts = new Map<string, number>();
  for (const l of result.leftOut) counts.set(l.reason, (counts.get(l.reason) ?? 0) + 1);
  return [...counts].map(([reason, people]) => ({ reason, people }));
}

/** Signed with a true minus, so a rise in offences reads "−£9,649", never "£-9,649". */
const money = (v: number) => (v < 0 ? `−${formatMoney(-v)}` : formatMoney(v));
const num = (v: number) => (v < 0 ? `−${Number((-v).toPrecision(6))}` : String(Number(v.toPrecision(6))));
/** "+ 0.0129" or "− 0.0186": the comparison's change added with its sign. */
const plusSigned = (v: number) => `${v < 0 ? '−' : '+'} ${num(Math.abs(v))}`;

function costRows(result: TrackingResult, crimeTypes: readonly QuarterlyReturnCrimeType[]): QuarterlyReturnFigures['cost'] {
  const rows: CostRow[] = [];
  const uncosted: string[] = [];
  const hasComparison = result.effect !== null;
  for (const c of crimeTypes) {
    if (c.id === 'all') continue;
    if (c.unitCost === null || c.unitCost === undefined) {
      uncosted.push(c.label);
      continue;
    }
    const tracked = result.byCrimeType.find((b) => b.crimeType === c.id);
    if (!tracked) continue;
    const { cohort, comparison, allegationsPerArrest } = tracked;
    const offencesAvoidedBeforeAfter = (cohort.beforeRate - cohort.afterRate) * cohort.afterPersonMonths * allegationsPerArrest;
    const comparisonChange = hasComparison ? comparison.afterRate - comparison.beforeRate : null;
    const offencesAvoidedAllowingComparison = comparisonChange === null ? null : (cohort.beforeRate + comparisonChange - cohort.afterRate) * cohort.afterPersonMonths * allegationsPerArrest;
    rows.push({
      crimeType: c.id,
      label: c.label,
      unitCost: c.unitCost,
      afterPersonMonths: cohort.afterPersonMonths,
      allegationsPerArrest,
      offencesAvoidedBeforeAfter,
      costBeforeAfter: offencesAvoidedBeforeAfter * c.unitCost,
      comparisonChange,
      offencesAvoidedAllowingComparison,
      costAllowingComparison: offencesAvoidedAllowingComparison === null ? null : offencesAvoidedAllowingComparison * c.unitCost,
      working:
        `before/after: (${num(cohort.beforeRate)} − ${num(cohort.afterRate)}) × ${num(cohort.afterPersonMonths)} person-months × ${num(allegationsPerArrest)} × ${money(c.unitCost)} = ${money(offencesAvoidedBeforeAfter * c.unitCost)}` +
        (comparisonChange === null || offencesAvoidedAllowingComparison === null
          ? ''
          : `; allowing for the comparison: (${num(cohort.beforeRate)} ${plusSigned(comparisonChange)} − ${num(cohort.afterRate)}) × ${num(cohort.afterPersonMonths)} × ${num(allegationsPerArrest)} × ${money(c.unitCost)} = ${money(offencesAvoidedAllowingComparison * c.unitCost)}`),
    });
  }
  const totalBeforeAfter = rows.reduce((s, r) => s + r.costBeforeAfter, 0);
  const totalAllowingComparison = hasComparison && rows.length > 0 ? rows.reduce((s, r) => s + (r.costAllowingComparison ?? 0), 0) : null;
  return { rows, totalBeforeAfter, totalAllowingComparison, uncosted };
}

function comparisonFigures(result: TrackingResult): QuarterlyReturnFigures['comparison'] {
  const e = result.effect;
  const m = result.matching;
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : v * 100);
  return {
    pairs: m.matched,
    exact: m.exact,
    nearest: m.nearest,
    unmatched: m.unmatched.length,
    cohortBefore: e ? e.cohort.beforeRate : null,
    cohortAfter: e ? e.cohort.afterRate : null,
    comparisonBefore: e ? e.comparison.beforeRate : null,
    comparisonAfter: e ? e.comparison.afterRate : null,
    naive: pct(e?.naiveReduction),
    difference: e ? e.difference : null,
    attributable: pct(e?.reduction),
    intervalLow: pct(e?.bootstrap?.reduction?.low),
    intervalHigh: pct(e?.bootstrap?.reduction?.high),
  };
}

/**
 * The return's figures from a tracking result whose data end on the quarter's last day (the caller
 * tracks with `dataTo = quarter.lastDay`); `crimeTypes` are the scenario's, for the unit costs.
 */
export function quarterlyReturnFigures(result: TrackingResult, quarter: ReturnQuarter, crimeTypes: readonly QuarterlyReturnCrimeType[]): QuarterlyReturnFigures {
  if (result.dataTo !== quarter.lastDay) throw new Error(`the tracking must end on the quarter’s last day (${quarter.lastDay}), not ${result.dataTo}`);
  const all = result.byCrimeType.find((c) => c.crimeType === 'all');
  return {
    quarter,
    caseload: caseloadRows(result, quarter),
    notStarted: notStarted(result),
    byCrimeType: result.byCrimeType.map((c) => ({ crimeType: c.crimeType, label: c.label, allegationsPerArrest: c.allegationsPerArrest, cohort: c.cohort })),
    byGroup: result.byGroup.map((g) => ({ group: g.group, label: g.label, allegationsPerArrest: all?.allegationsPerArrest ?? 1, cohort: g.cohort })),
    cost: costRows(result, crimeTypes),
    comparison: comparisonFigures(result),
    method: result.method,
  };
}

// ---------------------------------------------------------------------------------------------
// The sheets: the template's labels with the figures, rounded as a reader wants them.
// ---------------------------------------------------------------------------------------------

const round = (value: number, places: number) => {
  const f = 10 ** places;
  return Math.round(value * f) / f;
};
const rateCell = (v: number | null) => (v === null ? null : round(v, 4));
const percentCell = (v: number | null) => (v === null ? null : round(v, 1));

function offendingCells(c: PeriodCounts, allegations: number): ExportCell[] {
  return [
    c.people,
    c.beforeArrests,
    round(c.beforePersonMonths, 2),
    c.afterArrests,
    round(c.afterPersonMonths, 2),
    rateCell(c.beforeRate),
    rateCell(c.afterRate),
    c.change === null ? null : percentCell(c.change * 100),
    allegations,
    round(c.beforeOffencesPerMonth, 2),
    round(c.afterOffencesPerMonth, 2),
  ];
}

interface QuarterlyReturnHeading {
  marking: string;
  workspaceName: string;
  cohortDescription: string;
  scenarioName: string;
  producedAt: string;
  producedBy: string;
}

interface QuarterlyReturnSheets {
  title: string;
  returnRows: ExportCell[][];
  definitionRows: ExportCell[][];
}

/** Both sheets' rows, the marking first and last on each. */
export function quarterlyReturnSheets(figures: QuarterlyReturnFigures, heading: QuarterlyReturnHeading): QuarterlyReturnSheets {
  const { marking } = heading;
  const q = figures.quarter;
  const rows: ExportCell[][] = [
    [marking],
    [`${QUARTERLY_RETURN_TITLE}: ${q.label}`],
    ['Workspace', heading.workspaceName],
    ['Cohort', heading.cohortDescription],
    ['Projection scenario (allegations per arrest, unit costs)', heading.scenarioName],
    ['Arrests counted to', { isoDate: q.lastDay }],
    ['Produced', `${heading.producedAt} by ${heading.producedBy}`],
    [],
    [SECTION_TITLES.caseload],
    ['', ...CASELOAD_COLUMNS],
  ];
  for (const [i, row] of figures.caseload.entries()) rows.push([CASELOAD_ROWS[i]!.label, ...GROUPS.map((g) => row.byGroup[g]), row.total]);
  // Under the Total column: the members not yet started have no group in the tracking.
  rows.push([SECTION_TITLES.notStarted, null, null, null, figures.notStarted.reduce((s, n) => s + n.people, 0)]);
  for (const n of figures.notStarted) rows.push([`  ${n.reason}`, null, null, null, n.people]);
  rows.push([], [SECTION_TITLES.offendingByType], ['Crime type', ...OFFENDING_COLUMNS]);
  for (const c of figures.byCrimeType) rows.push([c.label, ...offendingCells(c.cohort, c.allegationsPerArrest)]);
  rows.push([], [SECTION_TITLES.offendingByGroup], ['Group', ...OFFENDING_COLUMNS]);
  for (const g of figures.byGroup) rows.push([g.label, ...offendingCells(g.cohort, g.allegationsPerArrest)]);
  rows.push([], [SECTION_TITLES.cost], ['Crime type', ...COST_COLUMNS]);
  for (const r of figures.cost.rows) {
    rows.push([
      r.label,
      r.unitCost,
      round(r.offencesAvoidedBeforeAfter, 1),
      round(r.costBeforeAfter, 0),
      rateCell(r.comparisonChange),
      r.offencesAvoidedAllowingComparison === null ? null : round(r.offencesAvoidedAllowingComparison, 1),
      r.costAllowingComparison === null ? null : round(r.costAllowingComparison, 0),
    ]);
  }
  rows.push(['Total (costed crime types)', null, null, round(figures.cost.totalBeforeAfter, 0), null, null, figures.cost.totalAllowingComparison === null ? null : round(figures.cost.totalAllowingComparison, 0)]);
  if (figures.cost.uncosted.length) rows.push([`Not costed (no unit cost in the scenario): ${figures.cost.uncosted.join(', ')}`]);
  if (!figures.cost.rows.length) rows.push(['No crime type of the scenario has a unit cost, so nothing is costed.']);
  rows.push([], [SECTION_TITLES.comparison]);
  for (const r of COMPARISON_ROWS) {
    const value = figures.comparison[r.id];
    rows.push([r.label, value === null ? null : r.label.endsWith('(%)') ? percentCell(value) : Number.isInteger(value) ? value : rateCell(value)]);
  }
  if (figures.comparison.difference === null) rows.push(['No member could be matched, so there is no comparison.']);
  rows.push([], [SECTION_TITLES.caveats], ...QUARTERLY_RETURN_CAVEATS.map((c) => [c]), [], [marking]);

  const definitions: ExportCell[][] = [[marking], [`${QUARTERLY_RETURN_TITLE}: definitions`], [], ['Row or column', 'Definition']];
  for (const r of CASELOAD_ROWS) definitions.push([r.label, r.definition]);
  for (const [label, definition] of COLUMN_DEFINITIONS) definitions.push([label, definition]);
  for (const r of COMPARISON_ROWS) definitions.push([r.label, r.definition]);
  definitions.push([], ['Method', figures.method]);
  for (const r of figures.cost.rows) definitions.push([`Working: ${r.label}`, r.working]);
  definitions.push([], [marking]);
  return { title: `${QUARTERLY_RETURN_TITLE} ${q.code}`, returnRows: rows, definitionRows: definitions };
}
