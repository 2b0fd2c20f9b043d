import { describe, expect, it } from 'vitest';
import { arrestIndexFromParts, buildArrestIndexFromColumns, CRIME_TYPE_COUNT, INVALID_CRIME_CODE, isoFromDayNumber, NO_DAY, windowCounts, type AnalysisArrest, type ArrestIndex, type ArrestIndexParts } from '../../shared/domain/analysisModel';
import { arrestColumnsOf, buildArrestIndex } from '../support/arrestIndex';
import { CRIME_TYPE_IDS, type CrimeTypeId } from '../../shared/domain/crimeTypes';
import { mulberry32 } from '../../shared/domain/seededRandom';
import { analysisPerson } from '../support/analysisPeople';

/** People 1…40 (no 13), one of them with more arrests than the index sorts by insertion. */
const people = Array.from({ length: 40 }, (_, i) => i + 1)
  .filter((id) => id !== 13)
  .map((id) => analysisPerson(id, { dob: id % 5 ? '1990-01-31' : null, flags: id % 4 ? [] : ['dtoa'] }));

function randomArrests(seed: number, count: number): AnalysisArrest[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const personId = random() < 0.3 ? 2 : 1 + Math.floor(random() * 42);
    const roll = random();
    const date = roll < 0.05 ? '2013-02-30' : isoFromDayNumber(15000 + Math.floor(random() * 200));
    const crimeType = (roll > 0.97 ? 'not_a_type' : CRIME_TYPE_IDS[Math.floor(random() * CRIME_TYPE_IDS.length)]) as CrimeTypeId;
    return { personId, date, offence: '', crimeType };
  });
}

function partsOf(index: ArrestIndex): ArrestIndexParts {
  return { offsets: index.offsets.slice(), days: index.days.slice(), crimeCodes: index.crimeCodes.slice(), skipped: index.skipped };
}

describe('the arrest index from columns', () => {
  const arrests = randomArrests(5, 600);

  it('codes invalid dates and unknown crime types so the index skips and counts them', () => {
    const columns = arrestColumnsOf([
      { personId: 1, date: '2013-02-30', offence: '', crimeType: 'robbery' },
      { personId: 1, date: '2013-02-28', offence: '', crimeType: 'toString' as CrimeTypeId },
    ]);
    expect(Array.from(columns.days)).toEqual([NO_DAY, 15764]);
    expect(Array.from(columns.crimeCodes)).toEqual([CRIME_TYPE_IDS.indexOf('robbery'), INVALID_CRIME_CODE]);
    const index = buildArrestIndexFromColumns(people, columns);
    expect(index.skipped).toEqual({ unknownPerson: 0, invalidDate: 1, invalidCrimeType: 1 });
    expect(index.arrestCount).toBe(0);
  });

  it('gives the index the objects give, in any arrest order, reading only the first `count` entries', () => {
    const fromObjects = buildArrestIndex(people, arrests);
    expect(fromObjects.skipped.unknownPerson).toBeGreaterThan(0);
    expect(fromObjects.skipped.invalidDate).toBeGreaterThan(0);
    expect(fromObjects.skipped.invalidCrimeType).toBeGreaterThan(0);
    expect(fromObjects.offsets[2]! - fromObjects.offsets[1]!).toBeGreaterThan(24);

    const reversed = arrestColumnsOf([...arrests].reverse());
    const longer = {
      count: reversed.count,
      personIds: Float64Array.from([...reversed.personIds, 1, 1]),
      days: Int32Array.from([...reversed.days, 15000, 15001]),
      crimeCodes: Uint8Array.from([...reversed.crimeCodes, 0, 0]),
    };
    const fromColumns = buildArrestIndexFromColumns(people, longer);
    expect(partsOf(fromColumns)).toEqual(partsOf(fromObjects));
    expect(fromColumns.arrestCount).toBe(fromObjects.arrestCount);
    expect(fromColumns.dobYmd).toEqual(fromObjects.dobYmd);
    expect(fromColumns.flagMasks).toEqual(fromObjects.flagMasks);
  });

  it('rebuilds an index from stored parts that answers exactly as the original', () => {
    const original = buildArrestIndex(people, arrests);
    const restored = arrestIndexFromParts(people, partsOf(original));
    const window = { referenceDate: isoFromDayNumber(15150), windowMonths: 3 };
    expect(windowCounts(restored, window).byType).toEqual(windowCounts(original, window).byType);
    expect(restored.skipped).toEqual(original.skipped);
    expect(restored.rowOf(40)).toBe(original.rowOf(40));
    expect(restored.rowById.get(40)).toBe(original.rowOf(40));
    expect(restored.rowById.size).toBe(people.length);
    expect(restored.dobYmd).toEqual(original.dobYmd);
  });

  it('refuses stored parts that cannot be an index of these people', () => {
    const parts = partsOf(buildArrestIndex(people, arrests));
    const withOffsets = (change: (offsets: Int32Array) => void): ArrestIndexParts => {
      const offsets = parts.offsets.slice();
      change(offsets);
      return { ...parts, offsets };
    };
    expect(() => arrestIndexFromParts(people.slice(1), parts)).toThrow(/do not fit/);
    expect(() => arrestIndexFromParts(people, withOffsets((o) => (o[5] = o[4]! - 1)))).toThrow(/go back/);
    const days = parts.days.slice();
    const row = 1;
    days[parts.offsets[row]!] = days[parts.offsets[row + 1]! - 1]! + 1;
    expect(() => arrestIndexFromParts(people, { ...parts, days })).toThrow(/out of order/);
    const crimeCodes = parts.crimeCodes.slice();
    crimeCodes[0] = CRIME_TYPE_COUNT;
    expect(() => arrestIndexFromParts(people, { ...parts, crimeCodes })).toThrow(/unknown crime code/);
  });
});
