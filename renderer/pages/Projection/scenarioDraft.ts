import { ScenarioSchema, type Range, type Scenario, type ScenarioCrimeType } from '../../../shared/analysis/projection';
import { CRIME_TYPE_LABELS, type ProjectionCrimeTypeId } from '../../../shared/domain/crimeTypes';
import { isIsoDate } from '../../../shared/domain/isoDate';
import { AGENCIES, type Agency, type AgencyShares, type GroupRates } from '../../../shared/analysis/statutoryGroups';

/**
 * The scenario as the editor holds it: every number as the text typed, so a half-typed "36." is
 * not lost or reformatted while typing. Reduction rates are edited as percentages (analysts write
 * "36%"); the scenario stores rates as fractions, so 36.34 becomes 0.3634.
 */

export interface RangeDraft {
  low: string;
  central: string;
  high: string;
}

export interface CrimeTypeDraft {
  id: ProjectionCrimeTypeId;
  label: string;
  allegations: RangeDraft;
  borough: string;
  unitCost: string;
}

/** Group rates as percentages typed (reoffending with and without IOM), or null for one rate for everyone. */
export interface GroupRatesDraft {
  statutoryWith: string;
  statutoryWithout: string;
  nonStatutoryWith: string;
  nonStatutoryWithout: string;
  source: string;
}

/** Each agency's share of the saving as a percentage typed, or null for no split. */
interface AgencySharesDraft {
  shares: Record<Agency, string>;
  source: string;
}

export interface ScenarioDraft {
  name: string;
  referenceDate: string;
  windowMonths: string;
  /** Percentages. */
  reduction: RangeDraft;
  /** Where the rate comes from (a preset's or the calibration's wording, or the analyst's own). */
  reductionSource: string;
  crimeTypes: CrimeTypeDraft[];
  groupRates: GroupRatesDraft | null;
  agencyShares: AgencySharesDraft | null;
  /** Count only arrests in this borough (blank: the home borough), or null to count them wherever made. */
  boroughCounting: { borough: string } | null;
  notes: string;
}

const percentText = (share: number) => numberText(share * 100);

export function groupRatesDraft(rates: GroupRates): GroupRatesDraft {
  return {
    statutoryWith: percentText(rates.statutory.withIom),
    statutoryWithout: percentText(rates.statutory.withoutIom),
    nonStatutoryWith: percentText(rates.nonStatutory.withIom),
    nonStatutoryWithout: percentText(rates.nonStatutory.withoutIom),
    source: rates.source,
  };
}

export function agencySharesDraft(shares: AgencyShares): AgencySharesDraft {
  return {
    shares: Object.fromEntries(AGENCIES.map((a) => [a, percentText(shares.shares.find((s) => s.agency === a)?.share ?? 0)])) as Record<Agency, string>,
    source: shares.source,
  };
}

/** Field path → message, e.g. "reduction.central" or "crimeTypes.robbery.unitCost". */
export type DraftErrors = Record<string, string>;

/** Twelve significant digits: enough for any rate typed, and 36.34 / 100 comes out as 0.3634. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

function numberText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(tidy(value));
}

function rangeText(value: number | Range, scale = 1): RangeDraft {
  if (typeof value === 'number') return { low: '', central: numberText(value * scale), high: '' };
  const same = value.low === value.central && value.central === value.high;
  return {
    low: same ? '' : numberText(value.low * scale),
    central: numberText(value.central * scale),
    high: same ? '' : numberText(value.high * scale),
  };
}

export function draftFromScenario(scenario: Scenario): ScenarioDraft {
  return {
    name: scenario.name,
    referenceDate: scenario.referenceDate,
    windowMonths: String(scenario.windowMonths),
    reduction: rangeText(scenario.reductionRate, 100),
    reductionSource: scenario.reductionRateSource ?? '',
    crimeTypes: scenario.crimeTypes.map((c) => ({
      id: c.id,
      label: c.label,
      allegations: rangeText(c.allegationsPerArrest),
      borough: numberText(c.boroughOffencesPerYear),
      unitCost: numberText(c.unitCost),
    })),
    groupRates: scenario.groupRates ? groupRatesDraft(scenario.groupRates) : null,
    agencyShares: scenario.agencyShares ? agencySharesDraft(scenario.agencyShares) : null,
    boroughCounting: scenario.boroughCounting ? { borough: scenario.boroughCounting.borough ?? '' } : null,
    notes: scenario.notes ?? '',
  };
}

export function newCrimeTypeDraft(id: ProjectionCrimeTypeId, unitCost: number | null): CrimeTypeDraft {
  return { id, label: CRIME_TYPE_LABELS[id], allegations: { low: '', central: '', high: '' }, borough: '', unitCost: numberText(unitCost) };
}

function parseNumber(text: string): number | null {
  const cleaned = text.replace(/[,£%\s]/g, '');
  if (cleaned === '') return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : Number.NaN;
}

/**
 * A low/central/high group: central is required; low and high are optional (blank means "same as
 * central") and must bracket it.
 */
function parseRange(
  draft: RangeDraft,
  path: string,
  errors: DraftErrors,
  check: (value: number) => string | null,
  scale = 1,
): number | Range | null {
  const central = parseNumber(draft.central);
  if (central === null) {
    errors[`${path}.central`] = 'Enter a value.';
    return null;
  }
  const parts: Record<keyof RangeDraft, number | null> = { low: parseNumber(draft.low), central, high: parseNumber(draft.high) };
  let ok = true;
  for (const key of ['low', 'central', 'high'] as const) {
    const value = parts[key];
    if (value === null) continue;
    const problem = Number.isNaN(value) ? 'Enter a number.' : check(value);
    if (problem) {
      errors[`${path}.${key}`] = problem;
      ok = false;
    }
  }
  if (!ok) return null;
  const low = parts.low ?? central;
  const high = parts.high ?? central;
  if (low > central) {
    errors[`${path}.low`] = 'Low must not be above the central value.';
    return null;
  }
  if (high < central) {
    errors[`${path}.high`] = 'High must not be below the central value.';
    return null;
  }
  if (low === central && high === central) return tidy(central / scale);
  return { low: tidy(low / scale), central: tidy(central / scale), high: tidy(high / scale) };
}

function parseOptional(text: string, path: string, errors: DraftErrors, check: (value: number) => string | null): number | null {
  const value = parseNumber(text);
  if (value === null) return null;
  const problem = Number.isNaN(value) ? 'Enter a number, or leave it blank.' : check(value);
  if (problem) {
    errors[path] = problem;
    return null;
  }
  return value;
}

function percentField(text: string, path: string, errors: DraftErrors, positive: boolean): number {
  const value = parseNumber(text);
  if (value === null || Number.isNaN(value) || value < 0 || value > 100 || (positive && value === 0)) {
    errors[path] = positive ? 'A percentage above 0, up to 100.' : 'A percentage from 0 to 100.';
    return 0;
  }
  return tidy(value / 100);
}

function parseGroupRates(draft: GroupRatesDraft, errors: DraftErrors): GroupRates {
  return {
    statutory: { withIom: percentField(draft.statutoryWith, 'groupRates.statutoryWith', errors, false), withoutIom: percentField(draft.statutoryWithout, 'groupRates.statutoryWithout', errors, true) },
    nonStatutory: { withIom: percentField(draft.nonStatutoryWith, 'groupRates.nonStatutoryWith', errors, false), withoutIom: percentField(draft.nonStatutoryWithout, 'groupRates.nonStatutoryWithout', errors, true) },
    source: draft.source.trim(),
  };
}

function parseAgencyShares(draft: AgencySharesDraft, errors: DraftErrors): AgencyShares {
  const shares = AGENCIES.map((agency) => ({ agency, share: percentField(draft.shares[agency], `agencyShares.${agency}`, errors, false) }));
  const total = shares.reduce((sum, s) => sum + s.share, 0);
  if (Math.abs(total - 1) > 0.0005) errors['agencyShares.total'] = `The shares add up to ${tidy(total * 100)}%, not 100%.`;
  return { shares, source: draft.source.trim() };
}

/** The scenario the draft describes, or the problems with it, field by field. */
export function scenarioFromDraft(draft: ScenarioDraft): { scenario: Scenario; errors: null } | { scenario: null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'Give the scenario a name.';
  if (!isIsoDate(draft.referenceDate)) errors.referenceDate = 'Enter the last day the data covers.';
  const months = parseNumber(draft.windowMonths);
  if (months === null || Number.isNaN(months) || !Number.isInteger(months) || months < 1 || months > 240) errors.windowMonths = 'Enter whole months, 1 to 240.';
  const reduction = parseRange(draft.reduction, 'reduction', errors, (v) => (v < 0 || v > 100 ? 'A percentage from 0 to 100.' : null), 100);
  if (draft.crimeTypes.length === 0) errors.crimeTypes = 'Add at least one crime type.';
  const crimeTypes: ScenarioCrimeType[] = [];
  for (const c of draft.crimeTypes) {
    const base = `crimeTypes.${c.id}`;
    const allegations = parseRange(c.allegations, `${base}.allegations`, errors, (v) => (v <= 0 ? 'More than 0.' : null));
    const borough = parseOptional(c.borough, `${base}.borough`, errors, (v) => (v <= 0 ? 'More than 0, or blank.' : null));
    const unitCost = parseOptional(c.unitCost, `${base}.unitCost`, errors, (v) => (v < 0 ? '0 or more, or blank.' : null));
    if (allegations !== null) crimeTypes.push({ id: c.id, label: c.label.trim() || CRIME_TYPE_LABELS[c.id], allegationsPerArrest: allegations, boroughOffencesPerYear: borough, unitCost });
  }
  const groupRates = draft.groupRates ? parseGroupRates(draft.groupRates, errors) : undefined;
  const agencyShares = draft.agencyShares ? parseAgencyShares(draft.agencyShares, errors) : undefined;
  if (Object.keys(errors).length > 0 || reduction === null || months === null) return { scenario: null, errors };
  const parsed = ScenarioSchema.safeParse({
    name,
    referenceDate: draft.referenceDate,
    windowMonths: months,
    reductionRate: reduction,
    ...(draft.reductionSource.trim() ? { reductionRateSource: draft.reductionSource.trim() } : {}),
    crimeTypes,
    ...(groupRates ? { groupRates } : {}),
    ...(agencyShares ? { agencyShares } : {}),
    ...(draft.boroughCounting ? { boroughCounting: { borough: draft.boroughCounting.borough.trim() || null } } : {}),
    ...(draft.notes.trim() ? { notes: draft.notes.trim() } : {}),
  });
  if (!parsed.success) return { scenario: null, errors: { form: parsed.error.issues.map((i) => i.message).join('; ') } };
  return { scenario: parsed.data, errors: null };
}

/** True when two drafts describe the same scenario (to show "unsaved changes"). */
export function sameDraft(a: ScenarioDraft, b: ScenarioDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
