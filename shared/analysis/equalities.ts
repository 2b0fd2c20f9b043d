import { type AnalysisPerson, tryDayNumber } from '../domain/analysisModel';
import { isIsoDate, ymdOfIso, type IsoDate } from '../domain/isoDate';
import { ETHNICITY_GROUP_ORDER, ethnicityGroupOf } from './ethnicityGroups';

/**
 * Composition of populations (long list, filtered, shortlist) by gender, age band and ethnicity,
 * side by side, for the public sector equality duty (Equality Act 2010 s.149, seed 003 §5.5).
 * Shares are of each population's own total, so the columns compare like with like.
 */

const EQUALITY_DIMENSIONS = ['gender', 'ageBand', 'ethnicity'] as const;
export type EqualityDimension = (typeof EQUALITY_DIMENSIONS)[number];

export const NOT_RECORDED = 'Not recorded';

export interface AgeBand {
  label: string;
  min: number;
  /** Inclusive; null for an open top band. */
  max: number | null;
}

/** Youth justice (10–17) and the usual adult bands. */
export const DEFAULT_AGE_BANDS: readonly AgeBand[] = [
  { label: '10–17', min: 10, max: 17 },
  { label: '18–24', min: 18, max: 24 },
  { label: '25–34', min: 25, max: 34 },
  { label: '35–44', min: 35, max: 44 },
  { label: '45–54', min: 45, max: 54 },
  { label: '55+', min: 55, max: null },
];

export const UNDER_BANDS = 'Under 10';

const GENDER_LABELS: Record<'M' | 'F' | 'X', string> = {
  M: 'Male',
  F: 'Female',
  X: 'Other / not stated as male or female',
};

function bandOfAge(age: number, bands: readonly AgeBand[]): string {
  for (const band of bands) if (age >= band.min && (band.max === null || age <= band.max)) return band.label;
  return bands.length > 0 && age < bands[0]!.min ? UNDER_BANDS : NOT_RECORDED;
}

/** Whole years from yyyymmdd numbers (the month-day digits decide whether the birthday has passed). */
export function ageBandFromYmd(dob: IsoDate | null, referenceYmd: number, bands: readonly AgeBand[]): string {
  if (dob === null || tryDayNumber(dob) === null) return NOT_RECORDED;
  const dobYmd = ymdOfIso(dob);
  if (dobYmd > referenceYmd) return NOT_RECORDED;
  return bandOfAge(Math.floor((referenceYmd - dobYmd) / 10000), bands);
}

function genderOf(person: AnalysisPerson): string {
  return person.gender === null ? NOT_RECORDED : GENDER_LABELS[person.gender];
}

/** Ethnicity coded to the 2021 Census groups (never the text as imported, which could say anything). */
function ethnicityOf(person: AnalysisPerson): string {
  return ethnicityGroupOf(person.ethnicity);
}

interface CompositionCell {
  count: number;
  /** count / population total; null for an empty population. */
  share: number | null;
}

export interface CompositionRow {
  dimension: EqualityDimension;
  category: string;
  cells: CompositionCell[];
}

export interface CompositionTable {
  populations: Array<{ name: string; total: number }>;
  referenceDate: IsoDate;
  rows: CompositionRow[];
}

/** Fixed category order for every dimension, so tables line up across runs. */
function fixedOrder(dimension: EqualityDimension, bands: readonly AgeBand[]): string[] {
  if (dimension === 'gender') return [GENDER_LABELS.M, GENDER_LABELS.F, GENDER_LABELS.X, NOT_RECORDED];
  if (dimension === 'ageBand') return [UNDER_BANDS, ...bands.map((b) => b.label), NOT_RECORDED];
  return [...ETHNICITY_GROUP_ORDER];
}

/**
 * Composition of each population, side by side, every dimension in its fixed order (all
 * categories shown, zeros included, so an absent group is visible).
 */
export function compareCompositions(
  populations: ReadonlyArray<{ name: string; people: readonly AnalysisPerson[] }>,
  referenceDate: IsoDate,
  bands: readonly AgeBand[] = DEFAULT_AGE_BANDS,
): CompositionTable {
  if (!isIsoDate(referenceDate)) throw new Error(`not an ISO date: ${referenceDate}`);
  const referenceYmd = ymdOfIso(referenceDate);
  // One pass per population over all three dimensions; each person counted once.
  const tallied = populations.map((pop) => {
    const tallies: Record<EqualityDimension, Map<string, number>> = { gender: new Map(), ageBand: new Map(), ethnicity: new Map() };
    const seen = new Set<number>();
    const add = (dimension: EqualityDimension, category: string): void => {
      const tally = tallies[dimension];
      tally.set(category, (tally.get(category) ?? 0) + 1);
    };
    for (const person of pop.people) {
      if (seen.has(person.id)) continue;
      seen.add(person.id);
      add('gender', genderOf(person));
      add('ageBand', ageBandFromYmd(person.dob, referenceYmd, bands));
      add('ethnicity', ethnicityOf(person));
    }
    return { tallies, total: seen.size };
  });
  const rows: CompositionRow[] = [];
  for (const dimension of EQUALITY_DIMENSIONS) {
    const tallies = tallied.map((t) => ({ tally: t.tallies[dimension], total: t.total }));
    let order = fixedOrder(dimension, bands);
    if (dimension === 'ageBand') {
      // "Under 10" only appears when someone is in it, since a 10–17 first band makes it unusual.
      if (!tallies.some((t) => (t.tally.get(UNDER_BANDS) ?? 0) > 0)) order = order.filter((c) => c !== UNDER_BANDS);
    }
    for (const category of order) {
      rows.push({
        dimension,
        category,
        cells: tallies.map(({ tally, total }) => {
          const count = tally.get(category) ?? 0;
          return { count, share: total === 0 ? null : count / total };
        }),
      });
    }
  }
  return { populations: populations.map((p, i) => ({ name: p.name, total: tallied[i]!.total })), referenceDate, rows };
}

/** The usual three-column view: long list vs filtered vs shortlist. */
export function equalitiesComparison(
  longList: readonly AnalysisPerson[],
  filtered: readonly AnalysisPerson[],
  shortlist: readonly AnalysisPerson[],
  referenceDate: IsoDate,
  bands: readonly AgeBand[] = DEFAULT_AGE_BANDS,
): CompositionTable {
  return compareCompositions(
    [
      { name: 'Long list', people: longList },
      { name: 'Filtered', people: filtered },
      { name: 'Shortlist', people: shortlist },
    ],
    referenceDate,
    bands,
  );
}
