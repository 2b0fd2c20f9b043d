import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../shared/domain/chartCsv';

describe('a chart’s numbers as CSV', () => {
  it('keeps numbers as numbers (negative ones too) and neutralises text a spreadsheet would run', () => {
    expect(csvCell(-12)).toBe('-12');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('-12')).toBe("'-12");
    expect(csvCell('Cohort, matched')).toBe('"Cohort, matched"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
  });

  it('puts the marking on the first line, then the header and rows, with CRLF endings', () => {
    expect(toCsv({ header: ['month', 'index'], rows: [[-1, 120.5], [0, 100]] }, 'OFFICIAL-SENSITIVE')).toBe('OFFICIAL-SENSITIVE\r\nmonth,index\r\n-1,120.5\r\n0,100\r\n');
  });
});
