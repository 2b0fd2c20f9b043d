import { describe, expect, it } from 'vitest';
import { rowAccount, rowAccountText, type RowCounts } from '../../shared/import/importRowAccount';
import { unmappedColumnMessages, unmappedColumnsOf } from '../../shared/import/unmappedColumns';

const LIST: RowCounts = { kind: 'list:dtoa', rowsRead: 12, rowsImported: 7, rowsLinked: 7, rowsRejected: 1, rowsSkipped: 2, rowsUnmatched: 2, peopleCreated: 0, reviewsQueued: 1 };

describe('the row account', () => {
  it('adds every row read to exactly one outcome, each with what its rows are', () => {
    const account = rowAccount(LIST);
    expect(account.balanced).toBe(true);
    expect(account.lines.map((l) => [l.key, l.count])).toEqual([['rowsImported', 7], ['rowsRejected', 1], ['rowsSkipped', 2], ['rowsUnmatched', 2]]);
    expect(account.lines.find((l) => l.key === 'rowsUnmatched')?.explanation).toMatch(/1 of them close to someone, waiting under Link reviews/);
    expect(rowAccountText(LIST)[0]).toBe('12 rows read = 7 imported + 1 rejected + 2 skipped + 2 unmatched.');
  });

  it('says so when a record does not add up', () => {
    const broken = { ...LIST, rowsRead: 13 };
    expect(rowAccount(broken).balanced).toBe(false);
    expect(rowAccountText(broken)[0]).toMatch(/do not add up/);
  });

  it('counts a long-list row kept as a new person while it waits for review as imported', () => {
    const text = rowAccountText({ kind: 'candidates', rowsRead: 3, rowsImported: 3, rowsLinked: 0, rowsRejected: 0, rowsSkipped: 0, rowsUnmatched: 0, peopleCreated: 3, reviewsQueued: 1 });
    expect(text[1]).toMatch(/3 people added, of whom 1 may be someone already there and waits for review/);
  });
});

describe('columns left out of an import', () => {
  const columns = [
    { column: 0, header: 'Surname', field: 'surname' as const },
    { column: 1, header: 'Gang name', field: 'fullName' as const },
    { column: 2, header: 'Offence', field: 'offence' as const },
    { column: 3, header: 'Seen on', field: null },
    { column: 4, header: '', field: null },
    { column: 5, header: 'Borough', field: 'borough' as const },
  ];
  const holds = [null, null, null, 'date' as const, null, null];

  it('names every unmapped column and every mapped one this kind does not read', () => {
    const list = unmappedColumnsOf('list:gangHigh', columns, holds, (c) => c !== 4);
    expect(list.map((c) => c.header)).toEqual(['Gang name', 'Seen on', 'Borough']);
    // Arrests extracts take the borough; the long list takes everything but a second name column.
    expect(unmappedColumnsOf('arrests', columns, holds).map((c) => c.column)).toEqual([1, 3, 4]);
    expect(unmappedColumnsOf('candidates', columns, holds, () => false).map((c) => c.header)).toEqual(['Gang name', 'Seen on']);
  });

  it('warns about a left-out column whose cells look like data the app uses', () => {
    const messages = unmappedColumnMessages(unmappedColumnsOf('list:gangHigh', columns, holds, () => false));
    expect(messages[0]).toBe('3 columns were not imported: "Gang name" (B), "Seen on" (D), "Borough" (F).');
    expect(messages.slice(1)).toEqual([expect.stringMatching(/^Warning: "Seen on" \(D\) holds dates but is not mapped to any field; .*--map "Seen on=FIELD"/)]);
  });
});
