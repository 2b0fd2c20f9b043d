import { z } from 'zod';
import { APPROXIMATE_GDP_DEFLATOR, DEFAULT_UNIT_COSTS, UnitCostSchema, upliftCost, type UnitCost } from './costsOfCrime';
import { CRIME_TYPE_IDS, type CrimeTypeId } from '../domain/crimeTypes';
import { workingNumber } from '../domain/analysisModel';

/**
 * The workspace's unit costs of crime: the Home Office defaults as edited by the analyst, in their
 * price year, optionally brought to another year's prices with the deflator (costsOfCrime.ts).
 * The effective cost of each type keeps its working, so a projection's £ figure can be traced to
 * the published table.
 */

export const DEFLATOR_YEARS: readonly number[] = Object.keys(APPROXIMATE_GDP_DEFLATOR)
  .map(Number)
  .sort((a, b) => a - b);

export const UnitCostSettingsSchema = z
  .object({
    costs: z.array(UnitCostSchema.extend({ source: z.string().max(1000), note: z.string().max(2000) }).strict()).max(CRIME_TYPE_IDS.length),
    /** Bring every cost to this year's prices; null keeps each in its own price year. */
    upliftToYear: z.number().int().nullable(),
  })
  .strict()
  .superRefine((settings, ctx) => {
    const seen = new Set<CrimeTypeId>();
    settings.costs.forEach((c, i) => {
      if (seen.has(c.crimeType)) ctx.addIssue({ code: 'custom', message: `${c.crimeType} is listed twice`, path: ['costs', i, 'crimeType'] });
      seen.add(c.crimeType);
    });
    if (settings.upliftToYear === null) return;
    if (APPROXIMATE_GDP_DEFLATOR[settings.upliftToYear] === undefined) {
      ctx.addIssue({ code: 'custom', message: `no deflator for ${settings.upliftToYear}`, path: ['upliftToYear'] });
    }
    settings.costs.forEach((c, i) => {
      if (c.unitCost !== null && APPROXIMATE_GDP_DEFLATOR[c.priceYear] === undefined) {
        ctx.addIssue({ code: 'custom', message: `no deflator for price year ${c.priceYear}`, path: ['costs', i, 'priceYear'] });
      }
    });
  });
export type UnitCostSettings = z.infer<typeof UnitCostSettingsSchema>;

export const DEFAULT_UNIT_COST_SETTINGS: UnitCostSettings = {
  costs: DEFAULT_UNIT_COSTS.map((c) => ({ ...c })),
  upliftToYear: null,
};

export interface EffectiveUnitCost {
  crimeType: CrimeTypeId;
  /** £ per offence in `priceYear` prices; null when there is no figure. */
  unitCost: number | null;
  priceYear: number;
  /** How the figure was reached: the entered cost, or the uplift with its factor. */
  working: string;
  entry: UnitCost;
}

/** Each crime type's cost as projections should use it (uplifted when the settings ask for it). */
export function effectiveUnitCosts(settings: UnitCostSettings): EffectiveUnitCost[] {
  return settings.costs.map((entry) => {
    if (entry.unitCost === null) {
      return { crimeType: entry.crimeType, unitCost: null, priceYear: entry.priceYear, working: 'no unit cost', entry };
    }
    if (settings.upliftToYear === null || settings.upliftToYear === entry.priceYear) {
      return {
        crimeType: entry.crimeType,
        unitCost: entry.unitCost,
        priceYear: entry.priceYear,
        working: `£${workingNumber(entry.unitCost)} in ${priceYearLabel(entry.priceYear)} prices`,
        entry,
      };
    }
    const uplifted = upliftCost(entry.unitCost, entry.priceYear, settings.upliftToYear);
    return { crimeType: entry.crimeType, unitCost: uplifted.value, priceYear: settings.upliftToYear, working: `£${uplifted.working}`, entry };
  });
}

/** 2016 → "2015/16": price years are keyed by the year the financial year ends in. */
export function priceYearLabel(year: number): string {
  return `${year - 1}/${String(year % 100).padStart(2, '0')}`;
}
