import { describe, expect, it } from 'vitest';
import { formatDisplayDate, formatDisplayDateRange, formatDisplayMonth, formatUkNumericDate, readTypedDate } from '../../shared/domain/dateDisplay';
import { describeWindow } from '../../shared/domain/analysisModel';

describe('dates as analysts read and type them', () => {
  it('shows one form, "31 Oct 2013", read from the text so no time zone moves it', () => {
    expect(formatDisplayDate('2013-10-31')).toBe('31 Oct 2013');
    expect(formatDisplayDate('2026-12-06')).toBe('6 Dec 2026');
    expect(formatDisplayDate(null)).toBe('—');
    expect(formatDisplayDate('not a date')).toBe('not a date');
    expect(formatDisplayMonth('2013-10')).toBe('Oct 2013');
    expect(formatDisplayDateRange('2011-11-01', '2013-10-31')).toBe('1 Nov 2011 to 31 Oct 2013');
    expect(describeWindow({ referenceDate: '2013-10-31', windowMonths: 24 })).toBe('1 Nov 2011 to 31 Oct 2013 (24 months)');
  });

  it('the date field shows dd/mm/yyyy', () => {
    expect(formatUkNumericDate('2026-12-06')).toBe('06/12/2026');
    expect(formatUkNumericDate('0999-01-02')).toBe('02/01/0999');
  });

  it('reads what is typed day first, never month first', () => {
    expect(readTypedDate('06/12/2026')).toEqual({ kind: 'date', iso: '2026-12-06' });
    expect(readTypedDate(' 6/12/2026 ')).toEqual({ kind: 'date', iso: '2026-12-06' });
    expect(readTypedDate('31-10-13')).toEqual({ kind: 'date', iso: '2013-10-31' });
    expect(readTypedDate('31.10.2013')).toEqual({ kind: 'date', iso: '2013-10-31' });
    expect(readTypedDate('31 Oct 2013')).toEqual({ kind: 'date', iso: '2013-10-31' });
    expect(readTypedDate('2013-10-31')).toEqual({ kind: 'date', iso: '2013-10-31' });
    expect(readTypedDate('')).toEqual({ kind: 'empty' });
    const us = readTypedDate('10/31/2013');
    expect(us.kind).toBe('invalid');
    expect(us.kind === 'invalid' && us.reason).toContain('day-first');
    const unreal = readTypedDate('31/02/2013');
    expect(unreal.kind === 'invalid' && unreal.reason).toContain('February 2013 has 28 days');
    const text = readTypedDate('next week');
    expect(text).toEqual({ kind: 'invalid', reason: '"next week" is not a date: type it as dd/mm/yyyy.' });
  });
});
