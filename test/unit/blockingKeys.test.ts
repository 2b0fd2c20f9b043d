import { describe, expect, it } from 'vitest';
import { Blocks, KEY_DOB, KEY_EXACT, KeyTable } from '../../electron/import/blockingKeys';

/** The people under a key in order, as [index, date of birth] pairs. */
function under(blocks: Blocks, key: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const start = blocks.start(key);
  if (start !== -1) for (let at = start; at < blocks.end(key); at += 2) out.push([blocks.arena[at]!, blocks.arena[at + 1]!]);
  return out;
}

describe('the registry\'s blocking keys', () => {
  it('numbers each distinct key once and finds only keys it numbered', () => {
    const table = new KeyTable();
    const ids = Array.from({ length: 5_000 }, (_, n) => table.idOf(KEY_DOB, 19_900_101 + n, 0, 0));
    expect(new Set(ids).size).toBe(5_000);
    expect(table.idOf(KEY_DOB, 19_900_101 + 42, 0, 0)).toBe(ids[42]);
    expect(table.find(KEY_EXACT, 19_900_101 + 42, 0, 0)).toBe(-1);
    expect(table.find(KEY_DOB, 1, 0, 0)).toBe(-1);
  });

  it('keeps each block in filing order, once per person, through removals and refiling', () => {
    const blocks = new Blocks(200);
    const saturated = new Set<number>();
    for (const [index, dob] of [[0, 19_900_101], [1, -1], [2, 19_850_505], [3, 19_900_101]] as const) blocks.file(7, index, dob, false, saturated);
    blocks.file(7, 3, 19_900_101, false, saturated);
    expect(under(blocks, 7)).toEqual([[0, 19_900_101], [1, -1], [2, 19_850_505], [3, 19_900_101]]);
    blocks.remove(7, 1);
    blocks.remove(7, 3);
    expect(under(blocks, 7)).toEqual([[0, 19_900_101], [2, 19_850_505]]);
    // Refiled after an update: found under the key already, not filed twice; a new one goes last.
    blocks.file(7, 0, 19_900_101, true, saturated);
    blocks.file(7, 9, 20_000_101, true, saturated);
    expect(under(blocks, 7)).toEqual([[0, 19_900_101], [2, 19_850_505], [9, 20_000_101]]);
    expect(blocks.start(8)).toBe(-1);
    expect(blocks.start(1_000_000)).toBe(-1);
    expect(blocks.size).toBe(1);
    expect(saturated.size).toBe(0);
  });

  it('tells the sole person of a block, and none when the block holds more or was emptied', () => {
    const blocks = new Blocks(200);
    const saturated = new Set<number>();
    blocks.file(3, 5, 19_900_101, false, saturated);
    expect(blocks.single(3)).toBe(5);
    blocks.file(3, 6, 19_900_101, false, saturated);
    expect(blocks.single(3)).toBe(-1);
    blocks.remove(3, 5);
    expect(blocks.single(3)).toBe(6);
    blocks.remove(3, 6);
    expect(blocks.single(3)).toBe(-1);
    expect(under(blocks, 3)).toEqual([]);
    // An emptied block takes people again, in the stretch it had.
    blocks.file(3, 7, 19_900_101, false, saturated);
    expect(under(blocks, 3)).toEqual([[7, 19_900_101]]);
  });

  it('stops a block at its limit: never searched again, even once people are taken out', () => {
    const blocks = new Blocks(3);
    const saturated = new Set<number>();
    for (let index = 0; index < 3; index++) blocks.file(11, index, -1, false, saturated);
    expect(blocks.start(11)).toBe(-1);
    expect(saturated.size).toBe(0);
    blocks.file(11, 3, -1, false, saturated);
    expect([...saturated]).toEqual([11]);
    blocks.remove(11, 0);
    expect(blocks.start(11)).toBe(-1);
    expect(blocks.single(11)).toBe(-1);
    blocks.refile(12, saturated);
    expect([...saturated]).toEqual([11]);
  });

  it('holds a hundred thousand people under many keys as they are filed', () => {
    const blocks = new Blocks(200);
    const saturated = new Set<number>();
    for (let index = 0; index < 100_000; index++) blocks.file(index % 5_000, index, 19_000_000 + index, false, saturated);
    expect(blocks.size).toBe(5_000);
    expect(under(blocks, 4_999).map(([index]) => index)).toEqual(Array.from({ length: 20 }, (_, n) => 4_999 + n * 5_000));
  });

  it('files everyone at once exactly as one at a time: order, repeats, full blocks, and filings after', () => {
    // Seeded draws: people in index order, each under a few keys (some twice, some common).
    let seed = 7;
    const draw = (n: number) => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed % n;
    };
    const entries: number[] = [];
    for (let index = 0; index < 20_000; index++) {
      const dob = draw(10) === 0 ? -1 : 19_500_101 + draw(40_000);
      for (let k = 0; k < 1 + draw(6); k++) {
        const key = draw(4) === 0 ? draw(20) : draw(30_000);
        entries.push(key, index, dob);
        if (draw(8) === 0) entries.push(key, index, dob);
      }
    }
    const oneByOne = new Blocks(50);
    const oneByOneFull = new Set<number>();
    for (let at = 0; at < entries.length; at += 3) oneByOne.file(entries[at]!, entries[at + 1]!, entries[at + 2]!, false, oneByOneFull);
    const atOnce = new Blocks(50);
    const atOnceFull = new Set<number>();
    atOnce.fileAll(Int32Array.from(entries), entries.length, atOnceFull);

    expect(atOnce.size).toBe(oneByOne.size);
    expect([...atOnceFull].sort((a, b) => a - b)).toEqual([...oneByOneFull].sort((a, b) => a - b));
    expect(atOnceFull.size).toBeGreaterThan(0);
    for (let key = 0; key < 30_000; key++) expect(under(atOnce, key)).toEqual(under(oneByOne, key));
    // Blocks filed at once go on taking people one at a time, full ones none.
    for (const blocks of [oneByOne, atOnce]) {
      blocks.file(3, 20_000, 19_900_101, false, new Set());
      blocks.file(29_999, 20_000, 19_900_101, false, new Set());
      blocks.file(40_000, 20_000, 19_900_101, false, new Set());
    }
    for (const key of [3, 29_999, 40_000]) expect(under(atOnce, key)).toEqual(under(oneByOne, key));
    expect(() => atOnce.fileAll(Int32Array.from([1, 1, 1]), 3, new Set())).toThrow(/empty/);
  });
});

