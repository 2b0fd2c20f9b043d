// The seed's cost-of-crime figures (003) and the sums tests check them with: the app's projection
// prices offences through DEFAULT_UNIT_COSTS directly, so none of this is product code.
import { DEFAULT_UNIT_COSTS, type UnitCost } from '../../shared/analysis/costsOfCrime';
import { workingNumber } from '../../shared/domain/analysisModel';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';

/** One crime type's default unit cost, by its id. */
export function defaultUnitCost(crimeType: CrimeTypeId): UnitCost {
  const found = DEFAULT_UNIT_COSTS.find((c) => c.crimeType === crimeType);
  if (!found) throw new Error(`no default unit cost entry for ${crimeType}`);
  return found;
}

/** Cross-checks from the seed (003: Barnet Community Leadership Committee, 25 Nov 2015). */
export const SEED_COST_OF_CRIME = {
  allReportedCrime: {
    amount: 73_900_000,
    sourceText:
      'Analysis conducted as part of the Community Safety Strategic Assessment 2014/15 estimated that the total cost of reported crime in Barnet to be approximately £73.9 million',
  },
  residentialBurglary: {
    amount: 10_800_000,
    sourceText: '£10.8 million of which was contributed by residential burglary',
  },
  iomBurglarySavingPerYear: {
    amount: 470_000,
    sourceText:
      'in terms of burglary reduction alone the IOM is reducing the cost of crime in Barnet by around £470,000 annually',
  },
  source:
    'Barnet Council, Community Leadership Committee, 25 November 2015, "Keeping Barnet Safe by reducing re-offending in Barnet", para 5.2.3 (seed 003)',
  note:
    'The 2014/15 assessment predates the 2018 report, so it used older Home Office unit costs; the implied counts below are a sense check, not a reconciliation.',
} as const;

/** How many offences a £ total implies at a unit cost, e.g. £10.8M / £5,930 ≈ 1,821 burglaries. */
export function impliedOffenceCount(totalCost: number, unitCost: number): { value: number; working: string } {
  if (unitCost <= 0) throw new Error('unit cost must be positive');
  const value = totalCost / unitCost;
  return { value, working: `${workingNumber(value)} = £${workingNumber(totalCost)} / £${workingNumber(unitCost)}` };
}
