/**
 * The importer's rule for which value a person keeps, as a link merge uses it
 * (electron/import/personFieldRule.ts): identity only filled in, any other field from the newest
 * list (then its later row), a field no list gave kept unless the kept person has none.
 */
import { describe, expect, it } from 'vitest';
import { fieldsListSets, mergedPersonChanges, type FieldSourceStamp, type PersonValues } from '../../electron/import/personFieldRule';

const EMPTY: PersonValues = { pnc: null, surname: null, forenames: null, dob: null, gender: null, ethnicity: null, address: null, custody: 'unknown', ogrs_score: null };

function stamp(owner: FieldSourceStamp['owner'], field: string, importId: number, rowNumber = 2): FieldSourceStamp {
  return { owner, field, importId, rowNumber };
}

describe('mergedPersonChanges', () => {
  it('fills identity the kept person lacks and never replaces what it has', () => {
    const kept = { ...EMPTY, pnc: null, surname: 'Smith', forenames: 'John', dob: '1980-02-01' };
    const removed = { ...EMPTY, pnc: '1998/0123456G', surname: 'Smyth', forenames: 'J', dob: '1980-02-01' };
    // Even a newer list's identity does not replace the kept person's.
    expect(mergedPersonChanges(kept, removed, [stamp('removed', 'surname', 9)])).toEqual({ pnc: '1998/0123456G' });
  });

  it('takes each field from whichever person holds the newest list’s value, then the later row', () => {
    const kept = { ...EMPTY, gender: 'female', ethnicity: 'W1', address: '1 Old Road' };
    const removed = { ...EMPTY, gender: 'male', ethnicity: 'B1', address: '2 New Street' };
    const sources = [stamp('kept', 'gender', 5), stamp('removed', 'gender', 4), stamp('kept', 'ethnicity', 3), stamp('removed', 'ethnicity', 4), stamp('kept', 'address', 4, 10), stamp('removed', 'address', 4, 11)];
    expect(mergedPersonChanges(kept, removed, sources)).toEqual({ ethnicity: 'B1', address: '2 New Street' });
  });

  it('keeps a field no list gave, unless the kept person has none (custody "unknown" counts as none)', () => {
    const kept = { ...EMPTY, gender: 'female', custody: 'unknown' };
    const removed = { ...EMPTY, gender: 'male', custody: 'in_custody', ogrs_score: 62 };
    expect(mergedPersonChanges(kept, removed, [])).toEqual({ custody: 'in_custody', ogrs_score: 62 });
  });

  it('changes nothing when the removed person adds nothing', () => {
    const kept = { ...EMPTY, surname: 'Smith', gender: 'male' };
    expect(mergedPersonChanges(kept, { ...EMPTY, surname: 'Smith' }, [stamp('kept', 'gender', 1)])).toEqual({});
  });
});

describe('fieldsListSets', () => {
  it('gives a flag list its score, gender and ethnicity only, and a candidate, PINS or cohort list every field', () => {
    const fields = { ogrsScore: 71, gender: 'M' as const, ethnicity: 'B1', address: '2 New Street', custody: 'in_custody' as const };
    expect(fieldsListSets('list:dtoa', fields)).toEqual({ ogrsScore: 71, gender: 'M', ethnicity: 'B1' });
    for (const kind of ['candidates', 'pins', 'cohort'] as const) expect(fieldsListSets(kind, fields)).toEqual(fields);
  });
});
