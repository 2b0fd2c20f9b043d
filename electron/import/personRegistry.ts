import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  classifyLink,
  differentPncNeedsMatchingDob,
  indexKeys,
  prepareLinkRecord,
  queryKeys,
  scorePair,
  scoreUpperBound,
  SurnameClosenessCache,
  type LinkRecord,
  type LinkThresholds,
  DEFAULT_LINK_THRESHOLDS,
  type PairScore,
  type PreparedLinkRecord,
} from '../../shared/recordLinkage';

interface KnownPerson extends LinkRecord {
  id: number;
}

export type PersonMatch =
  | { kind: 'pnc'; personId: number }
  | { kind: 'auto'; personId: number; score: PairScore }
  | { kind: 'review'; personId: number; score: PairScore }
  | { kind: 'none' };

/**
 * A copy of `text` that does not keep the string it was sliced from alive. V8 represents a
 * substring of 13 or more characters (a PNC, for one) as a view into its parent, here a 256 KB
 * chunk of the CSV; prefixing and slicing again makes a fresh string the size of the text.
 */
function detach(text: string | null | undefined): string | null {
  return text == null ? null : ` ${text}`.slice(1);
}

/**
 * Adds `index` to the block under `key` once. A person being added has the highest index so far,
 * so looking at the block's end is enough; a person re-filed after an update needs the full search.
 */
function fileUnder(blocks: Map<string, number[]>, key: string, index: number, refiling: boolean): void {
  const block = blocks.get(key);
  if (!block) blocks.set(key, [index]);
  else if (block[block.length - 1] !== index && !(refiling && block.includes(index))) block.push(index);
}

/**
 * The workspace's people held in memory for one import, so each row links in constant time by PNC
 * and through blocking keys by name and date of birth. People the import creates are added as it
 * goes, so the 40 rows of one person in an arrests extract become one person.
 *
 * Built for a million-row extract as much as for a 20-row list: a row whose valid PNC nobody holds
 * yet is compared only with people born the same day (or day/month swapped) and people without a
 * PNC, because under the link weights anyone else scores below the review threshold (see
 * `differentPncNeedsMatchingDob`); and each pair is scored only when `scoreUpperBound` says it
 * could reach review. Both only skip pairs that could not change the decision, so the result is
 * the one comparing every blocked pair would give.
 */
export class PersonRegistry {
  /** Index into `people` by PNC, canonical and as stored. */
  private readonly byPnc = new Map<string, number>();
  private readonly people: KnownPerson[] = [];
  private readonly prepared: PreparedLinkRecord[] = [];
  private readonly indexById = new Map<number, number>();
  /** Everyone by valid date of birth. */
  private readonly byDob = new Map<string, number[]>();
  /** People without a valid PNC, under every blocking key. */
  private readonly withoutPnc = new Map<string, number[]>();
  /** Everyone under every blocking key; built the first time a row without a valid PNC needs it. */
  private allBlocks: Map<string, number[]> | null = null;
  /** Per person, the query that last looked at them, so a person in two blocks is scored once. */
  private readonly visited: number[] = [];
  private query = 0;
  private readonly pncRowsNeedMatchingDob: boolean;
  private readonly boundOptions = { cache: new SurnameClosenessCache() };
  private lastQuery: PreparedLinkRecord | null = null;
  /** The person the last PNC match found. */
  private lastHit: KnownPerson | null = null;
  /** The best candidate of the query in progress. */
  private best: { person: KnownPerson; score: PairScore } | null = null;

  constructor(private readonly thresholds: LinkThresholds = DEFAULT_LINK_THRESHOLDS) {
    this.pncRowsNeedMatchingDob = differentPncNeedsMatchingDob(thresholds);
  }

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
    // Always the same shape, so the hot paths reading these objects stay monomorphic; strings
    // detached from the file chunk they were cut from, which would otherwise stay in memory as
    // long as the registry does.
    const index = this.people.push({ id: person.id, pnc: detach(person.pnc), surname: detach(person.surname), forenames: detach(person.forenames), dob: detach(person.dob) }) - 1;
    this.indexById.set(person.id, index);
    this.visited.push(0);
    // The importer adds the person the row it just matched describes: reuse that preparation.
    const last = this.lastQuery;
    const same = last !== null && last.record.pnc === person.pnc && last.record.surname === person.surname && last.record.forenames === person.forenames && last.record.dob === person.dob;
    const stored = this.people[index]!;
    this.prepared.push(same ? { ...last, pnc: last.pnc === null ? null : last.pnc === stored.pnc ? stored.pnc : detach(last.pnc), record: stored, names: undefined } : prepareLinkRecord(stored));
    this.fileKeys(index, false);
  }

  /** Files a person under the keys their current values give; old keys stay (a harmless extra look). */
  private fileKeys(index: number, refiling: boolean): void {
    const person = this.people[index]!;
    const prepared = this.prepared[index]!;
    if (prepared.pnc) this.byPnc.set(prepared.pnc, index);
    if (person.pnc) this.byPnc.set(person.pnc, index);
    if (prepared.dob) fileUnder(this.byDob, prepared.dob, index, refiling);
    if (!prepared.pnc || this.allBlocks) {
      for (const key of indexKeys(person, undefined)) {
        if (!prepared.pnc) fileUnder(this.withoutPnc, key, index, refiling);
        if (this.allBlocks) fileUnder(this.allBlocks, key, index, refiling);
      }
    }
  }

  private blocks(): Map<string, number[]> {
    if (!this.allBlocks) {
      const blocks = new Map<string, number[]>();
      this.people.forEach((person, index) => {
        for (const key of indexKeys(person, undefined)) fileUnder(blocks, key, index, false);
      });
      this.allBlocks = blocks;
    }
    return this.allBlocks;
  }

  /** Fills in what a later list knows that the first did not (a PNC, a date of birth). */
  get(personId: number): Readonly<KnownPerson> | undefined {
    // The importer asks about the person it has just matched: no map lookup for that one.
    if (this.lastHit !== null && this.lastHit.id === personId) return this.lastHit;
    const index = this.indexById.get(personId);
    return index === undefined ? undefined : this.people[index];
  }

  update(personId: number, changes: Partial<LinkRecord>): void {
    const index = this.indexById.get(personId);
    if (index === undefined) return;
    const person = this.people[index]!;
    if (changes.pnc != null) person.pnc = detach(changes.pnc);
    if (changes.surname != null) person.surname = detach(changes.surname);
    if (changes.forenames != null) person.forenames = detach(changes.forenames);
    if (changes.dob != null) person.dob = detach(changes.dob);
    this.prepared[index] = prepareLinkRecord(person);
    this.fileKeys(index, true);
  }

  /**
   * A valid PNC decides on its own. Otherwise the best name-and-DOB candidate is linked when its
   * score clears the automatic threshold, queued for review between the thresholds, else none.
   */
  match(record: LinkRecord): PersonMatch {
    // Most rows of an extract are people already seen, under the very PNC text stored for them.
    this.lastHit = null;
    if (record.pnc) {
      const index = this.byPnc.get(record.pnc);
      if (index !== undefined) return this.pncMatch(index);
    }
    const query = prepareLinkRecord(record);
    this.lastQuery = query;
    if (query.pnc) {
      const index = this.byPnc.get(query.pnc);
      if (index !== undefined) return this.pncMatch(index);
    }
    this.query += 1;
    this.best = null;
    if (query.pnc && this.pncRowsNeedMatchingDob) {
      if (query.dob) this.consider(record, query, this.byDob.get(query.dob));
      if (query.swappedDob) this.consider(record, query, this.byDob.get(query.swappedDob));
      if (this.withoutPnc.size) for (const key of queryKeys(record, undefined)) this.consider(record, query, this.withoutPnc.get(key));
    } else {
      const blocks = this.blocks();
      for (const key of queryKeys(record, undefined)) this.consider(record, query, blocks.get(key));
    }
    const found = this.best as { person: KnownPerson; score: PairScore } | null;
    this.best = null;
    if (!found) return { kind: 'none' };
    const classification = classifyLink(found.score.score, this.thresholds);
    if (classification === 'auto') return { kind: 'auto', personId: found.person.id, score: found.score };
    if (classification === 'review') return { kind: 'review', personId: found.person.id, score: found.score };
    return { kind: 'none' };
  }

  private pncMatch(index: number): PersonMatch {
    const person = this.people[index]!;
    this.lastHit = person;
    return { kind: 'pnc', personId: person.id };
  }

  /** Scores the people of one block not yet seen by this query, unless they cannot reach review. */
  private consider(record: LinkRecord, query: PreparedLinkRecord, block: readonly number[] | undefined): void {
    if (!block) return;
    for (const index of block) {
      if (this.visited[index] === this.query) continue;
      this.visited[index] = this.query;
      if (scoreUpperBound(query, this.prepared[index]!, this.boundOptions) < this.thresholds.review) continue;
      const person = this.people[index]!;
      const score = scorePair(record, person);
      const best = this.best;
      if (!best || score.score > best.score.score || (score.score === best.score.score && person.id < best.person.id)) this.best = { person, score };
    }
  }
}
