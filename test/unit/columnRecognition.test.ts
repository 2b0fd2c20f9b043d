import { describe, expect, it } from 'vitest';
import type { RawCell, RawRow } from '../../shared/domain/rawCell';
import { columnContentOf, serialNumberOf } from '../../shared/import/columnContent';
import { CONTENT_CONFIDENCE, recogniseColumns } from '../../shared/import/columnRecognition';
import { findHeaderRow, headerCellsOf, looksLikeSentence, recogniseHeader } from '../../shared/import/headerRecognition';
import { interpretRow } from '../../shared/import/importRowInterpretation';
import { makeSyntheticPnc } from '../../shared/workspace/syntheticCohort';

const PNC_A = makeSyntheticPnc(1991, 100511);
const PNC_B = makeSyntheticPnc(2003, 4417);
const PNC_C = makeSyntheticPnc(1988, 77);

describe('what a column holds, from its cells', () => {
  it('knows valid PNCs in either form, and not PNC-shaped text with a wrong check letter', () => {
    expect(columnContentOf([PNC_A.short, PNC_B.long, PNC_C.short, null])).toBe('pnc');
    const wrong = PNC_A.short.slice(0, -1) + (PNC_A.checkLetter === 'A' ? 'B' : 'A');
    expect(columnContentOf([wrong, wrong, PNC_B.short])).not.toBe('pnc');
  });

  it('knows dated offence lines as arrests, and a plain date column as dates', () => {
    expect(columnContentOf(['05-Nov-12: Burglary (dwelling)\n17-Mar-13: Theft from person', '02-Jan-13: Robbery', null])).toBe('arrestDetails');
    expect(columnContentOf(['05/11/2012', '17.03.2013', { date: '2013-01-02' }])).toBe('date');
  });

  it('knows Excel serials of plausible birth dates, as numbers or as five digits of CSV text', () => {
    expect(columnContentOf([33512, 31291, 28051])).toBe('serialDate');
    expect(columnContentOf(['33512', '31291', '28051'])).toBe('serialDate');
    expect(serialNumberOf('1990')).toBeNull();
    expect(serialNumberOf(12.5)).toBeNull();
    expect(serialNumberOf('33512')).toBe(33512);
  });

  it('knows yes/no marks only when at least one says yes', () => {
    expect(columnContentOf(['Y', null, 'N', 'x'])).toBe('flag');
    expect(columnContentOf(['N', 'N', 'no'])).toBeNull();
  });

  it('says nothing of a mixed column or of one filled cell', () => {
    expect(columnContentOf(['Officer 1', 'Officer 2', '05/11/2012'])).toBeNull();
    expect(columnContentOf([PNC_A.short, null, null])).toBeNull();
  });
});

describe('columns recognised by header and cells together', () => {
  const header = ['Surname', 'Forename(s)', 'DOB', 'Nominal ID', 'Offence history', 'Offence', 'PNC', 'Previous'];
  const rows: RawRow[] = [
    ['Testperson', 'Alpha', '01/02/1990', PNC_A.short, '05-Nov-12: Burglary (dwelling)', 'Burglary', PNC_A.long, '05-Nov-12 Theft; 06-Dec-12 Robbery'],
    ['Example', 'Beta', '03/04/1985', PNC_B.long, '17-Mar-13: Theft from person\n02-Jan-13: Robbery', 'Theft', PNC_B.short, '01-Jan-13 Criminal damage'],
    ['Sample', 'Gamma', '05/06/1979', PNC_C.short, '02-Jan-13: Robbery', 'Robbery', PNC_C.long, '02-Feb-13 Assault'],
  ];

  it('reads "Offence history" as arrest details from its words alone', () => {
    expect(recogniseHeader('Offence history')).toMatchObject({ field: 'arrestDetails' });
    expect(recogniseHeader('Offending record')).toMatchObject({ field: 'arrestDetails' });
    expect(recogniseHeader('Previous arrests')).toMatchObject({ field: 'arrestDetails' });
  });

  it('maps a column of dated offence lines as arrest details whatever its header, and one of PNCs as the PNC only when the header says nothing surer', () => {
    const { mapping, holds, duplicates } = recogniseColumns(header, rows);
    expect(holds).toEqual([null, null, 'date', 'pnc', 'arrestDetails', null, 'pnc', 'arrestDetails']);
    const byHeader = new Map(mapping.map((m) => [m.header, m]));
    // "PNC" (certain) keeps the field; "Nominal ID", which also holds PNCs, is reported, not used.
    expect(byHeader.get('PNC')).toMatchObject({ field: 'pnc', confidence: 1 });
    expect(byHeader.get('Nominal ID')?.field).toBeNull();
    expect(duplicates).toContainEqual(expect.objectContaining({ header: 'Nominal ID', field: 'pnc' }));
    // Two columns of arrest lines: the one whose header says so keeps the field.
    expect(byHeader.get('Offence history')?.field).toBe('arrestDetails');
    expect(byHeader.get('Previous')?.field).toBeNull();
    expect(byHeader.get('Offence')).toMatchObject({ field: 'offence', confidence: 1 });
  });

  it('maps valid PNCs under a header nothing recognises as the PNC, with a confidence that asks for a check', () => {
    const { mapping } = recogniseColumns(['Surname', 'DOB', 'Nominal ID'], rows.map((r) => [r[0]!, r[2]!, r[3]!]));
    expect(mapping[2]).toMatchObject({ field: 'pnc', confidence: CONTENT_CONFIDENCE });
  });

  it('lists a column that has data but no header, so it can be named', () => {
    const { mapping, holds } = recogniseColumns(['Surname', 'DOB'], [['A', '01/01/1990', 'Y'], ['B', '02/02/1991', 'x']]);
    expect(mapping).toHaveLength(3);
    expect(mapping[2]).toMatchObject({ header: '', field: null });
    expect(holds[2]).toBe('flag');
  });
});

describe('two-row headers and prose', () => {
  it('completes the header row from the row above where a title is merged down over both', () => {
    const rows: RawCell[][] = [
      ['PNC', 'Name', null, 'Date of birth', 'Flags', null, null],
      [null, 'Surname', 'Forename', null, 'DTOA', 'Gangs (high)', 'Repeat DV'],
      [PNC_A.long, 'Testperson', 'Alpha', '01/02/1990', 'Y', null, null],
    ];
    const found = findHeaderRow(rows);
    expect(found?.rowIndex).toBe(1);
    const cells = headerCellsOf(rows, 1);
    expect(cells).toEqual(['PNC', 'Surname', 'Forename', 'Date of birth', 'DTOA', 'Gangs (high)', 'Repeat DV']);
  });

  it('never takes a one-cell title above the header for a column heading', () => {
    const rows: RawCell[][] = [['RESTRICTED - IOM potential candidate list'], [null, 'Surname', 'DOB']];
    expect(headerCellsOf(rows, 1)).toEqual([null, 'Surname', 'DOB']);
  });

  it('does not take a line of prose for a header row, though its comma-separated pieces name fields', () => {
    const rows: RawCell[][] = [['Names', 'dates of birth and police numbers are deliberately not part of this note.']];
    expect(looksLikeSentence('dates of birth and police numbers are deliberately not part of this note.')).toBe(true);
    expect(looksLikeSentence('On top repeat Domestic Violence list?')).toBe(false);
    expect(looksLikeSentence('Address borough (based on most recent crime report record in police CRIS system)')).toBe(false);
    expect(findHeaderRow(rows)).toBeNull();
  });
});

describe('serial dates of birth in a CSV', () => {
  it('reads five digits in the date-of-birth column as the Excel date they are', () => {
    const result = interpretRow(['Testperson', '33512'], { surname: 0, dob: 1 });
    expect(result.ok && result.row.identity.dob).toBe('1991-10-01');
    const year = interpretRow(['Testperson', '1990'], { surname: 0, dob: 1 });
    expect(year.ok).toBe(false);
  });
});
