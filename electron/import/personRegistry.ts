import type { Database } from 'better-sqlite3-multiple-ciphers';
import { classifyLink, indexKeys, queryKeys, scorePair, type LinkRecord, type LinkThresholds, DEFAULT_LINK_THRESHOLDS, type PairScore } from '../../shared/recordLinkage';

interface KnownPerson extends LinkRecord {
  id: number;
}

export type PersonMatch =
  | { kind: 'pnc'; personId: number }
  | { kind: 'auto'; personId: number; score: PairScore }
  | { kind: 'review'; personId: number; score: PairScore }
  | { kind: 'none' };

/**
 * The workspace's people held in memory for one import, so each row links in constant time by PNC
 * and through blocking keys by name and date of birth. People the import creates are added as it
 * goes, so the 40 rows of one person in an arrests extract become one person.
 */
export class PersonRegistry {
  private readonly byPnc = new Map<string, number>();
  private readonly people: KnownPerson[] = [];
  private readonly indexById = new Map<number, number>();
  private readonly blocks = new Map<string, number[]>();

  constructor(private readonly thresholds: LinkThresholds = DEFAULT_LINK_THRESHOLDS) {}

  static load(db: Database, thresholds?: LinkThresholds): PersonRegistry {
    const registry = new PersonRegistry(thresholds);
    const rows = db.prepare('SELECT id, pnc, surname, forenames, dob FROM people').iterate() as IterableIterator<KnownPerson>;
    for (const row of rows) registry.add(row);
    return registry;
  }

  get size(): number {
    return this.people.length;
  }

  add(person: KnownPerson): void {
    if (person.pnc) this.byPnc.set(person.pnc, person.id);
    const index = this.people.push({ ...person }) - 1;
    this.indexById.set(person.id, index);
    for (const key of new Set(indexKeys(person, undefined))) {
      const block = this.blocks.get(key);
      if (block) block.push(index);
      else this.blocks.set(key, [index]);
    }
  }

  /** Fills in what a later list knows that the first did not (a PNC, a date of birth). */
  get(personId: number): Readonly<KnownPerson> | undefined {
    const index = this.indexById.get(personId);
    return index === undefined ? undefined : this.people[index];
  }

  update(personId: number, changes: Partial<LinkRecord>): void {
    const index = this.indexById.get(personId);
    if (index === undefined) return;
    const person = this.people[index]!;
    const added: KnownPerson = { ...person, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v != null)) };
    if (added.pnc && added.pnc !== person.pnc) this.byPnc.set(added.pnc, personId);
    Object.assign(person, added);
    for (const key of new Set(indexKeys(person, undefined))) {
      const block = this.blocks.get(key) ?? [];
      if (!block.includes(index)) block.push(index);
      this.blocks.set(key, block);
    }
  }

  /**
   * A valid PNC decides on its own. Otherwise the best name-and-DOB candidate is linked when its
   * score clears the automatic threshold, queued for review between the thresholds, else none.
   */
  match(record: LinkRecord): PersonMatch {
    if (record.pnc) {
      const id = this.byPnc.get(record.pnc);
      if (id !== undefined) return { kind: 'pnc', personId: id };
    }
    let best: { person: KnownPerson; score: PairScore } | null = null;
    const seen = new Set<number>();
    for (const key of queryKeys(record, undefined)) {
      for (const index of this.blocks.get(key) ?? []) {
        if (seen.has(index)) continue;
        seen.add(index);
        const person = this.people[index]!;
        const score = scorePair(record, person);
        if (!best || score.score > best.score.score || (score.score === best.score.score && person.id < best.person.id)) best = { person, score };
      }
    }
    if (!best) return { kind: 'none' };
    const classification = classifyLink(best.score.score, this.thresholds);
    if (classification === 'auto') return { kind: 'auto', personId: best.person.id, score: best.score };
    if (classification === 'review') return { kind: 'review', personId: best.person.id, score: best.score };
    return { kind: 'none' };
  }
}
