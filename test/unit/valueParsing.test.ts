import { describe, expect, it } from 'vitest';
import type { RawCell } from '../../shared/domain/rawCell';
import { mulberry32 } from '../../shared/domain/seededRandom';
import { excelSerialToIsoDate } from '../../shared/domain/excelSerialDate';
import {
  cellText,
  isBlankRow,
  parseArrestDetails,
  parseCount,
  parseDate,
  parseDateText,
  parseFlag,
  parseGender,
  parseOgrsScore,
  splitFullName,
  totalRowReason,
} from '../../shared/import/valueParsing';
import { isTotalRow, parseText } from '../support/valueParsingShapes';

describe('parseFlag', () => {
  const yes: RawCell[] = ['Y', 'Yes', 'y', 'YES', 'x', 'X', 1, '1', true, 'TRUE', 'true', '✓', '✔', ' Y ', 'yes\u00a0'];
  const no: RawCell[] = [null, '', '   ', '\u200b', 'N', 'No', 'n', 'NO', 0, '0', false, 'FALSE', 'false'];

  it.each(yes.map((c) => [c]))('reads %j as yes', (cell) => {
    expect(parseFlag(cell)).toEqual({ ok: true, value: true });
  });

  it.each(no.map((c) => [c]))('reads %j as no', (cell) => {
    expect(parseFlag(cell)).toEqual({ ok: true, value: false });
  });

  it('reports anything else with the trimmed text', () => {
    const result = parseFlag('  maybe ');
    expect(result).toMatchObject({ ok: false, text: 'maybe' });
    if (!result.ok) expect(result.reason).toContain('"maybe" is not a yes/no value');
    expect(parseFlag(2)).toMatchObject({ ok: false, text: '2' });
    expect(parseFlag('?')).toMatchObject({ ok: false, text: '?' });
    expect(parseFlag('Yes - high')).toMatchObject({ ok: false, text: 'Yes - high' });
    expect(parseFlag({ date: '2013-10-31' })).toMatchObject({ ok: false, text: '2013-10-31' });
  });
});

describe('excelSerialToIsoDate', () => {
  it('follows the 1900 date system including the phantom 1900-02-29', () => {
    expect(excelSerialToIsoDate(1)).toBe('1900-01-01');
    expect(excelSerialToIsoDate(59)).toBe('1900-02-28');
    expect(excelSerialToIsoDate(60)).toBeNull();
    expect(excelSerialToIsoDate(61)).toBe('1900-03-01');
    expect(excelSerialToIsoDate(36526)).toBe('2000-01-01');
    expect(excelSerialToIsoDate(41578)).toBe('2013-10-31');
    expect(excelSerialToIsoDate(2_958_465)).toBe('9999-12-31');
  });

  it('drops the time of day and refuses out-of-range serials', () => {
    expect(excelSerialToIsoDate(41578.75)).toBe('2013-10-31');
    expect(excelSerialToIsoDate(0)).toBeNull();
    expect(excelSerialToIsoDate(-5)).toBeNull();
    expect(excelSerialToIsoDate(2_958_466)).toBeNull();
    expect(excelSerialToIsoDate(Number.NaN)).toBeNull();
  });
});

describe('parseDate', () => {
  it.each([
    ['12/03/2013', '2013-03-12'],
    ['1/3/2013', '2013-03-01'],
    ['12/3/13', '2013-03-12'],
    ['01/01/85', '1985-01-01'],
    ['12-03-2013', '2013-03-12'],
    ['12.03.2013', '2013-03-12'],
    ['2013-03-12', '2013-03-12'],
    ['2013/03/12', '2013-03-12'],
    ['12 Mar 2013', '2013-03-12'],
    ['12-Mar-13', '2013-03-12'],
    ['12 March 2013', '2013-03-12'],
    ['12th March 2013', '2013-03-12'],
    ['1 sept 1990', '1990-09-01'],
    ['12-mar-2013', '2013-03-12'],
    ['March 12, 2013', '2013-03-12'],
    ['12/03/2013 00:00', '2013-03-12'],
    ['2013-03-12T00:00:00Z', '2013-03-12'],
    ['  12/03/2013  ', '2013-03-12'],
    ['29/02/2012', '2012-02-29'],
  ])('reads "%s" day-first as %s', (text, iso) => {
    expect(parseDate(text)).toEqual({ ok: true, value: iso });
  });

  it('treats 03/04/2013 as 3 April, never 4 March', () => {
    expect(parseDate('03/04/2013')).toEqual({ ok: true, value: '2013-04-03' });
  });

  it('pivots two-digit years on thisYear', () => {
    expect(parseDate('01/01/26')).toEqual({ ok: true, value: '2026-01-01' });
    expect(parseDate('01/01/27')).toEqual({ ok: true, value: '1927-01-01' });
    expect(parseDate('01/01/14', { thisYear: 2013 })).toEqual({ ok: true, value: '1914-01-01' });
    expect(parseDate('12-Mar-13', { thisYear: 2010 })).toEqual({ ok: true, value: '1913-03-12' });
  });

  it('passes date cells through', () => {
    expect(parseDate({ date: '2013-10-31' })).toEqual({ ok: true, value: '2013-10-31' });
    expect(parseDate({ date: '2013-02-30' })).toMatchObject({ ok: false, text: '2013-02-30' });
  });

  it('reads number cells as Excel serials unless told not to', () => {
    expect(parseDate(41578)).toEqual({ ok: true, value: '2013-10-31' });
    expect(parseDate(60)).toMatchObject({ ok: false, text: '60' });
    expect(parseDate(41578, { acceptSerials: false })).toMatchObject({ ok: false, text: '41578' });
  });

  it('gives null for blank', () => {
    expect(parseDate(null)).toEqual({ ok: true, value: null });
    expect(parseDate('  ')).toEqual({ ok: true, value: null });
  });

  it('refuses a US month-first date and says so', () => {
    const result = parseDate('03/25/2013');
    expect(result).toMatchObject({ ok: false, text: '03/25/2013' });
    if (!result.ok) {
      expect(result.reason).toContain('looks like a US (month-first) date');
      expect(result.reason).toContain('25 is not a month');
    }
    const short = parseDate('12/31/13');
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.reason).toContain('US (month-first)');
  });

  it('does not call a date US when swapping would not help either', () => {
    const result = parseDate('25/13/2013');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).not.toContain('US');
      expect(result.reason).toContain('month 13 does not exist');
    }
  });

  it('rejects impossible calendar dates', () => {
    const result = parseDate('31/02/2013');
    expect(result).toMatchObject({ ok: false, text: '31/02/2013' });
    if (!result.ok) expect(result.reason).toBe('"31/02/2013" is not a real date: February 2013 has 28 days.');
    expect(parseDate('29/02/2013').ok).toBe(false);
    expect(parseDate('00/01/2013').ok).toBe(false);
    expect(parseDate('2013-13-01').ok).toBe(false);
    expect(parseDate('31 Apr 2013').ok).toBe(false);
  });

  it('rejects text that is not a date', () => {
    for (const bad of ['abc', '12/03', '2013', '12/03-2013', '12 Foo 2013', '41578', '1/2/3/2013']) {
      const result = parseDate(bad);
      expect(result, bad).toMatchObject({ ok: false, text: bad });
    }
    expect(parseDate(true)).toMatchObject({ ok: false, text: 'TRUE' });
  });

  it('parseDateText is the same reader for bare text', () => {
    expect(parseDateText('12/03/2013')).toEqual({ ok: true, value: '2013-03-12' });
  });
});

describe('parseCount', () => {
  it.each([
    ['12', 12],
    [12, 12],
    [' 12 ', 12],
    [12.0, 12],
    ['12.0', 12],
    ['0', 0],
    [0, 0],
    ['1,234', 1234],
  ] as Array<[RawCell, number]>)('reads %j as %d', (cell, value) => {
    expect(parseCount(cell)).toEqual({ ok: true, value });
  });

  it('gives null for blank, not zero', () => {
    expect(parseCount(null)).toEqual({ ok: true, value: null });
    expect(parseCount('')).toEqual({ ok: true, value: null });
    expect(parseCount(' ')).toEqual({ ok: true, value: null });
  });

  it('rejects fractions, negatives and text with a reason', () => {
    const half = parseCount(12.5);
    expect(half).toMatchObject({ ok: false, text: '12.5' });
    if (!half.ok) expect(half.reason).toBe('12.5 is not a whole number.');
    const negative = parseCount(-1);
    if (!negative.ok) expect(negative.reason).toBe('-1 is negative; a count cannot be.');
    expect(negative.ok).toBe(false);
    expect(parseCount('12.5')).toMatchObject({ ok: false, text: '12.5' });
    expect(parseCount('-1')).toMatchObject({ ok: false, text: '-1' });
    expect(parseCount('abc')).toMatchObject({ ok: false, text: 'abc' });
    expect(parseCount('12 arrests')).toMatchObject({ ok: false });
    expect(parseCount(true)).toMatchObject({ ok: false });
    expect(parseCount({ date: '2013-10-31' })).toMatchObject({ ok: false });
    expect(parseCount(Number.POSITIVE_INFINITY)).toMatchObject({ ok: false });
  });
});

describe('parseText and cellText', () => {
  it('trims and collapses whitespace, null for blank', () => {
    expect(parseText('  Flat 1,\n  Example   Road ')).toEqual({ ok: true, value: 'Flat 1, Example Road' });
    expect(parseText('\u00a0A\u00a0\u00a0B\t')).toEqual({ ok: true, value: 'A B' });
    expect(parseText('   ')).toEqual({ ok: true, value: null });
    expect(parseText(null)).toEqual({ ok: true, value: null });
  });

  it('prints numbers without .0 and other cells readably', () => {
    expect(cellText(12.0)).toBe('12');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText({ date: '2013-10-31' })).toBe('2013-10-31');
  });
});

describe('splitFullName', () => {
  it('splits "Surname, Forenames"', () => {
    expect(splitFullName('TESTPERSON, Alpha Beta')).toEqual({ surname: 'TESTPERSON', forenames: 'Alpha Beta' });
    expect(splitFullName('Exampleton,Zed')).toEqual({ surname: 'Exampleton', forenames: 'Zed' });
    expect(splitFullName('Exampleton, ')).toEqual({ surname: 'Exampleton', forenames: null });
  });

  it('takes the capitals run as the surname when there is no comma', () => {
    expect(splitFullName('Alpha TESTPERSON')).toEqual({ surname: 'TESTPERSON', forenames: 'Alpha' });
    expect(splitFullName('TESTPERSON Alpha')).toEqual({ surname: 'TESTPERSON', forenames: 'Alpha' });
    expect(splitFullName('Alpha Beta DE TESTA')).toEqual({ surname: 'DE TESTA', forenames: 'Alpha Beta' });
    expect(splitFullName('TESTPERSON J')).toEqual({ surname: 'TESTPERSON', forenames: 'J' });
  });

  it('otherwise takes the last word as the surname', () => {
    expect(splitFullName('Alpha Beta Testperson')).toEqual({ surname: 'Testperson', forenames: 'Alpha Beta' });
    expect(splitFullName('ALPHA TESTPERSON')).toEqual({ surname: 'TESTPERSON', forenames: 'ALPHA' });
    expect(splitFullName('Testperson')).toEqual({ surname: 'Testperson', forenames: null });
    expect(splitFullName('  ')).toEqual({ surname: null, forenames: null });
  });
});

describe('parseGender', () => {
  it.each([
    ['M', 'M'], ['m', 'M'], ['Male', 'M'], ['MALE', 'M'], ['F', 'F'], ['f.', 'F'], ['Female', 'F'],
    ['X', 'X'], ['Other', 'X'], ['Non-binary', 'X'], ['Unknown', null], ['U', null], ['Not stated', null],
    ['', null],
  ] as Array<[string, string | null]>)('reads "%s" as %s', (text, value) => {
    expect(parseGender(text)).toEqual({ ok: true, value });
  });

  it('gives null for a blank cell and reports anything else', () => {
    expect(parseGender(null)).toEqual({ ok: true, value: null });
    const result = parseGender('Mx');
    expect(result).toMatchObject({ ok: false, text: 'Mx' });
    if (!result.ok) expect(result.reason).toContain('is not a gender');
    expect(parseGender(1)).toMatchObject({ ok: false, text: '1' });
  });
});

describe('parseOgrsScore', () => {
  it('reads numbers and percentage text as 0–100', () => {
    expect(parseOgrsScore(78)).toEqual({ ok: true, value: 78 });
    expect(parseOgrsScore('78%')).toEqual({ ok: true, value: 78 });
    expect(parseOgrsScore(' 78.5 % ')).toEqual({ ok: true, value: 78.5 });
    expect(parseOgrsScore('78')).toEqual({ ok: true, value: 78 });
    expect(parseOgrsScore(0)).toEqual({ ok: true, value: 0 });
    expect(parseOgrsScore('100%')).toEqual({ ok: true, value: 100 });
    expect(parseOgrsScore(null)).toEqual({ ok: true, value: null });
    expect(parseOgrsScore(' ')).toEqual({ ok: true, value: null });
  });

  it('scales a fractional column, but never text already marked %', () => {
    expect(parseOgrsScore(0.785, { fractional: true })).toEqual({ ok: true, value: 78.5 });
    expect(parseOgrsScore('0.78', { fractional: true })).toEqual({ ok: true, value: 78 });
    expect(parseOgrsScore('78%', { fractional: true })).toEqual({ ok: true, value: 78 });
  });

  it('rejects values outside 0–100 and non-numbers', () => {
    expect(parseOgrsScore(101)).toMatchObject({ ok: false, text: '101' });
    expect(parseOgrsScore('-3%')).toMatchObject({ ok: false, text: '-3%' });
    expect(parseOgrsScore('high')).toMatchObject({ ok: false, text: 'high' });
    expect(parseOgrsScore(true)).toMatchObject({ ok: false });
    expect(parseOgrsScore(1.5, { fractional: true })).toMatchObject({ ok: false, text: '1.5' });
  });
});

describe('parseArrestDetails', () => {
  it('reads date-first, offence-first and "date - offence" entries', () => {
    const cell =
      '12/03/2013 Burglary - Residential; Burglary - Residential 14/04/2013\n15/05/2013 - Robbery of personal property';
    expect(parseArrestDetails(cell)).toEqual({
      arrests: [
        { date: '2013-03-12', offence: 'Burglary - Residential' },
        { date: '2013-04-14', offence: 'Burglary - Residential' },
        { date: '2013-05-15', offence: 'Robbery of personal property' },
      ],
      undated: [],
      duplicatesCollapsed: 0,
    });
  });

  it('splits on CRLF and on commas only between dated entries', () => {
    const cell = '12/03/2013 Robbery, attempted\r\n01/02/2012 Shoplifting, 03/02/2012 Theft from person';
    expect(parseArrestDetails(cell).arrests).toEqual([
      { date: '2013-03-12', offence: 'Robbery, attempted' },
      { date: '2012-02-01', offence: 'Shoplifting' },
      { date: '2012-02-03', offence: 'Theft from person' },
    ]);
  });

  it('splits offence-first entries on commas too', () => {
    expect(parseArrestDetails('Burglary 12/03/2013, Theft 14/03/2013').arrests).toEqual([
      { date: '2013-03-12', offence: 'Burglary' },
      { date: '2013-03-14', offence: 'Theft' },
    ]);
  });

  it('accepts month names, ISO dates, bracketed dates and 2-digit years', () => {
    const cell = '12-Mar-13 Criminal damage; 2013-04-01 Drugs - possession; Assault (02/05/13); Robbery on 3 Jun 2013';
    expect(parseArrestDetails(cell).arrests).toEqual([
      { date: '2013-03-12', offence: 'Criminal damage' },
      { date: '2013-04-01', offence: 'Drugs - possession' },
      { date: '2013-05-02', offence: 'Assault' },
      { date: '2013-06-03', offence: 'Robbery' },
    ]);
  });

  it('keeps brackets that belong to the offence', () => {
    expect(parseArrestDetails('Robbery (personal property) 12/03/2013').arrests).toEqual([
      { date: '2013-03-12', offence: 'Robbery (personal property)' },
    ]);
  });

  it('returns entries without a usable date separately', () => {
    const result = parseArrestDetails(
      'Burglary - Residential; 31/02/2013 Theft; 03/25/2013 Robbery; 12/03/2013 Burglary 14/03/2013 Theft',
    );
    expect(result.arrests).toEqual([]);
    expect(result.undated.map((u) => u.text)).toEqual([
      'Burglary - Residential',
      '31/02/2013 Theft',
      '03/25/2013 Robbery',
      '12/03/2013 Burglary 14/03/2013 Theft',
    ]);
    expect(result.undated[0]?.reason).toBe('No date in "Burglary - Residential".');
    expect(result.undated[1]?.reason).toContain('February 2013 has 28 days');
    expect(result.undated[2]?.reason).toContain('US (month-first)');
    expect(result.undated[3]?.reason).toContain('has 2 dates');
  });

  it('collapses identical (date, offence) entries and counts them', () => {
    const cell = '12/03/2013 Burglary - Residential; 12/03/2013  burglary - residential\n12/03/2013 Theft; Burglary - Residential 12/03/2013';
    const result = parseArrestDetails(cell);
    expect(result.arrests).toEqual([
      { date: '2013-03-12', offence: 'Burglary - Residential' },
      { date: '2013-03-12', offence: 'Theft' },
    ]);
    expect(result.duplicatesCollapsed).toBe(2);
  });

  it('keeps the same offence on different dates', () => {
    const result = parseArrestDetails('12/03/2013 Theft; 13/03/2013 Theft');
    expect(result.arrests).toHaveLength(2);
    expect(result.duplicatesCollapsed).toBe(0);
  });

  it('skips empty entries and handles blank, date and other cells', () => {
    expect(parseArrestDetails('12/03/2013 Theft;; ;\n\n')).toEqual({
      arrests: [{ date: '2013-03-12', offence: 'Theft' }],
      undated: [],
      duplicatesCollapsed: 0,
    });
    expect(parseArrestDetails(null)).toEqual({ arrests: [], undated: [], duplicatesCollapsed: 0 });
    expect(parseArrestDetails({ date: '2013-03-12' }).arrests).toEqual([{ date: '2013-03-12', offence: '' }]);
    expect(parseArrestDetails(true).undated).toHaveLength(1);
    expect(parseArrestDetails(41578).undated).toEqual([{ text: '41578', reason: 'No date in "41578".' }]);
  });

  it('uses the two-digit year pivot from options', () => {
    expect(parseArrestDetails('12/03/13 Theft', { thisYear: 2010 }).arrests).toEqual([
      { date: '1913-03-12', offence: 'Theft' },
    ]);
  });
});

describe('isBlankRow', () => {
  it('is true only when every cell is blank', () => {
    expect(isBlankRow([])).toBe(true);
    expect(isBlankRow([null, '', '  ', '\u00a0'])).toBe(true);
    expect(isBlankRow([null, 0])).toBe(false);
    expect(isBlankRow([false])).toBe(false);
    expect(isBlankRow([null, 'x'])).toBe(false);
  });
});

describe('isTotalRow and totalRowReason', () => {
  it.each([
    [['Total']],
    [['TOTAL:', 170]],
    [['Grand total', '', 973, 44, 87]],
    [['Count', 170]],
    [[null, '  Totals ', null, '973']],
    [['Total: 973']],
    [['Sub-total', 12]],
    [['Total arrests', 973, '']],
    [['Sum', 1, 2, '3']],
  ] as Array<[RawCell[]]>)('detects %j', (row) => {
    expect(isTotalRow(row)).toBe(true);
  });

  it.each([
    [['Alpha', 'Testperson', 'Total']],
    [['Count', 'Testperson', 3]],
    [['Totally Fictional', 3]],
    [[3, 'Total']],
    [['Total', { date: '2013-10-31' }]],
    [['Total', true]],
    [[null, null]],
    [['Testperson', 12]],
  ] as Array<[RawCell[]]>)('does not take %j for a total', (row) => {
    expect(isTotalRow(row)).toBe(false);
  });

  it('gives a reason that quotes the label', () => {
    expect(totalRowReason(['TOTAL:', 170])).toBe(
      'Summary row ("TOTAL:") skipped: it totals the list and is not a person.',
    );
    expect(totalRowReason(['Alpha', 'Testperson'])).toBeNull();
  });
});

describe('cellText fast path', () => {
  // cellText skips the replacements when nothing needs collapsing; it must give exactly what the
  // replacements give, for every mix of spaces, tabs, line breaks, NBSP and zero-width characters.
  const reference = (text: string): string | null => {
    const collapsed = text.replace(/[\u200B-\u200D\u2060\uFEFF]/gu, '').replace(/\s+/gu, ' ').trim();
    return collapsed === '' ? null : collapsed;
  };
  it('agrees with collapsing by replacement on 20,000 awkward strings', () => {
    const alphabet = ['a', 'B', 'é', ' ', ' ', '  ', '\t', '\n', '\r', '\u00a0', '\u200b', '\ufeff', '\u2028', '-', '1'];
    const rng = mulberry32(99);
    for (let i = 0; i < 20_000; i++) {
      const length = Math.floor(rng() * 8);
      let text = '';
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(rng() * alphabet.length)];
      expect(cellText(text), JSON.stringify(text)).toBe(reference(text));
      expect(isBlankRow([text]), JSON.stringify(text)).toBe(reference(text) === null);
    }
  });
});

describe('parseDate dd/mm/yyyy fast path', () => {
  // A leading space sends the same text down the general path; both must answer identically,
  // messages included, for real, impossible and US-order dates alike.
  it('gives exactly the general answer for 30,000 dd/mm/yyyy-shaped strings', () => {
    const rng = mulberry32(11);
    const two = () => String(Math.floor(rng() * 40)).padStart(2, '0');
    for (let i = 0; i < 30_000; i++) {
      const year = String(Math.floor(rng() * 10_000)).padStart(4, '0');
      const text = rng() < 0.05 ? `${two()}-${two()}-${year}` : `${two()}/${two()}/${year}`;
      expect(parseDate(text), text).toEqual(parseDate(` ${text}`));
    }
    expect(parseDate('29/02/2012')).toEqual({ ok: true, value: '2012-02-29' });
    expect(parseDate('29/02/2013')).toMatchObject({ ok: false });
  });
});
