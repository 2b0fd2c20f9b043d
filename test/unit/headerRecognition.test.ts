import { describe, expect, it } from 'vitest';
import { FLAG_NAMES } from '../../shared/domain/flags';
import type { RawCell } from '../../shared/domain/rawCell';
import {
  CANONICAL_FIELDS,
  type CanonicalField,
  findHeaderRow,
  looksLikeCountHeader,
  flagField,
  flagOfField,
  mappingSignature,
  missingRequiredFields,
  normaliseHeader,
  recogniseHeader,
  recogniseHeaders,
  requiredFieldsFor,
} from '../../shared/import/headerRecognition';

/** The long list's columns in the seed's order and wording (004, Appendix A), each with the field it must map to. */
const SEED_COLUMNS: ReadonlyArray<readonly [string, CanonicalField]> = [
  ['First Name(s)', 'firstNames'],
  ['Surname', 'surname'],
  ['Date of birth', 'dob'],
  ['Approximate age', 'approxAge'],
  ['PNC number', 'pnc'],
  ['Address (based on most recent crime report record in police CRIS system)', 'address'],
  ['Address borough (based on most recent crime report record in police CRIS system)', 'borough'],
  ['date of arrest re address info', 'addressDate'],
  ['Number of arrests last two years', 'arrestsTwoYears'],
  ['Of which in last 10 months (Jan - Oct 2013)', 'arrestsLast10Months'],
  ['of which in last 22 months (Jan 2012 - Oct 2013)', 'arrestsLast22Months'],
  ['Arrest details (i.e. offence types and offence date)', 'arrestDetails'],
  ['On DTOA list?', 'flag_dtoa'],
  ['On Police gangs list (high)?', 'flag_gangHigh'],
  ['On Police gangs list (Mid - low)?', 'flag_gangMidLow'],
  ['On top repeat Domestic Violence list?', 'flag_dv'],
  ['Repeat female offender (police list)?', 'flag_female'],
  ['Repeat arrests for ASB (police list)?', 'flag_asb'],
  ['On YOS to IOM cohort expansion referral list?', 'flag_yos'],
  ['PINS result (awaits)', 'pinsResult'],
  ['Ref', 'ref'],
];
const SEED_HEADERS = SEED_COLUMNS.map(([header]) => header);
const SEED_FIELDS = SEED_COLUMNS.map(([, field]) => field);

function fieldOf(header: string): CanonicalField | null {
  return recogniseHeader(header).field;
}

describe('CANONICAL_FIELDS', () => {
  it('has one field per flag and no repeats', () => {
    for (const flag of FLAG_NAMES) expect(CANONICAL_FIELDS).toContain(flagField(flag));
    expect(new Set(CANONICAL_FIELDS).size).toBe(CANONICAL_FIELDS.length);
    expect(CANONICAL_FIELDS).toHaveLength(34);
  });

  it('maps flag fields back to flag names', () => {
    expect(flagOfField('flag_gangMidLow')).toBe('gangMidLow');
    expect(flagOfField('flag_ogrsMandatory')).toBe('ogrsMandatory');
    expect(flagOfField('surname')).toBeNull();
  });
});

describe('normaliseHeader', () => {
  it('drops case, punctuation, "(s)", dots and the trailing question mark', () => {
    expect(normaliseHeader('First Name(s)')).toBe('first names');
    expect(normaliseHeader('D.O.B.')).toBe('dob');
    expect(normaliseHeader('  On DTOA list? ')).toBe('on dtoa list');
    expect(normaliseHeader('(Mid - low)?')).toBe('mid low');
    expect(normaliseHeader('PNC_ID')).toBe('pnc id');
    expect(normaliseHeader('Arrest details (offence type & date)')).toBe('arrest details offence type and date');
  });
});

describe('recogniseHeaders on the seed long list', () => {
  it('maps every seed column to its field', () => {
    const { mapping, duplicates } = recogniseHeaders(SEED_HEADERS);
    expect(mapping.map((m) => m.field)).toEqual(SEED_FIELDS);
    expect(duplicates).toEqual([]);
    expect(mapping[0]).toEqual({ column: 0, header: 'First Name(s)', field: 'firstNames', confidence: 1 });
  });

  it('keeps the gang (high) and (mid - low) columns apart', () => {
    expect(fieldOf('On Police gangs list (high)?')).toBe('flag_gangHigh');
    expect(fieldOf('On Police gangs list (Mid - low)?')).toBe('flag_gangMidLow');
    expect(fieldOf('(Mid - low)?')).toBe('flag_gangMidLow');
    expect(fieldOf('(high)?')).toBe('flag_gangHigh');
    expect(fieldOf('Gangs matrix - medium/low')).toBe('flag_gangMidLow');
    expect(fieldOf('Gang Matrix HIGH risk')).toBe('flag_gangHigh');
    expect(fieldOf('Gangs (low)')).toBe('flag_gangMidLow');
  });

  it('keeps the last 10 and last 22 months columns apart', () => {
    expect(fieldOf('of which last 10 months')).toBe('arrestsLast10Months');
    expect(fieldOf('of which in last 10 months (Jan - Oct 2013)')).toBe('arrestsLast10Months');
    expect(fieldOf('of which last 22 months')).toBe('arrestsLast22Months');
    expect(fieldOf('Of which in last 22 months (Jan 2012 - Oct 2013)')).toBe('arrestsLast22Months');
    expect(fieldOf('Arrests in last ten months')).toBe('arrestsLast10Months');
    expect(fieldOf('arrests last two years')).toBe('arrestsTwoYears');
  });

  it('tells the address date from the arrest date and the arrest details', () => {
    expect(fieldOf('date of arrest re address')).toBe('addressDate');
    expect(fieldOf('Date of arrest')).toBe('arrestDate');
    expect(fieldOf('arrest details (offence type and date)')).toBe('arrestDetails');
    expect(fieldOf('Arrest Date/Time')).toBe('arrestDate');
  });
});

describe('recogniseHeader wording', () => {
  it.each([
    ['First Name(s)', 'firstNames'],
    ['Forename(s)', 'firstNames'],
    ['First name', 'firstNames'],
    ['Given names', 'firstNames'],
    ['Surname', 'surname'],
    ['Last name', 'surname'],
    ['Family name', 'surname'],
    ['Name', 'fullName'],
    ['Surname, Forename', 'fullName'],
    ['DOB', 'dob'],
    ['Date of birth', 'dob'],
    ['D.O.B.', 'dob'],
    ['Birth date', 'dob'],
    ['approx age', 'approxAge'],
    ['Approximate age', 'approxAge'],
    ['PNC number', 'pnc'],
    ['PNC ID', 'pnc'],
    ['PNC', 'pnc'],
    ['PNC No', 'pnc'],
    ['PNCID', 'pnc'],
    ['address', 'address'],
    ['address borough', 'borough'],
    ['Borough', 'borough'],
    ['date of arrest re address', 'addressDate'],
    ['arrests last two years', 'arrestsTwoYears'],
    ['Number of arrests last two years', 'arrestsTwoYears'],
    ['of which last 10 months', 'arrestsLast10Months'],
    ['of which last 22 months', 'arrestsLast22Months'],
    ['arrest details (offence type and date)', 'arrestDetails'],
    ['On DTOA list?', 'flag_dtoa'],
    ['DTOA', 'flag_dtoa'],
    ['top repeat DV list?', 'flag_dv'],
    ['On top repeat Domestic Violence list?', 'flag_dv'],
    ['MARAC repeat perpetrator', 'flag_dv'],
    ['repeat female offender?', 'flag_female'],
    ['Repeat female offender (police list)?', 'flag_female'],
    ['repeat arrests for ASB?', 'flag_asb'],
    ['Repeat arrests for ASB (police list)?', 'flag_asb'],
    ['YOS referral?', 'flag_yos'],
    ['On YOS to IOM cohort expansion referral list?', 'flag_yos'],
    ['Mandatory OGRS?', 'flag_ogrsMandatory'],
    ['OGRS mandatory selection', 'flag_ogrsMandatory'],
    ['PPO', 'flag_ppo'],
    ['PPO status', 'flag_ppo'],
    ['Prolific Priority Offender', 'flag_ppo'],
    ['Prolific and other Priority Offender?', 'flag_ppo'],
    ['On PPO scheme?', 'flag_ppo'],
    ['PINS result', 'pinsResult'],
    ['PINS result (awaits)', 'pinsResult'],
    ['Custody status', 'custody'],
    ['Ref', 'ref'],
    ['Sex', 'gender'],
    ['Gender', 'gender'],
    ['Ethnicity', 'ethnicity'],
    ['Ethnicity (IC code)', 'ethnicity'],
    ['Offence', 'offence'],
    ['Offence description', 'offence'],
    ['Arrest date', 'arrestDate'],
    ['Date of arrest', 'arrestDate'],
    ['OGRS', 'ogrsScore'],
    ['OGRS score', 'ogrsScore'],
    ['OGRS3', 'ogrsScore'],
    ['OGRS 3 (2 year %)', 'ogrsScore'],
    ['Agency comments', 'comments'],
    ['Notes', 'comments'],
    ['Row ref', 'rowRef'],
  ] as Array<[string, CanonicalField]>)('"%s" → %s', (header, field) => {
    expect(fieldOf(header)).toBe(field);
  });

  it('is certain about known wordings and less so about keyword hits', () => {
    expect(recogniseHeader('Date of birth')).toEqual({ field: 'dob', confidence: 1 });
    expect(recogniseHeader('Offender DOB')).toEqual({ field: 'dob', confidence: 0.9 });
    expect(recogniseHeader('Name of subject')).toEqual({ field: 'fullName', confidence: 0.6 });
  });

  it('offers near spellings with low confidence but never across different numbers', () => {
    expect(recogniseHeader('Surnmae')).toEqual({ field: 'surname', confidence: 0.5 });
    expect(recogniseHeader('Forenmaes')).toEqual({ field: 'firstNames', confidence: 0.5 });
    expect(recogniseHeader('of which last 12 months')).toEqual({ field: null, confidence: 0 });
  });

  it('does not map title, note or data text', () => {
    for (const text of [
      'RESTRICTED - IOM potential candidate list',
      'Barnet',
      'Burglary - Residential',
      'Y',
      '',
      'Testperson',
      `Name ${'x'.repeat(120)}`,
    ]) {
      expect(recogniseHeader(text).field, text).toBeNull();
    }
  });

  it('does not read "repeat arrests for ASB" as an arrest count or "OGRS mandatory" as a score', () => {
    expect(fieldOf('Repeat ASB arrests')).toBe('flag_asb');
    expect(fieldOf('OGRS mandatory')).toBe('flag_ogrsMandatory');
    expect(fieldOf('Arrests')).toBe('arrestsTwoYears');
    expect(recogniseHeader('Arrests').confidence).toBe(0.7);
  });
});

describe('agency list count columns', () => {
  // Agency lists carry a number beside each person ("MARAC referrals (12 months)": 6, 2, ...).
  // Read as the list's yes/no column, every count was reported as "not a yes/no value", and a
  // count of 1 in another list's subject column would have set that flag.
  it.each([
    ['MARAC referrals (12 months)'],
    ['ASB arrests'],
    ['DV incidents last 12 months'],
    ['Number of DTOA positive tests'],
    ['YOS referrals (count)'],
    ['Gang matrix score (high)'],
  ])('"%s" is not a flag column', (header) => {
    expect(looksLikeCountHeader(normaliseHeader(header))).toBe(true);
    expect(fieldOf(header) ?? '').not.toMatch(/^flag_/);
  });

  it('still reads yes/no questions about a list, and counts as the count fields they are', () => {
    expect(fieldOf('Repeat ASB arrests')).toBe('flag_asb');
    expect(fieldOf('On DV list (MARAC)')).toBe('flag_dv');
    expect(fieldOf('MARAC repeat perpetrator')).toBe('flag_dv');
    expect(fieldOf('Female arrests (2 yrs)')).toBe('arrestsTwoYears');
    expect(fieldOf('Mandatory OGRS score')).toBe('ogrsScore');
    expect(fieldOf('MARAC referrals (12 months)')).toBeNull();
    expect(fieldOf('ASB arrests')).toBeNull();
  });

  it('maps the count columns of the DV and ASB list layouts to nothing', () => {
    expect(recogniseHeaders(['Perpetrator surname', 'Perpetrator forename', 'Date of birth', 'PNC', 'MARAC referrals (12 months)']).mapping.map((m) => m.field)).toEqual([
      'surname',
      'firstNames',
      'dob',
      'pnc',
      null,
    ]);
    expect(recogniseHeaders(['SURNAME', 'FORENAME', 'DOB', 'PNCID', 'ASB arrests']).mapping.map((m) => m.field)).toEqual(['surname', 'firstNames', 'dob', 'pnc', null]);
  });
});

describe('recogniseHeaders duplicates and non-text cells', () => {
  it('keeps the more confident of two columns claiming a field and reports the other', () => {
    const { mapping, duplicates } = recogniseHeaders(['Offender DOB', 'Surname', 'Date of birth']);
    expect(mapping.map((m) => m.field)).toEqual([null, 'surname', 'dob']);
    expect(duplicates).toEqual([
      { field: 'dob', keptColumn: 2, column: 0, header: 'Offender DOB', confidence: 0.9 },
    ]);
  });

  it('keeps the leftmost on a tie', () => {
    const { mapping, duplicates } = recogniseHeaders(['PNC', 'Surname', 'PNC ID']);
    expect(mapping.map((m) => m.field)).toEqual(['pnc', 'surname', null]);
    expect(duplicates).toMatchObject([{ field: 'pnc', keptColumn: 0, column: 2 }]);
  });

  it('lets a real arrest date column win over an offence date', () => {
    const { mapping, duplicates } = recogniseHeaders(['Offence date', 'Arrest date', 'Offence']);
    expect(mapping.map((m) => m.field)).toEqual([null, 'arrestDate', 'offence']);
    expect(duplicates).toHaveLength(1);
    expect(recogniseHeaders(['Offence date', 'Offence']).mapping.map((m) => m.field)).toEqual([
      'arrestDate',
      'offence',
    ]);
  });

  it('ignores numbers, dates, booleans and blanks as headers', () => {
    const { mapping } = recogniseHeaders([2013, { date: '2013-10-31' }, true, null, '  Surname ']);
    expect(mapping).toEqual([
      { column: 0, header: '', field: null, confidence: 0 },
      { column: 1, header: '', field: null, confidence: 0 },
      { column: 2, header: '', field: null, confidence: 0 },
      { column: 3, header: '', field: null, confidence: 0 },
      { column: 4, header: 'Surname', field: 'surname', confidence: 1 },
    ]);
  });
});

describe('findHeaderRow', () => {
  const dataRow: RawCell[] = [
    'Alpha', 'Testperson', { date: '1990-01-01' }, 23, '11/1234H', '1 Example Road', 'Barnet',
    { date: '2013-09-01' }, 12, 5, 9, '12/03/2013 Burglary - Residential', 'Y', null, null, null, null,
    null, null, null, 1,
  ];

  it('skips a title row and blank rows above the header', () => {
    const rows: RawCell[][] = [
      ['RESTRICTED - IOM potential candidate list'],
      [],
      [null, null],
      ['Prepared by the Community Safety Team, November 2013'],
      SEED_HEADERS,
      dataRow,
      ['Total', null, null, null, null, null, null, null, 973],
    ];
    const found = findHeaderRow(rows);
    expect(found).toMatchObject({ rowIndex: 4, score: 21 });
    // 19 known wordings at 1, the two long address headers by keyword (0.85 and 0.9).
    expect(found?.confidence).toBeCloseTo(20.75, 10);
  });

  it('prefers the row mapping the most fields', () => {
    const rows: RawCell[][] = [
      ['PNC', 'Notes'],
      ['Surname', 'First name', 'DOB', 'PNC'],
    ];
    expect(findHeaderRow(rows)).toMatchObject({ rowIndex: 1, score: 4 });
  });

  it('accepts a one-column list headed with a known wording', () => {
    expect(findHeaderRow([['DTOA list November 2013'], [], ['PNC ID'], ['11/1234H']])).toEqual({
      rowIndex: 2,
      score: 1,
      confidence: 1,
    });
  });

  it('does not accept a single uncertain hit', () => {
    expect(findHeaderRow([['IOM cohort expansion - YOS referrals'], ['11/1234H']])).toBeNull();
  });

  it('only scans maxScan rows', () => {
    const rows: RawCell[][] = [...Array.from({ length: 5 }, () => [] as RawCell[]), ['Surname', 'DOB']];
    expect(findHeaderRow(rows, 5)).toBeNull();
    expect(findHeaderRow(rows, 6)).toMatchObject({ rowIndex: 5 });
    expect(findHeaderRow([])).toBeNull();
  });

  it('returns the earliest of equally good rows', () => {
    expect(findHeaderRow([['Surname', 'DOB'], ['Surname', 'DOB']])).toMatchObject({ rowIndex: 0 });
  });
});

describe('mappingSignature', () => {
  it('ignores case, punctuation and trailing blank columns', () => {
    const a = mappingSignature(['First Name(s)', 'Surname', 'D.O.B.', '', null]);
    const b = mappingSignature(['first names', ' SURNAME ', 'dob']);
    expect(a).toBe(b);
    expect(a).toBe('v1:3:first names|surname|dob');
  });

  it('changes when the order or wording changes', () => {
    const base = mappingSignature(['Surname', 'DOB']);
    expect(mappingSignature(['DOB', 'Surname'])).not.toBe(base);
    expect(mappingSignature(['Surname', 'Date of birth'])).not.toBe(base);
    expect(mappingSignature(['Surname', '', 'DOB'])).toBe('v1:3:surname||dob');
  });
});

describe('required fields', () => {
  const mapped = (...fields: CanonicalField[]) => fields.map((field) => ({ field }));
  const labels = (kind: Parameters<typeof missingRequiredFields>[0], fields: CanonicalField[]) =>
    missingRequiredFields(kind, mapped(...fields)).map((r) => r.label);

  it('candidates need a name and a PNC or DOB', () => {
    expect(labels('candidates', ['surname', 'pnc'])).toEqual([]);
    expect(labels('candidates', ['fullName', 'dob'])).toEqual([]);
    expect(labels('candidates', ['firstNames', 'pnc'])).toEqual(['a name (Surname or Name)']);
    expect(labels('candidates', ['surname'])).toEqual(['PNC or date of birth']);
    expect(labels('candidates', [])).toHaveLength(2);
  });

  it('arrests need date, offence and a way to identify the person', () => {
    expect(labels('arrests', ['arrestDate', 'offence', 'pnc'])).toEqual([]);
    expect(labels('arrests', ['arrestDate', 'offence', 'surname', 'dob'])).toEqual([]);
    expect(labels('arrests', ['arrestDate', 'offence', 'surname'])).toEqual(['PNC, or a name with a date of birth']);
    expect(labels('arrests', ['pnc'])).toEqual(['arrest date', 'offence']);
  });

  it('lists need a PNC or a name with DOB', () => {
    expect(labels('list', ['pnc'])).toEqual([]);
    expect(labels('list', ['fullName', 'dob'])).toEqual([]);
    expect(labels('list', ['dob'])).toEqual(['PNC, or a name with a date of birth']);
  });

  it('PINS checks need an identity and a result or custody status', () => {
    expect(labels('pins', ['pnc', 'custody'])).toEqual([]);
    expect(labels('pins', ['surname', 'dob', 'pinsResult'])).toEqual([]);
    expect(labels('pins', ['pnc'])).toEqual(['PINS result or custody status']);
  });

  it('agency returns need the row reference and comments', () => {
    expect(labels('agencyReturn', ['rowRef', 'comments'])).toEqual([]);
    expect(labels('agencyReturn', ['rowRef', 'pnc'])).toEqual(['comments']);
    expect(requiredFieldsFor('agencyReturn').map((r) => r.anyOf)).toEqual([[['rowRef']], [['comments']]]);
  });

  it('ignores unmapped columns', () => {
    expect(missingRequiredFields('list', [{ field: null }, { field: 'pnc' }])).toEqual([]);
  });

  it('works from a recognised mapping', () => {
    const { mapping } = recogniseHeaders(SEED_HEADERS);
    expect(missingRequiredFields('candidates', mapping)).toEqual([]);
    expect(missingRequiredFields('agencyReturn', mapping).map((r) => r.label)).toEqual(['row reference', 'comments']);
  });
});
