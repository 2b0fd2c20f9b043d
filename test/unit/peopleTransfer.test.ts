import { describe, expect, it } from 'vitest';
import { decodePeople, encodePeople } from '../../electron/background/peopleTransfer';
import type { AnalysisPerson } from '../../shared/domain/analysisModel';

function person(id: number, overrides: Partial<AnalysisPerson> = {}): AnalysisPerson {
  return {
    id,
    surname: `Sampleton${id}`,
    forenames: 'Jordan Lee',
    pnc: `12/${String(id).padStart(7, '0')}A`,
    dob: '1990-02-28',
    gender: 'M',
    ethnicity: 'White British',
    borough: 'Barnet',
    livesInBorough: true,
    custody: 'not_in_custody',
    ogrsScore: 61.5,
    flags: ['dtoa', 'gangHigh'],
    lists: ['3', 'dtoa'],
    statutory: false,
    cohortStartDate: '2012-06-06',
    ...overrides,
  };
}

describe('the analysis people in columns between threads', () => {
  const people: AnalysisPerson[] = [
    person(1),
    // Every field that can be empty, empty.
    person(2, { surname: null, forenames: null, pnc: null, dob: null, gender: null, ethnicity: null, borough: null, livesInBorough: null, custody: 'unknown', ogrsScore: null, flags: [], lists: [], statutory: null, cohortStartDate: null }),
    // Text that JSON, separators and encodings could trip over; a score of 0 is a score.
    person(3, { surname: 'O’Testley "quoted"\u0000,\n', forenames: 'Renée 🙂', gender: 'F', livesInBorough: false, ogrsScore: 0, statutory: true, flags: ['female'], lists: ['12'] }),
    person(2_147_483_647, { gender: 'X', custody: 'in_custody', ogrsScore: -0.25 }),
  ];

  it('gives back the very people it was given, null for null and false for false', () => {
    const { batch } = encodePeople(people);
    expect(decodePeople(structuredClone(batch))).toEqual(people);
    expect(decodePeople(encodePeople([]).batch)).toEqual([]);
  });

  it('moves one buffer of numbers and one text, and makes each distinct list once, frozen', () => {
    const { batch, transfer } = encodePeople(people);
    expect(transfer).toEqual([batch.buffer]);
    expect(Object.keys(batch).sort()).toEqual(['buffer', 'count', 'text']);
    const decoded = decodePeople(batch);
    // People 1 and 4 have the same flags: one shared array, which cannot be changed for one of them alone.
    expect(decoded[0]!.flags).toBe(decoded[3]!.flags);
    expect(decoded[1]!.flags).toBe(decoded[1]!.lists);
    expect(() => decoded[0]!.flags.push('dv')).toThrow(TypeError);
    expect(decoded[0]!.flags).toEqual(['dtoa', 'gangHigh']);
    // Repeated strings are sent once.
    expect(batch.text.split('Barnet')).toHaveLength(2);
  });
});
