import { describe, expect, test } from 'vitest';
import { FLAG_NAMES, type FlagName } from '../../shared/domain/flags';
import { addMonths, ageOn, isIsoDate, type IsoDate } from '../../shared/domain/isoDate';
import {
  ACCENTED_PERSON,
  BUSINESS_ROBBERY_WORDING,
  DRUG_OFFENCE_WORDINGS,
  FORMULA_INJECTION_SURNAME,
  RESIDENTIAL_BURGLARY_WORDINGS,
  ROBBERY_WORDINGS,
  SEED_SHAPE,
  generateSyntheticCohort,
  type SyntheticCandidate,
  type SyntheticCohort,
} from '../../shared/workspace/syntheticCohort';

/** The design's window rule, written out here rather than taken from the generator. */
function countsInWindow(date: IsoDate, referenceDate: IsoDate, months: number): boolean {
  return addMonths(referenceDate, -months) < date && date <= referenceDate;
}

/** Independent PNC check: letter = table[Number(YY + serial padded to 7) % 23]. */
function pncIsValid(pnc: string): boolean {
  const m = /^(\d{2}|\d{4})\/(\d{1,7})([A-Z])$/.exec(pnc);
  if (!m) return false;
  const yy = (m[1] ?? '').slice(-2);
  const serial = (m[2] ?? '').padStart(7, '0');
  return 'ZABCDEFGHJKLMNPQRTUVWXY'[Number(yy + serial) % 23] === m[3];
}

function inWindowArrests(cohort: SyntheticCohort, c: SyntheticCandidate): SyntheticCandidate['arrests'] {
  return c.arrests.filter((a) => countsInWindow(a.date, cohort.referenceDate, cohort.windowMonths));
}

const cohort = generateSyntheticCohort();
const allInWindow = cohort.candidates.flatMap((c) => inWindowArrests(cohort, c));
const countWordings = (wordings: readonly string[]): number => allInWindow.filter((a) => wordings.includes(a.offence)).length;

describe('default cohort matches the seed shape', () => {
  test('170 people and 973 arrests in the 24 months to 31 Oct 2013', () => {
    expect(cohort.referenceDate).toBe('2013-10-31');
    expect(cohort.windowMonths).toBe(24);
    expect(cohort.candidates).toHaveLength(SEED_SHAPE.people);
    expect(SEED_SHAPE.people).toBe(170);
    expect(allInWindow).toHaveLength(973);
    expect(SEED_SHAPE.arrestsInWindow).toBe(973);
  });

  test('44 residential burglary and 87 robbery arrests in the window, by wording', () => {
    expect(countWordings(RESIDENTIAL_BURGLARY_WORDINGS)).toBe(44);
    expect(countWordings(ROBBERY_WORDINGS)).toBe(87);
    expect(countWordings([BUSINESS_ROBBERY_WORDING])).toBe(SEED_SHAPE.businessRobbery);
    expect(SEED_SHAPE.residentialBurglary).toBe(44);
    expect(SEED_SHAPE.robbery).toBe(87);
  });

  test('every listed wording of each counted type is used', () => {
    for (const wording of [...RESIDENTIAL_BURGLARY_WORDINGS, ...ROBBERY_WORDINGS]) {
      expect(allInWindow.some((a) => a.offence === wording)).toBe(true);
    }
  });

  test('priority groups: 6 DTOA, 5 gangs high, 10 mid-low, 12 repeat female, 17 mandatory OGRS', () => {
    const flagCount = (flag: FlagName): number => cohort.candidates.filter((c) => c.flags[flag]).length;
    for (const flag of FLAG_NAMES) expect(flagCount(flag), flag).toBe(SEED_SHAPE.flags[flag]);
    expect(SEED_SHAPE.flags).toMatchObject({ dtoa: 6, gangHigh: 5, gangMidLow: 10, female: 12, ogrsMandatory: 17 });
    expect(flagCount('dv')).toBeGreaterThan(0);
    expect(flagCount('asb')).toBeGreaterThan(0);
    expect(flagCount('yos')).toBeGreaterThan(0);
    expect(cohort.candidates.filter((c) => c.flags.gangHigh && c.flags.gangMidLow)).toHaveLength(0);
  });

  test('71 people with drug-offence arrests, none of them on DTOA', () => {
    const withDrugs = cohort.candidates.filter((c) =>
      inWindowArrests(cohort, c).some((a) => (DRUG_OFFENCE_WORDINGS as readonly string[]).includes(a.offence)),
    );
    expect(withDrugs).toHaveLength(71);
    expect(withDrugs.filter((c) => c.flags.dtoa)).toHaveLength(0);
  });

  test('repeat female offenders are women; about 85% of the cohort are men', () => {
    expect(cohort.candidates.filter((c) => c.flags.female && c.gender !== 'F')).toHaveLength(0);
    const women = cohort.candidates.filter((c) => c.gender === 'F').length;
    expect(women).toBe(SEED_SHAPE.females);
    expect(women / cohort.candidates.length).toBeGreaterThan(0.1);
    expect(women / cohort.candidates.length).toBeLessThan(0.2);
  });

  test('mandatory-OGRS people, and only they, have an OGRS score', () => {
    for (const c of cohort.candidates) {
      if (c.flags.ogrsMandatory) expect(c.ogrsScore).toBeGreaterThanOrEqual(0);
      else expect(c.ogrsScore).toBeNull();
    }
    expect(cohort.agencyLists.ogrsMandatory.every((r) => typeof r.score === 'number')).toBe(true);
  });
});

describe('people', () => {
  test('everyone has at least 3 arrests in the window, and the counts agree with the dates', () => {
    for (const c of cohort.candidates) {
      const inWin = inWindowArrests(cohort, c);
      expect(inWin.length).toBeGreaterThanOrEqual(3);
      expect(c.arrestsInWindow).toBe(inWin.length);
      expect(c.arrestsLast10Months).toBe(c.arrests.filter((a) => countsInWindow(a.date, cohort.referenceDate, 10)).length);
      expect(c.arrestsLast22Months).toBe(c.arrests.filter((a) => countsInWindow(a.date, cohort.referenceDate, 22)).length);
      for (const a of c.arrests) expect(a.inWindow).toBe(countsInWindow(a.date, cohort.referenceDate, 24));
    }
  });

  test('arrest details also list arrests outside the window, the edges included', () => {
    const all = cohort.candidates.flatMap((c) => c.arrests);
    const outside = all.filter((a) => !countsInWindow(a.date, '2013-10-31', 24));
    expect(outside.length).toBeGreaterThan(20);
    expect(outside.some((a) => (RESIDENTIAL_BURGLARY_WORDINGS as readonly string[]).includes(a.offence))).toBe(true);
    const dates = new Set(all.map((a) => a.date));
    expect(dates.has('2011-11-01')).toBe(true); // first day counted
    expect(dates.has('2013-10-31')).toBe(true); // reference date, counted
    expect(dates.has('2011-10-31')).toBe(true); // the day before the window
    expect(dates.has('2013-11-01')).toBe(true); // after the reference date
    expect(all.filter((a) => a.inWindow).some((a) => a.date === '2011-10-31' || a.date === '2013-11-01')).toBe(false);
  });

  test('long-list order is by arrests, most first, with Ref 1..170', () => {
    cohort.candidates.forEach((c, i) => expect(c.ref).toBe(i + 1));
    for (let i = 1; i < cohort.candidates.length; i++) {
      expect(cohort.candidates[i - 1]?.arrestsInWindow ?? 0).toBeGreaterThanOrEqual(cohort.candidates[i]?.arrestsInWindow ?? 0);
    }
  });

  test('ages 16–55, mostly 18–35; ageAtReference agrees with the DOB', () => {
    for (const c of cohort.candidates) {
      expect(isIsoDate(c.dob)).toBe(true);
      expect(c.ageAtReference).toBe(ageOn(c.dob, cohort.referenceDate));
      expect(c.ageAtReference).toBeGreaterThanOrEqual(16);
      expect(c.ageAtReference).toBeLessThanOrEqual(55);
    }
    const core = cohort.candidates.filter((c) => c.ageAtReference >= 18 && c.ageAtReference <= 35).length;
    expect(core / cohort.candidates.length).toBeGreaterThan(0.6);
  });

  test('PNCs are valid in both forms and unique', () => {
    for (const c of cohort.candidates) {
      expect(pncIsValid(c.pnc.short), c.pnc.short).toBe(true);
      expect(pncIsValid(c.pnc.long), c.pnc.long).toBe(true);
      expect(c.pnc.short).toMatch(/^\d{2}\/\d{6}[A-Z]$/);
      expect(c.pnc.long).toMatch(/^\d{4}\/\d{7}[A-Z]$/);
    }
    expect(new Set(cohort.candidates.map((c) => c.pnc.long)).size).toBe(cohort.candidates.length);
  });

  test('mostly Barnet addresses, a few other boroughs', () => {
    const barnet = cohort.candidates.filter((c) => c.borough === 'Barnet').length;
    expect(barnet / cohort.candidates.length).toBeGreaterThan(0.8);
    expect(barnet).toBeLessThan(cohort.candidates.length);
  });

  test('the formula-injection probe and the accented name are present', () => {
    expect(cohort.candidates.filter((c) => c.surname === FORMULA_INJECTION_SURNAME)).toHaveLength(1);
    expect(cohort.candidates.filter((c) => c.forenames === ACCENTED_PERSON.forenames && c.surname === ACCENTED_PERSON.surname)).toHaveLength(1);
  });
});

describe('agency lists', () => {
  test('each list holds its flagged people; DTOA has exactly one person not on the long list', () => {
    for (const flag of FLAG_NAMES) {
      const refs = cohort.agencyLists[flag].map((r) => r.candidateRef).filter((r): r is number => r !== null);
      const flagged = cohort.candidates.filter((c) => c.flags[flag]).map((c) => c.ref);
      expect([...refs].sort((a, b) => a - b), flag).toEqual([...flagged].sort((a, b) => a - b));
    }
    const outsiders = FLAG_NAMES.flatMap((f) => cohort.agencyLists[f].filter((r) => r.candidateRef === null).map(() => f));
    expect(outsiders).toEqual(['dtoa']);
    expect(cohort.agencyLists.dtoa).toHaveLength(SEED_SHAPE.flags.dtoa + 1);
  });

  test('rows spell people differently: PNC forms, missing and wrong PNCs, names and DOBs', () => {
    const rows = FLAG_NAMES.flatMap((f) => cohort.agencyLists[f]);
    const has = (v: string): number => rows.filter((r) => r.variations.some((x) => x === v)).length;
    for (const v of [
      'pnc_missing',
      'pnc_wrong_check_letter',
      'pnc_other_form',
      'name_case',
      'forename_initial',
      'names_transposed',
      'hyphen_changed',
      'dob_day_month_swapped',
      'accents_and_apostrophe',
    ]) {
      expect(has(v), v).toBeGreaterThan(0);
    }
    const pncs = rows.map((r) => r.pnc).filter((p): p is string => p !== null);
    expect(pncs.some((p) => /^\d{2}\//.test(p))).toBe(true);
    expect(pncs.some((p) => /^\d{4}\//.test(p))).toBe(true);
    for (const r of rows) {
      const wrong = r.variations.includes('pnc_wrong_check_letter');
      if (r.pnc !== null) expect(pncIsValid(r.pnc), `${r.pnc} ${r.variations.join()}`).toBe(!wrong);
    }
    for (const r of rows.filter((x) => x.variations.includes('dob_day_month_swapped'))) {
      const c = cohort.candidates.find((x) => x.ref === r.candidateRef);
      const [y, m, d] = (c?.dob ?? '').split('-');
      expect(r.dob).toBe(`${y}-${d}-${m}`);
    }
  });

  test('PINS results for about 10%, with the three kinds of answer', () => {
    expect(cohort.pins).toHaveLength(SEED_SHAPE.pinsChecked);
    const results = cohort.pins.map((p) => p.result);
    expect(results).toContain('In custody');
    expect(results).toContain('Not in custody');
    expect(results.some((r) => /^Released \d{2}\/\d{2}\/\d{4}$/.test(r))).toBe(true);
  });

  test('the arrests extract has one row per arrest and the same in-window total', () => {
    const total = cohort.candidates.reduce((s, c) => s + c.arrests.length, 0);
    expect(cohort.arrestsExtract).toHaveLength(total);
    expect(cohort.arrestsExtract.filter((a) => countsInWindow(a.arrestDate, '2013-10-31', 24))).toHaveLength(973);
  });
});

describe('determinism', () => {
  test('same options give the same cohort', () => {
    expect(generateSyntheticCohort()).toEqual(cohort);
    expect(generateSyntheticCohort({ seed: 7 })).toEqual(generateSyntheticCohort({ seed: 7 }));
  });

  test('another seed gives other people but the same totals', () => {
    const other = generateSyntheticCohort({ seed: 7 });
    expect(other.candidates.map((c) => c.pnc.long)).not.toEqual(cohort.candidates.map((c) => c.pnc.long));
    const inWin = other.candidates.flatMap((c) => inWindowArrests(other, c));
    expect(inWin).toHaveLength(973);
    expect(inWin.filter((a) => (RESIDENTIAL_BURGLARY_WORDINGS as readonly string[]).includes(a.offence))).toHaveLength(44);
    expect(inWin.filter((a) => (ROBBERY_WORDINGS as readonly string[]).includes(a.offence))).toHaveLength(87);
  });

  test('other sizes scale the targets', () => {
    const small = generateSyntheticCohort({ people: 40, seed: 3 });
    expect(small.candidates).toHaveLength(40);
    const inWin = small.candidates.flatMap((c) => inWindowArrests(small, c));
    expect(inWin).toHaveLength(small.targets.arrestsInWindow);
    expect(small.candidates.every((c) => inWindowArrests(small, c).length >= 3)).toBe(true);
  });
});
