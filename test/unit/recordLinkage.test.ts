import { mulberry32 } from '../../shared/domain/seededRandom';
import { describe, expect, it } from 'vitest';
import {
  COMPARISON_LEVELS,
  DEFAULT_LINK_THRESHOLDS,
  DEFAULT_PRIOR_LOG_ODDS,
  type LinkRecord,
  classifyLink,
  jaroWinkler,
  matchWeight,
  normaliseName,
  probabilityFromScore,
  scorePair,
  soundex,
  withinOneEdit,
  prepareLinkRecord,
  swappedDob,
  SurnameClosenessCache,
  dobWeightOfYmds,
  linkableDob,
  forenamesWeight,
  linkNames,
} from '../../shared/links/recordLinkage';
import { buildCandidateIndex, differentPncNeedsMatchingDob, findBestCandidates, scoreUpperBound } from '../support/linkReference';
import { generateSyntheticCohort } from '../../shared/workspace/syntheticCohort';
import { computePncCheckLetter } from '../../shared/domain/pnc';
import { isIsoDate } from '../../shared/domain/isoDate';

// Weights of the documented levels, written out so a changed m or u fails a test.
const W = {
  pncExact: Math.log2(0.995 / 1e-13), // 43.178
  pncDifferent: Math.log2(0.005 / (1 - 1e-13)), // -7.644
  surnameExact: Math.log2(0.88 / 0.003), // 8.196
  surnameClose: Math.log2(0.06 / 0.004), // 3.907
  surnameTransposed: Math.log2(0.01 / 0.0002), // 5.644
  surnameDifferent: Math.log2(0.05 / 0.9928), // -4.312
  foreExact: Math.log2(0.8 / 0.008), // 6.644
  foreFirst: Math.log2(0.07 / 0.004), // 4.129
  foreClose: Math.log2(0.06 / 0.006), // 3.322
  foreInitial: Math.log2(0.03 / 0.006), // 2.322
  foreTransposed: Math.log2(0.01 / 0.0005), // 4.322
  foreDifferent: Math.log2(0.03 / 0.9755), // -5.023
  dobExact: Math.log2(0.93 / 0.0001), // 13.183
  dobSwapped: Math.log2(0.02 / 0.0001), // 7.644
  dobOneDigit: Math.log2(0.025 / 0.0012), // 4.381
  dobYearOff: Math.log2(0.005 / 0.0003), // 4.059
  dobDifferent: Math.log2(0.02 / 0.9983), // -5.641
};
const PRIOR = -10;

const base: LinkRecord = { surname: 'Testperson', forenames: 'Alpha', dob: '1985-03-12' };

function pnc(yy: number, serial: number): string {
  return `${String(yy).padStart(2, '0')}/${serial}${computePncCheckLetter(yy, serial)}`;
}

function levels(a: LinkRecord, b: LinkRecord): Record<string, string> {
  return Object.fromEntries(scorePair(a, b).fields.map((f) => [f.field, f.level]));
}

describe('normaliseName', () => {
  it('ignores case, spacing, apostrophes, hyphens and accents', () => {
    expect(normaliseName("O'Brien")).toBe('obrien');
    expect(normaliseName('OBrien')).toBe('obrien');
    expect(normaliseName('O’Brien')).toBe('obrien');
    expect(normaliseName('Smith-Jones')).toBe('smith jones');
    expect(normaliseName('  SMITH   jones ')).toBe('smith jones');
    expect(normaliseName('Zoë')).toBe('zoe');
    expect(normaliseName('J.')).toBe('j');
    expect(normaliseName(null)).toBe('');
    expect(normaliseName(undefined)).toBe('');
  });
});

describe('jaroWinkler, withinOneEdit and soundex', () => {
  it('matches published Jaro-Winkler values', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('abc', 'abc')).toBe(1);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('abc', '')).toBe(0);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('is symmetric', () => {
    expect(jaroWinkler('testperson', 'tsetperson')).toBeCloseTo(jaroWinkler('tsetperson', 'testperson'), 12);
  });

  it('counts one insertion, deletion, substitution or neighbour swap as one edit', () => {
    expect(withinOneEdit('testperson', 'testpersen')).toBe(true);
    expect(withinOneEdit('testperson', 'testpreson')).toBe(true);
    expect(withinOneEdit('testperson', 'testpersons')).toBe(true);
    expect(withinOneEdit('testperson', 'tstperson')).toBe(true);
    expect(withinOneEdit('testperson', 'tsetpreson')).toBe(false);
    expect(withinOneEdit('abc', 'cba')).toBe(false);
    expect(withinOneEdit('abcd', 'ab')).toBe(false);
  });

  it('computes American Soundex', () => {
    expect(soundex('Robert')).toBe('R163');
    expect(soundex('Rupert')).toBe('R163');
    expect(soundex('Ashcraft')).toBe('A261');
    expect(soundex('Tymczak')).toBe('T522');
    expect(soundex('Pfister')).toBe('P236');
    expect(soundex("O'Fictional")).toBe('O123');
    expect(soundex('Lee')).toBe('L000');
    expect(soundex('')).toBe('');
  });
});

describe('comparison levels', () => {
  it('has m and u summing to 1 within each field', () => {
    for (const field of Object.values(COMPARISON_LEVELS)) {
      const params = Object.values(field);
      expect(params.reduce((s, p) => s + p.m, 0)).toBeCloseTo(1, 10);
      expect(params.reduce((s, p) => s + p.u, 0)).toBeCloseTo(1, 10);
    }
  });

  it('orders the weights from strong agreement to disagreement', () => {
    const w = (f: keyof typeof COMPARISON_LEVELS, l: string): number => {
      const p = (COMPARISON_LEVELS[f] as Record<string, { m: number; u: number }>)[l];
      if (!p) throw new Error(l);
      return matchWeight(p.m, p.u);
    };
    expect(w('surname', 'exact')).toBeGreaterThan(w('surname', 'close'));
    expect(w('surname', 'close')).toBeGreaterThan(0);
    expect(w('forenames', 'exact')).toBeGreaterThan(w('forenames', 'first_exact'));
    expect(w('forenames', 'first_exact')).toBeGreaterThan(w('forenames', 'close'));
    expect(w('forenames', 'close')).toBeGreaterThan(w('forenames', 'initial'));
    expect(w('dob', 'exact')).toBeGreaterThan(w('dob', 'day_month_swapped'));
    expect(w('dob', 'day_month_swapped')).toBeGreaterThan(w('dob', 'one_digit'));
    expect(w('dob', 'different')).toBeLessThan(0);
    expect(w('pnc', 'different')).toBeLessThan(-7);
  });

  it('uses the documented defaults', () => {
    expect(DEFAULT_PRIOR_LOG_ODDS).toBe(PRIOR);
    expect(DEFAULT_LINK_THRESHOLDS).toEqual({ auto: 15, review: 4 });
  });
});

describe('scorePair', () => {
  it('scores an exact name and DOB as prior + three weights and explains each field', () => {
    const result = scorePair(base, { surname: 'TESTPERSON', forenames: ' alpha ', dob: '1985-03-12' });
    expect(result.score).toBeCloseTo(PRIOR + W.surnameExact + W.foreExact + W.dobExact, 10);
    expect(result.score).toBeCloseTo(18.023, 3);
    expect(result.prior).toBe(PRIOR);
    expect(result.probability).toBeCloseTo(1 / (1 + 2 ** -result.score), 12);
    expect(result.fields.map((f) => [f.field, f.level])).toEqual([
      ['pnc', 'missing'],
      ['surname', 'exact'],
      ['forenames', 'exact'],
      ['dob', 'exact'],
    ]);
    expect(result.fields[0]).toMatchObject({ weight: 0, m: null, u: null });
    expect(result.fields[1]).toMatchObject({ m: 0.88, u: 0.003 });
    expect(result.fields[3]?.explanation).toBe('Both born 12 Mar 1985.');
    expect(classifyLink(result.score)).toBe('auto');
    expect(result.warnings).toEqual([]);
  });

  it('treats apostrophes and hyphens as formatting', () => {
    expect(levels({ surname: "O'Fictional" }, { surname: 'OFictional' }).surname).toBe('exact');
    expect(levels({ surname: 'Sample-Testperson' }, { surname: 'Sample Testperson' }).surname).toBe('exact');
    expect(levels({ surname: 'Sample-Testperson' }, { surname: 'SampleTestperson' }).surname).toBe('exact');
    expect(levels({ surname: 'Sample-Testperson' }, { surname: 'Testperson' }).surname).toBe('close');
    expect(levels({ surname: 'Testperson' }, { surname: 'Testpersen' }).surname).toBe('close');
    expect(levels({ surname: 'Testperson' }, { surname: 'Exampleton' }).surname).toBe('different');
  });

  it('calls a name close at Jaro-Winkler 0.92 or one edit, and not below', () => {
    // 0.967 and 0.98 without being one edit; 0.88 and 0.83 are too far.
    expect(levels({ surname: 'Testperson' }, { surname: 'Testpersonne' }).surname).toBe('close');
    expect(levels({ surname: 'Testperson' }, { surname: 'Testpsreon' }).surname).toBe('close');
    expect(levels({ surname: 'Testperson' }, { surname: 'Tastparson' }).surname).toBe('different');
    expect(levels({ forenames: 'Alpha' }, { forenames: 'Alfa' }).forenames).toBe('different');
    expect(scorePair({ surname: 'Testperson' }, { surname: 'Testpsreon' }).fields[1]?.explanation).toBe(
      '"Testperson" and "Testpsreon" are spelling variants (Jaro-Winkler 0.98).',
    );
  });

  it('grades forenames: exact, first name only, spelling, initial, different', () => {
    expect(levels({ forenames: 'Alpha Beta' }, { forenames: 'alpha  beta' }).forenames).toBe('exact');
    expect(levels({ forenames: 'Alpha Beta' }, { forenames: 'Alpha' }).forenames).toBe('first_exact');
    expect(levels({ forenames: 'Alpha' }, { forenames: 'Alpah' }).forenames).toBe('close');
    expect(levels({ forenames: 'Beta' }, { forenames: 'Alpha Beta' }).forenames).toBe('close');
    expect(levels({ forenames: 'A' }, { forenames: 'Alpha' }).forenames).toBe('initial');
    expect(levels({ forenames: 'A.' }, { forenames: 'Alpha Beta' }).forenames).toBe('initial');
    expect(levels({ forenames: 'A' }, { forenames: 'A' }).forenames).toBe('initial');
    expect(levels({ forenames: 'B' }, { forenames: 'Alpha' }).forenames).toBe('different');
    expect(levels({ forenames: 'Gamma' }, { forenames: 'Alpha' }).forenames).toBe('different');
    expect(levels({ forenames: '' }, { forenames: 'Alpha' }).forenames).toBe('missing');
  });

  it('has a dedicated level for swapped surname and forename', () => {
    const swapped: LinkRecord = { surname: 'Alpha', forenames: 'Testperson', dob: '1985-03-12' };
    const result = scorePair(base, swapped);
    expect(result.fields.map((f) => f.level)).toEqual(['missing', 'transposed', 'transposed', 'exact']);
    expect(result.score).toBeCloseTo(PRIOR + W.surnameTransposed + W.foreTransposed + W.dobExact, 10);
    expect(result.fields[1]?.explanation).toContain('swapped');
    expect(classifyLink(result.score)).toBe('review');
    // With a middle name on one side the swap is still seen.
    expect(levels(base, { surname: 'ALPHA', forenames: 'Testperson Beta' }).surname).toBe('transposed');
  });

  it('grades dates of birth: swapped day/month, one digit, year off, different', () => {
    expect(levels(base, { dob: '1985-12-03' }).dob).toBe('day_month_swapped');
    expect(levels(base, { dob: '1985-03-13' }).dob).toBe('one_digit');
    expect(levels(base, { dob: '1995-03-12' }).dob).toBe('one_digit');
    expect(levels({ dob: '1989-06-15' }, { dob: '1990-06-15' }).dob).toBe('year_off');
    expect(levels({ dob: '1989-06-15' }, { dob: '1992-06-15' }).dob).toBe('different');
    expect(levels(base, { dob: '1990-07-01' }).dob).toBe('different');
    expect(levels(base, { dob: null }).dob).toBe('missing');
    expect(levels(base, { dob: '1985-02-30' }).dob).toBe('missing');
  });

  it('decides on an agreeing PNC even when everything else disagrees', () => {
    const a: LinkRecord = { pnc: pnc(11, 1234), surname: 'Testperson', forenames: 'Alpha', dob: '1985-03-12' };
    const b: LinkRecord = { pnc: `2011/000${1234}${computePncCheckLetter(11, 1234)}`, surname: 'Exampleton', forenames: 'Gamma', dob: '1970-07-01' };
    const result = scorePair(a, b);
    expect(result.fields[0]).toMatchObject({ field: 'pnc', level: 'exact' });
    expect(result.score).toBeCloseTo(PRIOR + W.pncExact + W.surnameDifferent + W.foreDifferent + W.dobDifferent, 10);
    expect(classifyLink(result.score)).toBe('auto');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain('alias');
  });

  it('counts a disagreeing PNC strongly against an otherwise exact match', () => {
    const a: LinkRecord = { ...base, pnc: pnc(11, 1234) };
    const b: LinkRecord = { ...base, pnc: pnc(11, 1235) };
    const result = scorePair(a, b);
    expect(result.fields[0]).toMatchObject({ level: 'different' });
    expect(result.score).toBeCloseTo(18.023 + W.pncDifferent, 3);
    expect(classifyLink(result.score)).toBe('review');
    expect(result.warnings[0]).toContain('PNC IDs differ');
  });

  it('does not compare an invalid PNC', () => {
    const result = scorePair({ ...base, pnc: '11/1234B' }, { ...base, pnc: pnc(11, 1234) });
    expect(result.fields[0]).toMatchObject({ level: 'missing', weight: 0 });
    expect(result.fields[0]?.explanation).toBe('PNC ID "11/1234B" is not valid, so it is not compared.');
  });

  it('scores each documented scenario as designed', () => {
    const scenarios: Array<[string, LinkRecord, number, 'auto' | 'review' | 'none']> = [
      ['first forename exact, middle name missing', { ...base, forenames: 'Alpha Beta' }, PRIOR + W.surnameExact + W.foreFirst + W.dobExact, 'auto'],
      ['initial only', { ...base, forenames: 'A' }, PRIOR + W.surnameExact + W.foreInitial + W.dobExact, 'review'],
      ['forename spelling', { ...base, forenames: 'Alpah' }, PRIOR + W.surnameExact + W.foreClose + W.dobExact, 'review'],
      ['surname spelling', { ...base, surname: 'Testpersen' }, PRIOR + W.surnameClose + W.foreExact + W.dobExact, 'review'],
      ['DOB day/month swapped', { ...base, dob: '1985-12-03' }, PRIOR + W.surnameExact + W.foreExact + W.dobSwapped, 'review'],
      ['DOB one digit', { ...base, dob: '1985-03-13' }, PRIOR + W.surnameExact + W.foreExact + W.dobOneDigit, 'review'],
      ['same name, no DOB', { ...base, dob: null }, PRIOR + W.surnameExact + W.foreExact, 'review'],
      ['twins: same surname and DOB', { ...base, forenames: 'Gamma' }, PRIOR + W.surnameExact + W.foreDifferent + W.dobExact, 'review'],
      ['changed surname', { ...base, surname: 'Exampleton' }, PRIOR + W.surnameDifferent + W.foreExact + W.dobExact, 'review'],
      ['same name, different DOB', { ...base, dob: '1990-07-01' }, PRIOR + W.surnameExact + W.foreExact + W.dobDifferent, 'none'],
      ['surname and initial only', { surname: 'Testperson', forenames: 'A' }, PRIOR + W.surnameExact + W.foreInitial, 'none'],
      ['only DOB agrees', { surname: 'Exampleton', forenames: 'Gamma', dob: '1985-03-12' }, PRIOR + W.surnameDifferent + W.foreDifferent + W.dobExact, 'none'],
    ];
    for (const [name, other, expected, cls] of scenarios) {
      const result = scorePair(base, other);
      expect(result.score, name).toBeCloseTo(expected, 10);
      expect(classifyLink(result.score), name).toBe(cls);
    }
  });

  it('is symmetric', () => {
    const a: LinkRecord = { surname: 'Sample-Testperson', forenames: 'A', dob: '1985-12-03', pnc: pnc(98, 123456) };
    const b: LinkRecord = { surname: 'Testperson', forenames: 'Alpha Beta', dob: '1985-03-12', pnc: null };
    expect(scorePair(a, b).score).toBeCloseTo(scorePair(b, a).score, 12);
  });

  it('accepts a different prior', () => {
    const result = scorePair(base, base, { priorLogOdds: -20 });
    expect(result.score).toBeCloseTo(-20 + W.surnameExact + W.foreExact + W.dobExact, 10);
  });
});

describe('classifyLink and probabilityFromScore', () => {
  it('applies the thresholds inclusively', () => {
    expect(classifyLink(15)).toBe('auto');
    expect(classifyLink(14.999)).toBe('review');
    expect(classifyLink(4)).toBe('review');
    expect(classifyLink(3.999)).toBe('none');
    expect(classifyLink(10, { auto: 10, review: 0 })).toBe('auto');
    expect(classifyLink(-1, { auto: 10, review: 0 })).toBe('none');
  });

  it('turns log-odds into a probability without overflow', () => {
    expect(probabilityFromScore(0)).toBe(0.5);
    expect(probabilityFromScore(1)).toBeCloseTo(2 / 3, 12);
    expect(probabilityFromScore(-1)).toBeCloseTo(1 / 3, 12);
    expect(probabilityFromScore(2000)).toBe(1);
    expect(probabilityFromScore(-2000)).toBe(0);
  });
});

/** Synthetic people: invented syllable names, so no real person is ever in a fixture. */
function syntheticPopulation(size: number, seed: number): LinkRecord[] {
  let state = seed >>> 0;
  const next = (n: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
  const syllables = ['ka', 'ro', 'vin', 'tel', 'mar', 'zu', 'pe', 'lo', 'dra', 'sen', 'bo', 'qui', 'fa', 'nor', 'ith', 'gal'];
  const word = (parts: number): string => {
    let w = '';
    for (let i = 0; i < parts; i++) w += syllables[next(syllables.length)];
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  const people: LinkRecord[] = [];
  for (let i = 0; i < size; i++) {
    const year = 1960 + next(45);
    const month = 1 + next(12);
    const day = 1 + next(28);
    people.push({
      surname: word(3),
      forenames: word(2),
      dob: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      pnc: next(3) === 0 ? pnc(year % 100 > 26 ? year % 100 : 10 + next(10), 1 + next(999_999)) : null,
    });
  }
  return people;
}

describe('findBestCandidates', () => {
  const population = syntheticPopulation(20_000, 7);
  const index = buildCandidateIndex(population);
  const target = 12_345;
  const person = population[target] as LinkRecord;

  it('finds the person from an exact record first', () => {
    const [best] = findBestCandidates({ ...person, pnc: null }, index);
    expect(best).toMatchObject({ index: target, classification: 'auto' });
  });

  it('finds the person through typical recording errors', () => {
    const dob = person.dob as string;
    const variants: LinkRecord[] = [
      { surname: person.surname, forenames: (person.forenames ?? '').charAt(0), dob },
      { surname: `${person.surname}e`, forenames: person.forenames, dob },
      { surname: person.forenames, forenames: person.surname, dob },
      { surname: person.surname, forenames: person.forenames, dob: `${dob.slice(0, 5)}${dob.slice(8, 10)}-${dob.slice(5, 7)}` },
      { surname: person.surname, forenames: person.forenames, dob: null },
      { surname: (person.surname ?? '').toUpperCase(), forenames: person.forenames, dob: `${Number(dob.slice(0, 4)) + 1}${dob.slice(4)}` },
    ];
    for (const variant of variants) {
      const found = findBestCandidates(variant, index, { k: 3 });
      expect(found[0]?.index, JSON.stringify(variant)).toBe(target);
    }
  });

  it('finds the person by PNC alone', () => {
    const withPnc = population.findIndex((p) => p.pnc);
    const found = findBestCandidates({ pnc: population[withPnc]?.pnc ?? null }, index);
    expect(found[0]).toMatchObject({ index: withPnc, classification: 'auto' });
  });

  it('compares only the records that share a blocking key', () => {
    let reads = 0;
    const counted = population.map((p) => ({
      ...p,
      get forenames(): string | null | undefined {
        reads++;
        return p.forenames;
      },
    }));
    const countedIndex = buildCandidateIndex(counted);
    reads = 0;
    findBestCandidates(person, countedIndex);
    // scorePair reads forenames a few times per comparison; a full scan would be ~20,000+.
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThan(500);
  });

  it('returns the top k best first and honours minScore', () => {
    const twin: LinkRecord = { ...person, forenames: 'Zzyzx', pnc: null };
    const people = [twin, { ...person, pnc: null }, { surname: 'Unrelated', forenames: 'Zed', dob: person.dob ?? null }];
    const found = findBestCandidates({ ...person, pnc: null }, people, { k: 2 });
    expect(found.map((f) => f.index)).toEqual([1, 0]);
    expect(found[0]?.classification).toBe('auto');
    expect(found[1]?.classification).toBe('review');
    const strong = findBestCandidates({ ...person, pnc: null }, people, { minScore: 15 });
    expect(strong.map((f) => f.index)).toEqual([1]);
  });

  it('returns nothing when no record shares a key', () => {
    expect(findBestCandidates({ surname: 'Qqqqq', forenames: 'Xxxx', dob: '1900-01-01' }, index)).toEqual([]);
    expect(findBestCandidates({}, index)).toEqual([]);
  });

  it('breaks score ties by list order', () => {
    const same: LinkRecord = { surname: 'Testperson', forenames: 'Alpha', dob: '1985-03-12' };
    const found = findBestCandidates(same, [same, same, same], { k: 2 });
    expect(found.map((f) => f.index)).toEqual([0, 1]);
  });
});

describe('scoreUpperBound', () => {
  /** Every list row and every candidate of the synthetic cohort, plus hand-made awkward spellings. */
  function records(): LinkRecord[] {
    const cohort = generateSyntheticCohort();
    const out: LinkRecord[] = cohort.candidates.map((c) => ({ pnc: c.pnc.long, surname: c.surname, forenames: c.forenames, dob: c.dob }));
    for (const flag of Object.keys(cohort.agencyLists) as Array<keyof typeof cohort.agencyLists>) {
      for (const row of cohort.agencyLists[flag]) out.push({ pnc: row.pnc, surname: row.surname, forenames: row.forename, dob: row.dob });
    }
    const first = cohort.candidates[0]!;
    out.push(
      { surname: first.surname, forenames: null, dob: null },
      { surname: null, forenames: first.forenames, dob: first.dob },
      { surname: first.forenames.split(' ')[0]!, forenames: first.surname, dob: first.dob, pnc: 'not a pnc' },
      { surname: `${first.surname}-Jones`, forenames: first.forenames[0]!, dob: first.dob },
      { surname: first.surname.slice(0, -1), forenames: first.forenames, dob: '1999-02-31' },
    );
    return out;
  }

  it('is never below the score scorePair gives, for every pair of the cohort and its lists', () => {
    const all = records();
    const prepared = all.map((r) => prepareLinkRecord(r));
    const cache = new SurnameClosenessCache();
    let pairs = 0;
    let prunable = 0;
    for (let i = 0; i < all.length; i++) {
      for (let j = 0; j < all.length; j++) {
        const bound = scoreUpperBound(prepared[i]!, prepared[j]!, { cache });
        const score = scorePair(all[i]!, all[j]!).score;
        if (bound < score - 1e-9) throw new Error(`bound ${bound} below score ${score} for ${JSON.stringify([all[i], all[j]])}`);
        pairs += 1;
        if (bound < DEFAULT_LINK_THRESHOLDS.review) prunable += 1;
      }
    }
    expect(pairs).toBeGreaterThan(60_000);
    // It is useful only if it rules most unrelated pairs out.
    expect(prunable / pairs).toBeGreaterThan(0.9);
  });

  it('is exact for the decisive cases', () => {
    const a = prepareLinkRecord({ pnc: '2011/0001234' + computePncCheckLetter(11, 1234), surname: 'Sampleton', forenames: 'Jordan Lee', dob: '1990-04-05' });
    expect(scoreUpperBound(a, a)).toBeCloseTo(PRIOR + W.pncExact + W.surnameExact + W.foreExact + W.dobExact, 9);
    const other = prepareLinkRecord({ pnc: '2012/0004321' + computePncCheckLetter(12, 4321), surname: 'Testwood', forenames: 'Kyle', dob: '1988-11-30' });
    expect(scoreUpperBound(a, other)).toBeCloseTo(PRIOR + W.pncDifferent + W.dobOneDigit + W.surnameDifferent + W.foreExact, 9);
  });

  it('dobWeightOfYmds gives the date-of-birth weight scorePair gives, for every pair of dates near one another', () => {
    // Dates around a few birthdays: each level occurs (same, swapped, one digit, year off, different).
    const dates: string[] = [];
    for (const year of [1989, 1990, 1991, 1992, 1999, 2000, 2009]) {
      for (const [month, day] of [[1, 1], [1, 10], [10, 1], [3, 12], [12, 3], [3, 13], [4, 12], [6, 15], [6, 16], [7, 15], [11, 30], [2, 29], [12, 31]] as const) {
        const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        if (isIsoDate(iso)) dates.push(iso);
      }
    }
    const ymd = (iso: string) => Number(iso.replace(/-/g, ''));
    const seen = new Set<string>();
    for (const a of dates) {
      for (const b of dates) {
        const field = scorePair({ dob: a }, { dob: b }).fields.find((f) => f.field === 'dob')!;
        seen.add(field.level);
        expect(dobWeightOfYmds(ymd(a), ymd(b)), `${a} / ${b}`).toBe(field.weight);
      }
    }
    expect([...seen].sort()).toEqual(['day_month_swapped', 'different', 'exact', 'one_digit', 'year_off']);
  });

  it('dobWeightOfYmds agrees with scorePair on random pairs of real dates, near and far', () => {
    const random = mulberry32(20_261_207);
    const day = (year: number) => {
      const iso = new Date(Date.UTC(year, 0, 1 + Math.floor(random() * 365))).toISOString().slice(0, 10);
      return iso;
    };
    for (let n = 0; n < 20_000; n++) {
      const a = day(1900 + Math.floor(random() * 120));
      // Half the time a date sharing the year or the day and month, or a digit changed.
      const roll = random();
      const b = roll < 0.25 ? `${a.slice(0, 4)}${day(2001).slice(4)}` : roll < 0.5 ? `${1900 + Math.floor(random() * 120)}${a.slice(4)}` : roll < 0.6 ? `${a.slice(0, 3)}${Math.floor(random() * 10)}${a.slice(4)}` : day(1900 + Math.floor(random() * 120));
      // Placeholder dates (01/01/1900 and the like) are no evidence, and never given as numbers.
      if (!linkableDob(a) || !linkableDob(b)) continue;
      const field = scorePair({ dob: a }, { dob: b }).fields.find((f) => f.field === 'dob')!;
      expect(dobWeightOfYmds(Number(a.replace(/-/g, '')), Number(b.replace(/-/g, ''))), `${a} / ${b}`).toBe(field.weight);
    }
  });

  it('forenamesWeight gives the forenames weight scorePair gives, from the texts or their normalised forms', () => {
    const names = ['Alpha', 'ALPHA', 'Alpha Bravo', 'Alfa', 'A', 'A.', 'Bravo Alpha', 'Bravo', 'Zoë', 'Zoe', "D'Arcy", 'Darcy', '', null];
    const seen = new Set<string>();
    for (const a of names) {
      for (const b of names) {
        const field = scorePair({ forenames: a, surname: 'Same' }, { forenames: b, surname: 'Same' }).fields.find((f) => f.field === 'forenames')!;
        seen.add(field.level);
        expect(forenamesWeight(a, b), `${a} / ${b}`).toBe(field.weight);
        expect(forenamesWeight(linkNames({ forenames: a }).normalisedForenames, linkNames({ forenames: b }).normalisedForenames), `${a} / ${b} normalised`).toBe(field.weight);
      }
    }
    expect([...seen].sort()).toEqual(['close', 'different', 'exact', 'first_exact', 'initial', 'missing']);
  });

  it('says the PNC-holding rows need look only at same-birthday people under the default weights', () => {
    expect(differentPncNeedsMatchingDob()).toBe(true);
    expect(differentPncNeedsMatchingDob({ auto: 15, review: 1 })).toBe(false);
  });

  it('swappedDob gives the day/month swap only when it is another real date', () => {
    expect(swappedDob('1990-04-05')).toBe('1990-05-04');
    expect(swappedDob('1990-04-04')).toBeNull();
    expect(swappedDob('1990-04-25')).toBeNull();
  });
});
