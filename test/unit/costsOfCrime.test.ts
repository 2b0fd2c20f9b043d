import { describe, expect, it } from 'vitest';
import {
  APPROXIMATE_GDP_DEFLATOR,
  DEFAULT_UNIT_COSTS,
  HOME_OFFICE_SOURCE,
  UnitCostSchema,
  upliftCost,
  weightedUnitCost,
} from '../../shared/analysis/costsOfCrime';
import { CRIME_TYPE_IDS } from '../../shared/domain/crimeTypes';
import { SEED_COST_OF_CRIME, defaultUnitCost, impliedOffenceCount } from '../support/costOfCrimeChecks';

describe('default unit costs', () => {
  it('has exactly one entry per crime type, each valid and sourced', () => {
    expect(DEFAULT_UNIT_COSTS.map((c) => c.crimeType).sort()).toEqual([...CRIME_TYPE_IDS].sort());
    for (const c of DEFAULT_UNIT_COSTS) {
      expect(UnitCostSchema.safeParse(c).success).toBe(true);
      expect(c.priceYear).toBe(2016);
      expect(c.source).toBe(HOME_OFFICE_SOURCE);
      expect(c.note.length).toBeGreaterThan(0);
      expect(c.basis === 'no_figure').toBe(c.unitCost === null);
    }
  });

  it('uses the published 2015/16 figures where the types match one to one', () => {
    expect(defaultUnitCost('residential_burglary')).toMatchObject({ unitCost: 5930, basis: 'as_published' });
    expect(defaultUnitCost('robbery')).toMatchObject({ unitCost: 11320, basis: 'as_published' });
    expect(defaultUnitCost('theft_from_person')).toMatchObject({ unitCost: 1380, basis: 'as_published' });
    expect(defaultUnitCost('criminal_damage')).toMatchObject({ unitCost: 1350, basis: 'as_published' });
  });

  it('blends vehicle crime and violence from their published parts', () => {
    expect(defaultUnitCost('vehicle_crime')).toMatchObject({ unitCost: 4010, basis: 'mapping' });
    expect(defaultUnitCost('violence')).toMatchObject({ unitCost: 9645, basis: 'mapping' });
    expect(defaultUnitCost('vehicle_crime').note).toContain('4010 = (10290 × 1 (theft of vehicle) + 870 × 2 (theft from vehicle)) / 3');
  });

  it('marks figures to verify and types without a figure', () => {
    for (const t of ['non_residential_burglary', 'business_robbery', 'shoplifting'] as const) {
      expect(defaultUnitCost(t).basis).toBe('approximate');
      expect(defaultUnitCost(t).note).toContain('verify');
    }
    expect(defaultUnitCost('drugs').unitCost).toBeNull();
    expect(defaultUnitCost('other').unitCost).toBeNull();
  });

  it('weightedUnitCost refuses zero weights', () => {
    expect(() => weightedUnitCost([{ component: 'x', unitCost: 1, weight: 0 }])).toThrow();
    expect(weightedUnitCost([{ component: 'a', unitCost: 100, weight: 3 }, { component: 'b', unitCost: 200, weight: 1 }]).unitCost).toBe(125);
  });
});

describe('upliftCost', () => {
  it('scales by the ratio of index values and shows the working', () => {
    const u = upliftCost(5930, 2016, 2016);
    expect(u.value).toBe(5930);
    expect(u.factor).toBe(1);
    const index = { 2016: 100, 2020: 110 };
    const up = upliftCost(5930, 2016, 2020, index);
    expect(up.value).toBeCloseTo(6523, 9);
    expect(up.working).toBe('6523 = 5930 × 110 / 100 (2016 → 2020 prices)');
    const down = upliftCost(6523, 2020, 2016, index);
    expect(down.value).toBeCloseTo(5930, 9);
  });

  it('uses the built-in approximate index by default', () => {
    const u = upliftCost(1000, 2014, 2016);
    expect(u.value).toBeCloseTo((1000 * 100) / APPROXIMATE_GDP_DEFLATOR[2014]!, 9);
    expect(APPROXIMATE_GDP_DEFLATOR[2016]).toBe(100);
  });

  it('the built-in index rises year on year', () => {
    const years = Object.keys(APPROXIMATE_GDP_DEFLATOR).map(Number).sort((a, b) => a - b);
    for (let i = 1; i < years.length; i++) {
      expect(APPROXIMATE_GDP_DEFLATOR[years[i]!]!).toBeGreaterThan(APPROXIMATE_GDP_DEFLATOR[years[i - 1]!]!);
    }
  });

  it('refuses years the index does not have', () => {
    expect(() => upliftCost(1, 1990, 2016)).toThrow('no deflator for 1990');
    expect(() => upliftCost(1, 2016, 2099)).toThrow('no deflator for 2099');
  });
});

describe('seed cross-checks (003)', () => {
  it('holds the seed totals with their source text', () => {
    expect(SEED_COST_OF_CRIME.allReportedCrime.amount).toBe(73_900_000);
    expect(SEED_COST_OF_CRIME.residentialBurglary.amount).toBe(10_800_000);
    expect(SEED_COST_OF_CRIME.allReportedCrime.sourceText).toContain('£73.9 million');
    expect(SEED_COST_OF_CRIME.residentialBurglary.sourceText).toContain('£10.8 million');
  });

  it('implies about 1,821 residential burglaries a year at £5,930', () => {
    const implied = impliedOffenceCount(SEED_COST_OF_CRIME.residentialBurglary.amount, 5930);
    expect(implied.value).toBeCloseTo(1821.247892, 5);
    expect(implied.working).toBe('1821.247892 = £10800000 / £5930');
    expect(() => impliedOffenceCount(1, 0)).toThrow();
  });
});
