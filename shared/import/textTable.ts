/**
 * Every distinct text of a file once, numbered in order of first sight, found from a range of the
 * CSV text without cutting it out: a hash over the characters and a comparison with the stored
 * text. A new text is cut out once and kept, and listed in `fresh` until the reader hands it on
 * (the coded batches of `electron/import/arrestLines.ts` carry their new texts that way).
 */
export class TextTable {
  private readonly values: string[] = [];
  private readonly hashes: number[] = [];
  /** Open addressing: id + 1 per slot, 0 for empty; a power of two, under half full. */
  private slots = new Int32Array(1024);
  fresh: string[] = [];

  /** Id of the text from `start` to `end` when `cellText` would keep it as it is; -1 otherwise. */
  plainId(text: string, start: number, end: number): number {
    const last = end - 1;
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x20) {
        if (i === start || i === last || text.charCodeAt(i - 1) === 0x20) return -1;
      } else if (c < 0x21 || c > 0x7e) {
        return -1;
      }
      hash = Math.imul(hash ^ c, FNV_PRIME);
    }
    return this.find(text, start, end, hash);
  }

  /** Id of any text (a range of `text`). */
  id(text: string, start: number, end: number): number {
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
    return this.find(text, start, end, hash);
  }

  private find(text: string, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = slots[slot]!;
      if (entry === 0) break;
      const id = entry - 1;
      if (this.hashes[id] === hash && sameText(this.values[id]!, text, start, end)) return id;
      slot = (slot + 1) & mask;
    }
    // Kept for the whole file: a copy, not a view of the chunk it was cut from.
    const value = ` ${text.slice(start, end)}`.slice(1);
    const id = this.values.push(value) - 1;
    this.hashes.push(hash);
    this.fresh.push(value);
    slots[slot] = id + 1;
    if (this.values.length * 2 > slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.values.length; id++) {
      let slot = this.hashes[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function sameText(value: string, text: string, start: number, end: number): boolean {
  if (value.length !== end - start) return false;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
