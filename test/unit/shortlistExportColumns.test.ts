import { describe, expect, it } from 'vitest';
import { CRIME_TYPE_IDS, type CrimeTypeId } from '../../shared/domain/crimeTypes';
import { DEFAULT_SHORTLIST_COLUMNS, SHORTLIST_COLUMN_IDS, SHORTLIST_COLUMNS, orderShortlistColumns, parseShortlistColumns, shortlistTable, type ShortlistExportPerson } from '../../shared/exports/shortlistExport';

function person(patch: Partial<ShortlistExportPerson> = {}): ShortlistExportPerson {
  const byType = Object.fromEntries(CRIME_TYPE_IDS.map((id) => [id, 0])) as Record<CrimeTypeId, number>;
  return {
    position: 1,
    ref: 'R1',
    surname: 'Smith',
    forenames: 'Jo',
    dob: '1990-02-03',
    age: 23,
    pnc: '1990/0000001A',
    gender: 'M',
    ethnicity: null,
    address: '1 Road',
    addressDate: null,
    borough: 'Barnet',
    flags: ['dtoa', 'female'],
    priorityGroups: ['dtoa'],
    arrestsInWindow: 3,
    arrestsByCrimeType: { ...byType, robbery: 2, drugs: 1 },
    listArrestsLast10: null,
    listArrestsLast22: null,
    listArrests: [],
    custody: 'not_in_custody',
    ogrsScore: 71.5,
    statutory: true,
    selectionReason: 'priority group: DTOA',
    panel: null,
    ...patch,
  };
}

describe('the shortlist column catalogue', () => {
  it('labels every column and offers a default of known ids', () => {
    for (const id of SHORTLIST_COLUMN_IDS) expect(SHORTLIST_COLUMNS[id].label.length).toBeGreaterThan(0);
    for (const id of DEFAULT_SHORTLIST_COLUMNS) expect(SHORTLIST_COLUMN_IDS).toContain(id);
  });

  it('reads --columns in catalogue order, each once, and names unknown ids', () => {
    expect(parseShortlistColumns('pnc, surname,pnc')).toEqual({ ok: true, columns: ['surname', 'pnc'] });
    const bad = parseShortlistColumns('surname,shoeSize');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^Unknown column "shoeSize"\. Columns: position, ref,/);
    expect(parseShortlistColumns(' , ').ok).toBe(false);
    expect(orderShortlistColumns(['statutory', 'position'])).toEqual(['position', 'statutory']);
  });
});

describe('shortlistTable', () => {
  it('keeps numbers as numbers, text as text, and empty as null', () => {
    const table = shortlistTable([person()], ['surname', 'age', 'ethnicity', 'ogrsScore', 'statutory', 'flags', 'priorityGroups', 'custody']);
    // Catalogue order, not the order asked for.
    expect(table.header).toEqual(['Surname', 'Age', 'Ethnicity', 'Flags', 'Priority groups', 'Custody', 'OGRS score', 'Statutory']);
    expect(table.rows).toEqual([['Smith', 23, null, 'DTOA, Female', 'DTOA', 'Not in custody', 71.5, 'Yes']]);
  });

  it('expands arrests by crime type into one column per type', () => {
    const table = shortlistTable([person()], ['arrestsByCrimeType']);
    expect(table.header).toHaveLength(CRIME_TYPE_IDS.length);
    expect(table.header[CRIME_TYPE_IDS.indexOf('robbery')]).toBe('Arrests: Robbery (personal property)');
    expect(table.rows[0]![CRIME_TYPE_IDS.indexOf('robbery')]).toBe(2);
    expect(table.rows[0]![CRIME_TYPE_IDS.indexOf('drugs')]).toBe(1);
  });

  it('fills the panel columns from the decision, and leaves them empty without one', () => {
    const columns = ['panelDecision', 'panelReason', 'panelNote', 'panelDecidedBy', 'panelDecidedAt'] as const;
    expect(shortlistTable([person()], columns).rows[0]).toEqual([null, null, null, null, null]);
    const decided = person({ panel: { decision: 'reject', reason: 'in_custody', note: 'Remanded', decidedBy: 'Chair', decidedAt: '2013-11-20T10:00:00Z' } });
    expect(shortlistTable([decided], columns).rows[0]).toEqual(['Reject', 'In custody', 'Remanded', 'Chair', '2013-11-20T10:00:00Z']);
    expect(shortlistTable([person({ statutory: null })], ['statutory']).rows[0]).toEqual([null]);
    expect(shortlistTable([person({ statutory: false })], ['statutory']).rows[0]).toEqual(['No']);
  });

  it('carries the long list’s own columns: arrests in the last 10 and 22 months, the arrest details and the address date', () => {
    const columns = ['address', 'addressDate', 'listArrestsLast10', 'listArrestsLast22', 'listArrestDetails'] as const;
    const listed = person({
      addressDate: '2013-08-01',
      listArrestsLast10: 2,
      listArrestsLast22: 5,
      listArrests: [
        { date: '2012-03-04', offence: 'Burglary - Residential' },
        { date: '2013-06-30', offence: '' },
      ],
    });
    const table = shortlistTable([listed], columns);
    expect(table.header).toEqual(['Address', 'Address date', 'Arrests in last 10 months (list)', 'Arrests in last 22 months (list)', 'Arrest details (list)']);
    expect(table.rows[0]).toEqual(['1 Road', '2013-08-01', 2, 5, '2012-03-04 Burglary - Residential; 2013-06-30']);
    // Without a candidate list's figures the cells stay empty, never 0.
    expect(shortlistTable([person()], columns).rows[0]).toEqual(['1 Road', null, null, null, null]);
    expect(parseShortlistColumns('listArrestDetails,listArrestsLast10')).toEqual({ ok: true, columns: ['listArrestsLast10', 'listArrestDetails'] });
  });
});
