import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatMoney, formatNumber, formatPercent, formatRange } from '../../shared/domain/numberFormat';
import { formatNumber as formatReportNumber, formatRange as formatReportRange } from '../../shared/report/reportFormat';

describe('number formatting shared by the screens and the report', () => {
  it('rounds as the seed report does, to one decimal on screen', () => {
    expect(formatNumber(2432.5)).toBe('2,432.5');
    expect(formatNumber(92.74277492)).toBe('92.7');
    expect(formatNumber(-0.0001)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('–');
    expect(formatCount(23300)).toBe('23,300');
    expect(formatPercent(884 / 23300)).toBe('3.8%');
    expect(formatMoney(549964.6553)).toBe('£549,965');
    expect(formatMoney(Number.POSITIVE_INFINITY)).toBe('–');
    expect(formatRange(729.84, 1046.2)).toBe('729.8–1,046.2');
    expect(formatRange(0.3, 0.43, (v) => formatPercent(v))).toBe('30%–43%');
  });

  it('prints rates to two decimals in the report by default, the same figures otherwise', () => {
    expect(formatReportNumber(92.74277492)).toBe('92.74');
    expect(formatReportNumber(92.74277492, 1)).toBe(formatNumber(92.74277492));
    expect(formatReportRange(729.844, 1046.2)).toBe('729.84–1,046.2');
  });

  it('gives a file size in bytes, KB or MB, 1,024-based, to one decimal, for the CLI and the screens alike', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1,023 bytes');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1,024 KB');
    expect(formatBytes(5 * 1024 * 1024 + 300 * 1024)).toBe('5.3 MB');
    expect(formatBytes(1234 * 1024 * 1024)).toBe('1,234 MB');
  });
});
