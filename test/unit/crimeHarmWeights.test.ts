import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GRAVITY_BY_CRIME_TYPE,
  gravitySourceNote,
  gravityWeightsSource,
  HARM_INDEX_SOURCE,
  HARM_WEIGHT_TABLE,
  harmWeightRow,
  UNPUBLISHED_TYPE_STAND_IN,
} from '../../shared/shortlist/crimeHarmWeights';
import { CRIME_TYPE_IDS } from '../../shared/domain/crimeTypes';

describe('the published harm index as default gravity weights', () => {
  it('has one row per crime type, no more', () => {
    expect(HARM_WEIGHT_TABLE.map((r) => r.crimeType).sort()).toEqual([...CRIME_TYPE_IDS].sort());
  });

  it('maps the seed’s crime types to the ONS Crime Severity Score offence codes and weights read', () => {
    const read = Object.fromEntries(HARM_WEIGHT_TABLE.map((r) => [r.crimeType, [r.offenceCode, r.published]]));
    expect(read).toEqual({
      residential_burglary: ['28A–28H', 438],
      non_residential_burglary: ['30A–30D', 117],
      robbery: ['34B', 746],
      business_robbery: ['34A', 746],
      theft_from_person: ['39', 86],
      shoplifting: ['46', 13],
      violence: ['8N', 184],
      drugs: [null, 3],
      vehicle_crime: [null, null],
      criminal_damage: [null, null],
      other: [null, null],
    });
  });

  it('uses each published weight as the default, and the stated stand-in only where none was read', () => {
    for (const row of HARM_WEIGHT_TABLE) {
      expect(DEFAULT_GRAVITY_BY_CRIME_TYPE[row.crimeType], row.crimeType).toBe(row.published ?? UNPUBLISHED_TYPE_STAND_IN);
      expect(row.readAs.length, row.crimeType).toBeGreaterThan(10);
    }
    // The stand-in is shoplifting's published weight, not a number of its own.
    expect(UNPUBLISHED_TYPE_STAND_IN).toBe(harmWeightRow('shoplifting').published);
  });

  it('names the source, its edition and where the numbers were read', () => {
    expect(HARM_INDEX_SOURCE.citation).toContain('Crime Severity Score');
    expect(HARM_INDEX_SOURCE.citation).toContain('29 November 2016');
    expect(HARM_INDEX_SOURCE.readFrom.some((s) => s.includes('pastebin.com/p3SfA3L3'))).toBe(true);
  });

  it('says beside each field whether the weight is the published one, edited, or a stand-in', () => {
    expect(gravitySourceNote('residential_burglary', 438)).toBe('CSS code 28A–28H');
    expect(gravitySourceNote('residential_burglary', 500)).toBe('edited (CSS code 28A–28H: 438)');
    expect(gravitySourceNote('drugs', 3)).toBe('CSS possession of cannabis (no code given)');
    expect(gravitySourceNote('vehicle_crime', 13)).toBe('no published weight read: stand-in 13 (shoplifting\'s)');
    expect(gravitySourceNote('vehicle_crime', 40)).toBe('edited (no published weight read)');
  });

  it('writes the working’s source line with every type, marking edits', () => {
    const text = gravityWeightsSource({ violence: 250 });
    expect(text.startsWith('source: ONS Crime Severity Score weights (29 Nov 2016); ')).toBe(true);
    expect(text).toContain('theft from the person 86 (39)');
    expect(text).toContain('violence 250 (edited)');
    expect(text).toContain('other 13 (no published weight; stand-in)');
  });
});
