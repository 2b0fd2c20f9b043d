/**
 * The person registry's blocking keys as small integers, and the blocks filed under them.
 *
 * A key is a tag and up to three integer codes (a date of birth as YYYYMMDD, a Soundex code's
 * number and a birth year, …), found in an open-addressing table of typed arrays. A million-row
 * extract files a hundred thousand people under half a million keys and looks a few hundred
 * thousand rows up under ten keys each: built as strings, every one of those keys was a new string
 * to concatenate, hash and compare (a third of linking a row without a PNC, and much of its garbage).
 */

import { grown } from './grownArray';
export const KEY_DOB = 0;
export const KEY_SOUNDEX_YEAR = 1;
export const KEY_SOUNDEX_INITIAL = 2;
export const KEY_EXACT = 3;

/** Integers per key in the table: tag and three codes. */
const KEY_INTS = 4;

/** Distinct keys, each numbered from 0 in order of first sight. */
export class KeyTable {
  private keys: Int32Array<ArrayBuffer> = new Int32Array(1024 * KEY_INTS);
  private slots = new Int32Array(1024).fill(-1);
  private count = 0;

  /** The key's number, numbering it if new. Codes are non-negative integers below 2³¹. */
  idOf(tag: number, a: number, b: number, c: number): number {
    const found = this.find(tag, a, b, c);
    if (found >= 0) return found;
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const id = this.count++;
    if (id * KEY_INTS >= this.keys.length) this.keys = grown(this.keys, this.keys.length * 2);
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
 * searched, even if some were taken out since (see {@link Blocks.start}), so what is searched never
 * depends on who was taken out.
 *
 * Every block lies in one typed array, each in a stretch of its own that doubles (moving to the
 * end) when it fills: a million-row extract files a hundred thousand people under half a million
 * keys, and an array of its own per key was half a million small objects for the collector to
 * trace, while a search reads a block's people side by side.
 */
export class Blocks {
  /** Every block's people: index, date of birth, index, date of birth, … */
  arena: Int32Array<ArrayBuffer> = new Int32Array(1 << 16);
  private arenaEnd = 0;
  /** By key number: where its stretch of {@link arena} starts, how many people it holds and has room for, and people ever filed under it. */
  private starts = new Int32Array(1024);
  private counts = new Int32Array(1024);
  private rooms = new Int32Array(1024);
  private filed = new Int32Array(1024);
  /** Keys with anyone filed under them. */
  size = 0;

  constructor(private readonly limit: number) {}

  /**
   * Where the people under `key` start in {@link arena} (up to {@link end}), or -1 for none or a
   * full block. Valid until the next filing.
   */
  start(key: number): number {
    return key >= this.filed.length || this.filed[key]! >= this.limit || this.counts[key] === 0 ? -1 : this.starts[key]!;
  }

  /** Where the people under `key` end in {@link arena} (see {@link start}). */
  end(key: number): number {
    return this.starts[key]! + this.counts[key]! * 2;
  }

  /** The one person under `key` when the block holds exactly one (and is not full), else -1. */
  single(key: number): number {
    const at = this.start(key);
    return at !== -1 && this.counts[key] === 1 ? this.arena[at]! : -1;
  }

  /**
   * Adds `index` (born `dobYmd`) under `key` once; a full block's key joins `saturated`. A person
   * being added has the highest index so far, so looking at the block's end is enough; a person
   * re-filed after an update needs the full search. A date of birth filed with a person is never
   * out of date: a linkable one is never replaced (a record only ever gains the values it lacks),
   * and a person who gains one is filed again under the keys it gives.
   */
  file(key: number, index: number, dobYmd: number, refiling: boolean, saturated: Set<number>): void {
    if (key >= this.filed.length) this.growKeys(key);
    const filed = this.filed[key]!;
    if (filed >= this.limit) {
      saturated.add(key);
      return;
    }
    const count = this.counts[key]!;
    if (count > 0 && (this.arena[this.starts[key]! + count * 2 - 2] === index || (refiling && this.holds(key, index)))) return;
    if (filed === 0) this.size += 1;
    if (count === this.rooms[key]) this.move(key, count === 0 ? 1 : count * 2);
    const at = this.starts[key]! + count * 2;
    this.arena[at] = index;
    this.arena[at + 1] = dobYmd;
    this.counts[key] = count + 1;
    this.filed[key] = filed + 1;
  }

  /**
   * Into an empty Blocks, files what {@link file} would given each `(key, index, dobYmd)` of
   * `entries` (up to `length` numbers, three a filing) in turn, each stretch sized once for the
   * people it takes: the registry files everyone at once when the first row needs a search by name
   * and date of birth, a hundred thousand people under half a million keys, and one at a time
   * each stretch would fill and move several times on the way.
   */
  fileAll(entries: Int32Array, length: number, saturated: Set<number>): void {
    if (this.size !== 0) throw new Error('Blocks.fileAll files into empty blocks only.');
    let topKey = -1;
    for (let at = 0; at < length; at += 3) if (entries[at]! > topKey) topKey = entries[at]!;
    if (topKey < 0) return;
    if (topKey >= this.filed.length) this.growKeys(topKey);
    const { filed, counts, starts, rooms } = this;
    // The last person filed under each key: a person's keys come together, and one given twice is filed once.
    const last = new Int32Array(topKey + 1).fill(-1);
    for (let at = 0; at < length; at += 3) {
      const key = entries[at]!;
      const index = entries[at + 1]!;
      if (last[key] === index) continue;
      last[key] = index;
      if (filed[key]! >= this.limit) saturated.add(key);
      else filed[key]! += 1;
    }
    let end = 0;
    for (let key = 0; key <= topKey; key++) {
      const room = filed[key]!;
      if (room === 0) continue;
      starts[key] = end;
      rooms[key] = room;
      end += room * 2;
      this.size += 1;
    }
    if (end > this.arena.length) {
      let arenaLength = this.arena.length;
      while (arenaLength < end) arenaLength *= 2;
      this.arena = new Int32Array(arenaLength);
    }
    const arena = this.arena;
    last.fill(-1);
    for (let at = 0; at < length; at += 3) {
      const key = entries[at]!;
      const index = entries[at + 1]!;
      if (last[key] === index) continue;
      last[key] = index;
      const count = counts[key]!;
      if (count === filed[key]) continue;
      const to = starts[key]! + count * 2;
      arena[to] = index;
      arena[to + 1] = entries[at + 2]!;
      counts[key] = count + 1;
    }
    this.arenaEnd = end;
  }

  /** Takes `index` out from under `key` (keeping the order of the rest); the block stays as full as it was. */
  remove(key: number, index: number): void {
    if (key >= this.filed.length) return;
    const start = this.starts[key]!;
    const end = this.end(key);
    for (let at = start; at < end; at += 2) {
      if (this.arena[at] !== index) continue;
      this.arena.copyWithin(at, at + 2, end);
      this.counts[key]! -= 1;
      return;
    }
  }

  /** What {@link file} does for a person already under `key`: a full block's key joins `saturated`. */
  refile(key: number, saturated: Set<number>): void {
    if (key < this.filed.length && this.filed[key]! >= this.limit) saturated.add(key);
  }

  private holds(key: number, index: number): boolean {
    const end = this.end(key);
    for (let at = this.starts[key]!; at < end; at += 2) if (this.arena[at] === index) return true;
    return false;
  }

  /** Gives the block a stretch with room for `room` people at the arena's end, its people copied there. */
  private move(key: number, room: number): void {
    const needed = this.arenaEnd + room * 2;
    if (needed > this.arena.length) {
      let length = this.arena.length * 2;
      while (length < needed) length *= 2;
      this.arena = grown(this.arena, length);
    }
    const start = this.starts[key]!;
    this.arena.copyWithin(this.arenaEnd, start, start + this.counts[key]! * 2);
    this.starts[key] = this.arenaEnd;
    this.rooms[key] = room;
    this.arenaEnd = needed;
  }

  private growKeys(key: number): void {
    let length = this.filed.length;
    while (length <= key) length *= 2;
    this.starts = grown(this.starts, length);
    this.counts = grown(this.counts, length);
    this.rooms = grown(this.rooms, length);
    this.filed = grown(this.filed, length);
  }
}
