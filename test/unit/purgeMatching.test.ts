import { describe, expect, it } from 'vitest';
import { PurgeTargets, pncNumbersIn, type MappedColumn } from '../../shared/maintenance/purgeMatching';

const person = { pnc: '2008/0412345X', surname: "O'Brien-Smythe", forenames: 'Zebediah John', dob: '1990-03-14' };
const targets = new PurgeTargets([person], 2026);
const mapping: MappedColumn[] = [
  { column: 0, field: 'surname' },
  { column: 1, field: 'firstNames' },
  { column: 2, field: 'dob' },
  { column: 3, field: 'pnc' },
  { column: 4, field: null },
];

describe('which set-aside rows name a purged person', () => {
  it('reads PNC numbers in either form, ignoring the check letter a typist may have got wrong', () => {
    expect(pncNumbersIn('08/412345X')).toEqual(['2008/412345']);
    expect(pncNumbersIn('see 2008/0412345Q and 11/99A')).toEqual(['2008/412345', '2011/99']);
    expect(pncNumbersIn('12/03/1990')).toEqual([]);
  });

  it('matches a row by a PNC in any cell, even an unmapped one', () => {
    expect(targets.matchesRawRow(['', '', '', '', 'was 08/412345A on the old list'], mapping)).toBe(true);
    expect(targets.matchesRawRow(['Other', 'Person', '', '2008/0412346X', ''], mapping)).toBe(false);
  });

  it('matches by surname and first forename when the date of birth agrees or cannot be read', () => {
    expect(targets.matchesRawRow(['OBRIEN-SMYTHE', 'Zebediah', '14/03/1990', '', ''], mapping)).toBe(true);
    expect(targets.matchesRawRow(["O'Brien-Smythe", 'Zebediah', '31/02/1990', '', ''], mapping)).toBe(true);
    expect(targets.matchesRawRow(["O'Brien-Smythe", 'Zebediah', '', '', ''], mapping)).toBe(true);
    expect(targets.matchesRawRow(["O'Brien-Smythe", 'Zebediah', '15/03/1990', '', ''], mapping)).toBe(false);
    expect(targets.matchesRawRow(["O'Brien-Smythe", 'Casey', '14/03/1990', '', ''], mapping)).toBe(false);
  });

  it('reads a single name column the way the import does', () => {
    const fullName: MappedColumn[] = [{ column: 0, field: 'fullName' }, { column: 1, field: 'dob' }];
    expect(targets.matchesRawRow(["O'BRIEN-SMYTHE, Zebediah", '14/03/1990'], fullName)).toBe(true);
    expect(targets.matchesRawRow(['Zebediah Jones', '14/03/1990'], fullName)).toBe(false);
  });

  it('matches a queued review record by its identity', () => {
    expect(targets.matchesIdentity({ pnc: null, surname: "o'brien-smythe", forenames: 'zebediah', dob: null })).toBe(true);
    expect(targets.matchesIdentity({ pnc: '2008/0412345X', surname: null, forenames: null, dob: null })).toBe(true);
    expect(targets.matchesIdentity({ pnc: null, surname: 'Smythe', forenames: 'Zebediah', dob: '1990-03-14' })).toBe(false);
  });

  it('matches nothing when the person had neither PNC nor a full name', () => {
    const empty = new PurgeTargets([{ pnc: null, surname: 'Solo', forenames: null, dob: null }]);
    expect(empty.empty).toBe(true);
    expect(empty.matchesRawRow(['Solo', '', '', '', ''], mapping)).toBe(false);
  });
});
