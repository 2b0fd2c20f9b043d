/**
 * The person registry's blocking keys as small integers, and the blocks filed under them.
 *
 * A key is a tag and up to three integer codes (a date of birth as YYYYMMDD, a Soundex code's
 * number and a birth year, …), found in an open-addressing table of typed arrays. A million-row
 * extract files a hundred thousand people under half a million keys and looks a few hundred
 * thousand rows up under ten keys each: built as strings, every one of those keys was a new string
 * to concatenate, hash and compare (a third of linking a row without a PNC, and much of its garbage).
 */

export const KEY_DOB = 0;
export const KEY_SOUNDEX_YEAR = 1;
export const KEY_SOUNDEX_INITIAL = 2;
export const KEY_EXACT = 3;

/** Integers per key in the table: tag and three codes. */
const KEY_INTS = 4;

/** Distinct keys, each numbered from 0 in order of first sight. */
export class KeyTable {
  private keys = new Int32Array(1024 * KEY_INTS);
  private slots = new Int32Array(1024).fill(-1);
  private count = 0;

  /** The key's number, numbering it if new. Codes are non-negative integers below 2³¹. */
  idOf(tag: number, a: number, b: number, c: number): number {
    const found = this.find(tag, a, b, c);
    if (found >= 0) return found;
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const id = this.count++;
    if (id * KEY_INTS >= this.keys.length) {
      const bigger = new Int32Array(this.keys.length * 2);
      bigger.set(this.keys);
      this.keys = bigger;
    }
    const at = id * KEY_INTS;
    this.keys[at] = tag;
    this.keys[at + 1] = a;
    this.keys[at + 2] = b;
    this.keys[at + 3] = c;
    this.place(id, hashOf(tag, a, b, c));
    return id;
  }

  /** The key's number, or -1 when it was never numbered (so nobody is filed under it). */
  find(tag: number, a: number, b: number, c: number): number {
    const slots = this.slots;
    const keys = this.keys;
    const mask = slots.length - 1;
    let slot = hashOf(tag, a, b, c) & mask;
    for (;;) {
      const id = slots[slot]!;
      if (id === -1) return -1;
      const at = id * KEY_INTS;
      if (keys[at] === tag && keys[at + 1] === a && keys[at + 2] === b && keys[at + 3] === c) return id;
      slot = (slot + 1) & mask;
    }
  }

  private place(id: number, hash: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = hash & mask;
    while (slots[slot] !== -1) slot = (slot + 1) & mask;
    slots[slot] = id;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const keys = this.keys;
    for (let id = 0; id < this.count; id++) {
      const at = id * KEY_INTS;
      this.place(id, hashOf(keys[at]!, keys[at + 1]!, keys[at + 2]!, keys[at + 3]!));
    }
  }
}

function hashOf(tag: number, a: number, b: number, c: number): number {
  let h = Math.imul(tag + 1, 0x9e3779b1) ^ a;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ c;
  h = Math.imul(h ^ (h >>> 16), 0x27d4eb2d);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * People (registry indexes) filed under each key number, each with their linkable date of birth as
 * YYYYMMDD (-1 for none) beside them: most of a block is people born on other days, whom the
 * registry passes over on the number in hand rather than looking each one up elsewhere in memory.
 * A block that has had `limit` people filed under it is full: it takes no one more and is not
 * searched, even if some were taken out since (see {@link Blocks.get}), so what is searched never
 * depends on who was taken out.
 */
export class Blocks {
  /** By key number: index, date of birth, index, date of birth, … */
  private readonly lists: Array<number[] | undefined> = [];
  /** By key number: people ever filed under it. */
  private readonly filed: number[] = [];
  /** Keys with anyone filed under them. */
  size = 0;

  constructor(private readonly limit: number) {}

  /** The people under `key` as index and date-of-birth pairs, or undefined for none or a full block. */
  get(key: number): readonly number[] | undefined {
    return this.filed[key]! >= this.limit ? undefined : this.lists[key];
  }

  /**
   * Adds `index` (born `dobYmd`) under `key` once; a full block's key joins `saturated`. A person
   * being added has the highest index so far, so looking at the block's end is enough; a person
   * re-filed after an update needs the full search. A date of birth filed with a person is never
   * out of date: a linkable one is never replaced (a record only ever gains the values it lacks),
   * and a person who gains one is filed again under the keys it gives.
   */
  file(key: number, index: number, dobYmd: number, refiling: boolean, saturated: Set<number>): void {
    const lists = this.lists;
    while (lists.length <= key) {
      lists.push(undefined);
      this.filed.push(0);
    }
    const block = lists[key];
    if (!block) {
      lists[key] = [index, dobYmd];
      this.filed[key] = 1;
      this.size += 1;
    } else if (this.filed[key]! >= this.limit) saturated.add(key);
    else if (block[block.length - 2] !== index && !(refiling && holds(block, index))) {
      block.push(index, dobYmd);
      this.filed[key]! += 1;
    }
  }

  /** Takes `index` out from under `key` (keeping the order of the rest); the block stays as full as it was. */
  remove(key: number, index: number): void {
    const block = this.lists[key];
    if (!block) return;
    for (let k = 0; k < block.length; k += 2) {
      if (block[k] === index) {
        block.splice(k, 2);
        return;
      }
    }
  }

  /** What {@link file} does for a person already under `key`: a full block's key joins `saturated`. */
  refile(key: number, saturated: Set<number>): void {
    if (this.filed[key]! >= this.limit) saturated.add(key);
  }
}

function holds(block: readonly number[], index: number): boolean {
  for (let k = 0; k < block.length; k += 2) if (block[k] === index) return true;
  return false;
}
