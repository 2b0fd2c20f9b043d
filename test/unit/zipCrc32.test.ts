import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Fallback } from '../../electron/import/readers/zipGuard';
import { mulberry32 } from '../../shared/domain/seededRandom';

/** The zip guard checks every entry's CRC-32 with zlib's where Node has it, with its own table otherwise. */
describe('zip CRC-32', () => {
  it('gives the standard check value, in one go or continued chunk by chunk', () => {
    const bytes = Buffer.from('123456789', 'latin1');
    expect(crc32Fallback(bytes)).toBe(0xcbf43926);
    expect(crc32Fallback(bytes.subarray(4), crc32Fallback(bytes.subarray(0, 4)))).toBe(0xcbf43926);
    expect(crc32(bytes)).toBe(0xcbf43926);
    expect(crc32Fallback(new Uint8Array(0))).toBe(0);
  });

  it('the fallback agrees with zlib on random bytes', () => {
    const native = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
    if (!native) return expect(crc32).toBe(crc32Fallback);
    const rng = mulberry32(19);
    for (const length of [1, 7, 255, 4096]) {
      const bytes = Uint8Array.from({ length }, () => Math.floor(rng() * 256));
      expect(crc32Fallback(bytes)).toBe(native(bytes));
    }
  });
});
