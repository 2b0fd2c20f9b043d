/**
 * A value worked out once per pair of keys and remembered, up to a bound: linking meets the same
 * pairs of surnames and forenames again and again, while a million-row import must not hold every
 * pair it ever met. At the bound the memo is emptied and starts again, which costs a few repeated
 * computations and keeps its memory flat.
 */
export class PairMemo<A, B, V> {
  // Keyed by the two keys in turn rather than one joined key, so a lookup allocates nothing and
  // reuses each string key's cached hash.
  private readonly rows = new Map<A, Map<B, V>>();
  private entries = 0;

  constructor(
    private readonly compute: (a: A, b: B) => V,
    private readonly maxEntries: number,
  ) {}

  get(a: A, b: B): V {
    let row = this.rows.get(a);
    const known = row?.get(b);
    if (known !== undefined) return known;
    const value = this.compute(a, b);
    if (this.entries >= this.maxEntries) {
      this.rows.clear();
      this.entries = 0;
      row = undefined;
    }
    if (!row) {
      row = new Map();
      this.rows.set(a, row);
    }
    row.set(b, value);
    this.entries += 1;
    return value;
  }
}
